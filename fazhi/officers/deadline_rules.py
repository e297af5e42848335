"""The periods officers' records carry (registered with the deadline engine)."""

from django.conf import settings

from fazhi.deadlines.constants import PeriodUnit
from fazhi.deadlines.rules import DeadlineRule, register_rule

# The code keeps its "enforcement_" prefix: the deadlines already started carry it.
CERTIFICATE_EXPIRY = register_rule(DeadlineRule(
    code="enforcement_certificate_expiry", name="执法证件有效期届满",
    legal_source="各省行政执法证件管理办法：证件有效期届满前申请换证", amount=0,
    unit=PeriodUnit.ON_DATE, trigger="证件有效期至",
    remind_days=settings.FAZHI_CERTIFICATE_REMINDER_DAYS,
))
