"""The IDOR walk's record of this app (tests/test_idor_pages.py): street B itself."""

from fazhi.organisation.models import OrgUnit

# The org chart is open to everyone inside the administration: the walk checks writes only.
READ_BY_EVERY_UNIT = frozenset({OrgUnit})


def other_units_records(units, users) -> dict:
    return {OrgUnit: units["street_b"]}
