"""Roles and the permission pairs they grant. Roles are fixed in code so they can be reviewed."""

from functools import cache

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import PERMISSION_ACTIONS, BaseModel, perm_name


class Role(models.TextChoices):
    ADMIN = "admin", _("系统管理员")
    LEGAL_OFFICE = "legal_office", _("法制机构工作人员")
    UNIT_STAFF = "unit_staff", _("单位工作人员")
    OFFICER = "officer", _("执法人员")
    LEADER = "leader", _("领导")


# What each role may do with a record, unless the model says otherwise in ROLE_ACTIONS.
DEFAULT_ROLE_ACTIONS: dict[str, tuple[str, ...]] = {
    Role.ADMIN: PERMISSION_ACTIONS,
    Role.LEGAL_OFFICE: PERMISSION_ACTIONS,
    Role.UNIT_STAFF: ("add", "view_own_unit", "change_own_unit", "archive"),
    Role.OFFICER: ("view_own_unit",),
    Role.LEADER: ("view_all",),
}


def actions_for(model: type[BaseModel], role: str) -> tuple[str, ...]:
    overrides = getattr(model, "ROLE_ACTIONS", None) or {}
    return tuple(overrides.get(role, DEFAULT_ROLE_ACTIONS.get(role, ())))


@cache
def role_permissions(role: str) -> frozenset[str]:
    """All permission names ("app.action_model") a role holds."""
    granted = set()
    for model in apps.get_models():
        if not issubclass(model, BaseModel):
            continue
        granted.update(perm_name(model, action) for action in actions_for(model, role))
    return frozenset(granted)


# Actions a unit's staff get zone-wide on a register their unit keeps for the whole zone
# (a model names the OrgUnit flag in KEEPER_FLAG, e.g. the market-entity register and 市场监管局).
KEEPER_ACTIONS = ("add", "view_all", "change_all", "archive")


@cache
def keeper_permissions(flags: frozenset[str]) -> frozenset[str]:
    """Permissions on the registers kept by a unit with these OrgUnit flags set."""
    granted = set()
    for model in apps.get_models():
        flag = getattr(model, "KEEPER_FLAG", None)
        if issubclass(model, BaseModel) and flag in flags:
            granted.update(perm_name(model, action) for action in KEEPER_ACTIONS)
    return frozenset(granted)
