"""The IDOR walk's records of this module (tests/test_idor_pages.py): one of each model, owned by street B."""

import datetime as dt

from fazhi.litigation import services


def other_units_records(units, users) -> dict:
    from fazhi.litigation.models import AdministrativeLitigation, CourtAppearance

    litigation = services.litigation_create(
        user=None, case_number="（2026）辽0291行初9号", court="长兴岛人民法院", plaintiff_type="citizen",
        plaintiff="乙原告",
        defendant_unit=units["street_b"], cause="行政处罚", category="market_regulation",
        complaint_received_on=dt.date(2026, 1, 5))
    services.litigation_defend(user=None, litigation=litigation, filed_on=dt.date(2026, 1, 12))
    appearance = services.litigation_hearing(user=None, litigation=litigation, hearing_on=dt.date(2026, 1, 20),
                                             head_appeared=True, head_name="乙负责人", head_title="副主任")
    return {AdministrativeLitigation: litigation, CourtAppearance: appearance}
