"""What the enforcement pages share: a certificate's status and days to expiry as a person reads them."""

import datetime as dt

from django.utils.translation import gettext as _

from fazhi.enforcement.constants import CertificateStatus
from fazhi.enforcement.models import EnforcementCertificate
from fazhi.records.pages import EMPTY

# ----- shared pieces -----


def certificate_status_text(certificate: EnforcementCertificate, today: dt.date) -> str:
    """The certificate's status on `today` as a person reads it."""
    return str(CertificateStatus(certificate.status_on(today)).label)


def days_to_expiry_text(certificate: EnforcementCertificate, today: dt.date) -> str:
    """Days left while the certificate is in force; how long ago it lapsed once expired."""
    status = certificate.status_on(today)
    if status == CertificateStatus.VALID:
        return _("%(n)d天") % {"n": (certificate.valid_until - today).days}
    if status == CertificateStatus.EXPIRED and today > certificate.valid_until:
        return _("已过期%(n)d天") % {"n": (today - certificate.valid_until).days}
    return EMPTY


