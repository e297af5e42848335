from django.contrib import admin

from fazhi.core.admin import RecordAdmin
from fazhi.permits.models import (
    CaseMatter,
    CatalogueEdition,
    CatalogueEntry,
    DemandedDocument,
    PermitCase,
    PermitMatter,
)

for model in (CatalogueEdition, PermitMatter, CatalogueEntry, PermitCase, CaseMatter, DemandedDocument):
    admin.site.register(model, RecordAdmin)
