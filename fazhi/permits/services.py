"""Writes of the permit module: the catalogue and the cases of one window, each checked and audited."""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.core.exceptions import PermissionDeniedError, cn_date, refuse
from fazhi.core.lifecycle import TransitionError
from fazhi.core.services import record_create, record_transition
from fazhi.deadlines.calendar_source import working_calendar
from fazhi.deadlines.services import deadline_start, deadlines_cancel_for, deadlines_complete_for
from fazhi.permits import permissions, selectors
from fazhi.permits.constants import (
    DISGUISED_APPROVAL_SOURCE,
    DISGUISED_BY_DECISION,
    DISGUISED_BY_DOCUMENT,
    EXTENSION_DAYS,
    ApplicantKind,
    DecisionForm,
    DocumentKind,
    ReformMode,
)
from fazhi.permits.deadline_rules import DECISION, PROMISED
from fazhi.permits.lifecycle import LIFECYCLE, Actor, Result
from fazhi.permits.models import (
    CaseMatter,
    CatalogueEdition,
    CatalogueEntry,
    DemandedDocument,
    PermitCase,
    PermitMatter,
)

# Refusals (tests match these constants).
NO_CATALOGUE = _("%(date)s没有施行中的涉企经营许可事项清单，不能受理。")
NOT_IN_CATALOGUE = _("“%(matter)s”不在%(edition)s中，不能按涉企经营许可事项受理。")
MATTER_ABOLISHED = _("“%(matter)s”已在%(edition)s中直接取消审批，不再受理（依据：%(basis)s；改革举措：%(measures)s）。")
NO_MATTERS = _("请选择至少一个申请事项。")
MATTER_TWICE = _("同一办件中“%(matter)s”只能申请一次。")
RECEIVED_IN_FUTURE = _("受理日期（%(date)s）晚于今天。")
DECIDED_BEFORE_RECEIVED = _("办结日期不能早于受理日期（%(date)s）。")
DECIDED_IN_FUTURE = _("办结日期（%(date)s）晚于今天，只能记录已作出的决定。")
RECEIPT_FOR_APPROVAL = _("备案回执只用于审批改为备案的事项；本办件含须审批的事项，应作出准予或不予许可决定。")
ALREADY_EXTENDED = _("本办件已延长过办理期限（《行政许可法》第四十二条：只能延长一次，十日）。")
EXTENSION_TOO_LONG = _("延长不能超过%(days)s个工作日（《行政许可法》第四十二条第一款）。")
REASON_REQUIRED = _("请填写理由。")
DAYS_POSITIVE = _("天数须大于0。")
LINE_OF_OTHER_CASE = _("所选事项不属于本办件。")


# ----- the catalogue -----------------------------------------------------------------------

def _keeper(user) -> None:
    if not permissions.may_keep_catalogue(user):
        raise PermissionDeniedError()


@transaction.atomic
def edition_create(*, user, name: str, document_number: str, effective_on: dt.date) -> CatalogueEdition:
    """Record an edition of the catalogue; it is in force from `effective_on` until a later edition's."""
    _keeper(user)
    return record_create(model=CatalogueEdition, user=user, name=name.strip(),
                         document_number=document_number.strip(), effective_on=effective_on)


@transaction.atomic
def matter_create(*, user, code: str, name: str) -> PermitMatter:
    _keeper(user)
    return record_create(model=PermitMatter, user=user, code="".join(code.split()).upper(), name=name.strip())


@transaction.atomic
def entry_create(*, user, edition: CatalogueEdition, matter: PermitMatter, basis: str, approval_level: str,
                 approving_department: str, mode: str, measures: str, supervision: str, org_unit=None,
                 statutory_days: int | None = None, promised_days: int | None = None) -> CatalogueEntry:
    """List a matter in an edition, with its basis, approval level and department, mode, measures and oversight."""
    _keeper(user)
    values = {"statutory_days": statutory_days} if statutory_days is not None else {}
    return record_create(model=CatalogueEntry, user=user, edition=edition, matter=matter, basis=basis.strip(),
                         approval_level=approval_level, approving_department=approving_department.strip(),
                         mode=mode, measures=measures.strip(), supervision=supervision.strip(), org_unit=org_unit,
                         promised_days=promised_days, **values)


