from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgUnitKind(models.TextChoices):
    LEADERSHIP = "leadership", _("党工委、管委会")
    DEPARTMENT = "department", _("区直部门")
    STREET = "street", _("街道")
    STATE_ENTERPRISE = "state_enterprise", _("国有企业")
    POLICE_STATION = "police_station", _("派出所")
    COURT = "court", _("人民法院")
    PROCURATORATE = "procuratorate", _("人民检察院")
    OTHER_EXTERNAL = "other_external", _("其他外部机构")


# Bodies outside the zone's administration: they send recommendations, hear cases.
EXTERNAL_KINDS = {OrgUnitKind.COURT, OrgUnitKind.PROCURATORATE, OrgUnitKind.OTHER_EXTERNAL}
