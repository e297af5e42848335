"""Record pages with a workflow: service-backed create/edit and actions on a record's page.

What this adds to the generic pages (fazhi.records.pages), for any module whose records
move through steps (enforcement cases, inspection plans, normative documents...):
- new records are created by the module's services, which start deadlines, number records and
  apply the rules, instead of a plain `record_create`;
- a record's page may carry workflow actions (approve, publish, decide...): each is a POST to
  `<pk>/<action>/` handled by one service. The record must be visible (else 404) and the
  action allowed to the user (else 403) before the form is read. A refused or invalid action
  re-renders the page with the user's input and the service's message, and changes nothing;
- list columns computed for the day (a certificate's status today, days left).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.exceptions import FazhiError, StaleRecordError
from fazhi.records.pages import (
    BootstrapFormMixin,
    EditExtras,
    RecordCreateView,
    RecordDetailView,
    RecordEditView,
    RecordForm,
    RecordPages,
    add_validation_errors,
)


class ActionForm(BootstrapFormMixin, forms.Form):
    """A form for one action on a record; `setup` narrows its choices to what the user may pick."""

    def __init__(self, *args, record, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.record, self.user = record, user
        self.setup()
        self.style_fields()

    def setup(self) -> None:
        pass


class ReasonForm(ActionForm):
    reason = forms.CharField(label=gettext_lazy("原因"), max_length=200)


class DecoratedRows:
    """A list's queryset whose rows, once a page is sliced out, get computed attributes.

    Lets the paginator count and slice in the database while each shown row carries
    values that depend on today (the generic list reads them like fields).
    """

    def __init__(self, queryset, decorate: Callable[[list], None]):
        self.queryset, self.decorate = queryset, decorate

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            rows = list(self.queryset[index])
            self.decorate(rows)
            return rows
        row = self.queryset[index]
        self.decorate([row])
        return row


@dataclass(frozen=True)
class Action:
    """One workflow action on a record's page, run by one service."""

    name: str  # URL name and form prefix
    label: str  # the button
    form_class: type[ActionForm]
    run: Callable  # (request, record, data) -> success message
    # Who may act on a record they can see; default: those who may change the record ...
    allowed: Callable | None = None
    # ... and, when the action creates a sub-record, hold this permission ("app.add_model").
    permission: str | None = None

    def allows(self, pages: "WorkflowPages", user, record) -> bool:
        if record.is_archived:
            return False
        if self.permission is not None and not user.has_perm(self.permission):
            return False
        if self.allowed is not None:
            return self.allowed(user, record)
        return pages.changeable(user).filter(pk=record.pk).exists()


class WorkflowDetailView(RecordDetailView):
    """The generic detail page, plus the record's sections and its workflow forms."""

    action: Action | None = None
    bound_forms: dict | None = None

    def context(self, **extra) -> dict:
        context = super().context(**extra)
        record = extra.get("record")
        if record is not None:
            pages, user = self.pages, self.request.user
            actions = {}
            for action in pages.workflow:
                if action.allows(pages, user, record):
                    bound = (self.bound_forms or {}).get(action.name)
                    actions[action.name] = {
                        "name": action.name, "label": action.label,
                        "form": bound or action.form_class(prefix=action.name, record=record, user=user),
                        "url": reverse(f"{pages.namespace}:{action.name}", args=[record.pk]),
                        "failed": bound is not None,
                    }
            context["actions"] = actions
            context.update(pages.detail_context(record, self.request))
        return context


