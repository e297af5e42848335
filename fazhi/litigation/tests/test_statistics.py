"""行政复议和行政应诉统计: the counts by 行政管理类别 and by unit, their links, the unit scope, the xlsx and the API."""

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from fazhi.api.tests.clients import client as api_client
from fazhi.litigation import services
from fazhi.litigation.constants import Outcome
from fazhi.litigation.models import AdministrativeLitigation
from fazhi.litigation.tests.factories import heard, lawsuit
from fazhi.reconsideration import services as reconsideration_services
from fazhi.reconsideration.constants import ManagementCategory
from fazhi.reconsideration.models import Reconsideration
from fazhi.reconsideration.tests.factories import reconsideration
from fazhi.registers.tabular import read_table

D = dt.date
MARKET, LABOUR = ManagementCategory.MARKET_REGULATION, ManagementCategory.LABOUR


@pytest.fixture
def cases(units):
    a, b = units["street_a"], units["street_b"]
    lost = heard(lawsuit(a, received_on=D(2022, 3, 1), category=MARKET))
    services.litigation_close(user=None, litigation=lost, outcome=Outcome.JUDGED_REVOKED, document="判决书",
                              closed_on=D(2022, 5, 1))
    heard(lawsuit(a, received_on=D(2022, 3, 2), category=MARKET), head_appeared=False)
    lawsuit(b, received_on=D(2022, 4, 1), category=LABOUR)
    lawsuit(a, received_on=D(2021, 4, 1), category=LABOUR)  # another year
    for outcome in ("revoked", "upheld"):
        case = reconsideration(a, received_on=D(2022, 6, 1), category=MARKET)
        reconsideration_services.reconsideration_decide(user=None, reconsideration=case, outcome=outcome,
                                                        document="复议决定书", decided_on=D(2022, 7, 1))
    reconsideration(b, received_on=D(2022, 6, 2), category=LABOUR)
    return a, b


def test_the_zone_wide_page_counts_by_category_and_unit_and_links_to_the_cases(cases, users, client):
    client.force_login(users["legal_office"])
    response = client.get(reverse("litigation:statistics"), {"year": 2022})
    assert response.status_code == 200
    tables = {table_id: rows for _title, _first, rows, table_id in response.context["tables"]}
    market = {str(label): f for label, f, _links in tables["by-category"]}["市场监管"]
    assert (market.reconsidered, market.corrected, market.correction_rate) == (2, 1, 50.0)
    assert (market.sued, market.lost, market.loss_rate, market.heard, market.appearance_rate) == (2, 1, 100.0, 2, 50.0)
    _label, total, links = response.context["total"]
    assert (total.reconsidered, total.sued, total.lost) == (3, 3, 1)
    assert [str(label) for label, _f, _links in tables["by-unit"]] == ["甲街道", "乙街道"]
    assert parse_qs(urlparse(links["lost"]).query) == {"year": ["2022"], "lost": ["1"]}
    page = client.get(links["lost"]).content.decode()
    lost = AdministrativeLitigation.objects.get(outcome=Outcome.JUDGED_REVOKED)
    assert lost.case_number in page
    assert all(other.case_number not in page for other in AdministrativeLitigation.objects.exclude(pk=lost.pk))
    corrected = client.get(links["corrected"]).content.decode()
    assert [case.number in corrected for case in Reconsideration.objects.order_by("pk")] == [True, False, False]
    labour = {str(label): f for label, f, _links in tables["by-category"]}["劳动和社会保障"]
    assert labour.loss_rate is None and labour.correction_rate is None  # nothing closed or decided: no rate


def test_a_unit_sees_its_own_figures_and_gets_them_as_xlsx(cases, users, client):
    client.force_login(users["unit_staff_b"])
    response = client.get(reverse("litigation:statistics"), {"year": 2022, "org_unit": cases[0].pk})
    assert response.context["unit"] == cases[1]
    assert (response.context["total"][1].sued, response.context["total"][1].reconsidered) == (1, 1)
    header, rows = read_table(client.get(reverse("litigation:statistics"),
                                         {"year": 2022, "format": "xlsx"}).content, "xlsx")
    assert header[:3] == ["行政管理类别", "被申请行政复议", "复议已决定"]
    assert [cells[:2] for _number, cells in rows] == [["劳动和社会保障", "1"], ["合计", "1"]]


def test_the_api_answers_the_same_figures_within_scope(cases, users):
    body = api_client(users["legal_office"]).get("/api/litigation/statistics?year=2022").json()
    assert (body["total"]["sued"], body["total"]["lost"], body["total"]["appearance_rate"]) == (3, 1, 50.0)
    assert [row["label"] for row in body["by_unit"]] == ["甲街道", "乙街道"]
    own = api_client(users["unit_staff"]).get("/api/litigation/statistics?year=2022").json()
    assert (own["total"]["sued"], own["total"]["reconsidered"], own["total"]["loss_rate"]) == (2, 2, 100.0)
    assert api_client(users["unit_staff"]).get("/api/litigation/statistics?year=2021").json()["total"]["sued"] == 1


def test_the_page_opens_on_the_latest_year_with_cases(cases, users, client):
    client.force_login(users["legal_office"])
    assert client.get(reverse("litigation:statistics")).context["year"] == 2022  # not an empty current year
