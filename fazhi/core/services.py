"""Writes shared by every app: create, edit under optimistic locking, archive."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from fazhi.core.exceptions import PermissionDeniedError, StaleRecordError
from fazhi.core.models import BaseModel


def record_create(*, model: type[BaseModel], user, reason: str = "", **fields) -> BaseModel:
    """Create a record after validation, stamped with who made it."""
    record = model(**fields)
    record.created_by = user
    record.modified_by = user
    record.full_clean()
    if reason:
        record._change_reason = reason
    record.save()
    return record


def record_update(*, record: BaseModel, user, expected_version: int, reason: str = "", **changes) -> BaseModel:
    """Change a record if nobody changed it since `expected_version` was read; else StaleRecordError.

    The version bump is a conditional UPDATE, so two concurrent editors cannot both win,
    on SQLite and PostgreSQL alike. Nothing is written when validation fails.
    """
    model = type(record)
    if user is not None and not model.objects.changeable_by(user).filter(pk=record.pk).exists():
        raise PermissionDeniedError()
    with transaction.atomic():
        bumped = model.objects.filter(pk=record.pk, version=expected_version).update(version=F("version") + 1)
        if not bumped:
            raise StaleRecordError(record)
        for name, value in changes.items():
            setattr(record, name, value)
        record.version = expected_version + 1
        record.modified_by = user
        record.full_clean()
        if reason:
            record._change_reason = reason
        record.save()
    return record


def record_archive(*, record: BaseModel, user, reason: str) -> BaseModel:
    """Archive instead of delete: the record stays, hidden from working lists."""
    model = type(record)
    if user is not None and not user.has_perm(f"{model._meta.app_label}.archive_{model._meta.model_name}"):
        raise PermissionDeniedError()
    if user is not None and not model.objects.changeable_by(user).filter(pk=record.pk).exists():
        raise PermissionDeniedError()
    record.archived_on = timezone.now()
    record.archived_by = user
    record.archived_reason = reason[:200]
    record.modified_by = user
    record.version += 1
    record._change_reason = f"归档：{reason}"[:100]
    record.save()
    return record