class ActionView(WorkflowDetailView):
    """POST `<pk>/<action>/`: run the action's service; on refusal show the page again with the input."""

    http_method_names = ["post"]

    def post(self, request, pk: int):
        pages, action, user = self.pages, self.action, request.user
        record = get_object_or_404(pages.visible(user), pk=pk)
        if not action.allows(pages, user, record):
            raise PermissionDenied
        form = action.form_class(request.POST, request.FILES, prefix=action.name, record=record, user=user)
        if form.is_valid():
            try:
                with transaction.atomic():
                    message = action.run(request, record, form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(form, error)
            except FazhiError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, message)
                detail = reverse(f"{pages.namespace}:detail", args=[record.pk])
                return HttpResponseRedirect(f"{detail}#{action.name}")
        self.bound_forms = {action.name: form}
        messages.error(request, _("“%(action)s”未完成，未作任何修改：") % {"action": action.label}
                       + "；".join(str(e) for errors in form.errors.values() for e in errors))
        return self.get(request, pk)


class ServiceCreateView(RecordCreateView):
    """Create through the module's service, so its rules and deadlines apply from the start."""

    def create_record(self, request, data: dict):
        return self.pages.create(request, data)


class ServiceEditView(RecordEditView):
    """Edit through the module's service (the pages' `update`), under the same optimistic lock."""

    def save_changes(self, request, form, pk: int) -> None:
        pages = self.pages
        current = pages.changeable(request.user).select_for_update().get(pk=pk)
        if current.version != form.cleaned_data["version"]:
            raise StaleRecordError(current)
        pages.update(request, current, pages.fields_of(form.cleaned_data), form.cleaned_data.get("change_reason", ""))


class WorkflowPages(RecordPages):
    """RecordPages with service-backed creation, workflow actions and computed list columns."""

    workflow: Sequence[Action] = ()
    # The create form may ask for more than an edit may change (e.g. a case's body and kind).
    create_fields: Sequence[str] = ()
    form_base: type = RecordForm
    edit_form_base: type | None = None
    detail_template = "web/records/workflow_detail.html"

    # Set to a method (request, record, changes, reason) to save edits through a service.
    update: Callable | None = None

    def urls(self) -> list:
        replaced = {"detail": WorkflowDetailView, "create": ServiceCreateView}
        if self.update is not None:
            replaced["edit"] = ServiceEditView
        patterns = []
        for pattern in super().urls():
            view_class = replaced.get(pattern.name)
            if view_class is not None:
                pattern = path(str(pattern.pattern), view_class.as_view(pages=self), name=pattern.name)
            patterns.append(pattern)
        for action in self.workflow:
            patterns.append(path(f"<int:pk>/{action.name}/", ActionView.as_view(pages=self, action=action),
                                 name=action.name))
        return patterns

    def form_class(self):
        if self._form_class is None:
            fields = list(self.create_fields or self.form_fields)
            self._form_class = forms.modelform_factory(self.model, form=self.form_base, fields=fields)
        return self._form_class

    def edit_form_class(self):
        if self._edit_form_class is None:
            base = forms.modelform_factory(self.model, form=self.edit_form_base or self.form_base,
                                           fields=list(self.form_fields))
            self._edit_form_class = type(f"{base.__name__}Edit", (base,), dict(EditExtras.base_fields))
        return self._edit_form_class

    def create(self, request, data: dict):
        """Create the record from the create form's cleaned data (override: call the service)."""
        raise NotImplementedError

    def fields_of(self, data: dict) -> dict:
        return {name: data[name] for name in (self.create_fields or self.form_fields) if name in data}

    def detail_context(self, record, request) -> dict:
        """Extra template values of the record's page (its sub-records, computed checks)."""
        return {}

    def decorate(self, rows: list) -> None:
        """Set the computed attributes the list columns read."""

    def arrange(self, queryset):
        if type(self).decorate is WorkflowPages.decorate:
            return queryset
        return DecoratedRows(queryset, self.decorate)


def zone_wide_action(model, action: str = "change") -> Callable:
    """An action only users with the zone-wide permission may take (e.g. the legal-affairs office)."""
    opts = model._meta

    def allowed(user, record) -> bool:
        return user.has_perm(f"{opts.app_label}.{action}_all_{opts.model_name}")

    return allowed


