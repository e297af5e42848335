"""Writes of a case's decision: legal review, major declaration, decision, closure, publication, overturn and
withdrawal.
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.core.exceptions import FazhiError, PermissionDeniedError, cn_date, refuse
from fazhi.core.services import record_create, record_update
from fazhi.deadlines.selectors import deadlines_for_record
from fazhi.deadlines.services import deadline_start, deadlines_cancel_for, deadlines_complete_for
from fazhi.enforcement import permissions
from fazhi.enforcement.constants import MIN_OFFICERS_PER_CASE, DecisionKind, MatterKind, OverturnKind, StepKind
from fazhi.enforcement.deadline_rules import PUBLICATION_OTHER, PUBLICATION_PERMIT_PENALTY, PUBLICATION_WITHDRAWAL
from fazhi.enforcement.models import (
    CaseOfficer,
    CaseStep,
    DecisionOverturn,
    DecisionPublication,
    EnforcementCase,
    MajorDecisionReview,
)
from fazhi.enforcement.permissions import review_refusal, reviewer_qualification
from fazhi.enforcement.redaction import contains_personal_data, pseudonym, redact
from fazhi.enforcement.selectors import case_approved_review, case_major_reasons, publication_within_7_days
from fazhi.enforcement.services.cases import (
    entered_late,
    require_acting_officer_certified,
    require_not_before_opened,
    require_open,
)
from fazhi.enforcement.services.common import (
    BACK_ENTRY_REASON,
    append_case_part,
    require_back_entry_allowed,
    require_not_future,
    require_permission,
    to_decimal,
)
from fazhi.enforcement.services.messages import (
    CHALLENGED_CASE_NOT_DECIDED,
    CHALLENGED_CASE_OF_ANOTHER_UNIT,
    CLOSE_BEFORE_DECISION,
    CLOSE_NOT_DECIDED,
    DECISION_ALREADY,
    DECISION_FINE_NOT_FINE,
    DECISION_FINE_OVER_REVIEWED,
    DECISION_FINE_REQUIRED,
    DECISION_KIND_NOT_REVIEWED,
    DECISION_MAJOR_NOT_REVIEWED,
    DECISION_REVIEW_NONE,
    DECISION_REVIEW_REJECTED,
    DECISION_REVIEW_WITHOUT_PROPOSAL,
    DECISION_TEXT_REQUIRED,
    DECISION_TOO_FEW_OFFICERS,
    DECLARE_MAJOR_AFTER_DECISION,
    DECLARE_MAJOR_ROLES_ONLY,
    DECLARE_MAJOR_UNCHANGED,
    LATE_ENTRY_DAYS,
    LATE_ENTRY_PROBLEM,
    OVERTURN_BEFORE_DECISION,
    OVERTURN_DOCUMENT_REQUIRED,
    OVERTURN_NOT_DECIDED,
    PUBLISH_ALREADY,
    PUBLISH_BEFORE_DECISION,
    PUBLISH_NOT_DECIDED,
    PUBLISH_NOT_TODAY,
    PUBLISH_OVERTURNED,
    PUBLISH_PERSONAL_DATA_LEFT,
    REASON_REQUIRED,
    REVIEW_AFTER_DECISION,
    REVIEW_OPINION_REQUIRED,
    WITHDRAW_ALREADY,
    WITHDRAW_NOT_OVERTURNED,
    WITHDRAW_NOT_PUBLISHED,
    WITHDRAW_REASON_REQUIRED,
)
from fazhi.officers.selectors import officer_certificate_problem

# A case's major declaration as its refusal and its history name it (the tests assert on them).
MAJOR_DECLARED = "认定为重大执法决定"
MAJOR_NOT_DECLARED = "未认定为重大执法决定"
MAJOR_DECLARATION_WITHDRAWN = "取消重大执法决定认定"


def _check_fine(decision_kind: str, fine: Decimal | None) -> None:
    if decision_kind == DecisionKind.FINE and (fine is None or fine <= 0):
        raise refuse(DECISION_FINE_REQUIRED)
    if decision_kind != DecisionKind.FINE and fine is not None:
        raise refuse(DECISION_FINE_NOT_FINE)


@transaction.atomic
def major_review_record(*, user, case: EnforcementCase, reviewed_on: dt.date, approved: bool, opinion: str,
                        decision_kind: str, fine_amount: Decimal | int | str | None = None) -> MajorDecisionReview:
    """Record the review opinion on the proposed decision (its kind and fine), by the body's designated,
    qualified reviewer (permissions.review_refusal).

    The decision later issued must be of the kind approved and not exceed the fine approved.
    """
    refusal = review_refusal(user, case)
    if refusal:
        raise FazhiError(refusal)
    if case.decided_on is not None:
        raise refuse(REVIEW_AFTER_DECISION, case=case.number, date=cn_date(case.decided_on))
    require_open(case)
    require_not_before_opened(case, reviewed_on)
    require_not_future(reviewed_on, str(_("审核日期")))
    if not opinion.strip():
        raise refuse(REVIEW_OPINION_REQUIRED)
    DecisionKind(decision_kind)
    fine = to_decimal(fine_amount)
    _check_fine(decision_kind, fine)
    review = append_case_part(MajorDecisionReview, user=user, scope=case, case=case, reviewer=user,
                              reviewed_on=reviewed_on, approved=approved, opinion=opinion.strip(),
                              decision_kind=decision_kind, fine_amount=fine,
                              reviewer_qualification=reviewer_qualification(user))
    proposal = DecisionKind(decision_kind).label + (f"{fine:,.2f}元" if fine is not None else "")
    record_create(model=CaseStep, user=user, case=case, kind=StepKind.LEGAL_REVIEW, happened_on=reviewed_on,
                  note=("审核通过" if approved else "审核不通过") + f"（拟{proposal}）：" + opinion.strip())
    return review


@transaction.atomic
def case_decide(*, user, case: EnforcementCase, decision_kind: str, decided_on: dt.date, text: str,
                fine_amount: Decimal | int | str | None = None, back_entry: bool = False) -> EnforcementCase:
    """Issue the decision; refused with fewer than 2 officers or a major decision not approved in review.

    On success the decision step is recorded and the publication deadline starts: 7 working
    days for permit and penalty decisions, 20 for others (国办发〔2018〕118号 二(六)). Entered more
    than LATE_ENTRY_DAYS after `decided_on`, the officers counted must also hold a valid
    certificate today, unless it is 补录 (`back_entry`, the legal-affairs office or the system).
    """
    require_permission(permissions.may_decide, user, case)
    if back_entry:
        require_back_entry_allowed(user)
    require_open(case)
    if case.decided_on is not None:
        raise refuse(DECISION_ALREADY, case=case.number, date=cn_date(case.decided_on))
    require_not_before_opened(case, decided_on)
    require_not_future(decided_on, str(_("决定日期")))
    require_acting_officer_certified(user)
    DecisionKind(decision_kind)
    if not text.strip():
        raise refuse(DECISION_TEXT_REQUIRED)
    fine = to_decimal(fine_amount)
    _check_fine(decision_kind, fine)

    assignments = CaseOfficer.objects.active().filter(case=case).select_related("officer").order_by("pk")
    today = clock.today()
    late = entered_late(decided_on, back_entry)
    lapsed = []
    for assignment in assignments:
        problem = officer_certificate_problem(assignment.officer, decided_on)
        if problem is None and late:
            now = officer_certificate_problem(assignment.officer, today)
            if now is not None:
                problem = str(LATE_ENTRY_PROBLEM) % {"problem": now, "days": LATE_ENTRY_DAYS, "today": cn_date(today)}
        lapsed.append(problem)
    able = sum(1 for problem in lapsed if problem is None)
    if able < MIN_OFFICERS_PER_CASE:
        detail = "；".join(problem for problem in lapsed if problem)
        raise refuse(DECISION_TOO_FEW_OFFICERS, case=case.number, min=MIN_OFFICERS_PER_CASE, n=able,
                      detail=f"（{detail}。）" if detail else "")

    reasons = case_major_reasons(case, decision_kind=decision_kind, fine_amount=fine)
    # An approved review binds the decision even when the one issued would not itself be major
    # (a case sent to review for a revocation is not then closed with another decision unseen).
    review = case_approved_review(case, by=decided_on)
    if reasons and review is None:
        latest = MajorDecisionReview.objects.active().filter(case=case, reviewed_on__lte=decided_on).order_by(
            "-reviewed_on", "-pk").first()
        state = (str(DECISION_REVIEW_NONE) if latest is None
                 else str(DECISION_REVIEW_REJECTED) % {"date": cn_date(latest.reviewed_on)})
        raise refuse(DECISION_MAJOR_NOT_REVIEWED, reasons="；".join(reasons), state=state)
    if review is not None and (reasons or review.decision_kind):
        _require_reviewed_as_decided(review, decision_kind, fine)

    case = record_update(record=case, user=user, expected_version=case.version, decision_kind=decision_kind,
                         decided_on=decided_on, decision_text=text.strip(), fine_amount=fine,
                         reason=BACK_ENTRY_REASON if back_entry else "")
    record_create(model=CaseStep, user=user, case=case, kind=StepKind.DECISION, happened_on=decided_on,
                  note=case.get_decision_kind_display())
    rule = PUBLICATION_PERMIT_PENALTY if publication_within_7_days(case.kind, decision_kind) else PUBLICATION_OTHER
    deadline_start(rule_code=rule.code, record=case, org_unit=case.body.org_unit, starts_on=decided_on,
                   title=f"案件{case.number}执法决定公示")
    return case


def _require_reviewed_as_decided(review: MajorDecisionReview, decision_kind: str, fine: Decimal | None) -> None:
    """The decision issued is the one the legal review approved: same kind, fine not above the approved one."""
    day = cn_date(review.reviewed_on)
    if not review.decision_kind:
        raise refuse(DECISION_REVIEW_WITHOUT_PROPOSAL, date=day)
    if review.decision_kind != decision_kind:
        raise refuse(DECISION_KIND_NOT_REVIEWED, date=day, approved=review.get_decision_kind_display(),
                      kind=DecisionKind(decision_kind).label)
    if fine is not None and review.fine_amount is not None and fine > review.fine_amount:
        raise refuse(DECISION_FINE_OVER_REVIEWED, date=day, approved=f"{review.fine_amount:,.2f}",
                      fine=f"{fine:,.2f}")


@transaction.atomic
def case_declare_major(*, user, case: EnforcementCase, declared: bool, reason: str) -> EnforcementCase:
    """Declare (or withdraw) a case's decision as an "other" major one; it then needs 法制审核 before deciding."""
    if not permissions.may_declare_major(user, case):
        if getattr(user, "role", None) not in permissions.MAJOR_DECLARERS:
            raise refuse(DECLARE_MAJOR_ROLES_ONLY)
        raise PermissionDeniedError()
    if not reason.strip():
        raise refuse(REASON_REQUIRED)
    require_open(case)
    if case.decided_on is not None:
        raise refuse(DECLARE_MAJOR_AFTER_DECISION, case=case.number, date=cn_date(case.decided_on))
    if case.declared_major == declared:
        raise refuse(DECLARE_MAJOR_UNCHANGED, case=case.number,
                      state=MAJOR_DECLARED if declared else MAJOR_NOT_DECLARED)
    label = MAJOR_DECLARED if declared else MAJOR_DECLARATION_WITHDRAWN
    return record_update(record=case, user=user, expected_version=case.version,
                         reason=f"{label}：{reason.strip()}"[:100], declared_major=declared,
                         declared_major_reason=reason.strip()[:200] if declared else "")


