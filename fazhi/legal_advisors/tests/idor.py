"""The IDOR walk's records of this app (tests/test_idor_pages.py): one of each model, owned by street B."""

import datetime as dt

from fazhi.legal_advisors import services
from fazhi.legal_advisors.models import AdvisorContract, LegalAdvisor

# The advisors' register is zone-wide: every unit reads it.
READ_BY_EVERY_UNIT = frozenset({LegalAdvisor})


def other_units_records(units, users) -> dict:
    advisor = services.advisor_create(user=None, full_name="周律师", firm="某律师事务所",
                                      licence_number="12102200810000009")
    return {
        LegalAdvisor: advisor,
        AdvisorContract: services.contract_create(user=None, advisor=advisor, org_unit=units["street_b"],
                                                  number="FG-B", starts_on=dt.date(2022, 1, 1),
                                                  ends_on=dt.date(2022, 12, 31)),
    }
