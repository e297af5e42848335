"""Admin for system administrators: normative-document records with their history; nothing deleted."""

from django.contrib import admin

from fazhi.core.admin import ArchivedFilter, RecordAdmin
from fazhi.normative_documents.models import (
    Cleanup,
    CleanupItem,
    CollectiveDeliberation,
    FairCompetitionReview,
    LegalityReview,
    NormativeDocument,
    PublicComment,
)


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(RecordAdmin):
    list_display = ("title", "number", "drafting_unit", "status", "published_on", "valid_until")
    list_filter = (ArchivedFilter, "status", "provisional")
    search_fields = ("title", "number")
    list_select_related = ("drafting_unit",)
    # The lifecycle is the services': the admin shows the record, it does not move it.
    readonly_fields = (*RecordAdmin.readonly_fields, "status", "number", "published_on", "valid_until", "filed_on")
    fieldsets = [(None, {"fields": ("title", "drafting_unit", "issuer", "drafter", "provisional",
                                    "affects_market_entities", "text", "status", "number", "published_on",
                                    "valid_until", "filed_on")})]


for model, fields in ((PublicComment, ("document", "received_on", "source", "response")),
                      (LegalityReview, ("document", "reviewed_on", "opinion", "reviewer_name")),
                      (FairCompetitionReview, ("document", "reviewed_on", "conclusion", "reviewing_body")),
                      (CollectiveDeliberation, ("document", "meeting", "held_on", "outcome")),
                      (Cleanup, ("name", "trigger", "started_on", "status")),
                      (CleanupItem, ("cleanup", "document", "decision"))):
    admin.site.register(model, type(f"{model.__name__}Admin", (RecordAdmin,), {
        "list_display": fields, "readonly_fields": (*RecordAdmin.readonly_fields, *fields),
    }))
