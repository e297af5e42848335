"""The navigation menu: only modules that exist, only entries the user may open.

Each module declares its entries in its AppConfig's `fazhi_module` (fazhi.core.modules); the menu lists
them by their `order`.
"""

from django.urls import reverse

from fazhi.core.modules import MenuItem, menu_items

MENU: list[MenuItem] = menu_items()  # read once the apps are ready (this module is imported by pages)


def _entry(item: MenuItem) -> dict:
    return {"label": item.label, "url": reverse(item.url_name), "url_name": item.url_name,
            "namespace": item.url_name.rsplit(":", 1)[0]}


def menu_for(user) -> list[dict]:
    """The user's menu; a group is one entry whose `children` are its items (at its first item's place)."""
    menu: list[dict] = []
    groups: dict[str, dict] = {}
    for item in MENU:
        if not item.visible_to(user):
            continue
        if item.group is None:
            menu.append(_entry(item))
            continue
        group = groups.get(item.group)
        if group is None:
            group = groups[item.group] = {"label": item.group, "url": "", "url_name": "", "namespace": "",
                                          "children": []}
            menu.append(group)
        group["children"].append(_entry(item))
    return menu
