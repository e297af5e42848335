"""Import and export of the enforcement registers: Chinese headers, keys, all-or-nothing, and a round trip that
changes nothing; the case export (masked, import refused), and the page exports (the officers' registers:
fazhi.officers.tests)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from fazhi.core.models import AccessLog
from fazhi.enforcement.models import EnforcementBody, EnforcementCase, EnforcementMatter
from fazhi.enforcement.registers import CASES_EXPORT_ONLY
from fazhi.enforcement.tests.factories import CaseFactory, EnforcementBodyFactory
from fazhi.officers.tests.factories import fake_id_number
from fazhi.registers.base import OWN_UNIT_ONLY, get_register
from fazhi.registers.tabular import read_table
from fazhi.registers.tests.helpers import csv_bytes

HEADERS = {
    "enforcement_bodies": ["执法主体名称", "所属机构编码", "主体类别", "执法依据", "执法领域"],
    "enforcement_matters": ["事项编码", "事项名称", "事项类别", "执法主体", "法律依据"],
}
ID_1 = fake_id_number(301)


@pytest.mark.parametrize("name", list(HEADERS))
def test_templates_have_the_chinese_headers(units, name):
    assert read_table(get_register(name).template("csv"), "csv")[0] == HEADERS[name]


def test_bodies_and_matters_round_trip(units, users):
    bodies = [["市场监督管理局", "DEPT-A", "法定行政机关", "《市场监督管理行政处罚程序规定》", "市场监管"],
              ["甲街道综合执法队", "STR-A", "受委托组织", "委托书", ""]]
    result = get_register("enforcement_bodies").import_file(
        csv_bytes(HEADERS["enforcement_bodies"], bodies), "csv", user=users["legal_office"])
    assert result.ok, result.errors
    assert EnforcementBody.objects.get(name="甲街道综合执法队").kind == "entrusted"

    matters = [["SJ-001", "对无照经营的处罚", "行政处罚", "市场监督管理局", "《无证无照经营查处办法》第十三条"],
               ["SJ-002", "食品经营许可", "行政许可", "市场监督管理局", "《食品安全法》第三十五条"]]
    register = get_register("enforcement_matters")
    result = register.import_file(csv_bytes(HEADERS["enforcement_matters"], matters), "csv",
                                  user=users["legal_office"])
    assert result.ok, result.errors
    assert EnforcementMatter.objects.get(code="SJ-002").kind == "permit"
    _, rows = read_table(register.export("csv", user=users["legal_office"]), "csv")
    assert sorted(cells[:-1] for _, cells in rows) == sorted(matters)


def test_a_matter_of_an_unknown_body_is_refused(units, users):
    rows = [["SJ-009", "某事项", "行政检查", "不存在的主体", "依据"]]
    result = get_register("enforcement_matters").import_file(
        csv_bytes(HEADERS["enforcement_matters"], rows), "csv", user=users["legal_office"])
    assert [(e.row, e.column) for e in result.errors] == [(2, "执法主体")]
    assert not EnforcementMatter.objects.exists()


def test_unit_staff_import_matters_of_their_own_units_bodies_only(units, users):
    EnforcementBodyFactory(org_unit=units["street_a"], name="甲街道综合执法队")
    EnforcementBodyFactory(org_unit=units["street_b"], name="乙街道综合执法队")
    rows = [["JD-001", "占道经营处罚", "行政处罚", "甲街道综合执法队", "《城市市容和环境卫生管理条例》"],
            ["JD-002", "越权事项", "行政检查", "乙街道综合执法队", "依据"]]
    register = get_register("enforcement_matters")
    result = register.import_file(csv_bytes(HEADERS["enforcement_matters"], rows), "csv", user=users["unit_staff"])
    assert [(e.row, e.column) for e in result.errors] == [(3, "执法主体")]
    assert result.errors[0].message == OWN_UNIT_ONLY.format(unit=users["unit_staff"].org_unit.name)
    assert not EnforcementMatter.objects.exists()
    assert register.import_file(csv_bytes(HEADERS["enforcement_matters"], rows[:1]), "csv",
                                user=users["unit_staff"]).ok
    # Re-importing rows that exist reads their unit through the body too.
    again = register.import_file(register.export("csv", user=users["unit_staff"]), "csv", user=users["unit_staff"])
    assert (again.unchanged, again.error_count) == (1, 0)


def test_the_case_export_masks_id_numbers_and_its_import_is_refused(client, units, users):
    body = EnforcementBodyFactory(org_unit=units["street_a"], name="甲街道综合执法队")
    CaseFactory(body=body, number="甲执〔2022〕1号", party_name="张三丰", party_id_number=ID_1)
    CaseFactory(body=EnforcementBodyFactory(org_unit=units["street_b"]), number="乙执〔2022〕1号")
    client.force_login(users["unit_staff"])
    response = client.get(reverse("enforcement:cases:export"))
    assert response.status_code == 200
    headers, rows = read_table(response.content, "xlsx")
    assert headers[:3] == ["案件编号", "执法主体", "案件类别"]
    rows = [cells for _, cells in rows]
    assert [r[0] for r in rows] == ["甲执〔2022〕1号"]
    masked = rows[0][headers.index("当事人身份证号码（已遮蔽）")]
    assert masked != ID_1 and masked[:3] == ID_1[:3] and "*" in masked
    assert ID_1 not in response.content.decode("latin-1")
    assert AccessLog.objects.filter(content_type=ContentType.objects.get_for_model(EnforcementCase),
                                    user=users["unit_staff"]).exists()

    result = get_register("cases").import_file(response.content, "xlsx", user=users["unit_staff"])
    assert not result.ok
    assert result.errors[0].message == CASES_EXPORT_ONLY
    assert EnforcementCase.objects.count() == 2


@pytest.mark.parametrize("namespace", ["bodies", "matters", "criteria", "cases", "inspections", "unit_inspections",
                                       "rectifications"])
def test_no_enforcement_page_offers_an_export_that_answers_403(client, users, namespace):
    from fazhi.records.pages import all_pages

    url = reverse(f"enforcement:{namespace}:export")  # every list exports (as a register or as shown)
    pages = next(p for p in all_pages() if p.namespace == f"enforcement:{namespace}")
    assert pages.exports
    client.force_login(users["legal_office"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
