"""One set of record pages — list, detail, create, edit, archive, export — shared by every register.

An app describes its pages with a `RecordPages` subclass in its `views.py` and puts
`pages.urls()` in its `urls.py`. Reads always go through `visible_to(user)`, writes through
`changeable_by(user)` and the services in fazhi.core.services; a record outside the user's
scope is a 404, so nobody learns which ids other units hold.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models, transaction
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from fazhi.core import clock
from fazhi.core.audit import history_entries, personal_data_exported, record_viewed, register_value_choices
from fazhi.core.exceptions import FazhiError, PermissionDeniedError, StaleRecordError
from fazhi.core.models import perm_name
from fazhi.core.services import record_archive, record_create, record_update
from fazhi.records.widgets import LookupSelect, lookup_url
from fazhi.registers.tabular import write_table

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EMPTY = "—"
FIXED_NOW = gettext_lazy("“%(record)s”当前的状态不允许修改。")  # why a record that is not editable cannot be changed

# ----- permissions, by the pairs every record model has (see fazhi.core.models) -----


perm = perm_name


def can_view(user, model) -> bool:
    return user.has_perm(perm(model, "view_all")) or user.has_perm(perm(model, "view_own_unit"))


def can_add(user, model) -> bool:
    return user.has_perm(perm(model, "add"))


def zone_wide_writer(user, model) -> bool:
    """May write records of any unit; otherwise only the user's own unit."""
    return user.has_perm(perm(model, "change_all"))


def within_own_scope(user, record) -> bool:
    """A unit-scoped user may only create or move records into their own unit."""
    model = type(record)
    if zone_wide_writer(user, model) or not model.UNIT_FIELD:
        return True
    return bool(user.org_unit_id) and model.objects.filter(
        pk=record.pk, **{model.UNIT_FIELD: user.org_unit_id}
    ).exists()


# ----- showing values -----


def field_label(model, name: str, labels: dict | None = None) -> str:
    if labels and name in labels:
        return str(labels[name])
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _form_value(value):
    """A value comparable with a form's: many-to-many links (a related manager or a queryset) as the set of ids."""
    return set(value.values_list("pk", flat=True)) if hasattr(value, "values_list") else value


def display_value(record, name: str) -> str:
    """A field's value as a person reads it: choice labels, related names, 是/否, local times."""
    try:
        field = record._meta.get_field(name)
    except FieldDoesNotExist:
        value = getattr(record, name)
        value = value() if callable(value) else value
        return EMPTY if value in (None, "") else str(value)
    if field.many_to_many:
        return "、".join(str(related) for related in getattr(record, name).all()) or EMPTY
    if field.is_relation:
        related = getattr(record, name)
        return EMPTY if related is None else str(related)
    value = getattr(record, field.attname)
    if value in (None, ""):
        return EMPTY
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# ----- forms -----


def style_widget(field: forms.Field) -> None:
    """Bootstrap classes, and the browser's date picker for dates."""
    widget = field.widget
    if isinstance(field, forms.DateField) and not isinstance(widget, forms.HiddenInput):
        field.widget = widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):  # CheckboxSelectMultiple is a RadioSelect
        css = "form-check-input"
    elif isinstance(widget, forms.Select | forms.SelectMultiple):
        css = "form-select"
    else:
        css = "form-control"
    classes = widget.attrs.get("class", "").split()
    if css not in classes:  # a form styled twice keeps one class
        widget.attrs["class"] = " ".join([*classes, css])


class BootstrapFormMixin:
    """Style every field, and mark the ones with errors so the page shows them in red."""

    def style_fields(self) -> None:
        for field in self.fields.values():
            style_widget(field)

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"


