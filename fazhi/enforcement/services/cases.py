"""Writes of enforcement cases: opening, correcting, officers, steps and full-process records."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.core.exceptions import cn_date, refuse
from fazhi.core.files import store_record_file
from fazhi.core.services import record_create, record_update
from fazhi.enforcement import permissions
from fazhi.enforcement.constants import RecordKind, StepKind
from fazhi.enforcement.models import (
    CaseOfficer,
    CaseStep,
    EnforcementBody,
    EnforcementCase,
    EnforcementMatter,
    ProcessRecord,
)
from fazhi.enforcement.services.common import (
    BACK_ENTRY_REASON,
    append_case_part,
    require_back_entry_allowed,
    require_not_future,
    require_permission,
)
from fazhi.enforcement.services.messages import (
    ACTING_OFFICER_UNCERTIFIED,
    ASSIGN_DUPLICATE,
    ASSIGN_LATE_ENTRY,
    ASSIGN_REFUSED,
    CASE_CLOSED,
    CASE_KIND_MATTER,
    CASE_KIND_REQUIRED,
    CASE_MATTER_OTHER_BODY,
    CASE_PARTY_LOCKED,
    DATE_BEFORE_OPENED,
    LATE_ENTRY_DAYS,
    STEP_RESERVED,
)
from fazhi.officers.models import Officer
from fazhi.officers.selectors import officer_certificate_problem, officer_valid_certificate

# --- cases and the three systems ------------------------------------------------------------


def require_open(case: EnforcementCase, *, allow_closure_step: CaseStep | None = None) -> None:
    if case.closed_on is not None and not (allow_closure_step and allow_closure_step.kind == StepKind.CLOSURE):
        raise refuse(CASE_CLOSED, case=case.number, date=cn_date(case.closed_on))


def require_not_before_opened(case: EnforcementCase, day: dt.date) -> None:
    if day < case.opened_on:
        raise refuse(DATE_BEFORE_OPENED, date=cn_date(case.opened_on))


def _next_case_number(body: EnforcementBody, year: int) -> str:
    prefix = f"{body.org_unit.code}-{year}-"
    taken = set(EnforcementCase.objects.filter(number__startswith=prefix).values_list("number", flat=True))
    sequence = len(taken) + 1
    while f"{prefix}{sequence:04d}" in taken:
        sequence += 1
    return f"{prefix}{sequence:04d}"


@transaction.atomic
def case_open(*, user, body: EnforcementBody, summary: str, opened_on: dt.date, kind: str = "", number: str = "",
              matter: EnforcementMatter | None = None, party_entity=None, party_name: str = "",
              party_id_number: str = "") -> EnforcementCase:
    """Open (立案) a case; records its filing step. Number generated when not given."""
    if matter is not None:
        if matter.body_id != body.pk:
            raise refuse(CASE_MATTER_OTHER_BODY, matter=matter.name, body=body.name)
        if kind and kind != matter.kind:
            raise refuse(CASE_KIND_MATTER, kind=matter.get_kind_display())
        kind = matter.kind
    if not kind:
        raise refuse(CASE_KIND_REQUIRED)
    require_not_future(opened_on, str(_("立案日期")))
    require_acting_officer_certified(user)
    case = record_create(
        model=EnforcementCase, user=user, body=body, number=number.strip() or _next_case_number(body, opened_on.year),
        kind=kind, matter=matter, party_entity=party_entity, party_name=party_name.strip(),
        party_id_number=party_id_number.strip().upper(), summary=summary.strip(), opened_on=opened_on,
    )
    record_create(model=CaseStep, user=user, case=case, kind=StepKind.FILING, happened_on=opened_on, note=summary)
    return case


_CASE_EDITABLE = ("party_entity", "party_name", "party_id_number", "summary")
_CASE_PARTY = ("party_entity", "party_name", "party_id_number")


def _same(case: EnforcementCase, name: str, value) -> bool:
    current = getattr(case, name)
    if name == "party_entity":
        return (current.pk if current is not None else None) == (value.pk if value is not None else None)
    return (current or "") == (value or "")


@transaction.atomic
def case_update(*, user, case: EnforcementCase, expected_version: int, reason: str = "",
                **changes) -> EnforcementCase:
    """Correct a case's party or summary: refused once the case is closed; the party is locked once decided."""
    unknown = set(changes) - set(_CASE_EDITABLE)
    if unknown:
        raise ValueError(f"case_update cannot change {sorted(unknown)}")
    require_open(case)
    if "party_id_number" in changes:
        changes["party_id_number"] = (changes["party_id_number"] or "").strip().upper()
    for name in ("party_name", "summary"):
        if name in changes:
            changes[name] = (changes[name] or "").strip()
    if case.decided_on is not None and not all(_same(case, name, changes[name]) for name in _CASE_PARTY
                                               if name in changes):
        raise refuse(CASE_PARTY_LOCKED, case=case.number, date=cn_date(case.decided_on))
    return record_update(record=case, user=user, expected_version=expected_version, reason=reason, **changes)