@transaction.atomic
def case_close(*, user, case: EnforcementCase, closed_on: dt.date) -> EnforcementCase:
    """Close (结案) a case — decided, or an inspection that needed no decision; records the closure step."""
    require_permission(permissions.may_close, user, case)
    require_open(case)
    if case.decided_on is None and case.kind != MatterKind.INSPECTION:
        raise refuse(CLOSE_NOT_DECIDED, case=case.number)
    if case.decided_on is not None and closed_on < case.decided_on:
        raise refuse(CLOSE_BEFORE_DECISION, date=cn_date(case.decided_on))
    require_not_before_opened(case, closed_on)
    require_not_future(closed_on, str(_("结案日期")))
    case = record_update(record=case, user=user, expected_version=case.version, closed_on=closed_on)
    record_create(model=CaseStep, user=user, case=case, kind=StepKind.CLOSURE, happened_on=closed_on)
    return case


def _for_public(case: EnforcementCase, text: str) -> str:
    """`text` about the case with its party's personal data removed (an entity's name and code are public)."""
    persons = [case.party_name] if case.party_name else []
    ids = [case.party_id_number] if case.party_id_number else []
    keep = [case.party_entity.uscc, case.party_entity.name] if case.party_entity_id else []
    return redact(text, person_names=persons, id_numbers=ids, keep=keep)