class RecordForm(BootstrapFormMixin, forms.ModelForm):
    """A record's form: links offer only active records the user may see, and unit-scoped
    users may only pick their own unit."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        model = self._meta.model
        for name, field in self.fields.items():
            if not isinstance(field, forms.ModelChoiceField) or not hasattr(field.queryset, "visible_to"):
                continue
            offered = field.queryset.visible_to(user).active()
            current = self.initial.get(name) if self.instance.pk else None
            if current:  # keep a link to a record archived since, so an unrelated edit still saves
                kept = [getattr(c, "pk", c) for c in current] if isinstance(current, list | tuple) else [current]
                offered = field.queryset.filter(Q(pk__in=offered.values("pk")) | Q(pk__in=kept))
            if not zone_wide_writer(user, model):  # offer only what keeps the record in the user's unit
                if name == model.UNIT_FIELD:
                    offered = offered.filter(pk=user.org_unit_id)
                elif (model.UNIT_FIELD or "").startswith(f"{name}__"):  # e.g. a case's body
                    offered = offered.filter(**{model.UNIT_FIELD.removeprefix(f"{name}__"): user.org_unit_id})
            field.queryset = offered
            if not isinstance(field, forms.ModelMultipleChoiceField) and \
                    offered.count() > settings.FAZHI_SELECT_LOOKUP_OVER:
                field.widget = LookupSelect(lookup_url=lookup_url(model, name),
                                            placeholder=getattr(pages_for(offered.model), "search_placeholder", ""))
                field.widget.choices = field.choices
        self.style_fields()


class EditExtras(forms.Form):
    """Fields every edit form carries besides the record's own."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    change_reason = forms.CharField(
        label=gettext_lazy("修改说明"), max_length=100, required=False,
        help_text=gettext_lazy("选填，记入修改历史"),
    )


class ArchiveForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=gettext_lazy("归档原因"), max_length=200)
    # The version the user saw on the detail page, so an edit made meanwhile is not archived unseen.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()


def add_validation_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a model's ValidationError on the form: on the field when the form has it, else on top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


# ----- the pages -----

_PAGES: dict[type, "RecordPages"] = {}


def keyword_condition(names, query: str) -> Q:
    """Rows where any of the fields `names` contains `query`; no fields: no rows."""
    condition = Q(pk__in=[])
    for name in names:
        condition |= Q(**{f"{name}__icontains": query})
    return condition


def pages_for(model) -> "RecordPages | None":
    return _PAGES.get(model)


def all_pages() -> list["RecordPages"]:
    return list(_PAGES.values())


def detail_url(record) -> str | None:
    """The record's page, when its model has pages."""
    pages = pages_for(type(record))
    if pages is None or "detail" not in pages.actions:
        return None
    return reverse(f"{pages.namespace}:detail", args=[record.pk])


@dataclass(frozen=True)
class ComputedFilter:
    """A list filter that is not a model field (a state on today, a year): its form field, and how a chosen value
    narrows the rows."""

    field: forms.Field
    apply: Callable[[models.QuerySet, object], models.QuerySet]


def year_filter(date_field: str, label) -> ComputedFilter:
    """The records whose `date_field` falls in the chosen year (a statistics figure's records link here)."""
    return ComputedFilter(forms.IntegerField(label=label, required=False, min_value=1990, max_value=9999),
                          lambda rows, year: rows.filter(**{f"{date_field}__year": year}))


