from django.db.models import QuerySet

from fazhi.organisation.constants import OrgUnitKind
from fazhi.organisation.models import OrgUnit, Zone


class ZoneNotConfiguredError(LookupError):
    def __init__(self):
        super().__init__("尚未设置开发区：请先运行 `fazhi demo` 或在系统管理中创建开发区。")


def current_zone() -> Zone:
    """The zone this install serves (one install, one zone)."""
    zone = Zone.objects.active().order_by("pk").first()
    if zone is None:
        raise ZoneNotConfiguredError()
    return zone


def streets() -> QuerySet[OrgUnit]:
    return OrgUnit.objects.active().filter(kind=OrgUnitKind.STREET)