def _require_no_personal_data(case: EnforcementCase, text: str) -> None:
    left = contains_personal_data(text, person_names=[p for p in (case.party_name, case.party_id_number) if p])
    if left:
        raise refuse(PUBLISH_PERSONAL_DATA_LEFT, items="、".join(left))


def decision_public_text(case: EnforcementCase) -> tuple[str, str]:
    """The title and text of a case's decision as the public may read them (personal data redacted)."""
    party = str(case.party_entity) if case.party_entity_id else pseudonym(case.party_name)
    what = case.matter.name if case.decision_kind == DecisionKind.OTHER and case.matter_id else \
        case.get_decision_kind_display()
    title = f"{case.body.name}关于{party}的{what}决定（{case.number}）"
    return _for_public(case, title)[:200], _for_public(case, case.decision_text)


@transaction.atomic
def decision_publish(*, user, case: EnforcementCase, published_on: dt.date | None = None, title: str = "",
                     back_entry: bool = False) -> DecisionPublication:
    """Publish the decision today with personal data redacted; completes its publication deadline.

    The publication date is the day the decision is made public, so it is today, set here: a
    back-dated publication would hide a late one. Only `back_entry` (补录 of historical paper
    files, by the legal-affairs office or the system) records an earlier date.
    """
    require_permission(permissions.may_publish, user, case)
    today = clock.today()
    if back_entry:
        require_back_entry_allowed(user)
    if published_on is None:
        published_on = today
    elif published_on > today:
        require_not_future(published_on, str(_("公示日期")))
    elif published_on != today and not back_entry:
        raise refuse(PUBLISH_NOT_TODAY, today=cn_date(today), date=cn_date(published_on))
    if case.decided_on is None:
        raise refuse(PUBLISH_NOT_DECIDED, case=case.number)
    existing = DecisionPublication.objects.filter(case=case).first()
    if existing is not None:
        raise refuse(PUBLISH_ALREADY, case=case.number, date=cn_date(existing.published_on))
    if published_on < case.decided_on:
        raise refuse(PUBLISH_BEFORE_DECISION, date=cn_date(case.decided_on))
    overturn = case.overturns.active().first()
    if overturn is not None:
        raise refuse(PUBLISH_OVERTURNED, case=case.number, date=cn_date(overturn.overturned_on),
                      kind=overturn.get_kind_display())
    default_title, text = decision_public_text(case)
    title = (_for_public(case, title.strip())[:200] if title.strip()
             else default_title)
    _require_no_personal_data(case, f"{title}\n{text}")
    publication = record_create(model=DecisionPublication, user=user, case=case, published_on=published_on,
                                title=title, text=text, reason=BACK_ENTRY_REASON if back_entry else "")
    for code in (PUBLICATION_PERMIT_PENALTY.code, PUBLICATION_OTHER.code):
        deadlines_complete_for(record=case, rule_code=code, completed_on=published_on)
    return publication


