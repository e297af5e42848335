"""The IDOR walk's records of this module (tests/test_idor_pages.py): one item owned by street B."""

import datetime as dt

from fazhi.ledger import services
from fazhi.ledger.constants import ItemKind
from fazhi.ledger.models import TrackedItem


def other_units_records(units, users) -> dict:
    item = services.item_create(user=None, kind=ItemKind.ENTERPRISE_REQUEST, source="某企业",
                                owner_unit=units["street_b"], subject="合同审查", received_on=dt.date(2022, 3, 1))
    return {TrackedItem: item}
