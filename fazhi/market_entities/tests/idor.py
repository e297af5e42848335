"""The IDOR walk's record of this app (tests/test_idor_pages.py): an entity registered in street B."""

from fazhi.market_entities.models import MarketEntity
from fazhi.market_entities.tests.factories import MarketEntityFactory

# Registration data is public: every unit reads every entity, the walk checks writes only.
READ_BY_EVERY_UNIT = frozenset({MarketEntity})


def other_units_records(units, users) -> dict:
    return {MarketEntity: MarketEntityFactory(street=units["street_b"])}
