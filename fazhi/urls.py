from django.contrib import admin
from django.urls import include, path

from fazhi.api import api
from fazhi.core.modules import in_order

admin.site.site_header = "法治政府建设平台 系统管理"
admin.site.site_title = "系统管理"

# Each module's pages under its prefix (its AppConfig's `fazhi_module`), then the API, languages and admin.
urlpatterns = [
    *(path(module.url_prefix, include(module.urls)) for module in in_order() if module.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
