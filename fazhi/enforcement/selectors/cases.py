"""Reads of enforcement cases: major decisions, completeness and integrity of the records, publication."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.core.files import file_sha256
from fazhi.deadlines.calendar_source import working_calendar
from fazhi.deadlines.models import Deadline
from fazhi.deadlines.selectors import deadlines_for_record
from fazhi.enforcement.completeness import missing_items
from fazhi.enforcement.constants import (
    PUBLICATION_WITHIN_7_DAYS,
    DecisionKind,
    MajorCriterionKind,
    MatterKind,
    RecordKind,
    StepKind,
)
from fazhi.enforcement.deadline_rules import PUBLICATION_OTHER, PUBLICATION_PERMIT_PENALTY, PUBLICATION_WITHDRAWAL
from fazhi.enforcement.models import EnforcementCase, MajorCriterion, MajorDecisionReview, ProcessRecord
from fazhi.officers.selectors import Rate


@dataclass(frozen=True)
class RecordCheck:
    """The outcome of recomputing one stored record file's digest."""

    record_id: int
    name: str
    status: str  # "ok", "tampered" or "missing"
    expected_sha256: str
    actual_sha256: str = ""


@dataclass(frozen=True)
class RecordsVerification:
    checks: list[RecordCheck]

    @property
    def ok(self) -> bool:
        return all(check.status == "ok" for check in self.checks)

    @property
    def tampered(self) -> list[RecordCheck]:
        return [check for check in self.checks if check.status == "tampered"]

    @property
    def missing(self) -> list[RecordCheck]:
        return [check for check in self.checks if check.status == "missing"]


@dataclass(frozen=True)
class PublicationStatus:
    """Where a case's decision stands with 执法决定公示."""

    status: str  # "not_decided", "pending", "on_time", "late", "overdue"
    label: str
    due_on: dt.date | None = None
    published_on: dt.date | None = None
    due_provisional: bool = False  # due_on counted on a year without an official holiday arrangement
    deadline_id: int | None = None  # the Deadline that tracks it (its page shows how due_on was counted)


@dataclass(frozen=True)
class CompletenessGap:
    """One thing a case's full-process record lacks."""

    step: str
    record_kind: str | None
    text: str


GAP_STEP_MISSING = _("缺少“%(step)s”环节的记录")
GAP_RECORD_MISSING = _("“%(step)s”环节缺少%(kind)s")

PUBLICATION_CODES = (PUBLICATION_PERMIT_PENALTY.code, PUBLICATION_OTHER.code)
PUBLICATION_LABELS = {
    "not_decided": _("尚未作出决定"),
    "pending": _("待公示"),
    "on_time": _("按时公示"),
    "late": _("逾期公示"),
    "overdue": _("逾期未公示"),
    # 行政处罚法 第四十八条第二款: a decision changed or revoked before publication is not published.
    "overturned": _("决定已被依法变更或撤销，不再公示"),
}


# --- cases and the three systems ------------------------------------------------------------


# Criteria met by the kind of decision alone.
_MAJOR_DECISION_KINDS = {
    MajorCriterionKind.LICENCE_REVOCATION: DecisionKind.LICENCE_REVOCATION,
    MajorCriterionKind.CLOSURE: DecisionKind.CLOSURE,
}


def enabled_criteria() -> list[MajorCriterion]:
    return list(MajorCriterion.objects.active().filter(enabled=True))


def case_major_reasons(case: EnforcementCase, *, decision_kind: str | None = None, fine_amount=None,
                       criteria: list[MajorCriterion] | None = None) -> list[str]:
    """Why the case's decision is major under the enabled MajorCriterion rows (empty: not major)."""
    decision_kind = decision_kind if decision_kind is not None else case.decision_kind
    fine = Decimal(str(fine_amount)) if fine_amount not in (None, "") else case.fine_amount
    is_entity = bool(case.party_entity_id)
    reasons: list[str] = []
    for criterion in enabled_criteria() if criteria is None else criteria:
        label = criterion.get_kind_display()
        kind = criterion.kind
        if kind in (MajorCriterionKind.FINE_ENTITY, MajorCriterionKind.FINE_PERSON):
            if (decision_kind == DecisionKind.FINE and fine is not None and criterion.fine_threshold is not None
                    and is_entity == (kind == MajorCriterionKind.FINE_ENTITY) and fine >= criterion.fine_threshold):
                reasons.append(f"{label}（{fine:,.2f}元，本区标准为{criterion.fine_threshold:,.2f}元以上）")
        elif (kind in _MAJOR_DECISION_KINDS and decision_kind == _MAJOR_DECISION_KINDS[kind]) or (
                kind == MajorCriterionKind.HEARING and case.had_hearing):
            reasons.append(label)
    # MajorCriterionKind.OTHER needs a person's judgement: recorded on the case (declared_major). It
    # counts whether or not the catalogue's OTHER row is enabled: the declaration is itself that
    # judgement, made for this case by its unit or the legal-affairs office, and must not be
    # silently dropped by a catalogue setting.
    if case.declared_major:
        reasons.append(f"{MajorCriterionKind.OTHER.label}（{case.declared_major_reason}）"
                       if case.declared_major_reason else str(MajorCriterionKind.OTHER.label))
    return reasons


