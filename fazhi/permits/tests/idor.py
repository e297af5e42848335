"""The IDOR walk's records of this module (tests/test_idor_pages.py): one of each model, owned by street B."""

from fazhi.permits.constants import ReformMode
from fazhi.permits.models import CatalogueEdition, CatalogueEntry, PermitCase, PermitMatter
from fazhi.permits.tests import factories

# The catalogue is zone-wide: every unit reads it.
READ_BY_EVERY_UNIT = frozenset({CatalogueEdition, PermitMatter, CatalogueEntry})


def other_units_records(units, users) -> dict:
    edition, matters = factories.catalogue(org_unit=units["street_b"])
    return {
        CatalogueEdition: edition,
        PermitMatter: matters[ReformMode.OPTIMIZED],
        CatalogueEntry: edition.entries.first(),
        PermitCase: factories.case(units["street_b"], [matters[ReformMode.OPTIMIZED]]),
    }
