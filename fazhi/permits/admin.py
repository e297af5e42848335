from django.contrib import admin

from fazhi.core.admin import RecordAdmin
from fazhi.permits.models import (
    CaseMatter,
    CatalogueEdition,
    CatalogueEntry,
    CheckDraw,
    Commendation,
    CommitmentCheck,
    CreditRecord,
    DemandedDocument,
    Pairing,
    PermitCase,
    PermitMatter,
    ServiceTeamMember,
    Visit,
)

for model in (CatalogueEdition, PermitMatter, CatalogueEntry, PermitCase, CaseMatter, DemandedDocument, CheckDraw,
              CommitmentCheck, CreditRecord, Commendation, Pairing, Visit, ServiceTeamMember):
    admin.site.register(model, RecordAdmin)
