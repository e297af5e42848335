from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fazhi.core.modules import MenuItem, Module


class WebConfig(AppConfig):
    name = "fazhi.web"
    verbose_name = _("网页界面")
    # The desk (home page) and the type-ahead; the layout and the menu. No records of its own.
    fazhi_module = Module(order=0, url_prefix="", urls="fazhi.web.urls",
                          menu=(MenuItem(_("工作台"), "web:home", order=0),))
