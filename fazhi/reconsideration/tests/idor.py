"""The IDOR walk's records of this module (tests/test_idor_pages.py): one of each model, owned by street B."""

import datetime as dt


def other_units_records(units, users) -> dict:
    from fazhi.reconsideration.models import Reconsideration
    from fazhi.reconsideration.tests.factories import reconsideration

    return {Reconsideration: reconsideration(units["street_b"], received_on=dt.date(2026, 1, 5))}
