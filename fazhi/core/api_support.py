"""What every app's API router shares: the API class, error shapes and handlers, scoped lookups.

Kept in core (not in fazhi.api) so that an app's `api.py` can be imported on its own
without importing every other router through fazhi/api/__init__.py.
"""

import logging
import sys
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

import pydantic
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, SuspiciousOperation
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, NinjaAPI, Path, Query, Router, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationErrorContext
from ninja.errors import ValidationError as NinjaValidationError
from ninja.orm.fields import TYPES as NINJA_TYPES
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status
from pydantic import ConfigDict, create_model, field_validator
from pydantic_core import PydanticCustomError

from fazhi.core.audit import HistoryEntry, history_entries, record_viewed
from fazhi.core.exceptions import FazhiError, PermissionDeniedError, StaleRecordError
from fazhi.core.lifecycle import Lifecycle
from fazhi.core.models import BaseModel, perm_name
from fazhi.core.services import record_archive, record_update

# Messages the API answers with; the tests assert on them.
NOT_FOUND = gettext_lazy("未找到该记录，或您无权查看。")
UNAVAILABLE = gettext_lazy("所选记录不存在、已归档或您无权选用。")
NOT_AUTHENTICATED = gettext_lazy("请先登录。")
CSRF_FAILED = gettext_lazy("CSRF 校验失败：请在请求头 X-CSRFToken 中携带 csrftoken Cookie 的值。")
BAD_BODY = gettext_lazy("无法解析请求内容：请发送 JSON 格式的数据。")
BAD_FORM = gettext_lazy("无法解析请求内容：multipart/form-data 格式有误。")
TOO_LARGE = gettext_lazy("请求超出服务器的限制：参数过多或内容过大。")
INVALID = gettext_lazy("提交的数据有误")
ARCHIVED = gettext_lazy("该记录已归档，不能再修改或归档。")
OTHER_UNIT = gettext_lazy("您只能录入或调整本单位的记录。")


# ----- error shapes (declared on every operation so the OpenAPI schema is honest) -----

class ErrorOut(Schema):
    detail: str = Field(..., description="错误说明（中文）")


class FieldErrorOut(Schema):
    field: str = Field(..., description="出错的字段名；__all__ 表示整条记录")
    label: str = Field(..., description="字段的中文名称")
    message: str = Field(..., description="错误说明（中文）")
    loc: list[str | int] = Field(default_factory=list, description="出错位置，如 [\"body\", \"uscc\"]")


class ValidationErrorOut(Schema):
    detail: str = Field(..., description="所有错误合在一起的中文说明")
    errors: list[FieldErrorOut]


def responses(*codes: int, **ok: Any) -> dict[int, Any]:
    """The response map of an operation: the success schema(s) plus the declared error codes.

    400 is declared on every operation: any request can be one the server cannot read (a broken body, more
    parameters than Django accepts), whatever its method.
    """
    shapes = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ValidationErrorOut}
    result: dict[int, Any] = {int(code.removeprefix("s")): schema for code, schema in ok.items()}
    result.update({code: shapes[code] for code in (400, *codes)})
    return result


class _NoNullCharacters(Schema):
    """Refuses NUL characters in every text field."""

    @field_validator("*")
    @classmethod
    def _no_null_characters(cls, value: Any) -> Any:
        # PostgreSQL refuses NUL in text: catch it here as a 422, not later as a 500.
        if isinstance(value, str) and "\x00" in value:
            raise PydanticCustomError("null_character", "Null characters are not allowed.")
        return value


class QueryParams(_NoNullCharacters):
    """Query parameters of a list (filters and search)."""


class InputSchema(_NoNullCharacters):
    """Request bodies: surrounding blanks dropped, unknown fields refused (catches typos like `verison`)."""

    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")


# ----- schema helpers -----

# Ids beyond a signed 64-bit integer would overflow the database driver (a 500, not a 404).
MAX_ID = 2**63 - 1
# A record id in a body, e.g. in a list of ids (`list[RecordId]`): bounded like the `{id}` of a path.
RecordId = Annotated[int, Field(ge=1, le=MAX_ID)]
VERSION_HELP = "读取记录时的 version；已被他人修改则答 409"


def patch_schema(input_schema: type[InputSchema], *, fields: Sequence[str] = (), replace: dict[str, Any] | None = None,
                 doc: str | None = None, reason_help: str | None = None) -> type[InputSchema]:
    """The PATCH body of a record, derived from its input schema and named after it (BodyIn → BodyPatch).

    `version` (required) and `reason` come first, then the input's fields (all of them, or `fields` in that
    order), each optional but otherwise as declared there: same title, description and limits. The handler
    changes only the fields sent (`model_dump(exclude_unset=True)`). `replace` declares a field differently,
    e.g. {"name": Field(None, ...)}; `doc` is the schema's description, `reason_help` the description of `reason`.
    """
    names = fields or list(input_schema.model_fields)
    replace = replace or {}
    if unknown := set(replace) - set(names):
        raise TypeError(f"patch_schema({input_schema.__name__}): no such field {sorted(unknown)}")
    definitions: dict[str, Any] = {
        "version": (int, Field(..., ge=1, le=MAX_ID, title="版本", description=VERSION_HELP)),
        "reason": (str, Field("", max_length=100, title="修改说明", description=reason_help)),
    }
    for name in names:
        info = input_schema.model_fields[name]
        if name in replace:
            definitions[name] = (info.annotation | None, replace[name])
        else:
            # The input's declaration rides along as metadata; the default None (not sent) overrides its default.
            definitions[name] = (Annotated[info.annotation | None, info], None)
    return create_model(input_schema.__name__.removesuffix("In") + "Patch", __base__=InputSchema, __doc__=doc,
                        __module__=input_schema.__module__, **definitions)