def case_is_major(case: EnforcementCase, *, decision_kind: str | None = None, fine_amount=None,
                  criteria: list[MajorCriterion] | None = None) -> bool:
    """Whether the case's (intended) decision is major and needs 法制审核."""
    return bool(case_major_reasons(case, decision_kind=decision_kind, fine_amount=fine_amount, criteria=criteria))


def case_approved_review(case: EnforcementCase, *, by: dt.date | None = None) -> MajorDecisionReview | None:
    """The latest review of the case (up to `by`) if it approved the decision, else None."""
    reviews = MajorDecisionReview.objects.active().filter(case=case)
    if by is not None:
        reviews = reviews.filter(reviewed_on__lte=by)
    latest = reviews.order_by("-reviewed_on", "-pk").first()
    return latest if latest is not None and latest.approved else None


def _present_records(case: EnforcementCase) -> dict[str, set[str]]:
    present: dict[str, set[str]] = {}
    for step in case.steps.all():
        if step.archived_on is not None:
            continue
        kinds = present.setdefault(step.kind, set())
        kinds.update(r.kind for r in step.records.all() if r.archived_on is None)
    return present


def case_completeness(case: EnforcementCase, *, criteria: list[MajorCriterion] | None = None) -> list[CompletenessGap]:
    """What the case's full-process record still lacks, per its kind (empty: complete)."""
    gaps = missing_items(
        case.kind, _present_records(case), had_hearing=case.had_hearing,
        is_major=bool(case.decision_kind) and case_is_major(case, criteria=criteria),
        closed=case.closed_on is not None,
    )
    result = []
    for gap in gaps:
        step = StepKind(gap.step).label
        if gap.record_kind is None:
            text = str(GAP_STEP_MISSING) % {"step": step}
        else:
            text = str(GAP_RECORD_MISSING) % {"step": step, "kind": RecordKind(gap.record_kind).label}
        result.append(CompletenessGap(gap.step, gap.record_kind, text))
    return result


def case_records_verify(case: EnforcementCase) -> RecordsVerification:
    """Recompute every stored record file's SHA-256 and report tampered or missing files."""
    return records_verify(ProcessRecord.objects.active().filter(step__case=case).order_by("pk"))


def records_verify(records) -> RecordsVerification:
    """Recompute the SHA-256 of stored record files (any model with file, size, sha256, original_name)."""
    checks = []
    for record in records:
        storage, name = record.file.storage, record.file.name
        if not name or not storage.exists(name):
            checks.append(RecordCheck(record.pk, record.original_name, "missing", record.sha256))
            continue
        with storage.open(name, "rb") as stored:
            actual, size = file_sha256(stored)
        status = "ok" if actual == record.sha256 and size == record.size else "tampered"
        checks.append(RecordCheck(record.pk, record.original_name, status, record.sha256, actual))
    return RecordsVerification(checks)


# A case's publication due date, whether it was counted provisionally (暂定), and its Deadline's id.
Due = tuple[dt.date, bool, int | None]


def _publication_due(case: EnforcementCase, deadlines: dict[str, Due] | None = None) -> Due | None:
    if not case.decided_on:
        return None
    if deadlines is not None:
        due = deadlines.get(str(case.pk))
    else:
        due = (deadlines_for_record(case).filter(rule_code__in=PUBLICATION_CODES)
               .values_list("due_on", "provisional", "pk").first())
    if due is None:  # a decision entered without the service (e.g. imported): count it by the rule
        rule = PUBLICATION_PERMIT_PENALTY if publication_within_7_days(case.kind, case.decision_kind) \
            else PUBLICATION_OTHER
        counted = rule.compute(working_calendar(), case.decided_on)
        due = (counted.due_on, counted.provisional, None)
    return due


def publication_within_7_days(case_kind: str, decision_kind: str) -> bool:
    """Permit and penalty decisions: 7 working days; the rest 20 (国办发〔2018〕118号 二(六))."""
    return case_kind in (MatterKind.PENALTY, MatterKind.PERMIT) or decision_kind in PUBLICATION_WITHIN_7_DAYS


