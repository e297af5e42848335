from django.conf import settings

from fazhi.core import clock
from fazhi.web.navigation import menu_for


def _zone_name() -> str:
    from fazhi.organisation.selectors import ZoneNotConfiguredError, current_zone

    try:
        return current_zone().name
    except ZoneNotConfiguredError:
        return ""


def _mark_active(menu: list[dict], match) -> list[dict]:
    """The entry for this page: its exact view, else the first entry of the same app.

    A group (an entry with `children`) is active when one of its children is.
    """
    if match is None:
        return menu
    entries = [entry for item in menu for entry in item.get("children", [item])]
    exact = [item for item in entries if item["url_name"] == match.view_name]
    same_app = [item for item in entries if item["namespace"] == match.namespace]
    active = (exact or same_app or [None])[0]
    for item in menu:
        for child in item.get("children", []):
            child["active"] = child is active
        item["active"] = item is active or any(child["active"] for child in item.get("children", []))
    return menu


def navigation(request):
    """The menu, and the zone's name for the top bar (looked up only when a template uses it)."""
    menu = menu_for(request.user) if request.user.is_authenticated else []
    return {
        "nav_menu": _mark_active(menu, getattr(request, "resolver_match", None)),
        "zone_name": _zone_name,
        "session_minutes": settings.SESSION_COOKIE_AGE // 60,
        # A demo or test installation running on a set date (FAZHI_CLOCK) says so on every page.
        "simulated_today": clock.today() if settings.FAZHI_CLOCK else None,
    }
