"""The IDOR walk's record of this app (tests/test_idor_pages.py): a user of street B."""

from fazhi.accounts.models import User


def other_units_records(units, users) -> dict:
    return {User: users["unit_staff_b"]}
