"""The navigation menu: only modules that exist, only entries the user may open."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    permission: str | None = None  # any of view_all / view_own_unit of this "app.model"

    def visible_to(self, user) -> bool:
        if self.permission is None:
            return True
        app, model = self.permission.split(".")
        return user.has_perm(f"{app}.view_all_{model}") or user.has_perm(f"{app}.view_own_unit_{model}")


MENU = [
    MenuItem("工作台", "web:home"),
    MenuItem("期限提醒", "deadlines:list", "deadlines.deadline"),
    MenuItem("市场主体", "market_entities:list", "market_entities.marketentity"),
    MenuItem("机构", "organisation:list", "organisation.orgunit"),
    MenuItem("用户", "accounts:list", "accounts.user"),
]


def menu_for(user) -> list[dict]:
    return [{"label": item.label, "url": reverse(item.url_name), "url_name": item.url_name}
            for item in MENU if item.visible_to(user)]
