"""Special inspections of the three systems, and the unit indicators they start from."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from fazhi.core.exceptions import FazhiError, PermissionDeniedError
from fazhi.core.services import record_update
from fazhi.core.tests.messages import message_pattern
from fazhi.core.tests.samples import sample
from fazhi.deadlines.selectors import deadlines_for_record
from fazhi.enforcement import selectors, services
from fazhi.enforcement.completeness import required_steps
from fazhi.enforcement.constants import (
    DecisionKind,
    InspectionStatus,
    MajorCriterionKind,
    MatterKind,
    OverturnKind,
    StepKind,
)
from fazhi.enforcement.models import Rectification, SpecialInspection, UnitInspection
from fazhi.enforcement.tests.factories import EnforcementBodyFactory
from fazhi.officers.tests.factories import CertificateFactory

D = dt.date


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def campaign(users, units):
    return services.special_inspection_create(
        user=users["legal_office"], name="2022年行政执法“三项制度”落实情况专项检查", year=2022,
        checklist="执法公示\n执法全过程记录\n重大执法决定法制审核", starts_on=D(2022, 8, 1), ends_on=D(2022, 12, 31),
        org_units=[units["street_a"], units["dept_a"]],
    )


def test_campaign_covers_its_units(campaign, units):
    assert set(campaign.unit_inspections.values_list("org_unit", flat=True)) == {units["street_a"].pk,
                                                                                 units["dept_a"].pk}


def test_only_the_legal_office_starts_a_campaign(users):
    with pytest.raises(PermissionDeniedError):
        services.special_inspection_create(user=users["unit_staff"], name="x", year=2022, checklist="x",
                                           starts_on=D(2022, 8, 1), ends_on=D(2022, 9, 1))
    assert not SpecialInspection.objects.exists()


def test_a_failed_unit_leaves_no_campaign(users, units):
    duplicate = message_pattern(services.UNIT_INSPECTION_DUPLICATE, unit=units["dept_a"].name)
    with pytest.raises(FazhiError, match=duplicate):
        services.special_inspection_create(user=users["legal_office"], name="x", year=2022, checklist="x",
                                           starts_on=D(2022, 8, 1), ends_on=D(2022, 9, 1),
                                           org_units=[units["dept_a"], units["dept_a"]])
    assert not SpecialInspection.objects.exists()
    assert not UnitInspection.objects.exists()


def test_stages_go_in_order(users, campaign):
    with pytest.raises(FazhiError) as refused:
        services.special_inspection_status_set(user=users["legal_office"], inspection=campaign,
                                               status=InspectionStatus.ON_SITE)
    assert refused.value.message == str(services.INSPECTION_STATUS_ORDER) % {
        "current": InspectionStatus.PLANNED.label, "wanted": InspectionStatus.ON_SITE.label}
    for status in (InspectionStatus.SELF_CHECK, InspectionStatus.ON_SITE, InspectionStatus.RECTIFYING,
                   InspectionStatus.CLOSED):
        services.special_inspection_status_set(user=users["legal_office"], inspection=campaign, status=status)
    with pytest.raises(FazhiError, match=message_pattern(services.INSPECTION_CLOSED, name=campaign.name)):
        services.unit_inspection_add(user=users["legal_office"], inspection=campaign, org_unit=users["leader"].org_unit)


def test_unit_records_its_self_check_but_not_the_on_site_check(users, units, campaign):
    own = campaign.unit_inspections.get(org_unit=units["street_a"])
    services.unit_self_check_record(user=users["unit_staff"], unit_inspection=own, checked_on=D(2022, 8, 20),
                                    report="已对照清单逐项自查")
    with pytest.raises(FazhiError) as refused:
        services.unit_on_site_check_record(user=users["unit_staff"], unit_inspection=own, checked_on=D(2022, 9, 1),
                                           findings="无问题")
    assert refused.value.message == str(services.INSPECTION_INSPECTOR_ONLY)
    other = campaign.unit_inspections.get(org_unit=units["dept_a"])
    with pytest.raises(PermissionDeniedError):
        services.unit_self_check_record(user=users["unit_staff"], unit_inspection=other, checked_on=D(2022, 8, 20),
                                        report="x")
    services.unit_on_site_check_record(user=users["legal_office"], unit_inspection=own, checked_on=D(2022, 9, 1),
                                       findings="2起案件未按期公示")
    own.refresh_from_db()
    assert (own.self_check_on, own.on_site_on) == (D(2022, 8, 20), D(2022, 9, 1))


def test_rectification_is_tracked_by_a_deadline(users, units, campaign):
    own = campaign.unit_inspections.get(org_unit=units["street_a"])
    rectification = services.rectification_add(user=users["legal_office"], unit_inspection=own,
                                               problem="2起案件未按期公示", due_on=D(2022, 10, 31))
    deadline = deadlines_for_record(rectification).get()
    assert (deadline.rule_code, deadline.due_on, deadline.org_unit) == ("enforcement_rectification",
                                                                         D(2022, 10, 31), units["street_a"])
    services.rectification_complete(user=users["unit_staff"], rectification=rectification,
                                    completed_on=D(2022, 11, 3), measure="已补充公示并建立台账")
    deadline.refresh_from_db()
    assert deadline.completed_on == D(2022, 11, 3) and deadline.completed_late
    with pytest.raises(FazhiError) as refused:
        services.rectification_complete(user=users["unit_staff"], rectification=rectification,
                                        completed_on=D(2022, 11, 4))
    assert refused.value.message == str(services.RECTIFICATION_DONE) % {"date": "2022年11月3日"}


def test_rectification_due_before_the_campaign_is_refused(users, units, campaign):
    own = campaign.unit_inspections.get(org_unit=units["street_a"])
    with pytest.raises(FazhiError):
        services.rectification_add(user=users["legal_office"], unit_inspection=own, problem="x",
                                   due_on=D(2022, 7, 1))
    assert not Rectification.objects.exists()


def test_unit_indicators_from_records(users, units):
    user = users["legal_office"]
    body = EnforcementBodyFactory(org_unit=units["dept_a"])
    officers = [CertificateFactory(officer__org_unit=units["dept_a"]).officer for _ in range(2)]
    services.major_criterion_set(user=user, kind=MajorCriterionKind.LICENCE_REVOCATION, legal_source="第五十八条")

    def case(decision=DecisionKind.WARNING, *, complete=False, reviewed=False, published=None):
        c = services.case_open(user=user, body=body, kind=MatterKind.PENALTY, summary="x", opened_on=D(2022, 3, 1),
                               party_name="李四")
        for officer in officers:
            services.case_assign_officer(user=user, case=c, officer=officer, on=D(2022, 3, 1))
        if reviewed:
            services.major_review_record(user=user, case=c, reviewed_on=D(2022, 3, 20), approved=True, opinion="同意",
                                         decision_kind=decision)
        c = services.case_decide(user=user, case=c, decision_kind=decision, decided_on=D(2022, 4, 1), text="决定")
        if complete:
            for step, kinds in required_steps(MatterKind.PENALTY, is_major=reviewed):
                if step == StepKind.CLOSURE:
                    continue
                existing = c.steps.filter(kind=step).first() or services.case_add_step(
                    user=user, case=c, kind=step, happened_on=D(2022, 3, 10))
                for kind in kinds:
                    services.process_record_attach(user=user, step=existing, kind=kind,
                                                   file=ContentFile(sample(kind, f"{c.pk}{step}{kind}"), name="r.bin"))
        if published:
            services.decision_publish(user=None, case=c, published_on=published, back_entry=True)
        return c

    overturned = case(complete=True, published=D(2022, 4, 6))
    case(reviewed=True, decision=DecisionKind.LICENCE_REVOCATION, complete=True, published=D(2022, 5, 6))
    case(published=D(2022, 4, 7))
    entered = case()  # never published
    # A major decision entered from a paper file (not through case_decide), without review:
    record_update(record=entered, user=None, expected_version=entered.version,
                  decision_kind=DecisionKind.LICENCE_REVOCATION)

    # An inspection closed without a decision counts for records only (its photos are missing).
    inspection = services.case_open(user=user, body=body, kind=MatterKind.INSPECTION, summary="日常检查",
                                    opened_on=D(2022, 6, 1), party_name="王五")
    services.case_add_step(user=user, case=inspection, kind=StepKind.INVESTIGATION, happened_on=D(2022, 6, 1))
    services.case_close(user=user, case=inspection, closed_on=D(2022, 6, 2))

    indicators = selectors.unit_indicators(units["dept_a"], D(2022, 1, 1), D(2022, 12, 31), today=D(2023, 1, 10))

    assert (indicators.publication_on_time.numerator, indicators.publication_on_time.denominator) == (2, 4)
    assert (indicators.records_complete.numerator, indicators.records_complete.denominator) == (2, 5)
    assert (indicators.major_reviewed.numerator, indicators.major_reviewed.denominator) == (1, 2)
    assert (indicators.overturned.numerator, indicators.overturned.denominator) == (0, 4)
    # A decision revoked on 行政复议 (or by a court, or by the body) counts against the unit.
    services.decision_overturn_record(user=None, case=overturned, kind=OverturnKind.REVOKED,
                                      overturned_on=D(2022, 6, 1), document="大政复决字〔2022〕3号")
    after = selectors.unit_indicators(units["dept_a"], D(2022, 1, 1), D(2022, 12, 31), today=D(2023, 1, 10))
    assert (after.overturned.numerator, after.overturned.denominator) == (1, 4)
    zone = selectors.unit_indicators(None, D(2022, 1, 1), D(2022, 12, 31), today=D(2023, 1, 10))
    assert zone.records_complete.denominator == 5
    other = selectors.unit_indicators(units["dept_b"], D(2022, 1, 1), D(2022, 12, 31))
    assert other.publication_on_time.value is None and other.publication_on_time.percent_text == "—"
