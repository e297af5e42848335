"""Admin for system administrators: major-decision records with their history; nothing deleted."""

from django.contrib import admin

from fazhi.core.admin import RecordAdmin
from fazhi.major_decisions.models import DecisionCatalogue, DecisionStep, MajorDecision, StepEvidence

for model, fields in ((DecisionCatalogue, ("year", "decision_organ", "status", "published_on")),
                      (MajorDecision, ("title", "catalogue", "undertaking_unit", "status", "decided_on")),
                      (DecisionStep, ("decision", "kind", "state", "completed_on")),
                      (StepEvidence, ("step", "original_name", "sha256"))):
    admin.site.register(model, type(f"{model.__name__}Admin", (RecordAdmin,), {
        "list_display": fields, "readonly_fields": (*RecordAdmin.readonly_fields, *fields),
    }))