def record_id_param() -> Any:
    """The `{id}` path parameter: a positive database id."""
    return Path(..., ge=1, le=MAX_ID, title="记录 id")


def label(model: type, field: str) -> str:
    """A model field's verbose name, in the words the pages use (the schema's field title)."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(model._meta.get_field(field).verbose_name)


def choices_text(choices) -> str:
    """`A=…; B=…` for a field description, so the schema explains each code (a Choices class or a field's choices)."""
    with translation.override(settings.LANGUAGE_CODE):
        return "；".join(f"{value}={text}" for value, text in getattr(choices, "choices", choices))


class PageInput(Schema):
    page: int = Field(1, ge=1, le=1_000_000, title="页码")
    page_size: int | None = Field(None, ge=1, le=100, title="每页条数", description="默认 50，最多 100")


class Pagination(PageNumberPagination):
    """Page-number pagination with bounded inputs (a huge page number must not reach the database)."""

    Input = PageInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=settings.NINJA_PAGINATION_PER_PAGE, max_page_size=100, **kwargs)


# ----- shared output shapes -----

class OrgUnitRef(Schema):
    id: int
    code: str
    name: str


# ----- schemas derived from the models -----

def model_schema(name: str, model: type[models.Model], fields: Sequence[str], *, base: type[Schema] = Schema,
                 types: dict[str, Any] | None = None, required: Sequence[str] = (), optional: Sequence[str] = (),
                 options: dict[str, dict[str, Any]] | None = None, extra: dict[str, Any] | None = None,
                 resolve: dict[str, Any] | None = None, source: dict[str, str] | None = None,
                 doc: str | None = None) -> Any:
    """An API schema whose fields come from `model`: the one way fazhi declares a record's schemas.

    Like django-ninja's `ModelSchema` (`ninja.orm.create_schema`), each field takes its title from the model
    field's verbose_name, its description from its help_text (or, for a choice field, "A=…；B=…" from
    choices_text), its type from ninja's table of Django field types. Unlike it, the wire format is fazhi's:
    a ForeignKey keeps its own name (`org_unit`, never `org_unit_id`), and the rules depend on `base`:

    - an answer (`base` a plain Schema, the default): every field required, `X | None` where the column is
      nullable; a ForeignKey to an OrgUnit is an `OrgUnitRef`, any other must be given in `types`; a choice
      field is its code (str). No length limits (the database already holds the data).
    - a request body (`base` an InputSchema or ActionIn): strip, extra=forbid, no NUL (from InputSchema). A field
      the model may leave empty (blank, null or with a default) is optional with that default, the others
      required; a required text field has min_length=1; max_length from the model; a ForeignKey is the id
      (int, 1..MAX_ID); a choice field is its Choices class (found by its choices, or given in `types`). Numbers
      get no bounds from the model: give them in `options` (e.g. {"year": {"ge": 1990, "le": 2100}}).
    - query parameters (`base` QueryParams): like a body, but every field optional (None: no filter).

    `fields` names the properties in order. A name may also be:
    - `<choice field>_label`: the code's text (`get_<field>_display()`), e.g. "kind_label";
    - a key of `extra`: a property not on the model, `{name: annotation}` or `{name: (annotation, Field(...))}`,
      e.g. filter_fields() or a computed value with its resolver in `resolve`;
    - a key of `source`: a property derived from a model field of another name, e.g. {"channel":
      "publication_channel"} where the action's service takes `channel` (an answer reads the model field).

    The exceptions, each by field name: `types` (another annotation: a nested `AdvisorRef`, a Choices class),
    `required` (required even where the model allows it empty, e.g. the date of an action),
    `optional` (an answer's field with a default: the model's default, None when nullable),
    `options` (Field() arguments that replace the derived ones: a description saying more than the model,
    `{"min_length": None}` to drop a limit, `{"default": None}` for "not sent" where the model has another default),
    `resolve` ({name: function(record) -> value}: ninja's
    `resolve_<name>`). `doc` is the schema's description. The class is named `name` and belongs to the calling
    module (OpenAPI names a schema by its class name: each must be unique across fazhi).

        AdvisorIn = model_schema("AdvisorIn", LegalAdvisor, ("full_name", "firm", "licence_number", "specialties"),
                                 base=InputSchema)
        OrgUnitOut = model_schema("OrgUnitOut", OrgUnit, ("id", "code", "name", "kind", "kind_label", "parent"),
                                  optional=("parent",))
    """
    types, options, extra, resolve = types or {}, options or {}, extra or {}, dict(resolve or {})
    source = source or {}
    if unknown := (set(types) | set(required) | set(optional) | set(options) | set(resolve) | set(source)) \
            - set(fields):
        raise TypeError(f"model_schema({name}): {sorted(unknown)} not in fields")
    mode = "body" if issubclass(base, InputSchema) else "query" if issubclass(base, QueryParams) else "answer"
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {"__module__": sys._getframe(1).f_globals["__name__"], "__qualname__": name,
                                 "__doc__": doc, "__annotations__": annotations}
    for field_name in fields:
        if field_name in extra:
            declared = extra[field_name]
            annotation, info = declared if isinstance(declared, tuple) else (declared, None)
            annotations[field_name] = annotation
            if info is not None:
                namespace[field_name] = info
            continue
        shown = _choice_label_of(model, field_name)
        if shown is not None:
            annotations[field_name] = str
            resolve.setdefault(field_name, lambda record, shown=shown: getattr(record, f"get_{shown}_display")())
            continue
        model_field = model._meta.get_field(source.get(field_name, field_name))
        annotation, default, kwargs = _model_field(model, model_field, field_name, mode, types,
                                                   field_name in required, field_name in optional)
        if field_name in source and mode == "answer":
            resolve.setdefault(field_name, lambda record, name=model_field.name: getattr(record, name))
        annotations[field_name] = annotation
        kwargs = {**kwargs, **options.get(field_name, {})}
        namespace[field_name] = Field(kwargs.pop("default", default), **kwargs)
    for field_name, function in resolve.items():
        namespace[f"resolve_{field_name}"] = staticmethod(function)
    return type(base)(name, (base,), namespace)


