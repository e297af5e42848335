"""The audit trail: history is append-only, views of personal data are logged, diffs are readable."""

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone
from simple_history.models import HistoricalChanges

from fazhi.core.exceptions import AuditImmutableError
from fazhi.core.models import AccessLog


@receiver(pre_save)
def _history_is_append_only(sender, instance, **kwargs) -> None:
    if isinstance(instance, HistoricalChanges) and not instance._state.adding:
        raise AuditImmutableError()


@receiver(pre_delete)
def _history_is_never_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, HistoricalChanges):
        raise AuditImmutableError()


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: object
    who: str
    action: str
    reason: str
    changes: list[FieldChange]


CREATED, CHANGED, DELETED = "创建", "修改", "删除"  # a history entry's action
_ACTIONS = {"+": CREATED, "~": CHANGED, "-": DELETED}
YES, NO = "是", "否"  # a boolean as the record's page shows it


# Choices for values whose model field carries none: a JSON list of codes that a form offers as check
# boxes (a plan's industries). Model → a function giving {field name: choices}; fazhi.web's record pages
# register their forms' choices, so the history reads as the page, in the web and in the API alike.
_VALUE_CHOICES: dict[type, Callable[[], Mapping[str, Iterable]]] = {}


def register_value_choices(model: type, choices: Callable[[], Mapping[str, Iterable]]) -> None:
    """Have the history show `model`'s values by the labels of `choices()` (field name → choices)."""
    _VALUE_CHOICES[model] = choices


def _labels(record, field) -> dict:
    if field.choices:
        return dict(field.flatchoices)
    model = getattr(record, "instance_type", type(record))  # a history row stands for its record's model
    chosen = _VALUE_CHOICES.get(model)
    return dict(chosen().get(field.name, ())) if chosen is not None else {}


def _display(record, field_name: str) -> str:
    """A stored value as the record's page shows it: labels of choices (a list's joined with 、),
    the linked record's name, 是/否, local times."""
    field = record._meta.get_field(field_name)
    value = getattr(record, field.attname, None)
    if value in (None, "") or (isinstance(value, list | tuple | dict) and not value):
        return "—"
    if isinstance(value, bool):
        return YES if value else NO
    if field.is_relation:
        try:
            related = getattr(record, field.name, None)
        except ObjectDoesNotExist:  # the history keeps no link: the record it named may be gone
            related = None
        return str(related) if related is not None else str(value)
    labels = _labels(record, field)
    if isinstance(value, list | tuple):
        return "、".join(str(labels.get(item, item)) for item in value)
    if isinstance(value, dict):
        return "；".join(f"{labels.get(key, key)}：{item}" for key, item in value.items())
    if labels:
        return str(labels.get(value, value))
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# The bookkeeping every record carries (shown as who/when, not as changes) and secrets.
_HIDDEN = {"version", "password", "last_login", "modified_by", "modified_on", "created_by", "created_on"}


def _content_fields(record) -> list:
    """The record's content, including what workflow steps set (status, dates, numbers); not the
    bookkeeping every record carries, nor what a model keeps private (PRIVATE_FIELDS)."""
    hidden = _HIDDEN | set(getattr(type(record), "PRIVATE_FIELDS", ()))
    return [f for f in record.history.model.tracked_fields if f.name not in hidden and not f.primary_key]


def history_entries(record, masks: dict | None = None) -> list[HistoryEntry]:
    """The record's history, newest first, each change as field: old → new in plain words.

    `masks` (field name → mask function): personal data the reader may not see in full, masked in the
    history as on the page."""
    rows = list(record.history.select_related("history_user").order_by("-history_date", "-history_id"))
    fields = _content_fields(record)
    entries = []
    for index, row in enumerate(rows):
        previous = rows[index + 1] if index + 1 < len(rows) else None
        changes = []
        if previous is not None and row.history_type == "~":
            # Compared field by field here: simple_history's diff_against (through model_to_dict)
            # skips non-editable fields, which is what workflow steps set (status, numbers, dates).
            changes = [FieldChange(field=str(f.verbose_name), old=_shown(previous, f, masks), new=_shown(row, f, masks))
                       for f in fields if getattr(row, f.attname) != getattr(previous, f.attname)]
        elif row.history_type == "+":
            # What the record was created with: the "before" of every later change.
            changes = [FieldChange(field=str(f.verbose_name), old="—", new=_shown(row, f, masks))
                       for f in fields if _display(row, f.name) != "—"]
        user = row.history_user
        entries.append(HistoryEntry(
            when=row.history_date,
            who=(user.display_name if user else "系统"),
            action=_ACTIONS.get(row.history_type, row.history_type),
            reason=row.history_change_reason or "",
            changes=changes,
        ))
    return entries


def _shown(row, field, masks: dict | None) -> str:
    value = _display(row, field.name)
    mask = (masks or {}).get(field.name)
    return mask(value) if mask is not None and value != "—" else value


def record_viewed(*, user, record, path: str = "") -> None:
    """Log that `user` opened a record holding personal data."""
    if not record.HOLDS_PERSONAL_DATA or not user.is_authenticated:
        return
    from django.contrib.contenttypes.models import ContentType

    AccessLog.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(record),
        object_id=str(record.pk),
        object_repr=str(record)[:200],
        path=path[:300],
    )


def personal_data_exported(*, user, model, count: int, path: str = "") -> None:
    """Log that `user` exported `count` unmasked records of a model holding personal data."""
    if not model.HOLDS_PERSONAL_DATA or user is None or not user.is_authenticated:
        return
    from django.contrib.contenttypes.models import ContentType

    AccessLog.objects.create(
        user=user, content_type=ContentType.objects.get_for_model(model), object_id="*",
        object_repr=f"导出{model._meta.verbose_name}{count}条"[:200], path=path[:300],
    )
