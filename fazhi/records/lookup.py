"""Type-ahead for a record form's large drop-downs (e.g. a case's party among thousands of market entities).

Over `settings.FAZHI_SELECT_LOOKUP_OVER` choices, a link field renders only its chosen option and a search
box; fazhi.js asks `lookup` for the matches as the user types. The matches come from the very field the
user's form builds (the same scoping: visible to the user, active, the user's own unit where that applies),
so type-ahead offers nothing the form would refuse, and the form still validates whatever is posted.
"""

from contextlib import suppress

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# How many matches one request returns: enough to find a record, small enough to read.
LOOKUP_LIMIT = 20


class LookupSelect(forms.Select):
    """A select that renders only the chosen option, with a search box fazhi.js fills it from."""

    template_name = "web/widgets/lookup_select.html"

    def __init__(self, *, lookup_url: str, placeholder: str = "", attrs=None):
        super().__init__(attrs={
            **(attrs or {}), "data-lookup": lookup_url, "data-lookup-none": _("没有匹配的记录。"),
            "data-lookup-more": _("只列出前%(limit)d条，请输入更完整的关键词。") % {"limit": LOOKUP_LIMIT},
        })
        self.placeholder = placeholder

    def optgroups(self, name, value, attrs=None):
        iterator = self.choices
        chosen = [v for v in value if v not in (None, "")]
        options = [("", iterator.field.empty_label or "")] if iterator.field.empty_label is not None else []
        if chosen:
            key = iterator.field.to_field_name or "pk"
            with suppress(ValueError, TypeError, ValidationError):  # a posted value that is not a key at all
                options += [iterator.choice(obj) for obj in iterator.queryset.filter(**{f"{key}__in": chosen})]
        full, self.choices = self.choices, options
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = full

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["placeholder"] = self.placeholder or _("输入关键词搜索")
        return context


def lookup_url(model, field_name: str) -> str:
    return reverse("web:lookup", args=[model._meta.label_lower, field_name])


def search_condition(model, query: str) -> Q:
    """Match the query as the model's list page searches it (its pages' search fields), else by the name
    fields it has; a model with neither matches nothing (never a FieldError)."""
    from fazhi.records.pages import keyword_condition, pages_for

    pages = pages_for(model)
    if pages and pages.search_fields:
        return keyword_condition(pages.search_fields, query)
    fields = {field.name for field in model._meta.get_fields()}
    return keyword_condition([name for name in ("name", "full_name", "title", "number") if name in fields], query)


def lookup(request, model: str, field: str):
    """The matches for `q` among the choices `field` of `model`'s record form offers this user."""
    from django.apps import apps

    from fazhi.records.pages import can_view, pages_for

    if not request.user.is_authenticated:
        return JsonResponse({"error": str(_("请先登录。"))}, status=401)
    try:
        pages = pages_for(apps.get_model(model))
    except (LookupError, ValueError):
        pages = None
    if pages is None or not can_view(request.user, pages.model):
        raise Http404
    form_class = pages.form_class()
    if field not in form_class.base_fields:
        form_class = pages.edit_form_class()
    chosen = form_class(user=request.user).fields.get(field)
    if not isinstance(chosen, forms.ModelChoiceField) or isinstance(chosen, forms.ModelMultipleChoiceField):
        raise Http404
    query = request.GET.get("q", "").strip()[:100]
    offered = chosen.queryset
    found = list(offered.filter(search_condition(offered.model, query))[: LOOKUP_LIMIT + 1]) if query else []
    return JsonResponse({
        "results": [{"value": str(chosen.prepare_value(obj)), "label": chosen.label_from_instance(obj)}
                    for obj in found[:LOOKUP_LIMIT]],
        "more": len(found) > LOOKUP_LIMIT,
    })
