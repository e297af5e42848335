"""The IDOR walk's record of this app (tests/test_idor_pages.py): a deadline of street B."""

import datetime as dt

from fazhi.deadlines.models import Deadline
from fazhi.deadlines.services import deadline_start
from fazhi.inspections.deadline_rules import RESULT_PUBLICATION
from fazhi.market_entities.tests.factories import MarketEntityFactory


def other_units_records(units, users) -> dict:
    street_b = units["street_b"]
    record = MarketEntityFactory(street=street_b)
    return {Deadline: deadline_start(rule_code=RESULT_PUBLICATION.code, record=record, org_unit=street_b,
                                     starts_on=dt.date(2022, 6, 1), title="乙街道抽查结果公示")}
