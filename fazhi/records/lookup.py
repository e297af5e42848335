"""Type-ahead for a record form's large drop-downs (e.g. a case's party among thousands of market entities).

Over `settings.FAZHI_SELECT_LOOKUP_OVER` choices, a link field renders only its chosen option and a search
box; fazhi.js asks `lookup` for the matches as the user types. The matches come from the very field the
user's form builds (the same scoping: visible to the user, active, the user's own unit where that applies),
so type-ahead offers nothing the form would refuse, and the form still validates whatever is posted.
"""

from django import forms
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.utils.translation import gettext_lazy as _

from fazhi.records.pages import can_view, keyword_condition, pages_for
from fazhi.records.widgets import LOOKUP_LIMIT


def search_condition(model, query: str) -> Q:
    """Match the query as the model's list page searches it (its pages' search fields), else by the name
    fields it has; a model with neither matches nothing (never a FieldError)."""
    pages = pages_for(model)
    if pages and pages.search_fields:
        return keyword_condition(pages.search_fields, query)
    fields = {field.name for field in model._meta.get_fields()}
    return keyword_condition([name for name in ("name", "full_name", "title", "number") if name in fields], query)


def lookup(request, model: str, field: str):
    """The matches for `q` among the choices `field` of `model`'s record form offers this user."""
    from django.apps import apps

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