def filter_fields(keyword_help: str | None = None) -> dict[str, Any]:
    """The `extra` of a list's query parameters: the keyword `q` (described by `keyword_help`) and
    `include_archived`, as Filters declares them."""
    return {
        "q": (str | None, Field(None, max_length=100, title="关键词", description=keyword_help)),
        "include_archived": (bool, Field(False, title="包含已归档")),
    }


def _choice_label_of(model, field_name: str) -> str | None:
    """`kind` for "kind_label" when `kind` is a choice field of the model and "kind_label" is not a field."""
    names = {f.name for f in model._meta.get_fields()}
    shown = field_name.removesuffix("_label")
    if field_name in names or shown == field_name or shown not in names:
        return None
    return shown if getattr(model._meta.get_field(shown), "choices", None) else None


def _choices_class(model, field) -> type[models.Choices]:
    """The Choices class whose choices are the field's: the enum a request body validates against."""
    wanted = [(value, str(text)) for value, text in field.choices]
    found, stack = set(), [models.Choices]
    while stack:
        for sub in stack.pop().__subclasses__():
            stack.append(sub)
            if [(value, str(text)) for value, text in sub.choices] == wanted:
                found.add(sub)
    if len(found) != 1:
        raise TypeError(f"model_schema: name the Choices class of {model.__name__}.{field.name} in types=")
    return found.pop()


def _model_field(model, field, name: str, mode: str, types: dict, required: bool,
                 optional: bool) -> tuple[Any, Any, dict]:
    """(annotation, default, Field arguments) of one model field, as the property `name` of an answer, a body or
    query parameters."""
    with translation.override(settings.LANGUAGE_CODE):
        kwargs: dict[str, Any] = {"title": str(field.verbose_name), "description": str(field.help_text) or None}
    if field.choices:
        kwargs["description"] = choices_text(field.choices)
    if mode == "answer":
        if name in types:
            annotation = types[name]
        elif field.is_relation and field.related_model._meta.label == "organisation.OrgUnit":
            annotation = OrgUnitRef
        elif field.is_relation:
            raise TypeError(f"model_schema: give the answer's shape of {model.__name__}.{name} in types=")
        else:
            annotation = NINJA_TYPES[field.get_internal_type()]
        if field.null:
            annotation = annotation | None
        return annotation, (field.get_default() if optional else ...), kwargs

    if field.is_relation:
        annotation = types.get(name, int)
        kwargs.update(ge=1, le=MAX_ID)
    else:
        annotation = types.get(name) or (_choices_class(model, field) if field.choices
                                         else NINJA_TYPES[field.get_internal_type()])
        if annotation is str and field.max_length:
            kwargs["max_length"] = field.max_length
    may_be_empty = field.blank or field.null or field.has_default()
    if mode == "query" or (may_be_empty and not required):
        if mode == "query":
            default = None
        elif field.has_default():
            default = field.get_default()
        else:
            default = None if field.null or field.is_relation else ""
        if default is None:
            annotation = annotation | None
        return annotation, default, kwargs
    if annotation is str:
        kwargs["min_length"] = 1
    return annotation, ..., kwargs


