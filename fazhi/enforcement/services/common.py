"""Helpers the enforcement services share: append-only case parts, dates, back entry."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from fazhi.core import clock
from fazhi.core.exceptions import PermissionDeniedError, cn_date, refuse
from fazhi.core.models import BaseModel
from fazhi.core.services import may_change
from fazhi.enforcement import permissions
from fazhi.enforcement.models import EnforcementCase
from fazhi.enforcement.services.messages import BACK_ENTRY_LEGAL_OFFICE_ONLY, DATE_IN_FUTURE


def append_case_part(model: type[BaseModel], *, user, scope: EnforcementCase, reason: str = "", **fields) -> BaseModel:
    """Create an append-only part of a case (an assignment, a record file) where the user may work on the case.

    core.record_create also requires that the user may *change* the new row, which the officer
    role may not do with these on purpose (they add records, they do not edit them); so the
    scope checked here is the case's, with the same validation and history.
    """
    if user is not None:
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.add_{opts.model_name}") or not may_change(scope, user):
            raise PermissionDeniedError()
    record = model(**fields)
    record.created_by = record.modified_by = user
    record.full_clean()
    if reason:
        record._change_reason = reason
    record.save()
    return record


def require_not_future(day: dt.date, what: str) -> None:
    """An act is recorded after it happened: a date after today would be a pre-dated record."""
    today = clock.today()
    if day > today:
        raise refuse(DATE_IN_FUTURE, what=what, date=cn_date(day), today=cn_date(today))


def require_back_entry_allowed(user) -> None:
    """Entering historical paper files (补录) is the legal-affairs office's (or the system's) to do."""
    if not permissions.may_enter_back_files(user):
        raise refuse(BACK_ENTRY_LEGAL_OFFICE_ONLY)


BACK_ENTRY_REASON = "补录：依纸质案卷录入"


def to_decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def require_permission(may, user, record) -> None:
    """Refuse (PermissionDeniedError) unless `may(user, record)`, a permissions.may_<action>; None is the system."""
    if user is not None and not may(user, record):
        raise PermissionDeniedError()
