"""The home page, the layout, and the import pages."""

import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core import clock
from fazhi.deadlines.models import Deadline
from fazhi.market_entities.models import MarketEntity
from fazhi.market_entities.tests.factories import MarketEntityFactory
from fazhi.registers.base import get_register

WEB = Path(__file__).resolve().parents[1]
FAZHI = WEB.parent


def test_home_redirects_anonymous_visitors_to_login(client, db):
    response = client.get(reverse("web:home"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next=/"


def test_home_shows_the_users_deadlines_and_counts(client, users, units):
    entity = MarketEntityFactory(street=units["street_a"])
    MarketEntityFactory(street=units["street_b"])
    today = clock.today()
    for unit, title in ((units["street_a"], "甲街道待办事项"), (units["street_b"], "乙街道待办事项")):
        Deadline.objects.create(
            rule_code="x", title=title, org_unit=unit, content_type=ContentType.objects.get_for_model(entity),
            object_id=str(entity.pk), starts_on=today, due_on=today + dt.timedelta(days=1),
        )
    client.force_login(users["unit_staff"])
    response = client.get(reverse("web:home"))
    body = response.content.decode()
    assert "甲街道待办事项" in body and "乙街道待办事项" not in body
    counts = {item["title"]: item["count"] for item in response.context["counts"]}
    assert counts["市场主体"] == 2  # registration data is visible zone-wide
    assert counts["用户"] == 2  # unit_staff and officer of street A
    assert response.context["due_soon_count"] == 1


def test_menu_shows_only_modules_the_user_may_open(client, users):
    client.force_login(users["officer"])
    entries = client.get(reverse("web:home")).context["nav_menu"]
    menu = [item["url_name"] for item in entries] + [
        child["url_name"] for item in entries for child in item.get("children", [])]
    assert "market_entities:list" in menu
    assert "accounts:list" not in menu  # officers do not look up accounts
    assert "registers:index" not in menu  # nor import anything


def test_layout_has_platform_zone_and_no_cdn(client, users, zone):
    client.force_login(users["unit_staff"])
    body = client.get(reverse("web:home")).content.decode()
    assert "法治政府建设平台" in body and zone.name in body
    assert 'name="viewport"' in body and "navbar-toggler" in body
    assert "vendor/bootstrap/bootstrap.min.css" in body and "vendor/htmx/htmx.min.js" in body


def test_no_template_loads_anything_from_another_site():
    for template in FAZHI.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r'(src|href)="(https?:)?//', text), template


def test_vendored_assets_are_present():
    vendor = WEB / "static" / "vendor"
    assert "Bootstrap  v5.3" in (vendor / "bootstrap" / "bootstrap.min.css").read_text()[:200]
    assert 'version:"2.0' in (vendor / "htmx" / "htmx.min.js").read_text()


# ----- import -----


def entity_row(entity: MarketEntity) -> list[str]:
    register = get_register("market_entities")
    return [column.to_cell(entity) for column in register.columns]


def xlsx(rows: list[list[str]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(get_register("market_entities").headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, data: bytes, name: str = "名录.xlsx", dry_run: bool = False):
    payload = {"file": SimpleUploadedFile(name, data)}
    if dry_run:
        payload["dry_run"] = "on"
    return client.post(reverse("registers:import", args=["market_entities"]), payload)


@pytest.fixture
def new_entities(units):
    return [MarketEntityFactory.build(street=units["street_a"]) for _ in range(3)]


def test_import_page_rejects_a_wrong_uscc_check_character_and_writes_nothing(client, users, new_entities):
    rows = [entity_row(e) for e in new_entities]
    good = rows[1][0]
    rows[1][0] = good[:17] + ("0" if good[17] != "0" else "1")
    client.force_login(users["legal_office"])
    response = upload(client, xlsx(rows))
    body = response.content.decode()
    assert response.status_code == 200
    assert "未写入任何数据" in body
    assert "第3行" in body and "校验位错误" in body
    assert not MarketEntity.objects.exists()


def test_import_page_imports_and_dry_run_does_not(client, users, new_entities):
    client.force_login(users["legal_office"])
    data = xlsx([entity_row(e) for e in new_entities])
    response = upload(client, data, dry_run=True)
    assert "检查通过" in response.content.decode()
    assert not MarketEntity.objects.exists()

    response = upload(client, data)
    assert "导入成功：新增3条" in response.content.decode()
    imported = MarketEntity.objects.get(uscc=new_entities[0].uscc)
    assert imported.created_by == users["legal_office"]
    assert imported.history.first().history_change_reason == "导入：名录.xlsx"


def test_unit_user_may_import_only_their_own_street(client, users, units):
    client.force_login(users["unit_staff"])  # street A
    other = MarketEntityFactory.build(street=units["street_b"])
    response = upload(client, xlsx([entity_row(other)]))
    assert "未写入任何数据" in response.content.decode()
    assert not MarketEntity.objects.exists()


def test_import_refuses_other_file_types(client, users):
    client.force_login(users["legal_office"])
    response = upload(client, b"not a spreadsheet", name="名录.xls")
    assert response.status_code == 200
    assert "不支持的文件类型" in response.content.decode()


def test_import_needs_the_add_permission(client, users):
    client.force_login(users["officer"])
    assert client.get(reverse("registers:import", args=["market_entities"])).status_code == 403
    client.force_login(users["legal_office"])
    assert client.get(reverse("registers:import", args=["users"])).status_code == 403  # accounts: admin only
    assert client.get(reverse("registers:import", args=["no_such_register"])).status_code == 404


def test_template_download(client, users):
    client.force_login(users["unit_staff"])
    response = client.get(reverse("registers:template", args=["market_entities", "xlsx"]))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [cell.value for cell in book.worksheets[0][1]] == get_register("market_entities").headers
    csv = client.get(reverse("registers:template", args=["market_entities", "csv"]))
    assert csv.content.decode("utf-8-sig").startswith("统一社会信用代码")


def _list_pages():
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018  (importing the URL modules registers every app's pages)
    from fazhi.records.pages import all_pages

    return sorted((pages for pages in all_pages() if "list" in pages.actions), key=lambda pages: pages.namespace)


@pytest.mark.parametrize("pages", _list_pages(), ids=lambda pages: pages.namespace)
def test_every_list_exports_to_excel(client, users, pages):
    from fazhi.registers.tabular import read_table

    client.force_login(users["legal_office"])
    listing = client.get(reverse(f"{pages.namespace}:list")).content.decode()
    url = reverse(f"{pages.namespace}:export")
    assert url in listing  # offered on the page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    headers, _rows = read_table(response.content, "xlsx")
    assert headers  # a header row (the register's, or the list's columns)


def test_a_list_without_a_register_exports_what_the_user_sees(client, users, units):
    from fazhi.enforcement import services as enforcement
    from fazhi.enforcement.tests.factories import SpecialInspectionFactory
    from fazhi.registers.tabular import read_table

    inspection = SpecialInspectionFactory()
    for unit, problem in ((units["street_a"], "甲街道未公示"), (units["street_b"], "乙街道未公示")):
        unit_inspection = enforcement.unit_inspection_add(user=None, inspection=inspection, org_unit=unit)
        enforcement.rectification_add(user=None, unit_inspection=unit_inspection, problem=problem,
                                      due_on=dt.date(2022, 12, 31))
    client.force_login(users["unit_staff"])
    headers, rows = read_table(client.get(reverse("enforcement:rectifications:export")).content, "xlsx")
    problems = [cells[headers.index("问题")] for _number, cells in rows]
    assert problems == ["甲街道未公示"]  # not the other street's


# The menu as it was before the modules declared their entries (issue 17): their `order` keeps it.
MENU_ORDER = [
    "web:home", "deadlines:list", "enforcement:cases:list", "enforcement:bodies:list", "enforcement:matters:list",
    "officers:officers:list", "officers:certificates:list", "officers:applications:list",
    "officers:trainings:list", "officers:exams:list", "officers:training_statistics",
    "enforcement:criteria:list", "enforcement:inspections:list", "enforcement:unit_inspections:list",
    "enforcement:rectifications:list", "enforcement:indicators", "inspections:my_tasks", "inspections:plans:list",
    "inspections:tasks:list", "inspections:items:list", "inspections:rules:list", "inspections:inspector_pool",
    "inspections:recusals:list", "inspections:meetings:list", "inspections:meeting_records:list",
    "inspections:statistics", "normative_documents:documents:list", "normative_documents:cleanups:list",
    "normative_documents:statistics", "major_decisions:decisions:list", "major_decisions:catalogues:list",
    "legal_advisors:advisors:list", "legal_advisors:contracts:list", "legal_advisors:coverage",
    "permits:cases:list", "permits:statistics", "permits:editions:list", "permits:entries:list", "permits:matters:list",
    "permits:draws:list", "permits:checks:list", "permits:credit:list", "permits:commendations:list",
    "permits:pairings:list", "permits:visits:list", "permits:members:list", "ledger:items:list",
    "ledger:co_handlings:list", "ledger:statistics", "ledger:rules:list", "reconsideration:cases:list",
    "litigation:cases:list", "litigation:statistics",
    "market_entities:list", "organisation:list", "accounts:list", "registers:index", "deadlines:calendar",
]


def test_the_modules_menu_entries_keep_the_menu_order():
    from fazhi.web.navigation import MENU

    assert [item.url_name for item in MENU] == MENU_ORDER
    groups = {item.url_name: str(item.group) for item in MENU if item.group}
    assert groups["deadlines:calendar"] == groups["registers:index"] == groups["accounts:list"] == "基础数据"
    assert groups["legal_advisors:coverage"] == groups["normative_documents:documents:list"] == "依法决策"
    assert groups["ledger:items:list"] == groups["ledger:statistics"] == "监督与诉讼"
