"""Lawsuits for the tests, registered through the services as users register them."""

import datetime as dt

from fazhi.litigation import services
from fazhi.reconsideration.constants import ManagementCategory, PartyType

_numbers = iter(range(1, 10_000))


def lawsuit(unit, received_on=dt.date(2022, 3, 1), user=None, **fields):
    values = {"case_number": f"（{received_on.year}）辽0291行初{next(_numbers)}号", "court": "大连市长兴岛人民法院",
              "plaintiff_type": PartyType.CITIZEN, "plaintiff": "王某某", "cause": "不服行政处罚决定",
              "category": ManagementCategory.MARKET_REGULATION, **fields}
    return services.litigation_create(user=user, defendant_unit=unit, complaint_received_on=received_on, **values)


def heard(litigation, head_appeared=True, on=None, user=None):
    """Defended a week after receipt, then one hearing."""
    received = litigation.complaint_received_on
    services.litigation_defend(user=user, litigation=litigation, filed_on=received + dt.timedelta(days=7))
    litigation.refresh_from_db()
    details = ({"head_name": "李主任", "head_title": "主任"} if head_appeared
               else {"absence_reason": "official_duty", "staff_name": "张科员"})
    services.litigation_hearing(user=user, litigation=litigation, hearing_on=on or received + dt.timedelta(days=30),
                                head_appeared=head_appeared, **details)
    litigation.refresh_from_db()
    return litigation
