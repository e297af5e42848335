from django.contrib import admin

from fazhi.core.admin import RecordAdmin
from fazhi.reconsideration.models import Reconsideration

admin.site.register(Reconsideration, RecordAdmin)
