"""The page actions after the decision, and the catalogue's publication, run their services and say so."""

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.core import clock
from fazhi.major_decisions import services
from fazhi.major_decisions.constants import CatalogueStatus, DecisionStatus
from fazhi.major_decisions.models import DecisionCatalogue, MajorDecision
from fazhi.major_decisions.views import CATALOGUE_PUBLISHED, EVALUATED


@pytest.fixture
def decided(units):
    catalogue = services.catalogue_create(user=None, year=2022, decision_organ=units["legal"])
    decision = services.decision_add(user=None, catalogue=catalogue, title="甲街道停车场建设",
                                     undertaking_unit=units["street_a"])
    MajorDecision.objects.filter(pk=decision.pk).update(status=DecisionStatus.DECIDED, decided_on=dt.date(2022, 4, 20))
    return MajorDecision.objects.get(pk=decision.pk)


def test_the_undertaking_unit_evaluates_on_the_page(client, users, decided):
    client.force_login(users["unit_staff"])
    page = client.get(reverse("major_decisions:decisions:detail", args=[decided.pk])).content.decode()
    assert 'id="evaluate"' in page and 'id="step"' not in page  # the lifecycle's actions from "decided"
    response = client.post(reverse("major_decisions:decisions:evaluate", args=[decided.pk]), {
        "evaluate-evaluated_on": clock.today().isoformat(), "evaluate-report": "效果良好"}, follow=True)
    assert str(EVALUATED) in response.content.decode()
    assert MajorDecision.objects.get(pk=decided.pk).status == DecisionStatus.EVALUATED


def test_only_the_office_publishes_the_catalogue(client, users, decided):
    catalogue = decided.catalogue
    url = reverse("major_decisions:catalogues:publish", args=[catalogue.pk])
    data = {"publish-published_on": clock.today().isoformat()}
    client.force_login(users["unit_staff"])
    assert client.post(url, data).status_code == 403
    client.force_login(users["legal_office"])
    response = client.post(url, data, follow=True)
    assert str(CATALOGUE_PUBLISHED) in response.content.decode()
    assert DecisionCatalogue.objects.get(pk=catalogue.pk).status == CatalogueStatus.PUBLISHED
