"""What the enforcement selectors give the public portal (执法公示): officers in force, without personal data."""

import datetime as dt

from fazhi.enforcement import selectors
from fazhi.officers.tests.factories import CertificateFactory, OfficerFactory

D = dt.date


def test_portal_officers_show_no_personal_data(units):
    officer = OfficerFactory(org_unit=units["street_a"], full_name="李执法")
    CertificateFactory(officer=officer, number="辽2102000009")
    shown = selectors.portal_officers(on=D(2022, 6, 1))
    assert [(o.full_name, o.certificate_number) for o in shown] == [("李执法", "辽2102000009")]
    assert officer.id_number not in repr(shown)
    assert officer.phone not in repr(shown)
