"""The decision pages: steps as actions, the review only for the legal office, other units 404."""

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.major_decisions import services
from fazhi.major_decisions.constants import StepKind
from fazhi.major_decisions.models import DecisionStep

D = dt.date


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def decision(units, users):
    catalogue = services.catalogue_create(user=None, year=2022, decision_organ=units["legal"])
    return services.decision_add(user=None, catalogue=catalogue, title="甲街道停车场建设",
                                 undertaking_unit=units["street_a"])


def test_pages_render_and_refusals_show_the_article(client, users, decision):
    client.force_login(users["unit_staff"])
    detail = reverse("major_decisions:decisions:detail", args=[decision.pk])
    page = client.get(detail).content.decode()
    assert str(StepKind.PUBLIC_PARTICIPATION.label) in page and str(StepKind.COLLECTIVE_DISCUSSION.label) in page
    assert 'id="review"' not in page  # the legal office's action
    response = client.post(reverse("major_decisions:decisions:discuss", args=[decision.pk]), {
        "discuss-completed_on": "2022-05-01", "discuss-people": "管委会常务会议", "discuss-outcome": "adopted",
        "discuss-summary": "同意"})
    not_reviewed = str(services.DISCUSSION_NOT_REVIEWED) % {"state": services.DISCUSSION_REVIEW_NONE}
    assert response.status_code == 200 and not_reviewed in response.content.decode()
    assert not DecisionStep.objects.exists()
    response = client.post(reverse("major_decisions:decisions:review", args=[decision.pk]), {
        "review-opinion": "lawful", "review-completed_on": "2022-05-01", "review-summary": "合法"})
    assert response.status_code == 403


def test_other_unit_and_catalogue_pages(client, users, decision):
    client.force_login(users["unit_staff_b"])
    assert client.get(reverse("major_decisions:decisions:detail", args=[decision.pk])).status_code == 404
    page = client.get(reverse("major_decisions:catalogues:detail", args=[decision.catalogue.pk]))
    assert page.status_code == 200 and "甲街道停车场建设" not in page.content.decode()
    client.force_login(users["legal_office"])
    response = client.post(reverse("major_decisions:decisions:review", args=[decision.pk]), {
        "review-opinion": "lawful", "review-completed_on": "2022-05-01", "review-summary": "合法"})
    assert response.status_code == 302
    assert DecisionStep.objects.get().kind == StepKind.LEGALITY_REVIEW
