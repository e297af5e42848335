from django.conf import settings

from fazhi.web.navigation import menu_for


def _zone_name() -> str:
    from fazhi.organisation.selectors import ZoneNotConfiguredError, current_zone

    try:
        return current_zone().name
    except ZoneNotConfiguredError:
        return ""


def _mark_active(menu: list[dict], match) -> list[dict]:
    """The entry for this page: its exact view, else the first entry of the same app."""
    if match is None:
        return menu
    exact = [item for item in menu if item["url_name"] == match.view_name]
    same_app = [item for item in menu if item["namespace"] == match.namespace]
    active = (exact or same_app or [None])[0]
    for item in menu:
        item["active"] = item is active
    return menu


def navigation(request):
    """The menu, and the zone's name for the top bar (looked up only when a template uses it)."""
    menu = menu_for(request.user) if request.user.is_authenticated else []
    return {
        "nav_menu": _mark_active(menu, getattr(request, "resolver_match", None)),
        "zone_name": _zone_name,
        "session_minutes": settings.SESSION_COOKIE_AGE // 60,
    }
