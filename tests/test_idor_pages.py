"""No role can read or change another unit's records by editing a URL or posting a form.

Walks every record page that takes an id — present and future, because it reads them from
the URL configuration — and tries it with every role against a record of another unit.
"""

import datetime as dt

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from fazhi.accounts.models import User
from fazhi.core.roles import Role
from fazhi.deadlines.models import Deadline
from fazhi.deadlines.services import deadline_start
from fazhi.enforcement import services as enforcement
from fazhi.enforcement.models import (
    CertificateApplication,
    EnforcementBody,
    EnforcementCase,
    EnforcementCertificate,
    EnforcementMatter,
    Exam,
    MajorCriterion,
    Officer,
    Rectification,
    SpecialInspection,
    Training,
    UnitInspection,
)
from fazhi.enforcement.tests.factories import (
    CertificateFactory,
    EnforcementBodyFactory,
    EnforcementMatterFactory,
    ExamFactory,
    MajorCriterionFactory,
    OfficerFactory,
    SpecialInspectionFactory,
    TrainingFactory,
)
from fazhi.inspections.deadline_rules import RESULT_PUBLICATION
from fazhi.inspections.models import (
    InspectionItem,
    InspectionPlan,
    InspectionRules,
    InspectionTask,
    JointMeeting,
    JointMeetingRecord,
    Recusal,
)
from fazhi.inspections.tests.factories import make_task
from fazhi.legal_advisors import services as legal_advisors
from fazhi.legal_advisors.models import AdvisorContract, LegalAdvisor
from fazhi.major_decisions import services as major_decisions
from fazhi.major_decisions.models import DecisionCatalogue, MajorDecision
from fazhi.market_entities.models import MarketEntity
from fazhi.market_entities.tests.factories import MarketEntityFactory
from fazhi.normative_documents import services as normative_documents
from fazhi.normative_documents.models import Cleanup, NormativeDocument
from fazhi.organisation.models import OrgUnit

# Pages that only show a record (GET), answered 200 to whoever may see it.
READ_ONLY_PAGES = {"detail", "check"}
# Registers every unit reads (zone-wide reference data); the walk checks writes on them only.
READ_BY_EVERY_UNIT = {MarketEntity, OrgUnit, EnforcementBody, EnforcementMatter, MajorCriterion, SpecialInspection,
                      Cleanup, DecisionCatalogue, LegalAdvisor,
                      InspectionItem, InspectionRules, JointMeeting, JointMeetingRecord}