def require_challengeable(case: EnforcementCase, org_unit) -> None:
    """A case whose decision 行政复议 or a lawsuit challenges: decided, and of the respondent (defendant) unit."""
    if case.body.org_unit_id != org_unit.pk:
        raise refuse(CHALLENGED_CASE_OF_ANOTHER_UNIT, case=case.number, unit=case.body.org_unit)
    if case.decided_on is None:
        raise refuse(CHALLENGED_CASE_NOT_DECIDED, case=case.number)


@transaction.atomic
def decision_overturn_record(*, user, case: EnforcementCase, kind: str, overturned_on: dt.date, document: str,
                             note: str = "") -> DecisionOverturn:
    """Record that the case's decision was changed, revoked, declared unlawful or void (by the body itself,
    on 行政复议 or by a court). A published decision must then be withdrawn within 3 working days
    (行政处罚法 第四十八条第二款, PUBLICATION_WITHDRAWAL); an unpublished one is no longer published."""
    require_permission(permissions.may_record_overturn, user, case)
    if case.decided_on is None:
        raise refuse(OVERTURN_NOT_DECIDED, case=case.number)
    OverturnKind(kind)
    if overturned_on < case.decided_on:
        raise refuse(OVERTURN_BEFORE_DECISION, date=cn_date(case.decided_on))
    require_not_future(overturned_on, str(_("变更或撤销日期")))
    if not document.strip():
        raise refuse(OVERTURN_DOCUMENT_REQUIRED)
    overturn = append_case_part(DecisionOverturn, user=user, scope=case, case=case, kind=kind,
                                overturned_on=overturned_on, document=document.strip(), note=note.strip())
    publication = DecisionPublication.objects.active().filter(case=case).first()
    if publication is not None and publication.withdrawn_on is None and not deadlines_for_record(case).filter(
            rule_code=PUBLICATION_WITHDRAWAL.code, completed_on__isnull=True).exists():
        deadline_start(rule_code=PUBLICATION_WITHDRAWAL.code, record=case, org_unit=case.body.org_unit,
                       starts_on=overturned_on, title=f"案件{case.number}执法决定公示撤回")
    if publication is None:  # nothing to publish any more: the publication period ends with the decision
        for code in (PUBLICATION_PERMIT_PENALTY.code, PUBLICATION_OTHER.code):
            deadlines_cancel_for(record=case, rule_code=code, reason=str(PUBLISH_OVERTURNED % {
                "case": case.number, "date": cn_date(overturned_on), "kind": overturn.get_kind_display()}))
    return overturn


