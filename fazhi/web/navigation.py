"""The navigation menu: only modules that exist, only entries the user may open."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def can_import_any(user) -> bool:
    """True when the user may import into at least one register."""
    from fazhi.registers.base import REGISTERS

    return any(
        user.has_perm(f"{r.model._meta.app_label}.add_{r.model._meta.model_name}") for r in REGISTERS.values()
    )


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    permission: str | None = None  # any of view_all / view_own_unit of this "app.model"
    check: Callable | None = None  # or any other test of the user

    def visible_to(self, user) -> bool:
        if self.check is not None:
            return self.check(user)
        if self.permission is None:
            return True
        app, model = self.permission.split(".")
        return user.has_perm(f"{app}.view_all_{model}") or user.has_perm(f"{app}.view_own_unit_{model}")


MENU = [
    MenuItem(_("工作台"), "web:home"),
    MenuItem(_("期限提醒"), "deadlines:list", "deadlines.deadline"),
    MenuItem(_("市场主体"), "market_entities:list", "market_entities.marketentity"),
    MenuItem(_("机构"), "organisation:list", "organisation.orgunit"),
    MenuItem(_("用户"), "accounts:list", "accounts.user"),
    MenuItem(_("数据导入"), "registers:index", check=can_import_any),
    MenuItem(_("工作日计算"), "deadlines:calendar"),
]


def menu_for(user) -> list[dict]:
    return [
        {"label": item.label, "url": reverse(item.url_name), "url_name": item.url_name,
         "namespace": item.url_name.split(":")[0]}
        for item in MENU if item.visible_to(user)
    ]
