"""REST API of 行政复议: /api/reconsideration/cases/... the cases with their answer / extend / decide / 意见书 actions
(the same rules as the pages: permissions.may_<action>)."""

from ninja import Field, Router

from fazhi.core.api_support import (
    ActionIn,
    ActionRoute,
    InputSchema,
    OrgUnitRef,
    QueryParams,
    filter_fields,
    filters_by,
    lifecycle_routes,
    model_schema,
    pick_linked,
    record_routes,
    unit_to_write,
)
from fazhi.enforcement.models import EnforcementCase
from fazhi.normative_documents.models import NormativeDocument
from fazhi.reconsideration import permissions, selectors, services
from fazhi.reconsideration.constants import ManagementCategory, Outcome, PartyType
from fazhi.reconsideration.lifecycle import LIFECYCLE
from fazhi.reconsideration.models import Reconsideration, ReconsiderationStatus

router = Router(tags=["行政复议"])

ReconsiderationOut = model_schema(
    "ReconsiderationOut", Reconsideration,
    ("id", "number", "organ", "applicant_type", "applicant", "respondent_unit", "matter", "category",
     "simple_procedure", "enforcement_case", "accepted_on", "copy_received_on", "answer_due_on", "answered_on",
     "answer_on_time", "decision_due_on", "extended_to", "status", "status_label", "outcome", "corrected",
     "decided_on", "decision_document", "opinion_document", "opinion_received_on", "opinion_report_due_on",
     "opinion_reported_on", "opinion_report", "reviewed_document", "document_notice_on", "document_answer_due_on",
     "document_answered_on", "version", "archived_on"),
    types={"respondent_unit": OrgUnitRef, "enforcement_case": int | None, "reviewed_document": int | None},
    optional=("archived_on",),
    extra={"answer_on_time": (bool | None, Field(..., title="按期答复（未答复为空）")),
           "corrected": (bool | None, Field(..., title="复议纠错（未决定为空）"))},
    resolve={"enforcement_case": lambda row: row.enforcement_case_id,
             "reviewed_document": lambda row: row.reviewed_document_id})
ReconsiderationIn = model_schema(
    "ReconsiderationIn", Reconsideration,
    ("number", "organ", "applicant_type", "applicant", "respondent_unit", "matter", "category", "simple_procedure",
     "enforcement_case", "accepted_on", "copy_received_on"), base=InputSchema,
    types={"applicant_type": PartyType, "category": ManagementCategory})
ReconsiderationFilters = model_schema(
    "ReconsiderationFilters", Reconsideration, ("status", "q", "include_archived"), base=QueryParams,
    types={"status": ReconsiderationStatus}, extra=filter_fields("复议案号、复议事项或复议机关中的文字"))
AnswerIn = model_schema("ReconsiderationAnswerIn", Reconsideration, ("answered_on",), base=ActionIn,
                        options={"answered_on": {"description": "默认今天"}})
ExtendIn = model_schema("ReconsiderationExtendIn", Reconsideration, ("extended_to",), base=ActionIn,
                        required=("extended_to",))
DecideIn = model_schema(
    "ReconsiderationDecideIn", Reconsideration, ("outcome", "document", "decided_on"), base=ActionIn,
    required=("outcome", "document"), types={"outcome": Outcome}, source={"document": "decision_document"},
    options={"decided_on": {"description": "默认今天"}})
OpinionIn = model_schema(
    "ReconsiderationOpinionIn", Reconsideration, ("document", "received_on"), base=ActionIn, required=("document",),
    source={"document": "opinion_document", "received_on": "opinion_received_on"},
    options={"received_on": {"description": "默认今天"}})
OpinionReportIn = model_schema(
    "ReconsiderationOpinionReportIn", Reconsideration, ("report", "reported_on"), base=ActionIn,
    required=("report",), source={"report": "opinion_report", "reported_on": "opinion_reported_on"},
    options={"reported_on": {"description": "默认今天"}})
DocumentReviewIn = model_schema(
    "ReconsiderationDocumentReviewIn", Reconsideration, ("document", "notice_on"), base=ActionIn,
    required=("document",), source={"document": "reviewed_document", "notice_on": "document_notice_on"},
    options={"notice_on": {"description": "默认今天"}, "document": {"description": "已公布的规范性文件的id"}})
DocumentAnswerIn = model_schema(
    "ReconsiderationDocumentAnswerIn", Reconsideration, ("answered_on",), base=ActionIn,
    source={"answered_on": "document_answered_on"}, options={"answered_on": {"description": "默认今天"}})


def _document_review(*, user, reconsideration, document: int, notice_on=None):
    picked = pick_linked(NormativeDocument, user, document, Reconsideration, "reviewed_document",
                         queryset=selectors.published_documents())
    return services.reconsideration_document_review(user=user, reconsideration=reconsideration, document=picked,
                                                    notice_on=notice_on)


cases = Router()
record_routes(
    cases, model=Reconsideration, prefix="reconsideration_cases", title="行政复议案件", out=ReconsiderationOut,
    rows=selectors.reconsiderations_visible, filters_schema=ReconsiderationFilters,
    apply=filters_by({"status": "status"}, "number", "matter", "organ"),
    create=ReconsiderationIn, service=services.reconsideration_create,
    create_summary="登记行政复议案件（收到申请书副本；答复期限十个工作日，简易程序五个工作日）",
    convert={"respondent_unit": unit_to_write(Reconsideration, "respondent_unit"),
             "enforcement_case": lambda user, pk: pick_linked(EnforcementCase, user, pk, Reconsideration,
                                                              "enforcement_case")},
    archivable=True)
lifecycle_routes(
    cases, LIFECYCLE, model=Reconsideration, rows=selectors.reconsiderations_visible, out=ReconsiderationOut,
    record_param="reconsideration", operation_prefix="reconsideration_cases",
    routes={"answer": ActionRoute("answer", AnswerIn, services.reconsideration_answer, permissions.may_answer,
                                  summary="提出书面答复（收到申请书副本之日起十个工作日内，简易程序五个工作日）"),
            "extend": ActionRoute("extend", ExtendIn, services.reconsideration_extend, permissions.may_extend,
                                  summary="登记行政复议机关延期审理（一次，最多三十日；简易程序不能延期）"),
            "decide": ActionRoute("decide", DecideIn, services.reconsideration_decide, permissions.may_decide,
                                  summary="登记复议决定（撤销、变更、确认违法或无效的，记入被申请复议的执法案件）")},
    other_routes={
        "opinion": ActionRoute("opinion", OpinionIn, services.reconsideration_opinion,
                               permissions.may_receive_opinion,
                               summary="登记收到行政复议意见书（六十日内报送纠正情况）"),
        "opinion_report": ActionRoute("opinion-report", OpinionReportIn, services.reconsideration_opinion_report,
                                      permissions.may_report_opinion, summary="报送意见书纠正情况"),
        "document_review": ActionRoute("document-review", DocumentReviewIn, _document_review,
                                       permissions.may_record_document_review,
                                       summary="登记规范性文件附带审查通知（制定机关十个工作日内书面答复）"),
        "document_answer": ActionRoute("document-answer", DocumentAnswerIn, services.reconsideration_document_answer,
                                       permissions.may_answer_document_review, summary="提交附带审查书面答复"),
    })
router.add_router("/cases", cases)