@transaction.atomic
def decision_withdraw(*, user, case: EnforcementCase, reason: str) -> DecisionPublication:
    """Withdraw (撤回) a published decision today, with the reason stated publicly; completes its
    withdrawal deadline (行政处罚法 第四十八条第二款)."""
    require_permission(permissions.may_withdraw, user, case)
    publication = DecisionPublication.objects.active().filter(case=case).first()
    if publication is None:
        raise refuse(WITHDRAW_NOT_PUBLISHED, case=case.number)
    if publication.withdrawn_on is not None:
        raise refuse(WITHDRAW_ALREADY, case=case.number, date=cn_date(publication.withdrawn_on))
    if not case.overturns.active().exists():
        raise refuse(WITHDRAW_NOT_OVERTURNED)
    if not reason.strip():
        raise refuse(WITHDRAW_REASON_REQUIRED)
    # The reason is published: personal data removed as from the decision itself.
    public_reason = _for_public(case, reason.strip())
    _require_no_personal_data(case, public_reason)
    today = clock.today()
    publication = record_update(record=publication, user=user, expected_version=publication.version,
                                withdrawn_on=today, withdrawal_reason=public_reason)
    deadlines_complete_for(record=case, rule_code=PUBLICATION_WITHDRAWAL.code, completed_on=today)
    return publication


