"""Writes of the permit module: the catalogue and the cases of one window, each checked and audited."""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.core.exceptions import PermissionDeniedError, cn_date, refuse
from fazhi.core.lifecycle import TransitionError
from fazhi.core.numbering import next_number
from fazhi.core.services import record_create, record_transition
from fazhi.deadlines.calendar_source import working_calendar
from fazhi.deadlines.services import deadline_start, deadlines_cancel_for, deadlines_complete_for
from fazhi.enforcement.models import EnforcementCase
from fazhi.enforcement.services.cases import case_open
from fazhi.inspections import engine
from fazhi.permits import permissions, selectors
from fazhi.permits.constants import (
    BREACHES,
    CHECK_DAYS,
    CHECK_RATIOS,
    CREDIT_BARS_COMMITMENT,
    DISGUISED_APPROVAL_SOURCE,
    DISGUISED_BY_DECISION,
    DISGUISED_BY_DOCUMENT,
    EXTENSION_DAYS,
    ApplicantKind,
    CheckMethod,
    CheckResult,
    CommitmentKind,
    DecisionForm,
    DocumentKind,
    ReformMode,
    VisitKind,
)
from fazhi.permits.deadline_rules import COMMITMENT_CHECK, DECISION, PROMISED
from fazhi.permits.lifecycle import LIFECYCLE, Actor, Result
from fazhi.permits.models import (
    CaseMatter,
    CatalogueEdition,
    CatalogueEntry,
    CheckDraw,
    Commendation,
    CommitmentCheck,
    CreditRecord,
    DemandedDocument,
    Pairing,
    PermitCase,
    PermitMatter,
    ServiceTeamMember,
    Visit,
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
            # 《优化营商环境条例》第四十条第二款: 对已取消的行政许可，行政机关不得继续实施或者变相实施.
            raise refuse(MATTER_ABOLISHED, matter=matter.name, edition=edition, basis=entry.basis,
                         measures=entry.measures)
        entries.append(entry)
    return edition, entries


def _due_dates(received_on: dt.date, statutory: int, promised: int) -> tuple[dt.date, dt.date, bool]:
    calendar = working_calendar()
    due, promise = DECISION.compute(calendar, received_on, statutory), PROMISED.compute(calendar, received_on, promised)
    return due.due_on, promise.due_on, due.provisional or promise.provisional


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
        model=PermitCase, user=user, reason="受理", org_unit=org_unit,
        number=next_number(PermitCase, f"XK{received_on.year}-", width=6),
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


# ----- 告知承诺: the commitment, the sampled checks and what a false commitment leads to -----------------------

COMMITMENT_NOT_COMMITMENT_CASE = _("本办件不含实行告知承诺的事项，不能记录告知承诺。")
COMMITMENT_TEXT_REQUIRED = _("请填写承诺内容。")
COMMITMENT_DUE_REQUIRED = _("承诺在约定期限内达到许可条件的，请填写期限（不早于受理日期）。")
COMMITMENT_CREDIT_BARRED = _("申请人有尚未修复的失信记录（%(number)s），信用修复前不适用告知承诺制，请按一般程序办理"
                             "（%(basis)s）。")
REPAIR_BASIS_REQUIRED = _("请填写信用修复依据。")
REPAIR_BEFORE_RECORD = _("信用修复日期不能早于认定日期（%(date)s）。")
REPAIR_IN_FUTURE = _("信用修复日期（%(date)s）晚于今天。")
DRAW_PERIOD = _("受理起始日不能晚于截止日。")
DRAW_SOURCES = _("请填写至少一个随机源的说明（抽取前公布，抽取时公开其数值）。")
DRAW_POOL_EMPTY = _("该期间没有可抽取核查的告知承诺办件。")
DRAW_REVEALED = _("该抽取已经完成。")
DRAW_SOURCE_COUNT = _("应填写%(expected)s个随机源的数值，实际为%(given)s个。")
DRAW_ENGINE = _("抽取失败：%(reason)s")
DRAW_COMMITMENT_CHANGED = _("抽取输入与公布的承诺值不符。")
CHECK_BEFORE_DRAW = _("核查日期不能早于抽中之日（%(date)s）。")
CHECK_IN_FUTURE = _("核查日期（%(date)s）晚于今天。")
CHECK_DONE = _("该核查已记录结果。")
FINDING_REQUIRED = _("核查结果为不属实或未按期达到条件的，请填写核查情况。")
HAND_OVER_NOT_BREACH = _("只有承诺不属实或未按期达到条件的核查才移交执法。")
HAND_OVER_ONE = _("请选择已立案的执法案件，或选择执法主体立案，二者选一。")
HAND_OVER_CASE_UNSEEN = _("找不到该执法案件，或您无权查看。")

# 行政许可法 (2019年修正) 第六十九条第二款 (被许可人以欺骗、贿赂等不正当手段取得行政许可的，应当予以撤销) and
# 第七十九条 (……行政机关应当依法给予行政处罚；取得的行政许可属于直接关系公共安全、人身健康、生命财产安全事项的，
# 申请人在三年内不得再次申请该行政许可；构成犯罪的，依法追究刑事责任), with 国办发〔2020〕42号 on false commitments
# (终止办理、撤销决定、予以处罚并纳入信用记录: found only in local plans citing it, the section not confirmed; see
# docs/law.md). Both articles presuppose a permit granted; false materials found before a decision fall under
# 第七十八条 (不予受理或者不予行政许可，并给予警告；直接关系公共安全、人身健康、生命财产安全事项的，一年内不得再次
# 申请), not cited here.
FALSE_COMMITMENT_BASIS = "国办发〔2020〕42号；《行政许可法》第六十九条第二款、第七十九条"


@transaction.atomic
def case_record_commitment(*, user, case: PermitCase, commitment_kind: str, commitment_text: str,
                           conditions_due_on: dt.date | None = None) -> PermitCase:
    """The applicant's written commitment on a commitment case: conditions met now, or met by a date."""
    if user is not None and not permissions.may_record_commitment(user, case):
        raise PermissionDeniedError()
    kind = CommitmentKind(commitment_kind)
    if not case.lines.active().filter(mode=ReformMode.COMMITMENT).exists():
        raise refuse(COMMITMENT_NOT_COMMITMENT_CASE)
    if not commitment_text.strip():
        raise refuse(COMMITMENT_TEXT_REQUIRED)
    if kind == CommitmentKind.MET_BY_DATE and (conditions_due_on is None or conditions_due_on < case.received_on):
        raise refuse(COMMITMENT_DUE_REQUIRED)
    barring = selectors.applicant_credit_records(case).filter(repaired_on__isnull=True).first()
    if barring is not None:
        raise refuse(COMMITMENT_CREDIT_BARRED, number=barring.number, basis=CREDIT_BARS_COMMITMENT)
    return record_transition(record=case, user=user, expected_version=case.version, reason="记录告知承诺",
                             commitment_kind=kind, commitment_text=commitment_text.strip(),
                             conditions_due_on=conditions_due_on if kind == CommitmentKind.MET_BY_DATE else None)


def _draw_record(number: str, title: str, pool: dict[str, list[str]], items: list[str], on: dt.date,
                 labels: list[str]) -> dict:
    """The draw input in the inspections engine's format (docs/draw-algorithm.md): strata are the risk classes."""
    method = engine.hashrank.METHOD
    return {
        "format": engine.canonical.FORMAT, "format_version": engine.canonical.FORMAT_VERSION,
        "method": {"name": method, "version": engine.canonical.METHODS[method]},
        "title": title, "pool": pool, "exempt": [],
        "parameters": {"plan": number, "inspection_date": on.isoformat(), "items": items,
                       "ratios": {stratum: CHECK_RATIOS[stratum] for stratum in pool}},
        "sources": [{"label": label} for label in labels],
    }


@transaction.atomic
def check_draw_commit(*, user, org_unit, period_from: dt.date, period_to: dt.date,
                      source_labels: list[str]) -> CheckDraw:
    """Freeze the pool of commitment cases by risk class and publish its commitment before the sources are known."""
    if not permissions.may_draw(user, org_unit):
        raise PermissionDeniedError()
    if period_from > period_to:
        raise refuse(DRAW_PERIOD)
    labels = [label.strip() for label in source_labels if label and label.strip()]
    if not labels:
        raise refuse(DRAW_SOURCES)
    pool = selectors.check_pool(org_unit, period_from, period_to)
    if not any(pool.values()):
        raise refuse(DRAW_POOL_EMPTY)
    today = clock.today()
    number = next_number(CheckDraw, f"HC{today.year}-")
    items = selectors.commitment_matter_codes(org_unit, period_from, period_to)
    record = _draw_record(number, f"{org_unit.name}告知承诺核查抽取（{cn_date(period_from)}至{cn_date(period_to)}）",
                          pool, items, today, labels)
    try:
        commitment = engine.commitment(record)
    except engine.DrawError as error:
        raise refuse(DRAW_ENGINE, reason=str(error)) from error
    record["commitment"] = commitment
    return record_create(model=CheckDraw, user=user, reason="冻结名录并公布承诺值", number=number, org_unit=org_unit,
                         period_from=period_from, period_to=period_to, source_labels=labels,
                         commit_sha256=commitment["commit_sha256"], committed_on=today,
                         pool_counts={stratum: len(codes) for stratum, codes in pool.items()},
                         input_json=engine.canonical.compact_json(record) + "\n")


def _check_due(case: PermitCase, drawn_on: dt.date) -> tuple[dt.date, dt.date]:
    """(start, due) of a check: from the draw, or from the date the conditions were committed for, if later."""
    start = max(drawn_on, case.conditions_due_on or drawn_on)
    return start, COMMITMENT_CHECK.compute(working_calendar(), start, CHECK_DAYS).due_on


@transaction.atomic
def check_draw_reveal(*, user, draw, sources, drawn_on: dt.date | None = None):
    """Enter the published sources' numbers, run the engine on the frozen input, keep the record, create the checks."""
    if user is not None and not permissions.may_reveal(user, draw):
        if draw.drawn:
            raise refuse(DRAW_REVEALED)
        raise PermissionDeniedError()
    try:
        numbers = engine.parse_sources(sources) if isinstance(sources, str) else [list(s) for s in sources]
    except ValueError as error:
        raise refuse(DRAW_ENGINE, reason=str(error)) from error
    if len(numbers) != len(draw.source_labels):
        raise refuse(DRAW_SOURCE_COUNT, expected=len(draw.source_labels), given=len(numbers))
    record = engine.canonical.loads(draw.input_json)
    record["sources"] = [{**source, "numbers": n} for source, n in zip(record["sources"], numbers, strict=True)]
    try:
        done = engine.run(record)
    except engine.DrawError as error:
        raise refuse(DRAW_ENGINE, reason=str(error)) from error
    if done["commitment"]["commit_sha256"] != draw.commit_sha256:
        raise refuse(DRAW_COMMITMENT_CHANGED)
    drawn_on = drawn_on or clock.today()
    text = engine.canonical.compact_json(done) + "\n"
    risk_of = {code: stratum for stratum, codes in done["pool"].items() for code in codes}
    cases = {case.number: case for case in PermitCase.objects.filter(
        number__in=[task["entity"] for task in done["result"]["tasks"]])}
    year_prefix = f"HC{drawn_on.year}-C"
    for task in done["result"]["tasks"]:
        case = cases[task["entity"]]
        start, due_on = _check_due(case, drawn_on)
        check = record_create(model=CommitmentCheck, user=user, reason="抽中核查", number=next_number(CommitmentCheck,
                              year_prefix), case=case, draw=draw, risk_class=risk_of[case.number], due_on=due_on)
        deadline_start(rule_code=COMMITMENT_CHECK.code, record=check, org_unit=case.org_unit, starts_on=start,
                       title=f"核查办件{case.number}的告知承诺", amount=CHECK_DAYS)
    # The numbers kept on the draw as one text per source, as its page and history show them (the record keeps lists).
    return record_transition(record=draw, user=user, expected_version=draw.version, reason="公开随机源并抽取",
                             drawn_on=drawn_on, sources=[" ".join(map(str, n)) for n in numbers], record_json=text,
                             record_sha256=engine.canonical.sha256_hex(text.encode("utf-8")),
                             quotas=done["result"].get("quotas") or {})


def check_draw_verify(draw):
    """Re-run the draw from its record (the same check as `fazhi draw verify`): MATCH or what differs."""
    return engine.verify(engine.canonical.loads(draw.record_json), expected_commit=draw.commit_sha256)


@transaction.atomic
def check_record_result(*, user, check, method: str, result: str, checked_on: dt.date | None = None,
                        finding: str = ""):
    """核查结果: 属实 closes the check; 不属实 / 未按期达到条件 also writes the credit record (失信记录)."""
    if user is not None and not permissions.may_record_result(user, check):
        if check.result:
            raise refuse(CHECK_DONE)
        raise PermissionDeniedError()
    CheckMethod(method)
    outcome = CheckResult(result)
    checked_on = checked_on or clock.today()
    start = check.draw.drawn_on if check.draw_id else check.created_on.date()
    if checked_on < start:
        raise refuse(CHECK_BEFORE_DRAW, date=cn_date(start))
    if checked_on > clock.today():
        raise refuse(CHECK_IN_FUTURE, date=cn_date(checked_on))
    if outcome in BREACHES and not finding.strip():
        raise refuse(FINDING_REQUIRED)
    check = record_transition(record=check, user=user, expected_version=check.version, reason=f"核查：{outcome.label}",
                              method=method, result=outcome, checked_on=checked_on, finding=finding.strip())
    deadlines_complete_for(record=check, rule_code=COMMITMENT_CHECK.code, completed_on=checked_on)
    if outcome in BREACHES:
        case = check.case
        record_create(model=CreditRecord, user=user, reason="认定失信", number=next_number(CreditRecord,
                      f"SX{checked_on.year}-"), commitment_check=check, case=case, entity=case.applicant_entity,
                      subject_name=case.applicant_display[:200],
                      uscc=case.applicant_entity.uscc if case.applicant_entity_id else "",
                      behaviour=f"{outcome.label}：{finding.strip()}"[:500], basis=FALSE_COMMITMENT_BASIS,
                      recorded_on=checked_on)
    return check


@transaction.atomic
def check_hand_over(*, user, check, enforcement_case=None, body=None, summary: str = ""):
    """移交执法: link an enforcement case already opened, or open one (立案) with the enforcement services."""
    if check.result not in BREACHES:
        raise refuse(HAND_OVER_NOT_BREACH)
    if user is not None and not permissions.may_hand_over(user, check):
        raise PermissionDeniedError()
    if (enforcement_case is None) == (body is None):
        raise refuse(HAND_OVER_ONE)
    if enforcement_case is not None:
        if user is not None and not EnforcementCase.objects.visible_to(user).filter(pk=enforcement_case.pk).exists():
            raise refuse(HAND_OVER_CASE_UNSEEN)
    else:
        case = check.case
        enforcement_case = case_open(
            user=user, body=body, opened_on=clock.today(), kind="penalty",
            summary=summary.strip() or f"办件{case.number}告知承诺核查{check.get_result_display()}（{check.number}）",
            party_entity=case.applicant_entity, party_name="" if case.applicant_entity_id else case.applicant_name)
    return record_transition(record=check, user=user, expected_version=check.version, reason="移交执法",
                             enforcement_case=enforcement_case)


@transaction.atomic
def credit_record_repair(*, user, record: CreditRecord, repaired_on: dt.date, repair_basis: str) -> CreditRecord:
    """信用修复 (decided by the credit authority, recorded here): from then on the applicant may use 告知承诺 again."""
    if user is not None and not permissions.may_repair_credit(user, record):
        raise PermissionDeniedError()
    if not repair_basis.strip():
        raise refuse(REPAIR_BASIS_REQUIRED)
    if repaired_on < record.recorded_on:
        raise refuse(REPAIR_BEFORE_RECORD, date=cn_date(record.recorded_on))
    if repaired_on > clock.today():
        raise refuse(REPAIR_IN_FUTURE, date=cn_date(repaired_on))
    return record_transition(record=record, user=user, expected_version=record.version, reason="信用修复",
                             repaired_on=repaired_on, repair_basis=repair_basis.strip()[:300])


# ----- 营商环境: commendations, pairings, visits, the legal service team ------------------------------------

VISIT_PAIRING_REQUIRED = _("领导包联走访须选择包联关系，走访企业即包联企业。")
VISIT_IN_FUTURE = _("走访日期（%(date)s）晚于今天。")


@transaction.atomic
def commendation_create(*, user, org_unit, name: str, held_on: dt.date, firms=()):
    return record_create(model=Commendation, user=user, org_unit=org_unit, name=name.strip(), held_on=held_on,
                         firms=list(firms))


@transaction.atomic
def pairing_create(*, user, org_unit, year: int, leader_name: str, entity, leader_title: str = ""):
    return record_create(model=Pairing, user=user, org_unit=org_unit, year=year, leader_name=leader_name.strip(),
                         leader_title=leader_title.strip(), entity=entity)


@transaction.atomic
def visit_create(*, user, org_unit, kind: str, visited_on: dt.date, visitor: str, entity=None, pairing=None,
                 issues: str = ""):
    """走访: a pairing visit names its pairing (the firm is the paired one); others name the firm visited."""
    VisitKind(kind)
    if visited_on > clock.today():
        raise refuse(VISIT_IN_FUTURE, date=cn_date(visited_on))
    if kind == VisitKind.PAIRING:
        if pairing is None:
            raise refuse(VISIT_PAIRING_REQUIRED)
        entity = pairing.entity
    else:
        pairing = None
    if entity is None:
        raise refuse(VISIT_PAIRING_REQUIRED)
    return record_create(model=Visit, user=user, org_unit=org_unit, kind=kind, visited_on=visited_on,
                         visitor=visitor.strip(), entity=entity, pairing=pairing, issues=issues.strip())


@transaction.atomic
def member_create(*, user, org_unit, name: str, affiliation: str, joined_on: dt.date, specialty: str = "",
                  phone: str = ""):
    return record_create(model=ServiceTeamMember, user=user, org_unit=org_unit, name=name.strip(),
                         affiliation=affiliation.strip(), specialty=specialty.strip(), phone=phone.strip(),
                         joined_on=joined_on)
