import pytest

from fazhi.registers.base import get_register


@pytest.fixture
def market(units):
    """The market-entity register, with the conftest zone and its two streets in place."""
    return get_register("market_entities")


@pytest.fixture
def org_register(units):
    return get_register("org_units")


@pytest.fixture
def user_register(units):
    return get_register("users")