def require_acting_officer_certified(user) -> None:
    """A user who is an enforcement officer acts on a case only while holding a valid certificate today."""
    if user is None:
        return
    officer = Officer.objects.filter(user=user).first()
    if officer is None:
        return
    today = clock.today()
    problem = officer_certificate_problem(officer, today)
    if problem is not None:
        raise refuse(ACTING_OFFICER_UNCERTIFIED, today=cn_date(today), reason=problem)


def entered_late(day: dt.date, back_entry: bool) -> bool:
    return not back_entry and (clock.today() - day).days > LATE_ENTRY_DAYS


@transaction.atomic
def case_assign_officer(*, user, case: EnforcementCase, officer: Officer, on: dt.date,
                        back_entry: bool = False) -> CaseOfficer:
    """Assign an officer to a case; refused unless they hold a valid certificate on that date.

    Entered more than LATE_ENTRY_DAYS after `on`, the officer must also hold one today, unless
    the legal-affairs office (or the system) enters a historical file as 补录 (`back_entry`).
    """
    require_permission(permissions.may_assign_officer, user, case)
    if back_entry:
        require_back_entry_allowed(user)
    require_open(case)
    require_not_before_opened(case, on)
    require_not_future(on, str(_("指派日期")))
    if CaseOfficer.objects.filter(case=case, officer=officer).exists():
        raise refuse(ASSIGN_DUPLICATE, officer=officer.full_name, case=case.number)
    certificate = officer_valid_certificate(officer, on)
    if certificate is None:
        raise refuse(ASSIGN_REFUSED, officer=officer.full_name, case=case.number,
                      reason=officer_certificate_problem(officer, on), date=cn_date(on))
    if entered_late(on, back_entry):
        today = clock.today()
        problem = officer_certificate_problem(officer, today)
        if problem is not None:
            raise refuse(ASSIGN_LATE_ENTRY, officer=officer.full_name, case=case.number, date=cn_date(on),
                          days=LATE_ENTRY_DAYS, today=cn_date(today), reason=problem)
    return append_case_part(CaseOfficer, user=user, scope=case, reason=BACK_ENTRY_REASON if back_entry else "",
                            case=case, officer=officer, certificate=certificate, assigned_on=on)


# Steps recorded by the service that does the act, so that their rules apply.
_RESERVED_STEPS = {
    StepKind.FILING: _("立案"),
    StepKind.LEGAL_REVIEW: _("录入法制审核意见"),
    StepKind.DECISION: _("作出决定"),
    StepKind.CLOSURE: _("结案"),
}


@transaction.atomic
def case_add_step(*, user, case: EnforcementCase, kind: str, happened_on: dt.date, note: str = "") -> CaseStep:
    """Record a step of a case (a hearing step also marks the case as heard)."""
    require_permission(permissions.may_add_step, user, case)
    if kind in _RESERVED_STEPS:
        raise refuse(STEP_RESERVED, step=StepKind(kind).label, action=_RESERVED_STEPS[kind])
    require_open(case)
    require_not_before_opened(case, happened_on)
    require_not_future(happened_on, str(_("环节日期")))
    require_acting_officer_certified(user)
    step = record_create(model=CaseStep, user=user, case=case, kind=kind, happened_on=happened_on, note=note)
    if kind == StepKind.HEARING and not case.had_hearing:
        record_update(record=case, user=user, expected_version=case.version, had_hearing=True)
    return step


@transaction.atomic
def process_record_attach(*, user, step: CaseStep, kind: str, file, original_name: str = "") -> ProcessRecord:
    """Store a full-process record file of a step with its SHA-256 digest and size."""
    case = step.case
    require_open(case, allow_closure_step=step)
    RecordKind(kind)  # an unknown kind fails here, before anything is stored
    require_acting_officer_certified(user)
    require_permission(permissions.may_upload_record, user, case)
    stored = store_record_file(file, original_name, kind=kind, folder="process_records",
                               storage=ProcessRecord._meta.get_field("file").storage)
    return append_case_part(ProcessRecord, user=user, scope=case, step=step, kind=kind, file=stored.name,
                            original_name=stored.original_name, size=stored.size, sha256=stored.sha256)


