"""Writes shared by every app: create, edit under optimistic locking, archive."""

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import clock
from fazhi.core.exceptions import FazhiError, PermissionDeniedError, StaleRecordError
from fazhi.core.models import BaseModel, perm_name

ARCHIVE_REASON_MISSING = gettext_lazy("请填写归档原因。")
ARCHIVED_BECAUSE = "归档：{reason}"  # the history's reason for an archive


def _ensure_within_users_unit(record: BaseModel, user) -> None:
    """A user without zone-wide rights may not create a record in, or move one into, another unit.

    Checked against the database inside the caller's transaction, so any UNIT_FIELD path works
    and a refusal rolls the write back. It asks where the record is, not whether the user may
    change it afterwards: some roles may add records they may not edit (an officer's case files).
    """
    model = type(record)
    if user is None or user.has_perm(perm_name(model, "change_all")) or not model.UNIT_FIELD:
        return
    if not user.org_unit_id or not model.objects.filter(pk=record.pk, **{model.UNIT_FIELD: user.org_unit_id}).exists():
        raise PermissionDeniedError()


def may_change(record: BaseModel, user) -> bool:
    """Whether `user` (None: the system) may change `record`, by the permission pairs and its unit."""
    return user is None or type(record).objects.changeable_by(user).filter(pk=record.pk).exists()


def _many_to_many(model: type[BaseModel], fields: dict) -> dict:
    """Pop the many-to-many values out of `fields` (they are set once the record is saved) and put their
    text into the field the model names for it in MANY_TO_MANY_TEXT, which the history keeps."""
    many = {}
    for name in list(fields):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.many_to_many:
            if name not in model.MANY_TO_MANY_TEXT:
                raise ImproperlyConfigured(f"{model.__name__}.MANY_TO_MANY_TEXT has no text field for {name}")
            linked = list(fields.pop(name))
            ids = [getattr(item, "pk", item) for item in linked]
            linked = list(field.related_model.objects.filter(pk__in=ids))  # records, whether given or by id
            if len(linked) != len(set(ids)):
                raise ValidationError({name: _("所选%(field)s中有不存在的记录。") % {"field": field.verbose_name}})
            if not linked and not field.blank:
                raise ValidationError({name: _("%(field)s不能为空。") % {"field": field.verbose_name}})
            many[name] = linked
            fields[model.MANY_TO_MANY_TEXT[name]] = "、".join(sorted(map(str, linked)))
    return many


def record_create(*, model: type[BaseModel], user, reason: str = "", values: dict | None = None,
                  **fields) -> BaseModel:
    """Create a record after validation, stamped with who made it; only where the user may write.

    Field values come as keywords or in `values` — for fields named like a parameter here (a
    recusal's `reason`, 回避事由, is not the reason for the change).
    """
    if user is not None and not user.has_perm(perm_name(model, "add")):
        raise PermissionDeniedError()
    fields = {**fields, **(values or {})}
    many = _many_to_many(model, fields)
    record = model(**fields)
    record.created_by = user
    record.modified_by = user
    record.full_clean()
    if reason:
        record._change_reason = reason
    with transaction.atomic():
        record.save()
        for name, linked in many.items():
            getattr(record, name).set(linked)
        _ensure_within_users_unit(record, user)
    return record


def record_update(*, record: BaseModel, user, expected_version: int, reason: str = "", values: dict | None = None,
                  **changes) -> BaseModel:
    """Change a record if nobody changed it since `expected_version` was read; else StaleRecordError.

    The version bump is a conditional UPDATE, so two concurrent editors cannot both win,
    on SQLite and PostgreSQL alike. Nothing is written when validation fails. `values`: as in
    record_create.
    """
    model = type(record)
    if user is not None and not model.objects.changeable_by(user).filter(pk=record.pk).exists():
        raise PermissionDeniedError()
    changes = {**changes, **(values or {})}
    many = _many_to_many(model, changes)
    with transaction.atomic():
        record_transition(record=record, user=user, expected_version=expected_version, reason=reason, values=changes)
        for name, linked in many.items():
            getattr(record, name).set(linked)
        _ensure_within_users_unit(record, user)
    return record


def record_transition(*, record: BaseModel, user, expected_version: int, reason: str = "",
                      values: dict | None = None, **changes) -> BaseModel:
    """`record_update` for a workflow step whose service has already checked who may take it.

    Some steps are taken by people who may not edit the record (a leader approving a plan, an
    officer entering a result): the service checks their role; this keeps the optimistic lock,
    the validation and the history (who, when, what) of any other change.
    """
    model = type(record)
    changes = {**changes, **(values or {})}
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


def record_archive(*, record: BaseModel, user, reason: str, expected_version: int | None = None) -> BaseModel:
    """Archive instead of delete: the record stays, hidden from working lists.

    Under the same optimistic lock as an edit: `expected_version` defaults to the version
    the caller read (the record's own), so an edit made meanwhile is never overwritten.
    """
    model = type(record)
    if user is not None and not user.has_perm(perm_name(model, "archive")):
        raise PermissionDeniedError()
    if not reason.strip():
        raise FazhiError(str(ARCHIVE_REASON_MISSING))
    return record_update(
        record=record, user=user, expected_version=record.version if expected_version is None else expected_version,
        reason=ARCHIVED_BECAUSE.format(reason=reason)[:100],
        archived_on=clock.now(), archived_by=user, archived_reason=reason.strip()[:200],
    )
