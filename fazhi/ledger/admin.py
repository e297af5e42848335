from django.contrib import admin

from fazhi.core.admin import RecordAdmin
from fazhi.ledger.models import TrackedItem

admin.site.register(TrackedItem, RecordAdmin)
