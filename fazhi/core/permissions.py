"""The authentication backend that turns a user's role into permissions."""

from django.contrib.auth.backends import BaseBackend

from fazhi.core.roles import Role, keeper_permissions, role_permissions

# Org-unit flags that make a unit the keeper of a zone-wide register (see KEEPER_FLAG on models).
KEEPER_FLAGS = ("keeps_market_register",)


class RoleBackend(BaseBackend):
    """Grants permissions from the user's role, plus the registers the user's unit keeps."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or not getattr(user_obj, "role", ""):
            return set()
        if not hasattr(user_obj, "_fazhi_perm_cache"):
            granted = set(role_permissions(user_obj.role))
            unit = user_obj.org_unit if user_obj.role == Role.UNIT_STAFF and user_obj.org_unit_id else None
            if unit is not None:
                granted |= keeper_permissions(frozenset(f for f in KEEPER_FLAGS if getattr(unit, f, False)))
            user_obj._fazhi_perm_cache = granted
        return set(user_obj._fazhi_perm_cache)

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)
