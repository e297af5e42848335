from django.contrib import admin
from django.urls import include, path

from fazhi.api import api

admin.site.site_header = "法治政府建设平台 系统管理"
admin.site.site_title = "系统管理"

urlpatterns = [
    path("", include("fazhi.web.urls")),
    path("accounts/", include("fazhi.accounts.urls")),
    path("org-units/", include("fazhi.organisation.urls")),
    path("market-entities/", include("fazhi.market_entities.urls")),
    path("deadlines/", include("fazhi.deadlines.urls")),
    path("enforcement/", include("fazhi.enforcement.urls")),
    path("normative-documents/", include("fazhi.normative_documents.urls")),
    path("major-decisions/", include("fazhi.major_decisions.urls")),
    path("legal-advisors/", include("fazhi.legal_advisors.urls")),
    path("inspections/", include("fazhi.inspections.urls")),
    path("portal/", include("fazhi.portal.urls")),
    path("registers/", include("fazhi.registers.urls")),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