# ----- cases ------------------------------------------------------------------------------

def _acting(user, case: PermitCase, action: str, result: str | None = None) -> str:
    """The status after `action`, or the lifecycle's refusal; PermissionDeniedError for a user who may not act."""
    actors = {Actor.UNIT} if user is None else permissions.actors(user, case)
    if not actors:
        raise PermissionDeniedError()
    try:
        return LIFECYCLE.transition(case.status, action, actors, result)
    except TransitionError as error:
        raise refuse(str(error)) from None


def _entries_for(matters: Iterable[PermitMatter], received_on: dt.date) -> tuple[CatalogueEdition, list]:
    """The edition in force on the intake day and each matter's entry in it; an abolished matter is refused."""
    edition = selectors.edition_in_force(received_on)
    if edition is None:
        raise refuse(NO_CATALOGUE, date=cn_date(received_on))
    matters = list(matters)
    if not matters:
        raise refuse(NO_MATTERS)
    entries, seen = [], set()
    for matter in matters:
        if matter.pk in seen:
            raise refuse(MATTER_TWICE, matter=matter.name)
        seen.add(matter.pk)
        entry = selectors.case_entry_for(edition, matter)
        if entry is None:
            raise refuse(NOT_IN_CATALOGUE, matter=matter.name, edition=edition)
        if entry.mode == ReformMode.ABOLISHED:
            raise refuse(MATTER_ABOLISHED, matter=matter.name, edition=edition, basis=entry.basis,
                         measures=entry.measures)
        entries.append(entry)
    return edition, entries


def _due_dates(received_on: dt.date, statutory: int, promised: int) -> tuple[dt.date, dt.date, bool]:
    calendar = working_calendar()
    due, promise = DECISION.compute(calendar, received_on, statutory), PROMISED.compute(calendar, received_on, promised)
    return due.due_on, promise.due_on, due.provisional or promise.provisional


def _next_number(year: int) -> str:
    prefix = f"XK{year}-"
    last = (PermitCase.objects.filter(number__startswith=prefix).order_by("-number")
            .values_list("number", flat=True).first())
    return f"{prefix}{(int(last[len(prefix):]) + 1) if last else 1:06d}"


@transaction.atomic
def case_create(*, user, org_unit, applicant_kind: str, received_on: dt.date, matters: Iterable[PermitMatter],
                applicant_entity=None, applicant_name: str = "", applicant_id_number: str = "") -> PermitCase:
    """受理: one window takes an application for one or more matters (一件事) under the catalogue in force that day.

    A matter the catalogue abolished is refused with the basis; the statutory period is the longest of the matters'
    (行政许可法 第四十二条), counted in working days on the calendar in force.
    """
    if received_on > clock.today():
        raise refuse(RECEIVED_IN_FUTURE, date=cn_date(received_on))
    edition, entries = _entries_for(matters, received_on)
    statutory = max(entry.statutory_days for entry in entries)
    promised = max(entry.promised_days or entry.statutory_days for entry in entries)
    due_on, promised_on, provisional = _due_dates(received_on, statutory, promised)
    person = applicant_kind == ApplicantKind.PERSON
    case = record_create(
        model=PermitCase, user=user, reason="受理", number=_next_number(received_on.year), org_unit=org_unit,
        edition=edition, applicant_kind=applicant_kind, applicant_entity=None if person else applicant_entity,
        applicant_name=applicant_name.strip() if person else "",
        applicant_id_number="".join(applicant_id_number.split()).upper() if person else "",
        matters_text="、".join(entry.matter.name for entry in entries)[:1000], received_on=received_on,
        statutory_days=statutory, promised_days=promised, statutory_due_on=due_on, promised_due_on=promised_on,
        provisional=provisional)
    for entry in entries:
        record_create(model=CaseMatter, user=user, case=case, entry=entry, mode=entry.mode)
    deadline_start(rule_code=DECISION.code, record=case, org_unit=org_unit, starts_on=received_on,
                   title=f"办件{case.number}作出行政许可决定", amount=statutory)
    return case


