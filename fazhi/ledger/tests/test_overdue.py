"""Overdue items: the state on a day (an extended item is not overdue before its new date), 督办 by the legal-affairs
office, the on-time rate over the items due (an overdue unanswered item counts against it), the statistics per kind
with each count linking to its items, the list's state/year/escalated filters, the desk and the API."""

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from fazhi.api.tests.clients import client as api_client
from fazhi.api.tests.clients import post
from fazhi.core.exceptions import FazhiError, PermissionDeniedError, cn_date
from fazhi.core.modules import WorkTally
from fazhi.ledger import selectors, services
from fazhi.ledger.constants import ItemKind, ItemState
from fazhi.ledger.models import TrackedItem
from fazhi.registers.tabular import read_table

TODAY = dt.date(2022, 6, 30)


def _item(unit, kind=ItemKind.JUDICIAL, received_on=dt.date(2022, 3, 1), subject="建议", **values):
    return services.item_create(user=None, kind=kind, source="区人民法院", owner_unit=unit, subject=subject,
                                received_on=received_on, **values)


@pytest.fixture
def ledger(units, set_today):
    """Street A: a judicial recommendation overdue (due 5 May), one extended past today, one answered late, one
    answered on time, one still in its period; street B: a procuratorial one overdue."""
    set_today(dt.date(2022, 5, 1))  # before the judicial items' due date (5 May): one is extended in time
    a = units["street_a"]
    overdue = _item(a, subject="逾期未复")
    extended = _item(a, subject="已延期")
    services.item_extend(user=None, item=extended, extended_to=dt.date(2022, 7, 15), reason="需会同有关部门研究")
    on_time = services.item_answer(user=None, item=_item(a, subject="按期答复"), answer="已整改",
                                   answered_on=dt.date(2022, 4, 1))
    set_today(TODAY)
    late = services.item_answer(user=None, item=_item(a, subject="逾期答复"), answer="已整改",
                                answered_on=dt.date(2022, 5, 20))
    open_item = _item(a, subject="办理中", received_on=dt.date(2022, 6, 1))
    other = _item(units["street_b"], kind=ItemKind.PROCURATORIAL, subject="乙街道逾期")
    return {"overdue": overdue, "extended": TrackedItem.objects.get(pk=extended.pk), "late": late,
            "on_time": on_time, "open": open_item, "other": other}


def _refused(call, **kwargs) -> str:
    with pytest.raises(FazhiError) as refused:
        call(**kwargs)
    return refused.value.message


def test_each_item_has_its_state_today_and_the_queryset_agrees(ledger):
    expected = {"overdue": ItemState.OVERDUE, "extended": ItemState.EXTENDED, "late": ItemState.LATE,
                "on_time": ItemState.ON_TIME, "open": ItemState.OPEN, "other": ItemState.OVERDUE}
    for name, state in expected.items():
        assert ledger[name].state_on(TODAY) == state, name
        assert selectors.in_state(TrackedItem.objects.all(), state, TODAY).filter(pk=ledger[name].pk).exists()
    # The day after the extended date, the extended item is overdue too.
    assert ledger["extended"].state_on(dt.date(2022, 7, 16)) == ItemState.OVERDUE
    assert selectors.in_state(TrackedItem.objects.all(), ItemState.OVERDUE, dt.date(2022, 7, 16)).count() == 3


def test_the_on_time_rate_counts_overdue_unanswered_items_against_it(ledger, units):
    figures = selectors.figures(2022, ItemKind.JUDICIAL, units["street_a"])
    assert (figures.received, figures.answered, figures.on_time, figures.late, figures.overdue) == (5, 2, 1, 1, 1)
    assert figures.due == 3 and figures.on_time_rate == round(100 / 3, 2)
    assert figures.extended == 1
    # Answering the overdue item late leaves the rate where it was; the due count is unchanged.
    services.item_answer(user=None, item=ledger["overdue"], answer="已整改", answered_on=TODAY)
    after = selectors.figures(2022, ItemKind.JUDICIAL, units["street_a"])
    assert (after.overdue, after.late, after.on_time_rate) == (0, 2, figures.on_time_rate)
    assert set(selectors.due_for_answer(2022, TODAY, ItemKind.JUDICIAL)) == {
        ledger["overdue"], ledger["late"], ledger["on_time"]}


def test_the_legal_office_escalates_an_overdue_item_once(ledger, users):
    item = ledger["overdue"]
    with pytest.raises(PermissionDeniedError):  # the owner unit does not escalate its own item
        services.item_escalate(user=users["unit_staff_b"], item=item, note="请尽快答复")
    assert _refused(services.item_escalate, user=users["unit_staff"], item=item, note="x") == str(services.NOT_NOW)
    assert _refused(services.item_escalate, user=users["legal_office"], item=ledger["open"], note="x") == str(
        services.NOT_NOW)  # not overdue
    assert _refused(services.item_escalate, user=users["legal_office"], item=item, note=" ") == str(
        services.REASON_REQUIRED)
    message = _refused(services.item_escalate, user=users["legal_office"], item=item, note="请尽快答复",
                       escalated_on=item.due_on)
    assert message == str(services.ESCALATE_NOT_OVERDUE) % {"date": cn_date(item.due_on)}
    item = services.item_escalate(user=users["legal_office"], item=item, note="请于7月8日前书面答复")
    assert (item.escalated_on, item.escalation_note) == (TODAY, "请于7月8日前书面答复")
    assert _refused(services.item_escalate, user=users["legal_office"], item=item, note="再次督办") == str(
        services.NOT_NOW)
    assert selectors.figures(2022).escalated == 1
    assert item.history.first().history_change_reason == "督办"


