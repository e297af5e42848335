"""API of a case's decision: legal review of a major decision, the decision, publication, closure,
overturn and withdrawal."""

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Schema
from ninja.responses import Status

from fazhi.core.api_support import ActionIn, choices_text, get_visible_or_404, record_id_param, responses, run_service
from fazhi.enforcement import permissions, services
from fazhi.enforcement.api.cases import CaseOut, EnforcementCase, case_for_action, case_rows, cases
from fazhi.enforcement.constants import DecisionKind, OverturnKind
from fazhi.enforcement.models import MajorDecisionReview


class CaseReviewOut(Schema):
    id: int
    reviewer: str
    reviewed_on: dt.date
    approved: bool
    decision_kind: str = Field(..., title="拟作出的决定类型", description="审核的决定（旧记录可能为空）；"
                               + choices_text(DecisionKind))
    fine_amount: Decimal | None = Field(None, title="拟罚款金额（元）")
    opinion: str

    @staticmethod
    def resolve_reviewer(obj) -> str:
        return obj.reviewer.display_name


class PublicationOut(Schema):
    id: int
    published_on: dt.date
    title: str
    text: str
    withdrawn_on: dt.date | None = Field(None, title="撤回日期")
    withdrawal_reason: str = Field("", title="撤回理由", description="已去除个人信息，向社会公开")


class OverturnOut(Schema):
    id: int
    kind: str = Field(..., title="类型", description=choices_text(OverturnKind))
    overturned_on: dt.date = Field(..., title="变更或撤销日期")
    document: str = Field(..., title="依据文书")
    note: str = Field("", title="说明")


class CaseReviewIn(ActionIn):
    reviewed_on: dt.date = Field(..., title="审核日期")
    approved: bool = Field(..., title="审核通过")
    decision_kind: DecisionKind = Field(..., title="拟作出的决定类型",
                                        description="作出的决定须与之一致；" + choices_text(DecisionKind))
    fine_amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2, title="拟罚款金额（元）",
                                        description="罚款决定必填；作出的罚款不能超过此金额")
    opinion: str = Field(..., min_length=1, title="审核意见")


class DeclareMajorIn(ActionIn):
    declared: bool = Field(..., title="认定为重大执法决定", description="true 认定；false 取消认定")
    reason: str = Field(..., min_length=1, max_length=200, title="理由")


class DecideIn(ActionIn):
    decision_kind: DecisionKind = Field(..., title="决定类型", description=choices_text(DecisionKind))
    decided_on: dt.date = Field(..., title="决定日期")
    text: str = Field(..., min_length=1, title="决定内容")
    fine_amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2, title="罚款金额（元）")


class CasePublishIn(ActionIn):
    """The publication date is not sent: it is the day of the request (the day the decision is made public)."""

    title: str = Field("", max_length=200, title="标题", description="留空则自动生成（已去除个人信息）")


class CloseIn(ActionIn):
    closed_on: dt.date = Field(..., title="结案日期")


class OverturnIn(ActionIn):
    kind: OverturnKind = Field(..., title="类型", description=choices_text(OverturnKind))
    overturned_on: dt.date = Field(..., title="变更或撤销日期", description="复议决定、判决或本机关决定作出之日")
    document: str = Field(..., min_length=1, max_length=200, title="依据文书",
                          description="如行政复议决定书的名称和文号")
    note: str = Field("", title="说明")


class WithdrawIn(ActionIn):
    """The withdrawal date is not sent: it is the day of the request (the day it is taken down)."""

    reason: str = Field(..., min_length=1, title="撤回理由",
                        description="向社会公开说明（行政处罚法 第四十八条第二款）")


@cases.get("/{id}/reviews", response=responses(401, 404, 422, s200=list[CaseReviewOut]),
           operation_id="enforcement_cases_reviews", summary="法制审核意见")
def cases_reviews(request: HttpRequest, id: int = record_id_param()):
    record = get_visible_or_404(EnforcementCase, request.user, id)
    return (MajorDecisionReview.objects.visible_to(request.user).active().filter(case=record)
            .select_related("reviewer"))


@cases.post("/{id}/reviews", response=responses(400, 401, 403, 404, 409, 422, s201=CaseReviewOut),
            operation_id="enforcement_cases_review", summary="录入法制审核意见（法制机构）")
def cases_review(request: HttpRequest, payload: CaseReviewIn, id: int = record_id_param()):
    record = case_for_action(request, id, permissions.may_review, payload.version)
    review = run_service(MajorDecisionReview, services.major_review_record, user=request.user, case=record,
                         reviewed_on=payload.reviewed_on, approved=payload.approved, opinion=payload.opinion,
                         decision_kind=payload.decision_kind, fine_amount=payload.fine_amount)
    return Status(201, review)


@cases.post("/{id}/major-declaration", response=responses(400, 401, 403, 404, 409, 422, s200=CaseOut),
            operation_id="enforcement_cases_declare_major",
            summary="认定（或取消）其他重大执法决定（执法单位或法制机构；认定后作出决定前须经法制审核）")
def cases_declare_major(request: HttpRequest, payload: DeclareMajorIn, id: int = record_id_param()):
    record = case_for_action(request, id, permissions.may_declare_major, payload.version)
    run_service(EnforcementCase, services.case_declare_major, user=request.user, case=record, declared=payload.declared,
                reason=payload.reason)
    return case_rows(request.user).get(pk=record.pk)


@cases.post("/{id}/decision", response=responses(400, 401, 403, 404, 409, 422, s200=CaseOut),
            operation_id="enforcement_cases_decide",
            summary="作出决定（须至少2名持证执法人员；重大执法决定须经法制审核通过）")
def cases_decide(request: HttpRequest, payload: DecideIn, id: int = record_id_param()):
    record = case_for_action(request, id, permissions.may_decide, payload.version)
    run_service(EnforcementCase, services.case_decide, user=request.user, case=record,
                decision_kind=payload.decision_kind,
                decided_on=payload.decided_on, text=payload.text, fine_amount=payload.fine_amount)
    return case_rows(request.user).get(pk=record.pk)


@cases.post("/{id}/publication", response=responses(400, 401, 403, 404, 409, 422, s201=PublicationOut),
            operation_id="enforcement_cases_publish", summary="公示执法决定（去除个人信息；公示日期为当天）")
def cases_publish(request: HttpRequest, payload: CasePublishIn, id: int = record_id_param()):
    record = case_for_action(request, id, permissions.may_publish, payload.version)
    return Status(201, run_service(EnforcementCase, services.decision_publish, user=request.user, case=record,
                  title=payload.title))


@cases.post("/{id}/closure", response=responses(400, 401, 403, 404, 409, 422, s200=CaseOut),
            operation_id="enforcement_cases_close", summary="结案")
def cases_close(request: HttpRequest, payload: CloseIn, id: int = record_id_param()):
    record = case_for_action(request, id, permissions.may_close, payload.version)
    run_service(EnforcementCase, services.case_close, user=request.user, case=record, closed_on=payload.closed_on)
    return case_rows(request.user).get(pk=record.pk)


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


