"""Type-ahead for large drop-downs: the form renders a search box instead of thousands of options, the
lookup offers exactly what the user's form would accept, and a posted choice still validates."""

import pytest
from django.urls import reverse

from fazhi.enforcement.models import EnforcementCase as Case
from fazhi.enforcement.tests.factories import EnforcementBodyFactory
from fazhi.market_entities.tests.factories import MarketEntityFactory


@pytest.fixture
def many_entities(settings, units):
    settings.FAZHI_SELECT_LOOKUP_OVER = 3
    return [MarketEntityFactory(street=units["street_a"], name=f"长兴岛{word}有限公司")
            for word in ("海鲜", "海运", "石化", "机械")]


def _lookup(client, field, query, model="enforcement.enforcementcase"):
    return client.get(reverse("web:lookup", args=[model, field]), {"q": query})


def test_a_large_select_renders_a_search_box_and_only_the_chosen_option(client, users, many_entities):
    client.force_login(users["officer"])
    page = client.get(reverse("enforcement:cases:create")).content.decode()
    assert 'data-lookup="/lookup/enforcement.enforcementcase/party_entity/"' in page
    assert 'data-lookup-for="id_party_entity"' in page
    assert "长兴岛海鲜有限公司" not in page  # not one of the four entities is listed up front


def test_the_lookup_matches_by_the_entity_pages_search_fields(client, users, many_entities):
    client.force_login(users["officer"])
    found = _lookup(client, "party_entity", "海").json()
    assert sorted(r["label"] for r in found["results"]) == ["长兴岛海运有限公司", "长兴岛海鲜有限公司"]
    assert found["more"] is False
    by_code = _lookup(client, "party_entity", many_entities[2].uscc[-8:]).json()["results"]
    assert by_code == [{"value": str(many_entities[2].pk), "label": str(many_entities[2])}]
    assert _lookup(client, "party_entity", "").json()["results"] == []


def test_the_lookup_is_capped_and_says_so(client, users, units, settings, many_entities):
    from fazhi.records import widgets

    MarketEntityFactory.create_batch(widgets.LOOKUP_LIMIT + 1, street=units["street_a"], name="长兴岛同名有限公司")
    client.force_login(users["officer"])
    found = _lookup(client, "party_entity", "同名").json()
    assert len(found["results"]) == widgets.LOOKUP_LIMIT and found["more"] is True


def test_the_lookup_offers_what_the_form_offers_the_user(client, users, units, settings):
    settings.FAZHI_SELECT_LOOKUP_OVER = 0
    EnforcementBodyFactory(org_unit=units["street_a"], name="甲街道综合执法队")
    EnforcementBodyFactory(org_unit=units["street_b"], name="乙街道综合执法队")
    client.force_login(users["officer"])  # street A's officer: the other street's body is not offered
    assert [r["label"] for r in _lookup(client, "body", "执法队").json()["results"]] == ["甲街道综合执法队"]
    client.force_login(users["legal_office"])  # the legal office opens cases for any body
    assert len(_lookup(client, "body", "执法队").json()["results"]) == 2


def test_the_lookup_refuses_what_is_not_a_form_link(client, users, many_entities):
    client.force_login(users["officer"])
    assert _lookup(client, "summary", "海").status_code == 404  # a text field
    assert _lookup(client, "party_entity", "海", model="auth.user").status_code == 404  # no record pages
    assert _lookup(client, "party_entity", "海", model="no-such-model").status_code == 404
    client.logout()
    assert _lookup(client, "party_entity", "海").status_code in (302, 401)


def test_a_choice_found_by_lookup_saves_and_a_bad_one_is_refused(client, users, units, many_entities):
    body = EnforcementBodyFactory(org_unit=units["street_a"], name="甲街道综合执法队")
    client.force_login(users["officer"])
    data = {"body": body.pk, "number": "", "kind": "penalty", "matter": "", "party_name": "", "party_id_number": "",
            "summary": "无证经营", "opened_on": "2022-03-01"}
    refused = client.post(reverse("enforcement:cases:create"), {**data, "party_entity": "not-a-key"})
    assert refused.status_code == 200 and not Case.objects.exists()
    assert "选择一个有效的选项" in refused.content.decode() or "有效" in refused.content.decode()
    chosen = many_entities[1]
    saved = client.post(reverse("enforcement:cases:create"), {**data, "party_entity": chosen.pk})
    assert saved.status_code == 302, saved.content.decode()[:2000]
    case = Case.objects.get()
    assert case.party_entity == chosen
    # Its edit page shows the chosen entity as the one option.
    edit = client.get(reverse("enforcement:cases:edit", args=[case.pk])).content.decode()
    assert f'<option value="{chosen.pk}" selected>{chosen}</option>' in edit


@pytest.mark.django_db
def test_a_model_without_pages_or_names_matches_nothing_instead_of_failing():
    from fazhi.inspections.models import CommitmentLogEntry
    from fazhi.records.lookup import search_condition

    assert list(CommitmentLogEntry.objects.filter(search_condition(CommitmentLogEntry, "x"))) == []
