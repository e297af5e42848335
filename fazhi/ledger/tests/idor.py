"""The IDOR walk's records of this module (tests/test_idor_pages.py): one item owned by street B, a co-handling
record of street B, and a handling rule (zone-wide: every unit reads it, only the legal-affairs office writes it)."""

import datetime as dt

from fazhi.core.services import record_create
from fazhi.ledger import services
from fazhi.ledger.constants import ItemKind, ProposalKind
from fazhi.ledger.models import CoHandling, HandlingRule, TrackedItem

READ_BY_EVERY_UNIT = frozenset({HandlingRule})


def other_units_records(units, users) -> dict:
    item = services.item_create(user=None, kind=ItemKind.ENTERPRISE_REQUEST, source="某企业",
                                owner_unit=units["street_b"], subject="合同审查", received_on=dt.date(2022, 3, 1))
    rule = record_create(model=HandlingRule, user=None, kind=ProposalKind.DEPUTY, name="区人大代表建议办理办法",
                         effective_from=dt.date(2020, 1, 1))
    # A co-handling record of street B on a proposal of street A's: street A's users reach neither it nor its views.
    proposal = services.item_create(user=None, kind=ItemKind.DEPUTY, source="区人大代表", owner_unit=units["street_a"],
                                    subject="关于增设公交站点的建议", received_on=dt.date(2022, 3, 1))
    co_handling = services.co_handler_add(user=None, item=proposal, unit=units["street_b"],
                                          assigned_on=dt.date(2022, 3, 2))
    return {TrackedItem: item, HandlingRule: rule, CoHandling: co_handling}
