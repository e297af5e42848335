"""The IDOR walk's records of this app (tests/test_idor_pages.py): one of each model, owned by street B."""

from fazhi.major_decisions import services
from fazhi.major_decisions.models import DecisionCatalogue, MajorDecision

# The catalogues are published: every unit reads them.
READ_BY_EVERY_UNIT = frozenset({DecisionCatalogue})


def other_units_records(units, users) -> dict:
    street_b = units["street_b"]
    catalogue = services.catalogue_create(user=None, year=2022, decision_organ=street_b)
    return {
        DecisionCatalogue: catalogue,
        MajorDecision: services.decision_add(user=None, catalogue=catalogue, title="乙街道决策",
                                             undertaking_unit=street_b),
    }