def _tallies(user) -> dict[str, WorkTally]:
    return {str(tally.title): tally for tally in selectors.work_queue(user, TODAY)}


def test_the_desk_shows_a_units_overdue_and_escalated_items(ledger, users):
    services.item_escalate(user=users["legal_office"], item=ledger["overdue"], note="请尽快答复")
    unit = _tallies(users["unit_staff"])
    counts = [unit[title].count for title in ("办理中的跟踪事项", "逾期未答复的跟踪事项", "被督办的跟踪事项")]
    assert counts == [3, 1, 1]
    assert _tallies(users["legal_office"])["逾期未答复的跟踪事项"].count == 2  # every unit's
    assert _tallies(users["unit_staff_b"])["被督办的跟踪事项"].count == 0
    assert selectors.work_queue(users["leader"], TODAY) == []


def _listed(client, url) -> set[str]:
    page = client.get(url).content.decode()
    return {item.subject for item in TrackedItem.objects.all() if item.number in page}


def test_the_list_filters_by_state_year_and_escalation(ledger, users, client):
    client.force_login(users["unit_staff"])
    url = reverse("ledger:items:list")
    assert _listed(client, f"{url}?state=overdue") == {"逾期未复"}
    assert _listed(client, f"{url}?state=extended") == {"已延期"}
    assert _listed(client, f"{url}?year=2021") == set()
    assert _listed(client, f"{url}?year=2022") == {"逾期未复", "已延期", "逾期答复", "按期答复", "办理中"}
    services.item_escalate(user=users["legal_office"], item=ledger["overdue"], note="请尽快答复")
    assert _listed(client, f"{url}?escalated=1") == {"逾期未复"}
    assert "延期办理中" in client.get(f"{url}?state=extended").content.decode()  # the state column


def test_the_statistics_page_counts_per_kind_and_links_to_the_items(ledger, users, client):
    client.force_login(users["legal_office"])
    response = client.get(reverse("ledger:statistics"), {"year": 2022})
    page = response.content.decode()
    assert response.status_code == 200 and "司法建议" in page and "检察建议" in page
    rows = response.context["rows"]
    judicial = next(figures for kind, figures, _links in rows if kind == ItemKind.JUDICIAL)
    assert (judicial.received, judicial.overdue, judicial.on_time_rate) == (5, 1, round(100 / 3, 2))
    links = next(links for kind, _figures, links in rows if kind == ItemKind.JUDICIAL)
    assert _listed(client, links["overdue"]) == {"逾期未复"}
    assert parse_qs(urlparse(links["on_time"]).query) == {"year": ["2022"], "kind": ["judicial"], "on_time": ["1"]}
    assert _listed(client, links["on_time"]) == {"按期答复"} and _listed(client, links["late"]) == {"逾期答复"}
    assert response.context["total"].overdue == 2
    # A unit's staff see their own unit's figures only, whatever unit they ask for.
    client.force_login(users["unit_staff_b"])
    response = client.get(reverse("ledger:statistics"), {"year": 2022, "org_unit": ledger["overdue"].owner_unit_id})
    assert response.context["total"].received == 1 and response.context["unit"] == ledger["other"].owner_unit
    assert response.context["total"].on_time_rate == 0.0 and "按期答复率0.0%" in response.content.decode()  # not “—”
    xlsx = client.get(reverse("ledger:statistics"), {"year": 2022, "format": "xlsx"})
    header, rows = read_table(xlsx.content, "xlsx")
    assert header[:6] == ["类别", "收到", "已答复", "按期答复", "逾期答复", "逾期未答复"]
    assert [cells[:6] for _number, cells in rows] == [["检察建议", "1", "0", "0", "0", "1"],
                                                       ["合计", "1", "0", "0", "0", "1"]]


def test_the_api_escalates_and_answers_statistics_within_scope(ledger, users):
    item = ledger["other"]
    staff = api_client(users["unit_staff_b"])
    assert post(staff, f"/api/ledger/items/{item.pk}/escalate", {"note": "x", "version": item.version}
                ).status_code == 403
    legal = api_client(users["legal_office"])
    response = post(legal, f"/api/ledger/items/{item.pk}/escalate", {"note": "请尽快答复", "version": item.version})
    assert response.status_code == 200, response.content
    assert response.json()["escalated_on"] == TODAY.isoformat() and response.json()["state"] == "overdue"
    body = staff.get("/api/ledger/statistics?year=2022").json()
    assert [row["kind"] for row in body["rows"]] == ["procuratorial"]
    assert (body["total"]["received"], body["total"]["escalated"], body["total"]["on_time_rate"]) == (1, 1, 0.0)
    zone = legal.get("/api/ledger/statistics?year=2022").json()
    assert zone["total"]["overdue"] == 2 and zone["as_of"] == TODAY.isoformat()
    assert api_client(users["officer"]).get("/api/ledger/statistics?year=2022").status_code == 200
