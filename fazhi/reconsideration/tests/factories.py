"""行政复议 cases for the tests, registered through the services as users register them."""

import datetime as dt

from fazhi.reconsideration import services
from fazhi.reconsideration.constants import ManagementCategory, PartyType

_numbers = iter(range(1, 10_000))


def reconsideration(unit, received_on=dt.date(2022, 3, 1), user=None, **fields):
    """Accepted three days before the copy arrived."""
    values = {"number": f"大政复字〔{received_on.year}〕{next(_numbers)}号", "organ": "大连市人民政府",
              "applicant_type": PartyType.CITIZEN, "applicant": "王某某", "matter": "行政处罚决定",
              "category": ManagementCategory.MARKET_REGULATION, "accepted_on": received_on - dt.timedelta(days=3),
              **fields}
    return services.reconsideration_create(user=user, respondent_unit=unit, copy_received_on=received_on, **values)
