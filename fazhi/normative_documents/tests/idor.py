"""The IDOR walk's records of this app (tests/test_idor_pages.py): one of each model, owned by street B."""

import datetime as dt

from fazhi.normative_documents import services
from fazhi.normative_documents.models import Cleanup, NormativeDocument

# A cleanup is zone-wide work every unit reads.
READ_BY_EVERY_UNIT = frozenset({Cleanup})


def other_units_records(units, users) -> dict:
    street_b = units["street_b"]
    return {
        NormativeDocument: services.document_create(
            user=None, title="乙街道管理办法", drafting_unit=street_b, issuer=street_b, drafter="乙", text="第一条 ……"),
        Cleanup: services.cleanup_create(user=None, name="清理", trigger="scheduled", basis="定期清理",
                                         started_on=dt.date(2022, 9, 1)),
    }
