"""The authentication backend that turns a user's role into permissions."""

from django.contrib.auth.backends import BaseBackend

from fazhi.core.roles import role_permissions


class RoleBackend(BaseBackend):
    """Grants permissions from the user's role (checked on every request, no DB lookup)."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or not getattr(user_obj, "role", ""):
            return set()
        return set(role_permissions(user_obj.role))

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)
