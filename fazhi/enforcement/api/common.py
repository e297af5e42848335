"""What the enforcement API's routers share: record fields, references, id fields."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from ninja import Field, Schema

from fazhi.core.api_support import MAX_ID, ActionIn, ensure_unit_in_scope, pick_linked, search_rows
from fazhi.organisation.models import OrgUnit

# ----- shared shapes -----


class RecordOut(Schema):
    version: int = Field(..., description="修改、归档或办理时原样发回，用于防止覆盖他人的修改")
    created_on: datetime
    modified_on: datetime
    archived_on: datetime | None
    archived_reason: str


class Ref(Schema):
    id: int
    name: str


class OfficerRef(Schema):
    id: int
    full_name: str


class NumberRef(Schema):
    id: int
    number: str


class EntityRef(Schema):
    id: int
    uscc: str
    name: str


class ReasonIn(ActionIn):
    reason: str = Field(..., min_length=1, max_length=200, title="原因")


class DoneOut(Schema):
    detail: str


def id_field(field_title: str, *, required: bool = True):
    """A record id in a body or a filter: positive and within the database's range."""
    return Field(... if required else None, ge=1, le=MAX_ID, title=field_title, description="记录 id")


def labelled(obj, field: str) -> str:
    """The label of a choice field's value (an output's `<field>_label`)."""
    return getattr(obj, f"get_{field}_display")()


def unit_field(user, model, unit_id: int | None, field: str):
    """An org unit the user may pick for a record of `model`, and may write into (else 403)."""
    unit = pick_linked(OrgUnit, user, unit_id, model, field)
    if unit is not None:
        ensure_unit_in_scope(user, model, unit.pk)
    return unit


class RateOut(Schema):
    numerator: int
    denominator: int
    value: float | None
    percent_text: str


def rate_out(rate) -> dict:
    """A selectors.Rate as RateOut reads it."""
    return {"numerator": rate.numerator, "denominator": rate.denominator, "value": rate.value,
            "percent_text": rate.percent_text}




def filters_by(lookups: dict[str, str | Callable[[Any], dict]], *search: str) -> Callable:
    """A list's `apply`: each filter sent narrows the rows by its field lookup (or by `lookup(value)`, a dict of
    lookups), then the free-text search runs over the `search` fields."""

    def apply(rows, f):
        for name, lookup in lookups.items():
            value = getattr(f, name)
            if value is not None:
                rows = rows.filter(**(lookup(value) if callable(lookup) else {lookup: value}))
        return search_rows(rows, f, *search)

    return apply