@transaction.atomic
def case_start(*, user, case: PermitCase) -> PermitCase:
    target = _acting(user, case, "start")
    return record_transition(record=case, user=user, expected_version=case.version, reason="开始办理", status=target)


def disguised_reasons(case: PermitCase, decision_form: str = "") -> list[str]:
    """以备案之名行审批之实: a filing matter asked for an approval-type document, or closed as an approval."""
    lines = list(case.lines.active().select_related("entry__matter"))
    filing = [line for line in lines if line.mode == ReformMode.FILING]
    if not filing:
        return []
    reasons = []
    all_filing = len(filing) == len(lines)
    for document in case.documents.active().filter(kind=DocumentKind.APPROVAL).select_related("line__entry__matter"):
        line = document.line
        if (line is not None and line.mode == ReformMode.FILING) or (line is None and all_filing):
            matter = line.entry.matter.name if line is not None else "、".join(x.entry.matter.name for x in filing)
            reasons.append(str(DISGUISED_BY_DOCUMENT % {"matter": matter, "document": document.name,
                                                        "source": DISGUISED_APPROVAL_SOURCE}))
    if all_filing and decision_form and decision_form != DecisionForm.FILING_RECEIPT:
        reasons.append(str(DISGUISED_BY_DECISION % {"form": DecisionForm(decision_form).label,
                                                    "source": DISGUISED_APPROVAL_SOURCE}))
    return reasons


@transaction.atomic
def case_demand(*, user, case: PermitCase, name: str, kind: str, line: CaseMatter | None = None) -> DemandedDocument:
    """Record a document demanded of the applicant; a filing matter demanding an approval document is flagged."""
    target = _acting(user, case, "demand")
    DocumentKind(kind)
    if not name.strip():
        raise refuse(REASON_REQUIRED)
    if line is not None and line.case_id != case.pk:
        raise refuse(LINE_OF_OTHER_CASE)
    document = record_create(model=DemandedDocument, user=user, case=case, line=line, name=name.strip(), kind=kind)
    reasons = disguised_reasons(case, case.decision_form)
    record_transition(record=case, user=user, expected_version=case.version, reason="要求提交材料", status=target,
                      disguised_approval=bool(reasons), disguised_reasons="\n".join(reasons))
    return document


def _recount(case: PermitCase) -> tuple[dt.date, dt.date, bool]:
    """The due dates with the approved extension and the excluded time (行政许可法 第四十二条、第四十五条)."""
    added = case.extended_days + case.excluded_days
    return _due_dates(case.received_on, case.statutory_days + added, case.promised_days + added)


def _restart_deadline(case: PermitCase, reason: str) -> None:
    deadlines_cancel_for(record=case, rule_code=DECISION.code, reason=reason)
    deadline_start(rule_code=DECISION.code, record=case, org_unit=case.org_unit, starts_on=case.received_on,
                   title=f"办件{case.number}作出行政许可决定",
                   amount=case.statutory_days + case.extended_days + case.excluded_days)


@transaction.atomic
def case_extend(*, user, case: PermitCase, reason: str, days: int = EXTENSION_DAYS) -> PermitCase:
    """经本行政机关负责人批准，延长十日 (行政许可法 第四十二条第一款): once, with the reason told to the applicant."""
    if case.extended_days:
        raise refuse(ALREADY_EXTENDED)
    target = _acting(user, case, "extend")
    if not reason.strip():
        raise refuse(REASON_REQUIRED)
    if days <= 0:
        raise refuse(DAYS_POSITIVE)
    if days > EXTENSION_DAYS:
        raise refuse(EXTENSION_TOO_LONG, days=EXTENSION_DAYS)
    case.extended_days = days
    due_on, promised_on, provisional = _recount(case)
    record_transition(record=case, user=user, expected_version=case.version, reason="延长办理期限", status=target,
                      extended_days=days, extension_reason=reason.strip()[:200], statutory_due_on=due_on,
                      promised_due_on=promised_on, provisional=provisional)
    _restart_deadline(case, "经负责人批准延长办理期限")
    return case


