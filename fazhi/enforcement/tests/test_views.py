"""The enforcement pages: who sees which list, service-backed creation, and the sub-records shown on a record's
page (the officers' pages: fazhi.officers.tests.test_views)."""

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.core.exceptions import STALE_RECORD
from fazhi.enforcement import services
from fazhi.enforcement.constants import MajorCriterionKind
from fazhi.enforcement.models import EnforcementCase, MajorCriterion, SpecialInspection
from fazhi.enforcement.tests.factories import EnforcementBodyFactory, SpecialInspectionFactory
from fazhi.officers.tests.factories import fake_id_number
from fazhi.web.tests.workbooks import workbook_sheets

T, F = True, False
ROLES = ("admin", "legal_office", "unit_staff", "officer", "leader")
# Which list each role may open, written out from the roles' design (models' ROLE_ACTIONS).
LISTS = {
    "enforcement:bodies:list": {"admin": T, "legal_office": T, "unit_staff": T, "officer": T, "leader": T},
    "enforcement:matters:list": {"admin": T, "legal_office": T, "unit_staff": T, "officer": T, "leader": T},
    "enforcement:criteria:list": {"admin": T, "legal_office": T, "unit_staff": T, "officer": T, "leader": T},
    "enforcement:cases:list": {"admin": T, "legal_office": T, "unit_staff": T, "officer": T, "leader": T},
    # Officers take no part in the special inspections of their units.
    "enforcement:inspections:list": {"admin": T, "legal_office": T, "unit_staff": T, "officer": F, "leader": T},
    "enforcement:unit_inspections:list": {"admin": T, "legal_office": T, "unit_staff": T, "officer": F,
                                          "leader": T},
    "enforcement:rectifications:list": {"admin": T, "legal_office": T, "unit_staff": T, "officer": F,
                                        "leader": T},
    "enforcement:indicators": {"admin": T, "legal_office": T, "unit_staff": T, "officer": F, "leader": T},
}
# Who may open the create page (add permission).
CREATE = {
    "enforcement:bodies:create": {"admin": T, "legal_office": T, "unit_staff": T, "officer": F, "leader": F},
    "enforcement:criteria:create": {"admin": T, "legal_office": T, "unit_staff": F, "officer": F, "leader": F},
    "enforcement:cases:create": {"admin": T, "legal_office": T, "unit_staff": T, "officer": T, "leader": F},
    "enforcement:inspections:create": {"admin": T, "legal_office": T, "unit_staff": F, "officer": F,
                                       "leader": F},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", list(LISTS))
def test_lists_open_only_for_roles_that_may_read_them(client, users, url_name, role):
    client.force_login(users[role])
    response = client.get(reverse(url_name))
    assert response.status_code == (200 if LISTS[url_name][role] else 403)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", list(CREATE))
def test_create_pages_open_only_for_roles_that_may_add(client, users, url_name, role):
    client.force_login(users[role])
    response = client.get(reverse(url_name))
    assert response.status_code == (200 if CREATE[url_name][role] else 403)


def test_menu_has_an_enforcement_group(client, users):
    client.force_login(users["officer"])
    menu = client.get(reverse("web:home")).context["nav_menu"]
    group = next(item for item in menu if item["label"] == "行政执法")
    names = [child["url_name"] for child in group["children"]]
    assert "enforcement:cases:list" in names and "officers:officers:list" in names
    assert "enforcement:inspections:list" not in names  # officers do not open special inspections
    page = client.get(reverse("enforcement:cases:list"))
    group = next(item for item in page.context["nav_menu"] if item["label"] == "行政执法")
    assert group["active"]
    assert [c["url_name"] for c in group["children"] if c["active"]] == ["enforcement:cases:list"]


# ----- personal data -----


# ----- certificates -----


# ----- training and exams -----


# ----- criteria, inspections -----


def test_only_the_legal_office_edits_the_major_decision_catalogue(client, users):
    criterion = MajorCriterion.objects.create(kind="licence_revocation", legal_source="行政处罚法 第五十八条")
    client.force_login(users["unit_staff"])
    edit = reverse("enforcement:criteria:edit", args=[criterion.pk])
    assert client.post(edit, {"kind": "licence_revocation", "legal_source": "改", "enabled": "",
                              "version": 1}).status_code == 404
    client.force_login(users["legal_office"])
    response = client.post(reverse("enforcement:criteria:create"),
                           {"kind": "fine_entity", "fine_threshold": "", "legal_source": "辽宁省规定",
                            "enabled": "on"})
    assert response.status_code == 200
    threshold_required = str(services.CRITERION_THRESHOLD_REQUIRED) % {"kind": MajorCriterionKind.FINE_ENTITY.label}
    assert threshold_required in response.content.decode()
    response = client.post(reverse("enforcement:criteria:create"),
                           {"kind": "fine_entity", "fine_threshold": "50000", "legal_source": "辽宁省规定",
                            "enabled": "on"})
    assert response.status_code == 302
    assert MajorCriterion.objects.get(kind="fine_entity").fine_threshold == 50000


def test_special_inspection_with_units_and_indicators(client, users, units):
    client.force_login(users["legal_office"])
    response = client.post(reverse("enforcement:inspections:create"), {
        "name": "2022年三项制度专项检查", "year": 2022, "checklist": "执法公示\n全过程记录",
        "starts_on": "2022-08-01", "ends_on": "2022-12-31", "org_units": [units["street_a"].pk, units["street_b"].pk],
    })
    assert response.status_code == 302
    inspection = SpecialInspection.objects.get(name="2022年三项制度专项检查")
    assert inspection.unit_inspections.count() == 2
    page = client.get(reverse("enforcement:inspections:detail", args=[inspection.pk])).content.decode()
    assert "甲街道" in page and "乙街道" in page and "全过程记录" in page

    client.force_login(users["unit_staff"])
    indicators = client.get(reverse("enforcement:indicators"), {"inspection": inspection.pk})
    assert [ui.org_unit for ui, _ in indicators.context["rows"]] == [units["street_a"]]
    assert "执法决定按时公示率" in indicators.content.decode()
    assert 'id="export-statistics"' in indicators.content.decode()
    # The Excel file has the page's rows: the own unit only, the same figures.
    sheet = workbook_sheets(client.get(reverse("enforcement:indicators"),
                                       {"inspection": inspection.pk, "format": "xlsx"}))["单位指标"]
    assert sheet[0] == ["单位", "执法决定按时公示率", "全过程记录完整率", "重大执法决定法制审核率", "执法决定被纠错率"]
    [(_, shown)] = indicators.context["rows"]
    published = shown.publication_on_time
    assert len(sheet) == 2 and sheet[1][0] == "甲街道"
    assert sheet[1][1] == f"{published.percent_text}（{published.numerator}/{published.denominator}）"


def test_on_site_check_is_the_legal_offices(client, users, units):
    inspection = SpecialInspectionFactory()
    unit_inspection = services.unit_inspection_add(user=None, inspection=inspection, org_unit=units["street_a"])
    client.force_login(users["unit_staff"])
    self_check = reverse("enforcement:unit_inspections:self_check", args=[unit_inspection.pk])
    on_site = reverse("enforcement:unit_inspections:on_site", args=[unit_inspection.pk])
    assert client.post(self_check, {"self_check-checked_on": "2022-09-01",
                                    "self_check-report": "已对照清单自查"}).status_code == 302
    assert client.post(on_site, {"on_site-checked_on": "2022-10-01",
                                 "on_site-findings": "越权"}).status_code == 403
    unit_inspection.refresh_from_db()
    assert unit_inspection.self_check_report == "已对照清单自查" and unit_inspection.findings == ""


def test_case_created_on_the_page_gets_a_number_and_a_filing_step(client, users, units):
    body = EnforcementBodyFactory(org_unit=units["street_a"], name="甲街道综合执法队")
    client.force_login(users["officer"])
    response = client.post(reverse("enforcement:cases:create"), {
        "body": body.pk, "number": "", "kind": "penalty", "matter": "", "party_entity": "",
        "party_name": "张三", "party_id_number": "", "summary": "占道经营", "opened_on": "2022-04-01",
    })
    assert response.status_code == 302
    case = EnforcementCase.objects.get(summary="占道经营")
    assert case.number.startswith(f"{units['street_a'].code}-2022-")
    assert list(case.steps.values_list("kind", flat=True)) == ["filing"]


def test_editing_a_criterion_goes_through_the_service_rules(client, users):
    criterion = services.major_criterion_set(user=None, kind="fine_entity", legal_source="辽宁省规定",
                                             fine_threshold=50000)
    edit = reverse("enforcement:criteria:edit", args=[criterion.pk])
    client.force_login(users["legal_office"])
    data = {"kind": "hearing", "fine_threshold": "", "legal_source": "辽宁省规定", "enabled": "on",
            "version": criterion.version, "change_reason": ""}
    response = client.post(edit, data)
    assert response.status_code == 200
    threshold_required = str(services.CRITERION_THRESHOLD_REQUIRED) % {"kind": MajorCriterionKind.FINE_ENTITY.label}
    assert threshold_required in response.content.decode()
    criterion.refresh_from_db()
    assert (criterion.fine_threshold, criterion.version) == (50000, 1)

    data["fine_threshold"] = "80000"
    assert client.post(edit, data).status_code == 302
    criterion.refresh_from_db()
    # The kind is not editable: the same criterion, with its new threshold.
    assert (criterion.kind, criterion.fine_threshold, criterion.version) == ("fine_entity", 80000, 2)
    assert not MajorCriterion.objects.filter(kind="hearing").exists()

    stale = client.post(edit, {**data, "fine_threshold": "90000"})  # still version 1
    assert str(STALE_RECORD) in stale.content.decode()
    criterion.refresh_from_db()
    assert criterion.fine_threshold == 80000


def test_a_case_edit_corrects_the_party_and_summary_only(client, users, units):
    body = EnforcementBodyFactory(org_unit=units["street_a"])
    case = services.case_open(user=None, body=body, kind="penalty", summary="占道经营", opened_on=dt.date(2022, 4, 1),
                              party_name="张三")
    other_body = EnforcementBodyFactory(org_unit=units["street_a"])
    client.force_login(users["officer"])
    edit = reverse("enforcement:cases:edit", args=[case.pk])
    assert set(client.get(edit).context["form"].fields) == {
        "party_entity", "party_name", "party_id_number", "summary", "version", "change_reason"}
    response = client.post(edit, {"party_entity": "", "party_name": "张三", "party_id_number": fake_id_number(11),
                                  "summary": "占道经营（更正）", "body": other_body.pk, "kind": "permit",
                                  "version": case.version, "change_reason": "补录身份证号码"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.summary, case.body, case.kind) == ("占道经营（更正）", body, "penalty")
    assert case.party_id_number == fake_id_number(11)
