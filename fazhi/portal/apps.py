from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fazhi.core.modules import Module


class PortalConfig(AppConfig):
    name = "fazhi.portal"
    verbose_name = _("公众门户")
    # The public site: pages only (no login, no records of its own, no menu).
    fazhi_module = Module(order=100, url_prefix="portal/", urls="fazhi.portal.urls")