@transaction.atomic
def case_exclude(*, user, case: PermitCase, days: int, reason: str) -> PermitCase:
    """听证、检验、检测、检疫、鉴定、专家评审所需时间不计入期限 (行政许可法 第四十五条)."""
    target = _acting(user, case, "exclude")
    if not reason.strip():
        raise refuse(REASON_REQUIRED)
    if days <= 0:
        raise refuse(DAYS_POSITIVE)
    case.excluded_days += days
    due_on, promised_on, provisional = _recount(case)
    record_transition(record=case, user=user, expected_version=case.version, reason=f"不计入期限：{reason}"[:100],
                      status=target, excluded_days=case.excluded_days, statutory_due_on=due_on,
                      promised_due_on=promised_on, provisional=provisional)
    _restart_deadline(case, "扣除不计入期限的时间")
    return case


@transaction.atomic
def case_decide(*, user, case: PermitCase, decision_form: str, decided_on: dt.date | None = None,
                note: str = "") -> PermitCase:
    """办结: 准予 (a licence, or a filing matter's receipt) or 不予; on time is judged on the calendar in force."""
    form = DecisionForm(decision_form)
    target = _acting(user, case, "decide", Result.REFUSE if form == DecisionForm.REFUSAL else Result.GRANT)
    decided_on = decided_on or clock.today()
    if decided_on < case.received_on:
        raise refuse(DECIDED_BEFORE_RECEIVED, date=cn_date(case.received_on))
    if decided_on > clock.today():
        raise refuse(DECIDED_IN_FUTURE, date=cn_date(decided_on))
    modes = set(case.lines.active().values_list("mode", flat=True))
    if form == DecisionForm.FILING_RECEIPT and modes != {ReformMode.FILING}:
        raise refuse(RECEIPT_FOR_APPROVAL)
    due_on, promised_on, provisional = _recount(case)
    used = max(working_calendar().working_days_between(case.received_on, decided_on) - case.excluded_days, 0)
    reasons = disguised_reasons(case, form)
    record_transition(
        record=case, user=user, expected_version=case.version, reason=f"办结：{form.label}", status=target,
        decided_on=decided_on, decision_form=form, decision_note=note.strip()[:500], statutory_due_on=due_on,
        promised_due_on=promised_on, provisional=provisional, working_days_used=used,
        on_time=decided_on <= due_on, within_promise=decided_on <= promised_on,
        disguised_approval=bool(reasons), disguised_reasons="\n".join(reasons))
    deadlines_complete_for(record=case, rule_code=DECISION.code, completed_on=decided_on)
    return case


@transaction.atomic
def case_withdraw(*, user, case: PermitCase, reason: str, withdrawn_on: dt.date | None = None) -> PermitCase:
    """撤回: the applicant withdraws the application before a decision; its deadline is no longer due."""
    target = _acting(user, case, "withdraw")
    if not reason.strip():
        raise refuse(REASON_REQUIRED)
    withdrawn_on = withdrawn_on or clock.today()
    if withdrawn_on < case.received_on:
        raise refuse(DECIDED_BEFORE_RECEIVED, date=cn_date(case.received_on))
    record_transition(record=case, user=user, expected_version=case.version, reason=f"撤回：{reason}"[:100],
                      status=target, withdrawn_on=withdrawn_on, decision_note=reason.strip()[:500])
    deadlines_cancel_for(record=case, rule_code=DECISION.code, reason="申请人撤回申请")
    return case