def _record_urls(resolver=None, namespace=""):
    """(url name, model, action) for every page whose view is a generic record page with a pk."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _record_urls(entry, inner)
        elif isinstance(entry, URLPattern) and "<int:pk>" in str(entry.pattern):
            pages = getattr(entry.callback, "view_initkwargs", {}).get("pages")
            if pages is not None:
                yield f"{namespace}{entry.name}", pages.model, entry.name


RECORD_URLS = sorted(_record_urls(), key=lambda u: u[0])


def test_the_walk_finds_the_record_pages():
    names = {name for name, _, _ in RECORD_URLS}
    assert {"market_entities:detail", "market_entities:edit", "market_entities:archive",
            "organisation:detail", "accounts:detail"} <= names
    assert {"enforcement:cases:detail", "enforcement:cases:assign", "enforcement:cases:review",
            "enforcement:cases:decide", "enforcement:cases:publish", "enforcement:officers:detail",
            "enforcement:certificates:revoke", "enforcement:unit_inspections:on_site"} <= names
    assert {"normative_documents:documents:detail", "normative_documents:documents:check",
            "normative_documents:documents:review", "normative_documents:documents:publish",
            "normative_documents:documents:file", "normative_documents:cleanups:decide",
            "major_decisions:decisions:review", "major_decisions:decisions:discuss",
            "legal_advisors:contracts:terminate", "legal_advisors:advisors:edit", "deadlines:detail"} <= names


@pytest.fixture
def other_units_records(units, users):
    """One record per model that belongs to street B; the acting users are in street A."""
    street_b = units["street_b"]
    body = EnforcementBodyFactory(org_unit=street_b)
    officer = OfficerFactory(org_unit=street_b)
    exam = ExamFactory(organiser=street_b, held_on=dt.date(2022, 6, 16))
    result = enforcement.exam_result_record(user=None, exam=exam, officer=officer, score=90)
    inspection = SpecialInspectionFactory()
    unit_inspection = enforcement.unit_inspection_add(user=None, inspection=inspection, org_unit=street_b)
    advisor = legal_advisors.advisor_create(user=None, full_name="周律师", firm="某律师事务所",
                                            licence_number="12102200810000009")
    catalogue = major_decisions.catalogue_create(user=None, year=2022, decision_organ=street_b)
    task = make_task(lead_unit=street_b, officer=officer)
    return {
        NormativeDocument: normative_documents.document_create(
            user=None, title="乙街道管理办法", drafting_unit=street_b, issuer=street_b, drafter="乙", text="第一条 ……"),
        Cleanup: normative_documents.cleanup_create(user=None, name="清理", trigger="scheduled", basis="定期清理",
                                                    started_on=dt.date(2022, 9, 1)),
        DecisionCatalogue: catalogue,
        MajorDecision: major_decisions.decision_add(user=None, catalogue=catalogue, title="乙街道决策",
                                                    undertaking_unit=street_b),
        LegalAdvisor: advisor,
        AdvisorContract: legal_advisors.contract_create(user=None, advisor=advisor, org_unit=street_b, number="FG-B",
                                                        starts_on=dt.date(2022, 1, 1), ends_on=dt.date(2022, 12, 31)),
        InspectionItem: task.plan.items.get(),
        InspectionRules: InspectionRules.objects.get(org_unit=street_b),
        JointMeeting: task.joint_meeting,
        JointMeetingRecord: task.joint_meeting.records.get(),
        Recusal: Recusal.objects.get(officer=officer),
        InspectionPlan: task.plan,
        InspectionTask: task,
        MarketEntity: MarketEntityFactory(street=street_b),
        OrgUnit: street_b,
        User: users["unit_staff_b"],
        EnforcementBody: body,
        EnforcementMatter: EnforcementMatterFactory(body=body),
        Officer: officer,
        EnforcementCertificate: CertificateFactory(officer=officer),
        Training: TrainingFactory(organiser=street_b),
        Exam: exam,
        CertificateApplication: enforcement.certificate_application_submit(
            user=None, exam_result=result, applied_on=dt.date(2022, 7, 1)),
        MajorCriterion: MajorCriterionFactory(),
        EnforcementCase: enforcement.case_open(user=None, body=body, kind="penalty", summary="越权测试",
                                               opened_on=dt.date(2022, 3, 1), party_name="张三"),
        SpecialInspection: inspection,
        UnitInspection: unit_inspection,
        Rectification: enforcement.rectification_add(user=None, unit_inspection=unit_inspection, problem="未公示",
                                                     due_on=dt.date(2022, 12, 31)),
        Deadline: deadline_start(rule_code=RESULT_PUBLICATION.code, record=task, org_unit=street_b,
                                 starts_on=dt.date(2022, 6, 1), title="乙街道抽查结果公示"),
    }


# Actions a role takes zone-wide by design, on records it may not otherwise change.
ZONE_WIDE_ACTIONS = {("inspections:plans:approve", "leader")}  # 抽查计划由领导审批


@pytest.mark.parametrize("role", ["unit_staff", "officer", "leader", "legal_office"])
@pytest.mark.parametrize(("url_name", "model", "action"), RECORD_URLS, ids=[u[0] for u in RECORD_URLS])
def test_other_units_record_by_url_and_form(client, users, other_units_records, role, url_name, model, action):
    user = users[role]
    record = other_units_records[model]
    visible = model.objects.visible_to(user).filter(pk=record.pk).exists()
    changeable = (model.objects.changeable_by(user).filter(pk=record.pk).exists()
                  or (url_name, role) in ZONE_WIDE_ACTIONS)
    if role in (Role.UNIT_STAFF, Role.OFFICER) and model not in READ_BY_EVERY_UNIT:
        assert not visible  # the matrix below must be about a record out of reach
    client.force_login(user)
    url = reverse(url_name, kwargs={"pk": record.pk})
    version = model.objects.get(pk=record.pk).version

    response = client.get(url)
    post_only = response.status_code == 405  # e.g. archive: answers 405 to GET for every id alike
    if not visible:
        assert response.status_code == 404 or (post_only and action not in READ_ONLY_PAGES)
    elif action in READ_ONLY_PAGES:
        assert response.status_code == 200
    elif not changeable:
        assert response.status_code in (403, 404) or post_only

    response = client.post(url, {"name": "越权修改", "reason": "越权归档", "version": version})
    fresh = model.objects.get(pk=record.pk)
    if not changeable:
        # 405 comes from the URL's method list alone, the same for every id: it reveals nothing.
        assert response.status_code in ((403, 404, 405) if visible else (404, 405))
        assert fresh.version == version
        assert getattr(fresh, "archived_on", None) is None