class RecordPages:
    """What one model's pages show. Subclass in the app's views.py; put `urls()` in its urls.py."""

    model: type
    namespace: str
    list_fields: Sequence[str] = ()
    # Columns hidden on a phone-sized screen.
    secondary_fields: Sequence[str] = ()
    search_fields: Sequence[str] = ()
    search_placeholder: str = ""
    filter_fields: Sequence[str] = ()
    form_fields: Sequence[str] = ()
    detail_fields: Sequence[str] = ()
    # Shown masked in lists (personal data); unmasked only on the record's own page.
    masked_fields: dict[str, Callable[[str], str]] = {}
    labels: dict[str, str] = {}
    register_name: str | None = None
    actions: Sequence[str] = ("list", "detail", "create", "edit", "archive", "export")

    list_template = "web/records/list.html"
    results_template = "web/records/_results.html"
    detail_template = "web/records/detail.html"
    form_template = "web/records/form.html"

    def __init__(self) -> None:
        _PAGES[self.model] = self
        self._form_class = None
        self._edit_form_class = None
        self._value_choices: dict[str, list] | None = None
        register_value_choices(self.model, self.value_choices)

    # ----- names and urls -----
    @property
    def title(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    @property
    def verbose_name(self) -> str:
        return str(self.model._meta.verbose_name)

    def urls(self) -> list:
        views = {
            "list": ("", RecordListView),
            "detail": ("<int:pk>/", RecordDetailView),
            "create": ("new/", RecordCreateView),
            "edit": ("<int:pk>/edit/", RecordEditView),
            "archive": ("<int:pk>/archive/", RecordArchiveView),
            "export": ("export.xlsx", RecordExportView),
        }
        return [path(route, view.as_view(pages=self), name=name)
                for name, (route, view) in views.items() if name in self.actions or (name == "export" and self.exports)]

    def register(self):
        if not self.register_name:
            return None
        from fazhi.registers.base import get_register

        return get_register(self.register_name)

    # ----- hooks -----
    def new_record_fields(self, request) -> dict:
        """Fields a new record gets that the form does not ask for (e.g. the zone)."""
        return {}

    def computed_filters(self) -> dict[str, ComputedFilter]:
        """Filters beyond the model's fields, by name; each is named in `filter_fields` too, where it stands."""
        return {}

    def arrange(self, queryset):
        """The list's rows in display order; may return a list of records with `tree_depth` set."""
        return queryset

    def extra_detail_fields(self, record, request) -> list[tuple[str, str]]:
        return []

    @property
    def exports(self) -> bool:
        """Every list can be exported as shown ("export" in `actions` or a list at all)."""
        return "export" in self.actions or "list" in self.actions

    def list_cells(self, record) -> list[str]:
        """A record's cells in the list (and its export): personal data masked."""
        cells = []
        for name in self.list_fields:
            value = display_value(record, name)
            if name in self.masked_fields and value != EMPTY:
                value = self.masked_fields[name](getattr(record, name))
            cells.append(value)
        return cells

    def shows_personal_data(self, user, record) -> bool:
        """Whether the record's own page shows `masked_fields` in full to `user` (by default: whoever
        may open it; the view is logged when the model holds personal data)."""
        return True

    def editable(self, record) -> bool:
        """Whether the record's edit page is offered at all (e.g. only while a plan is a draft)."""
        return True

    def fixed_reason(self, record) -> str:
        """Why a record that is not `editable` cannot be changed now."""
        return FIXED_NOW % {"record": record}

    # ----- querysets -----
    def visible(self, user):
        return self.model.objects.visible_to(user)

    def changeable(self, user):
        return self.model.objects.changeable_by(user)

    def related_fields(self, names: Sequence[str]) -> list[str]:
        related = []
        for name in names:
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.many_to_one or field.one_to_one:
                related.append(name)
        return related

    # ----- the filter form and the filtered list -----
    def filter_form(self, data, user) -> forms.Form:
        fields: dict[str, forms.Field] = {}
        if self.search_fields:
            fields["q"] = forms.CharField(
                label=_("搜索"), required=False, max_length=100,
                widget=forms.TextInput(attrs={"placeholder": self.search_placeholder or _("关键词"),
                                              "type": "search"}),
            )
        computed = self.computed_filters()
        for name in self.filter_fields:
            fields[name] = computed[name].field if name in computed else self._filter_field(name, user)
        fields["archived"] = forms.BooleanField(label=_("显示已归档"), required=False)
        form_class = type("FilterForm", (BootstrapFormMixin, forms.Form), fields)
        form = form_class(data)
        form.style_fields()
        return form

    def _filter_field(self, name: str, user) -> forms.Field:
        field = self.model._meta.get_field(name)
        label = field_label(self.model, name, self.labels)
        if field.is_relation:
            related = field.related_model
            queryset = related.objects.visible_to(user).active().complex_filter(field.get_limit_choices_to())
            return forms.ModelChoiceField(queryset=queryset, label=label, required=False, empty_label=_("全部"))
        if isinstance(field, models.BooleanField):
            return forms.TypedChoiceField(
                label=label, required=False, coerce=lambda v: v == "1", empty_value=None,
                choices=[("", _("全部")), ("1", _("是")), ("0", _("否"))],
            )
        return forms.ChoiceField(label=label, required=False, choices=[("", _("全部")), *field.flatchoices])

    def filtered(self, request) -> tuple[forms.Form, models.QuerySet]:
        """The list the user asked for: visible to them, searched and filtered; archived only on request."""
        form = self.filter_form(request.GET, request.user)
        form.is_valid()  # a bad value in one filter drops that filter only
        values = form.cleaned_data
        queryset = self.visible(request.user)
        if not values.get("archived"):
            queryset = queryset.active()
        query = (values.get("q") or "").strip()
        if query and self.search_fields:
            queryset = queryset.filter(keyword_condition(self.search_fields, query))
        computed = self.computed_filters()
        for name in self.filter_fields:
            value = values.get(name)
            if value not in (None, ""):
                queryset = computed[name].apply(queryset, value) if name in computed else queryset.filter(
                    **{name: value})
        related = self.related_fields([*self.list_fields, *self.filter_fields])
        return form, queryset.select_related(*related)

    # ----- forms -----
    def form_class(self) -> type[RecordForm]:
        if self._form_class is None:
            self._form_class = forms.modelform_factory(self.model, form=RecordForm, fields=list(self.form_fields))
        return self._form_class

    def edit_form_class(self) -> type[RecordForm]:
        if self._edit_form_class is None:
            base = self.form_class()
            self._edit_form_class = type(f"{base.__name__}Edit", (base,), dict(EditExtras.base_fields))
        return self._edit_form_class

    def value_choices(self) -> dict[str, list]:
        """The choices the forms offer for fields whose model field has none (a JSON list of codes), by name."""
        if self._value_choices is not None:
            return self._value_choices
        found = {}
        for form_class in (self.form_class(), self.edit_form_class()):
            for name, field in form_class.base_fields.items():
                if not isinstance(field, forms.ChoiceField) or isinstance(field, forms.ModelChoiceField):
                    continue
                try:
                    model_field = self.model._meta.get_field(name)
                except FieldDoesNotExist:
                    continue
                if not model_field.choices and not model_field.is_relation:
                    found.setdefault(name, list(field.choices))
        self._value_choices = found
        return found


class PagesView(LoginRequiredMixin, View):
    pages: RecordPages = None

    def context(self, **extra) -> dict:
        pages = self.pages
        user = self.request.user
        register = pages.register()
        ns = pages.namespace
        return {
            "pages": pages,
            "list_url": reverse(f"{ns}:list") if "list" in pages.actions else "",
            "create_url": reverse(f"{ns}:create") if "create" in pages.actions else "",
            "export_url": reverse(f"{ns}:export") if pages.exports else "",
            "import_url": reverse("registers:import", args=[register.name]) if register and register.importable else "",
            "model_title": pages.title,
            "verbose_name": pages.verbose_name,
            "namespace": pages.namespace,
            "can_add": "create" in pages.actions and can_add(user, pages.model),
            "can_import": register is not None and register.importable and can_add(user, pages.model),
            "register": register,
            **extra,
        }

    def require_view(self) -> None:
        if not can_view(self.request.user, self.pages.model):
            raise PermissionDenied


class RecordListView(PagesView):
    def get(self, request):
        self.require_view()
        pages = self.pages
        form, queryset = pages.filtered(request)
        paginator = Paginator(pages.arrange(queryset), settings.FAZHI_PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        columns = [
            {"label": field_label(pages.model, name, pages.labels), "secondary": name in pages.secondary_fields}
            for name in pages.list_fields
        ]
        rows = []
        for record in page:
            cells = [{"value": value, "secondary": name in pages.secondary_fields}
                     for name, value in zip(pages.list_fields, pages.list_cells(record), strict=True)]
            rows.append({
                "record": record, "cells": cells, "depth": getattr(record, "tree_depth", 0),
                "summary": [c["value"] for c in cells[1:] if not c["secondary"] and c["value"] != EMPTY],
                "url": reverse(f"{pages.namespace}:detail", args=[record.pk]) if "detail" in pages.actions else "",
            })
        context = self.context(
            filter_form=form, page=page, columns=columns, rows=rows,
            filter_fields=[form[name] for name in pages.filter_fields],
            can_export=pages.exports,
            filters_active=any(form.cleaned_data.get(name) not in (None, "", False) for name in form.fields),
            filters_open=any(form.cleaned_data.get(name) not in (None, "") for name in pages.filter_fields),
        )
        htmx = getattr(request, "htmx", None)
        partial = bool(htmx) and htmx.target == "results" and not htmx.history_restore_request
        response = render(request, pages.results_template if partial else pages.list_template, context)
        patch_vary_headers(response, ["HX-Request"])
        return response


class RecordExportView(PagesView):
    """The list as filtered, as a spreadsheet: the register's layout where there is one (it can be
    imported again) and the user may see its personal data, else the list's columns as shown (masked)."""

    def get(self, request):
        self.require_view()
        pages = self.pages
        register = pages.register()
        _form, queryset = pages.filtered(request)
        # The register writes its columns in full: only for a user whom every row's page shows them unmasked.
        full = not pages.masked_fields or all(pages.shows_personal_data(request.user, record)
                                              for record in queryset.iterator())
        if register is not None and full:
            data, title = register.export(kind="xlsx", queryset=queryset), register.title
        else:
            data, title = self.as_shown(queryset), pages.title
        personal_data_exported(user=request.user, model=pages.model, count=queryset.count(),
                               path=request.get_full_path())
        filename = f"{title}-{clock.today():%Y%m%d}.xlsx"
        return HttpResponse(data, content_type=XLSX_CONTENT_TYPE,
                            headers={"Content-Disposition": content_disposition_header(True, filename)})


    EXPORT_BATCH = 500

    def as_shown(self, queryset) -> bytes:
        pages = self.pages
        headers = [str(field_label(pages.model, name, pages.labels)) for name in pages.list_fields]
        rows = pages.arrange(queryset)
        total = len(rows) if isinstance(rows, list) else rows.count()

        def cells():
            for start in range(0, total, self.EXPORT_BATCH):  # decorated rows come in slices
                for record in rows[start:start + self.EXPORT_BATCH]:
                    yield pages.list_cells(record)

        return write_table(headers, cells(), "xlsx", sheet_name=str(pages.title))


class RecordDetailView(PagesView):
    def get(self, request, pk: int):
        pages = self.pages
        record = get_object_or_404(pages.visible(request.user), pk=pk)
        record_viewed(user=request.user, record=record, path=request.get_full_path())
        unmasked = pages.shows_personal_data(request.user, record)
        return render(request, pages.detail_template, self.context(
            record=record,
            fields=self.fields(record),
            history=history_entries(record, masks=None if unmasked else pages.masked_fields),
            can_edit=self.can_change(record) and "edit" in pages.actions and pages.editable(record),
            can_archive=self.can_change(record) and "archive" in pages.actions
            and request.user.has_perm(perm(pages.model, "archive")),
            archive_form=ArchiveForm(initial={"version": record.version}),
        ))

    def can_change(self, record) -> bool:
        return not record.is_archived and self.pages.changeable(self.request.user).filter(pk=record.pk).exists()

    def fields(self, record) -> list[tuple[str, str]]:
        pages = self.pages
        names = pages.detail_fields or pages.form_fields or pages.list_fields
        unmasked = pages.shows_personal_data(self.request.user, record)
        rows = []
        for name in names:
            value = display_value(record, name)
            if name in pages.masked_fields and value != EMPTY and not unmasked:
                value = pages.masked_fields[name](getattr(record, name))
            rows.append((field_label(pages.model, name, pages.labels), value))
        rows += pages.extra_detail_fields(record, self.request)
        return rows


class RecordCreateView(PagesView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_add(request.user, self.pages.model):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.show(self.pages.form_class()(user=request.user))

    def post(self, request):
        pages = self.pages
        form = pages.form_class()(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            try:
                with transaction.atomic():
                    record = self.create_record(request, form.cleaned_data)
                    if not within_own_scope(request.user, record):
                        raise PermissionDeniedError()
            except ValidationError as error:
                add_validation_errors(form, error)
            except FazhiError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("已新增%(name)s“%(record)s”。") % {
                    "name": pages.verbose_name, "record": record})
                return HttpResponseRedirect(self.after_save_url(record))
        return self.show(form)

    def create_record(self, request, data: dict):
        fields = {name: data[name] for name in self.pages.form_fields}
        return record_create(model=self.pages.model, user=request.user,
                             values={**fields, **self.pages.new_record_fields(request)})

    def after_save_url(self, record) -> str:
        if "detail" in self.pages.actions:
            return reverse(f"{self.pages.namespace}:detail", args=[record.pk])
        return reverse(f"{self.pages.namespace}:list")

    def show(self, form):
        return render(self.request, self.pages.form_template, self.context(
            form=form, record=None, heading=_("新增%(name)s") % {"name": self.pages.verbose_name},
        ))


class RecordEditView(PagesView):
    def get_record(self, pk: int):
        return get_object_or_404(self.pages.changeable(self.request.user), pk=pk)

    def refuse_archived(self, record):
        messages.error(self.request, _("已归档的记录不能修改。"))
        return HttpResponseRedirect(reverse(f"{self.pages.namespace}:detail", args=[record.pk]))

    def refuse_fixed(self, record):
        messages.error(self.request, self.pages.fixed_reason(record))
        return HttpResponseRedirect(reverse(f"{self.pages.namespace}:detail", args=[record.pk]))

    def refuse_fixed_keeping_input(self, record):
        """A save that came too late (the record became fixed meanwhile): say why, and keep what was typed."""
        form = self.pages.edit_form_class()(self.request.POST, self.request.FILES, instance=record,
                                            user=self.request.user)
        form.is_valid()
        form.add_error(None, self.pages.fixed_reason(record))
        return self.show(form, record)

    def get(self, request, pk: int):
        record = self.get_record(pk)
        if record.is_archived:
            return self.refuse_archived(record)
        if not self.pages.editable(record):
            return self.refuse_fixed(record)
        form = self.pages.edit_form_class()(instance=record, user=request.user, initial={"version": record.version})
        return self.show(form, record)

    def post(self, request, pk: int):
        pages = self.pages
        record = self.get_record(pk)
        if record.is_archived:
            return self.refuse_archived(record)
        if not pages.editable(record):
            return self.refuse_fixed_keeping_input(record)
        form = pages.edit_form_class()(request.POST, request.FILES, instance=record, user=request.user)
        if form.is_valid():
            try:
                with transaction.atomic():
                    self.save_changes(request, form, pk)
            except StaleRecordError as error:
                return self.show_conflict(form, record, error)
            except ValidationError as error:
                add_validation_errors(form, error)
            except FazhiError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("已保存对“%(record)s”的修改。") % {"record": form.instance})
                return HttpResponseRedirect(reverse(f"{pages.namespace}:detail", args=[record.pk]))
        return self.show(form, record)

    def save_changes(self, request, form, pk: int) -> None:
        """Save the edit form's changes (inside the view's transaction); StaleRecordError when someone saved first."""
        changes = {name: form.cleaned_data[name] for name in self.pages.form_fields}
        record_update(record=form.instance, user=request.user, expected_version=form.cleaned_data["version"],
                      reason=form.cleaned_data["change_reason"], values=changes)
        if not within_own_scope(request.user, form.instance):
            raise PermissionDeniedError()

    def show_conflict(self, form, record, error: StaleRecordError):
        """Someone saved first: keep what this user typed, and mark where the saved record now differs.

        The form then carries the new version, so saving again is a deliberate choice made
        after seeing the other person's changes, not a silent overwrite.
        """
        pages, user = self.pages, self.request.user
        fresh = pages.changeable(user).filter(pk=record.pk).first()
        if fresh is None:
            raise Http404
        if fresh.is_archived:
            return self.refuse_archived(fresh)
        typed = form.cleaned_data
        conflicts = {
            name: display_value(fresh, name) for name in pages.form_fields
            if _form_value(typed.get(name)) != _form_value(getattr(fresh, name))
        }
        data = self.request.POST.copy()
        data["version"] = str(fresh.version)
        form = pages.edit_form_class()(data, self.request.FILES, instance=fresh, user=user)
        form.is_valid()
        form.add_error(None, error.message)
        for name, current in conflicts.items():
            form.fields[name].conflict = current
        return self.show(form, fresh, stale=True)

    def show(self, form, record, stale: bool = False):
        return render(self.request, self.pages.form_template, self.context(
            form=form, record=record, stale=stale,
            heading=_("修改%(name)s") % {"name": self.pages.verbose_name},
        ))


class RecordArchiveView(PagesView):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        pages = self.pages
        record = get_object_or_404(pages.changeable(request.user), pk=pk)
        back = HttpResponseRedirect(reverse(f"{pages.namespace}:detail", args=[record.pk]))
        if record.is_archived:
            messages.info(request, _("该记录已归档。"))
            return back
        form = ArchiveForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("归档失败：请填写归档原因。"))
            return back
        try:
            record_archive(record=record, user=request.user, reason=form.cleaned_data["reason"],
                           expected_version=form.cleaned_data["version"])
        except FazhiError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("已归档“%(record)s”。归档的记录仍然保存，可在列表中勾选“显示已归档”查看。")
                             % {"record": record})
        return back
