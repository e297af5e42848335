"""API of a case's decision: legal review of a major decision, the decision, publication, closure,
overturn and withdrawal."""


from django.http import HttpRequest
from ninja.responses import Status

from fazhi.core.api_support import (
    ActionIn,
    ActionRoute,
    choices_text,
    get_visible_or_404,
    lifecycle_routes,
    model_schema,
    record_id_param,
    responses,
    run_service,
)
from fazhi.enforcement import permissions, services
from fazhi.enforcement.api.cases import CaseOut, EnforcementCase, case_for_action, case_rows, cases
from fazhi.enforcement.constants import DecisionKind
from fazhi.enforcement.models import DecisionOverturn, DecisionPublication, MajorDecisionReview

CaseReviewOut = model_schema(
    "CaseReviewOut", MajorDecisionReview,
    ("id", "reviewer", "reviewed_on", "approved", "decision_kind", "fine_amount", "opinion"),
    types={"reviewer": str}, optional=("fine_amount",),
    options={"decision_kind": {"description": "审核的决定（旧记录可能为空）；" + choices_text(DecisionKind)}},
    resolve={"reviewer": lambda obj: obj.reviewer.display_name})
PublicationOut = model_schema(
    "PublicationOut", DecisionPublication, ("id", "published_on", "title", "text", "withdrawn_on", "withdrawal_reason"),
    optional=("withdrawn_on", "withdrawal_reason"))
OverturnOut = model_schema("OverturnOut", DecisionOverturn, ("id", "kind", "overturned_on", "document", "note"),
                           optional=("note",))

_FINE = {"ge": 0, "max_digits": 14, "decimal_places": 2}
CaseReviewIn = model_schema(
    "CaseReviewIn", MajorDecisionReview, ("reviewed_on", "approved", "decision_kind", "fine_amount", "opinion"),
    base=ActionIn, required=("decision_kind",),
    options={"decision_kind": {"description": "作出的决定须与之一致；" + choices_text(DecisionKind)},
             "fine_amount": {**_FINE, "description": "罚款决定必填；作出的罚款不能超过此金额"}})
# The actions' bodies name the case's fields as the services take them (declared, reason, text).
DeclareMajorIn = model_schema(
    "DeclareMajorIn", EnforcementCase, ("declared", "reason"), base=ActionIn,
    source={"declared": "declared_major", "reason": "declared_major_reason"}, required=("declared", "reason"),
    options={"declared": {"description": "true 认定；false 取消认定"}})
DecideIn = model_schema("DecideIn", EnforcementCase, ("decision_kind", "decided_on", "text", "fine_amount"),
                        base=ActionIn, source={"text": "decision_text"},
                        required=("decision_kind", "decided_on", "text"), options={"fine_amount": _FINE})
CasePublishIn = model_schema(
    "CasePublishIn", DecisionPublication, ("title",), base=ActionIn,
    options={"title": {"default": "", "min_length": None, "description": "留空则自动生成（已去除个人信息）"}},
    doc="The publication date is not sent: it is the day of the request (the day the decision is made public).")
CloseIn = model_schema("CloseIn", EnforcementCase, ("closed_on",), base=ActionIn, required=("closed_on",))
OverturnIn = model_schema("OverturnIn", DecisionOverturn, ("kind", "overturned_on", "document", "note"),
                          base=ActionIn)
WithdrawIn = model_schema(
    "WithdrawIn", DecisionPublication, ("reason",), base=ActionIn, source={"reason": "withdrawal_reason"},
    required=("reason",), options={"reason": {"description": "向社会公开说明（行政处罚法 第四十八条第二款）"}},
    doc="The withdrawal date is not sent: it is the day of the request (the day it is taken down).")


@cases.get("/{id}/reviews", response=responses(401, 404, 422, s200=list[CaseReviewOut]),
           operation_id="enforcement_cases_reviews", summary="法制审核意见")
def cases_reviews(request: HttpRequest, id: int = record_id_param()):
    record = get_visible_or_404(EnforcementCase, request.user, id)
    return (MajorDecisionReview.objects.visible_to(request.user).active().filter(case=record)
            .select_related("reviewer"))


lifecycle_routes(
    cases, None, model=EnforcementCase, rows=case_rows, out=CaseOut, record_param="case",
    operation_prefix="enforcement_cases",
    other_routes={
        "review": ActionRoute("reviews", CaseReviewIn, services.major_review_record, permissions.may_review,
                              out=CaseReviewOut, status=201, result=MajorDecisionReview,
                              summary="录入法制审核意见（法制机构）"),
        "declare_major": ActionRoute(
            "major-declaration", DeclareMajorIn, services.case_declare_major, permissions.may_declare_major,
            summary="认定（或取消）其他重大执法决定（执法单位或法制机构；认定后作出决定前须经法制审核）"),
        "decide": ActionRoute("decision", DecideIn, services.case_decide, permissions.may_decide,
                              summary="作出决定（须至少2名持证执法人员；重大执法决定须经法制审核通过）"),
        "close": ActionRoute("closure", CloseIn, services.case_close, permissions.may_close, summary="结案"),
    },
)


# Publication, overturn and withdrawal answer with another record than the case, but a refusal (422) is labelled
# with the case's fields, as the case's page shows it: their own handlers.
@cases.post("/{id}/publication", response=responses(400, 401, 403, 404, 409, 422, s201=PublicationOut),
            operation_id="enforcement_cases_publish", summary="公示执法决定（去除个人信息；公示日期为当天）")
def cases_publish(request: HttpRequest, payload: CasePublishIn, id: int = record_id_param()):
    record = case_for_action(request, id, permissions.may_publish, payload.version)
    return Status(201, run_service(EnforcementCase, services.decision_publish, user=request.user, case=record,
                  title=payload.title))


@cases.post("/{id}/overturns", response=responses(400, 401, 403, 404, 409, 422, s201=OverturnOut),
            operation_id="enforcement_cases_overturn",
            summary="记录决定被变更、撤销、确认违法或确认无效（已公示的须在3个工作日内撤回）")
def cases_overturn(request: HttpRequest, payload: OverturnIn, id: int = record_id_param()):
    record = case_for_action(request, id, permissions.may_record_overturn, payload.version)
    return Status(201, run_service(EnforcementCase, services.decision_overturn_record, user=request.user, case=record,
                                   kind=payload.kind, overturned_on=payload.overturned_on,
                                   document=payload.document, note=payload.note))


@cases.post("/{id}/publication/withdrawal", response=responses(400, 401, 403, 404, 409, 422, s200=PublicationOut),
            operation_id="enforcement_cases_withdraw", summary="撤回决定公示并公开说明理由（撤回日期为当天）")
def cases_withdraw(request: HttpRequest, payload: WithdrawIn, id: int = record_id_param()):
    record = case_for_action(request, id, permissions.may_withdraw, payload.version)
    return run_service(EnforcementCase, services.decision_withdraw, user=request.user, case=record,
                       reason=payload.reason)


