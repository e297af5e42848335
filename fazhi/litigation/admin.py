from django.contrib import admin

from fazhi.core.admin import RecordAdmin
from fazhi.litigation.models import AdministrativeLitigation, CourtAppearance

admin.site.register(AdministrativeLitigation, RecordAdmin)
admin.site.register(CourtAppearance, RecordAdmin)
