"""The type-ahead select a record form uses for a large drop-down; its matches come from records/lookup.py."""

from contextlib import suppress

from django import forms
from django.core.exceptions import ValidationError
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