class FieldChangeOut(Schema):
    field: str = Field(..., description="字段的中文名称")
    old: str
    new: str


class HistoryEntryOut(Schema):
    when: datetime
    who: str
    action: str = Field(..., description="创建 / 修改 / 删除")
    reason: str
    changes: list[FieldChangeOut]


def history_out(entries: list[HistoryEntry]) -> list[dict]:
    """fazhi.core.audit's history entries as HistoryEntryOut rows."""
    return [
        {"when": e.when, "who": e.who, "action": e.action, "reason": e.reason,
         "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in e.changes]}
        for e in entries
    ]


def add_history_route(router, model: type[BaseModel], operation_prefix: str, title: str, masks_for=None) -> None:
    """GET /{id}/history for a record the user may see; a view of personal data is logged.

    `masks_for(user, record)`: the fields to mask for this reader (None: none), as the record's page does.
    """

    @router.get(
        "/{id}/history", response=responses(401, 404, 422, s200=list[HistoryEntryOut]),
        operation_id=f"{operation_prefix}_history",
        summary=f"{title}修改历史" + ("（含个人信息，查看会被记录）" if model.HOLDS_PERSONAL_DATA else ""),
    )
    def history(request: HttpRequest, id: int = record_id_param()):
        record = get_visible_or_404(model, request.user, id)
        # The history shows old and new values in full, so for personal data it is a view.
        record_viewed(user=request.user, record=record, path=request.get_full_path())
        return history_out(history_entries(record, masks=masks_for(request.user, record) if masks_for else None))


# ----- scoped lookups: the same rules as the pages -----

def get_visible_or_404(model: type[BaseModel], user, pk: int, queryset=None):
    """The record if `user` may see it; otherwise 404, whether or not it exists."""
    rows = model.objects.visible_to(user) if queryset is None else queryset
    try:
        return rows.get(pk=pk)
    except model.DoesNotExist:
        raise Http404(NOT_FOUND) from None


def ensure_can_change(user, record: BaseModel) -> None:
    """403 unless the record is in the user's change scope; 400 if it is archived."""
    model = type(record)
    if not model.objects.changeable_by(user).filter(pk=record.pk).exists():
        raise PermissionDeniedError()
    if record.is_archived:
        raise HttpError(400, str(ARCHIVED))


def ensure_can_archive(user, record: BaseModel) -> None:
    """403 unless the user may archive records of this model and change this one."""
    if not user.has_perm(perm_name(type(record), "archive")):
        raise PermissionDeniedError()
    ensure_can_change(user, record)


def ensure_can_add(user, model: type[BaseModel]) -> None:
    """403 unless the user may create records of this model."""
    if not user.has_perm(perm_name(model, "add")):
        raise PermissionDeniedError()


def ensure_unit_in_scope(user, model: type[BaseModel], unit_id: int | None) -> None:
    """A record created or moved must land where the user may change it (no writing into another unit)."""
    if user.has_perm(perm_name(model, "change_all")):
        return
    if (
        unit_id is not None
        and unit_id == user.org_unit_id
        and user.has_perm(perm_name(model, "change_own_unit"))
    ):
        return
    raise HttpError(403, str(OTHER_UNIT))


# ----- validation errors in Chinese, naming the field -----

class RecordInvalid(Exception):
    """A model's full_clean() refused the data; carries the errors already labelled."""

    def __init__(self, errors: list[dict]):
        super().__init__(errors)
        self.errors = errors


def record_invalid(model: type[BaseModel], exc: DjangoValidationError) -> RecordInvalid:
    """Turn a model ValidationError into API errors labelled with the fields' verbose names."""
    errors = []
    by_field = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
    for name, messages in by_field.items():
        if name == NON_FIELD_ERRORS:
            field, title = "__all__", _("整条记录")
        else:
            field = name
            try:
                title = str(model._meta.get_field(name).verbose_name)
            except FieldDoesNotExist:
                title = name
        errors.extend({"field": field, "label": title, "message": str(m), "loc": ["body", field]} for m in messages)
    return RecordInvalid(errors)


class Filters(QueryParams):
    q: str | None = Field(None, max_length=100, title="关键词")
    include_archived: bool = Field(False, title="包含已归档")


class ArchiveIn(InputSchema):
    version: int = Field(..., ge=1, le=MAX_ID, title="版本", description=VERSION_HELP)
    reason: str = Field(..., min_length=1, max_length=200, title="归档原因")


class ActionIn(InputSchema):
    """Body of a workflow action: `version` optional; when sent, a stale one answers 409."""

    version: int | None = Field(None, ge=1, le=MAX_ID, title="版本", description=VERSION_HELP)


class YearQuery(QueryParams):
    year: int = Field(..., ge=1990, le=2100, title="年度")


# What a record's answer carries besides its own fields: the base of a module's `…Out` (model_schema(base=...)).
RecordOut = model_schema(
    "RecordOut", BaseModel, ("version", "created_on", "modified_on", "archived_on", "archived_reason"),
    options={"version": {"description": "修改、归档或办理时原样发回，用于防止覆盖他人的修改"}})


def converted_values(user, fields: dict, convert: dict) -> dict:
    """The values sent as the service takes them: `convert` maps a field to a function (user, value) → value,
    e.g. an id to the record it names, checked as the pages would (422 or 403 otherwise)."""
    for name, to_value in convert.items():
        if name in fields:
            fields[name] = to_value(user, fields[name])
    return fields


def record_routes(sub: Router, *, model, prefix: str, title: str, out, rows, filters_schema=None, apply=None,
                  list_out=None, create=None, service=None, create_summary: str = "", patch=None,
                  patch_summary: str = "", update_service=None, archivable: bool = False,
                  convert: dict | None = None, history_masks_for=None, list_summary: str = "",
                  detail_summary: str = "", archive_summary: str = "", history: bool = True,
                  null_unchanged: bool = False, operation_ids: dict[str, str] | None = None,
                  detail_router: Router | None = None) -> None:
    """The standard routes of a record; its workflow actions go through `lifecycle_routes`.

    Always: list (paginated, scoped, filtered by `apply(rows, filters)`; archived rows only if `filters_schema`
    has `include_archived` and it is set; no query parameters without a `filters_schema`) and detail (logged for
    personal data); history unless `history=False`.
    Where given: create (the `create` schema, through `service`), update (the `patch` schema, through
    `update_service`, by default record_update, called as it is: `record=`, `user=`, `expected_version=` (the
    `version` read), `reason=` and the fields sent; with `null_unchanged` a field sent as null is left as it is)
    and archive. `rows(user)` is what the user may see; `out` answers every route but the list (`list_out`, by
    default `out`); `convert` (see converted_values) applies to the bodies of create and update.
    GET and PATCH `/{id}` go on `detail_router` when given: a router the caller adds after its other sub-routers,
    since Django tries URL patterns in order and a parent's own `/{id}` would catch `/catalogues` or `/cleanups`.
    Registered in this order, which is the OpenAPI schema's. The summaries default to "<title>列表",
    "<title>详情", "修改<title>（需提供 version）", "归档<title>（不删除，需提供 version）"; the operation ids to
    "<prefix>_<route>" (route: list, detail, history, create, update, archive), unless `operation_ids` names them.
    """
    convert = convert or {}
    by_id = sub if detail_router is None else detail_router
    ids = {route: f"{prefix}_{route}" for route in ("list", "detail", "history", "create", "update", "archive")}
    ids.update(operation_ids or {})

    list_route = sub.get("", response=responses(401, 422, s200=list[list_out or out]), operation_id=ids["list"],
                         summary=list_summary or f"{title}列表")
    if filters_schema is None:
        @list_route
        @paginate(Pagination)
        def listing_all(request: HttpRequest):
            return rows(request.user).active()
    else:
        @list_route
        @paginate(Pagination)
        def listing(request: HttpRequest, filters: Query[filters_schema]):
            found = rows(request.user)
            if not getattr(filters, "include_archived", False):
                found = found.active()
            return apply(found, filters)

    personal = "（含个人信息，查看会被记录）" if model.HOLDS_PERSONAL_DATA else ""

    @by_id.get("/{id}", response=responses(401, 404, 422, s200=out), operation_id=ids["detail"],
             summary=detail_summary or f"{title}详情{personal}")
    def detail(request: HttpRequest, id: int = record_id_param()):
        record = get_visible_or_404(model, request.user, id, queryset=rows(request.user))
        record_viewed(user=request.user, record=record, path=request.get_full_path())
        return record

    if history:
        add_history_route(sub, model, ids["history"].removesuffix("_history"), title, masks_for=history_masks_for)

    if create is not None:
        @sub.post("", response=responses(400, 401, 403, 422, s201=out), operation_id=ids["create"],
                  summary=create_summary)
        def create_record(request: HttpRequest, payload: create):
            user = request.user
            ensure_can_add(user, model)
            record = run_service(model, service, user=user, **converted_values(user, payload.model_dump(), convert))
            return Status(201, rows(user).get(pk=record.pk))

    if patch is not None:
        @by_id.patch("/{id}", response=responses(400, 401, 403, 404, 409, 422, s200=out),
                     operation_id=ids["update"], summary=patch_summary or f"修改{title}（需提供 version）")
        def update(request: HttpRequest, payload: patch, id: int = record_id_param()):
            user = request.user
            record = get_visible_or_404(model, user, id)
            ensure_can_change(user, record)
            sent = payload.model_dump(exclude_unset=True, exclude={"version", "reason"})
            if null_unchanged:
                sent = {name: value for name, value in sent.items() if value is not None}
            changes = converted_values(user, sent, convert)
            run_service(model, update_service or record_update, record=record, user=user,
                        expected_version=payload.version, reason=payload.reason, **changes)
            return rows(user).get(pk=record.pk)

    if archivable:
        @sub.post("/{id}/archive", response=responses(400, 401, 403, 404, 409, 422, s200=out),
                  operation_id=ids["archive"], summary=archive_summary or f"归档{title}（不删除，需提供 version）")
        def archive(request: HttpRequest, payload: ArchiveIn, id: int = record_id_param()):
            user = request.user
            with transaction.atomic():
                # Lock the row so the version check and the archive see the same record (PostgreSQL).
                record = get_visible_or_404(model, user, id,
                                            queryset=model.objects.visible_to(user).select_for_update(of=("self",)))
                ensure_can_archive(user, record)
                if record.version != payload.version:
                    raise StaleRecordError(record)
                record_archive(record=record, user=user, reason=payload.reason, expected_version=payload.version)
            return rows(user).get(pk=record.pk)


def pick_linked(model, user, pk: int | None, owner_model, field: str, queryset=None):
    """A linked record the pages would offer the user (active and visible), else 422 naming the field."""
    if pk is None:
        return None
    rows = model.objects.visible_to(user).active() if queryset is None else queryset
    found = rows.filter(pk=pk).first()
    if found is None:
        raise record_invalid(owner_model, DjangoValidationError({field: str(UNAVAILABLE)}))
    return found


def search_rows(rows, filters: Filters, *fields: str):
    """Rows whose `fields` contain the filter's keyword `q` (any of them), or all rows without one."""
    if filters.q:
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__icontains": filters.q})
        rows = rows.filter(condition)
    return rows


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


def unit_to_write(model: type[BaseModel], field: str = "org_unit") -> Callable:
    """A `convert` function (user, id) → the org unit a record of `model` names in `field`: one the pages would
    offer the user (else 422 naming the field) and one the user may write into (else 403)."""

    def convert(user, pk: int | None):
        unit = pick_linked(model._meta.get_field(field).related_model, user, pk, model, field)
        if unit is not None:
            ensure_unit_in_scope(user, model, unit.pk)
        return unit

    return convert


def gate_action(may, user, record, version: int | None = None) -> None:
    """The rule of a workflow action, as the page applies it: 400 on an archived record, 403 unless
    `may(user, record)` (the module's permissions.may_<action>), 409 if the `version` sent is stale."""
    if record.is_archived:
        raise HttpError(400, str(ARCHIVED))
    if not may(user, record):
        raise PermissionDeniedError()
    if version is not None and version != record.version:
        raise StaleRecordError(record)


def record_for_action(model, user, id: int, may, version: int | None = None, queryset=None):
    """The record an action route acts on: 404 if the user cannot see it (in `queryset`, else the model's
    visible rows), then `gate_action` (400 archived, 403 unless `may`, 409 stale)."""
    record = get_visible_or_404(model, user, id, queryset=queryset)
    gate_action(may, user, record, version)
    return record


def run_service(model: type[BaseModel], service, **kwargs):
    """Call a service in one transaction; a model's ValidationError becomes a labelled 422."""
    try:
        with transaction.atomic():
            return service(**kwargs)
    except DjangoValidationError as exc:
        raise record_invalid(model, exc) from exc


# ----- the action routes of a record, derived from its lifecycle -----

@dataclass(frozen=True)
class ActionRoute:
    """One action on a record: `POST /{id}/<path>`, allowed by `may`, written by `service`.

    `body`: its input schema (an ActionIn: a `version` sent that is stale answers 409), or None for an action that
    takes no body (no 409 then). `may`: the module's permissions.may_<action>(user, record). `service` is called as
    `service(user=, <record_param>=record, **body without version)`. The answer is the record read again, in the
    `out` of lifecycle_routes, unless `result` names the model of what the service returns (a review, a comment):
    then that is the answer, in the route's `out`, and its fields label a 422. `summary` defaults to the
    transition's label, `operation_id` to "<operation_prefix>_<action>".
    """

    path: str
    body: type[Schema] | None
    service: Callable[..., Any]
    may: Callable[[Any, Any], bool]
    out: Any = None
    status: int = 200
    summary: str = ""
    result: type[models.Model] | None = None
    operation_id: str = ""


def lifecycle_routes(router: Router, lifecycle: Lifecycle | None, *, model: type[BaseModel], rows, out,
                     record_param: str, operation_prefix: str, routes: dict[str, ActionRoute] | None = None,
                     not_routed: dict[str, str] | None = None,
                     other_routes: dict[str, ActionRoute] | None = None) -> None:
    """The action routes of a record, one per action of its `lifecycle` (fazhi.core.lifecycle), on `router`.

    Each route: 404 unless `rows(user)` holds the record, then `gate_action` (400 archived, 403 unless the route's
    `may`, 409 on a stale `version`), then the service in one transaction (a model's ValidationError is a labelled
    422, a refusal 400). `routes` maps every action of the lifecycle to its ActionRoute, except the actions named
    in `not_routed`, each with the reason the API does not offer it (the platform's alone, like "expire"; taken
    by another route). Refused when the module is imported (TypeError), before any route exists: an action of the
    lifecycle neither routed nor in `not_routed`, a route or a `not_routed` entry the lifecycle does not have.

    `other_routes` are actions on the record that are not transitions of the lifecycle (a comment recorded, a
    field decided; every action of a module without a lifecycle, `lifecycle=None`): routed the same way after
    `routes`, each with its own summary, and refused if the lifecycle has an action of that name (it belongs in
    `routes`). Actions that need more than the record and a body (a second id in the path, ids in the body to
    look up) keep their own handlers, which call `record_for_action`.

        lifecycle_routes(router, LIFECYCLE, model=Item, rows=selectors.items_visible, out=ItemOut,
                         record_param="item", operation_prefix="permits_items",
                         routes={"close": ActionRoute("close", CloseIn, services.item_close, permissions.may_close)},
                         not_routed={"expire": "the platform's alone (fazhi expire_items)"})
    """
    routes, not_routed, other_routes = routes or {}, not_routed or {}, other_routes or {}
    actions = [] if lifecycle is None else [rule.action for rule in lifecycle.transitions]
    where = f"lifecycle_routes({operation_prefix})"
    if missing := [action for action in actions if action not in routes and action not in not_routed]:
        raise TypeError(f"{where}: no route for the lifecycle's {missing}; route them or say why in not_routed")
    if unknown := sorted((set(routes) | set(not_routed)) - set(actions)):
        raise TypeError(f"{where}: the lifecycle has no action {unknown}")
    if both := sorted(set(routes) & set(not_routed)):
        raise TypeError(f"{where}: {both} both routed and not_routed")
    if clash := sorted(set(other_routes) & set(actions)):
        raise TypeError(f"{where}: {clash} are the lifecycle's actions: route them in routes")
    if untitled := sorted(name for name, route in other_routes.items() if not route.summary):
        raise TypeError(f"{where}: {untitled} need a summary (no transition label to take it from)")
    for action, route in (*routes.items(), *other_routes.items()):
        summary = route.summary or lifecycle.label(action)
        _action_route(router, route, model=model, rows=rows, out=out, record_param=record_param,
                      operation_id=route.operation_id or f"{operation_prefix}_{action}", summary=summary)


def _action_route(router: Router, route: ActionRoute, *, model, rows, out, record_param: str, operation_id: str,
                  summary: str) -> None:
    """Registers one ActionRoute (see lifecycle_routes)."""
    answer = route.out or out
    codes = (400, 401, 403, 404, 422) if route.body is None else (400, 401, 403, 404, 409, 422)
    post = router.post(f"/{{id}}/{route.path}", response=responses(*codes, **{f"s{route.status}": answer}),
                       operation_id=operation_id, summary=summary)

    def act(user, id: int, payload):
        version, values = (None, {}) if payload is None else (payload.version, payload.model_dump(exclude={"version"}))
        record = record_for_action(model, user, id, route.may, version, queryset=rows(user))
        result = run_service(route.result or model, route.service, user=user, **{record_param: record}, **values)
        return Status(route.status, result if route.result is not None else rows(user).get(pk=record.pk))

    if route.body is None:
        def handler(request: HttpRequest, id: int = record_id_param()):
            return act(request.user, id, None)
    else:
        def handler(request: HttpRequest, payload: route.body, id: int = record_id_param()):
            return act(request.user, id, payload)

    handler.__name__ = handler.__qualname__ = operation_id
    post(handler)


_PYDANTIC_MESSAGES = {
    "missing": gettext_lazy("此字段为必填项。"),
    "string_type": gettext_lazy("应为文本。"),
    "string_too_short": gettext_lazy("至少需要 %(min_length)s 个字符。"),
    "string_too_long": gettext_lazy("最多 %(max_length)s 个字符。"),
    "int_type": gettext_lazy("应为整数。"),
    "int_parsing": gettext_lazy("应为整数。"),
    "int_from_float": gettext_lazy("应为整数。"),
    "bool_type": gettext_lazy("应为 true 或 false。"),
    "bool_parsing": gettext_lazy("应为 true 或 false。"),
    "greater_than_equal": gettext_lazy("不能小于 %(ge)s。"),
    "less_than_equal": gettext_lazy("不能大于 %(le)s。"),
    "greater_than": gettext_lazy("应大于 %(gt)s。"),
    "less_than": gettext_lazy("应小于 %(lt)s。"),
    "enum": gettext_lazy("“%(input)s”不是有效的选项，可选值：%(expected)s。"),
    "literal_error": gettext_lazy("“%(input)s”不是有效的选项，可选值：%(expected)s。"),
    "date_type": gettext_lazy("日期格式应为 YYYY-MM-DD。"),
    "date_parsing": gettext_lazy("日期格式应为 YYYY-MM-DD。"),
    "date_from_datetime_parsing": gettext_lazy("日期格式应为 YYYY-MM-DD。"),
    "model_attributes_type": gettext_lazy("应为 JSON 对象。"),
    "model_type": gettext_lazy("应为 JSON 对象。"),
    "dict_type": gettext_lazy("应为 JSON 对象。"),
    "list_type": gettext_lazy("应为列表。"),
    "extra_forbidden": gettext_lazy("不允许的字段（请检查字段名）。"),
    "json_invalid": gettext_lazy("JSON 格式错误。"),
    "null_character": gettext_lazy("不能包含空字符（\\x00）。"),
}
_SOURCE_LABELS = {"payload": gettext_lazy("请求体"), "ninja_pagination": gettext_lazy("分页")}


def _unwrap(annotation: Any) -> Any:
    """The pydantic model inside Optional[...] / X | None, if any."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if isinstance(arg, type) and issubclass(arg, pydantic.BaseModel):
                return arg
    return annotation


def _label_for(model: type[pydantic.BaseModel], loc: tuple) -> tuple[str, str]:
    """(field name, Chinese label) for a pydantic error location, walking nested schemas."""
    current: Any = model
    name, title = "__all__", _("整条记录")
    for part in loc:
        if not isinstance(part, str):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            name, title = part, _SOURCE_LABELS.get(part, part)
            break
        info = fields[part]
        name = part
        title = info.title or info.description or _SOURCE_LABELS.get(part, part)
        current = _unwrap(info.annotation)
    return name, str(title)


def _chinese_message(error: dict) -> str:
    template = _PYDANTIC_MESSAGES.get(error["type"])
    if template is None:
        return error["msg"]
    values = {"input": error.get("input", ""), **(error.get("ctx") or {})}
    if isinstance(values.get("expected"), str):
        values["expected"] = values["expected"].replace("' or '", "', '")  # pydantic's English "or"
    try:
        return str(template) % values
    except (KeyError, TypeError, ValueError):
        return error["msg"]


class FazhiNinjaAPI(NinjaAPI):
    """NinjaAPI whose request-validation errors are labelled and worded in Chinese."""

    def validation_error_from_error_contexts(
        self, error_contexts: list[ValidationErrorContext]
    ) -> NinjaValidationError:
        errors: list[dict] = []
        for context in error_contexts:
            model = context.model
            source = model.__ninja_param_source__
            for error in context.pydantic_validation_error.errors(include_url=False):
                field, title = _label_for(model, error["loc"])
                flat = model.__ninja_flatten_map_reverse__.get(error["loc"], error["loc"])
                loc = [source, *[p for p in flat if p != "payload"]]
                errors.append({"field": field, "label": title, "message": _chinese_message(error), "loc": loc})
        return NinjaValidationError(errors)


def _summary(errors: list[dict]) -> str:
    parts = [f"{e['label']}：{e['message'].rstrip('。')}" for e in errors]
    return f"{INVALID}：" + "；".join(parts) + "。"


def install_error_handlers(api: NinjaAPI) -> None:
    """Answer every refusal with {"detail": "<中文说明>"} and the status the schema declares."""

    def reply(request: HttpRequest, status: int, detail: str, **extra) -> HttpResponse:
        return api.create_response(request, {"detail": detail, **extra}, status=status)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        # The same words whether the record is missing or out of scope: never reveal existence.
        return reply(request, 404, str(NOT_FOUND))

    @api.exception_handler(AuthenticationError)
    def not_authenticated(request, exc):
        return reply(request, 401, str(NOT_AUTHENTICATED))

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        if exc.status_code == 403 and exc.message == "CSRF check Failed":
            return reply(request, 403, str(CSRF_FAILED))
        if exc.status_code == 400 and exc.message.startswith("Cannot parse request body"):
            return reply(request, 400, str(BAD_BODY))
        return reply(request, exc.status_code, exc.message)

    @api.exception_handler(MultiPartParserError)
    def bad_form(request, exc):
        # Django reads the form for its CSRF check; a broken multipart body would otherwise get its HTML 400 page.
        return reply(request, 400, str(BAD_FORM))

    @api.exception_handler(SuspiciousOperation)
    def too_large(request, exc):
        # More than DATA_UPLOAD_MAX_NUMBER_FIELDS parameters, an oversized body...: Django's HTML 400 page otherwise.
        # Logged as Django logs it (django.security.<class>), since this handler takes its place.
        logging.getLogger(f"django.security.{exc.__class__.__name__}").error(str(exc))
        return reply(request, 400, str(TOO_LARGE))

    @api.exception_handler(NinjaValidationError)
    def request_invalid(request, exc):
        return reply(request, 422, _summary(exc.errors), errors=exc.errors)

    @api.exception_handler(RecordInvalid)
    def model_invalid(request, exc):
        return reply(request, 422, _summary(exc.errors), errors=exc.errors)

    @api.exception_handler(StaleRecordError)
    def stale(request, exc):
        return reply(request, 409, exc.message)

    @api.exception_handler(PermissionDeniedError)
    def denied(request, exc):
        return reply(request, 403, exc.message)

    @api.exception_handler(DjangoPermissionDenied)
    def django_denied(request, exc):
        return reply(request, 403, PermissionDeniedError().message)

    @api.exception_handler(FazhiError)
    def refused(request, exc):
        return reply(request, 400, exc.message)