def _status(case: EnforcementCase, today: dt.date, deadlines: dict[str, Due] | None = None) -> PublicationStatus:
    counted = _publication_due(case, deadlines)
    if counted is None:
        return PublicationStatus("not_decided", str(PUBLICATION_LABELS["not_decided"]))
    due, provisional, deadline_id = counted
    publication = getattr(case, "publication", None)
    if publication is not None and publication.archived_on is None:
        code = "on_time" if publication.published_on <= due else "late"
        return PublicationStatus(code, str(PUBLICATION_LABELS[code]), due, publication.published_on, provisional,
                                 deadline_id)
    if any(overturn.archived_on is None for overturn in case.overturns.all()):
        return PublicationStatus("overturned", str(PUBLICATION_LABELS["overturned"]))
    code = "overdue" if today > due else "pending"
    return PublicationStatus(code, str(PUBLICATION_LABELS[code]), due, due_provisional=provisional,
                             deadline_id=deadline_id)


def case_publication_status(case: EnforcementCase, *, today: dt.date | None = None) -> PublicationStatus:
    """Whether the case's decision was published on time, late, or is overdue."""
    return _status(case, today or clock.today())


def case_withdrawal_due(case: EnforcementCase) -> Deadline | None:
    """The open deadline to withdraw the case's published decision (行政处罚法 第四十八条第二款), if any."""
    return (deadlines_for_record(case).filter(rule_code=PUBLICATION_WITHDRAWAL.code, completed_on__isnull=True,
                                              archived_on__isnull=True).first())


def publications_overdue(*, today: dt.date | None = None, org_unit=None) -> QuerySet[EnforcementCase]:
    """Decided cases whose publication deadline passed with no publication."""
    today = today or clock.today()
    late_ids = Deadline.objects.active().filter(
        content_type=ContentType.objects.get_for_model(EnforcementCase), rule_code__in=PUBLICATION_CODES,
        completed_on__isnull=True, due_on__lt=today,
    ).values_list("object_id", flat=True)
    rows = EnforcementCase.objects.active().filter(pk__in=[int(pk) for pk in late_ids], publication__isnull=True)
    if org_unit is not None:
        rows = rows.filter(body__org_unit=org_unit)
    return rows.select_related("body").order_by("decided_on", "pk")


def decided_cases(start: dt.date, end: dt.date, org_unit=None) -> QuerySet[EnforcementCase]:
    rows = EnforcementCase.objects.active().filter(decided_on__gte=start, decided_on__lte=end)
    if org_unit is not None:
        rows = rows.filter(body__org_unit=org_unit)
    return rows.select_related("body", "publication").prefetch_related("steps__records", "overturns")


def _publication_deadlines(cases) -> dict[str, Due]:
    ids = [str(case.pk) for case in cases]
    rows = Deadline.objects.active().filter(
        content_type=ContentType.objects.get_for_model(EnforcementCase), rule_code__in=PUBLICATION_CODES,
        object_id__in=ids,
    ).values_list("object_id", "due_on", "provisional", "pk")
    return {object_id: (due_on, provisional, pk) for object_id, due_on, provisional, pk in rows}


def on_time_rate(cases, today: dt.date) -> Rate:
    deadlines = _publication_deadlines(cases)
    statuses = [_status(case, today, deadlines).status for case in cases]
    counted = [s for s in statuses if s in ("on_time", "late", "overdue")]
    return Rate(counted.count("on_time"), len(counted))


def publication_on_time_rate(*, start: dt.date, end: dt.date, org_unit=None,
                             today: dt.date | None = None) -> Rate:
    """Share of decisions made in [start, end] published within the statutory time.

    Decisions still inside their period are not counted; unpublished past it count as late.
    """
    return on_time_rate(list(decided_cases(start, end, org_unit)), today or clock.today())




def challenged_case(user, case_id: int | None) -> dict:
    """What a 行政复议 or lawsuit page shows of the enforcement case it challenges, when the reader may see that case:
    the case, its decision's corrections, and its officers, each linking to the officer's cases whose decisions were
    corrected (the closed loop back to the case and its officers)."""
    from django.urls import reverse

    case = EnforcementCase.objects.visible_to(user).filter(pk=case_id).first() if case_id else None
    if case is None:
        return {}
    cases = reverse("enforcement:cases:list")
    assignments = case.assignments.active().select_related("officer")
    return {"challenged_case": case, "challenged_overturns": case.overturns.active(),
            "challenged_officers": [(a.officer, f"{cases}?officer={a.officer_id}&overturned=1") for a in assignments]}
