"""Queryset scoping: the one place 'who may see/change what' is decided (pages and API use it)."""

import pytest

from fazhi.accounts.models import User
from fazhi.core.roles import Role, role_permissions
from fazhi.market_entities.models import MarketEntity
from fazhi.market_entities.tests.factories import MarketEntityFactory
from fazhi.organisation.models import OrgUnit


@pytest.fixture
def entities(units):
    return {
        "a": MarketEntityFactory(street=units["street_a"], name="甲街道企业"),
        "b": MarketEntityFactory(street=units["street_b"], name="乙街道企业"),
    }


# role -> (sees B's entity, may change A's entity, may change B's entity)
ENTITY_MATRIX = {
    "admin": (True, True, True),
    "legal_office": (True, True, True),
    "unit_staff": (True, True, False),  # registration data is public; changes only in own street
    "officer": (True, False, False),
    "leader": (True, False, False),
}


@pytest.mark.parametrize(("role", "expected"), ENTITY_MATRIX.items())
def test_market_entity_scoping(users, entities, role, expected):
    user = users[role]
    sees_b, changes_a, changes_b = expected
    assert MarketEntity.objects.visible_to(user).filter(pk=entities["b"].pk).exists() is sees_b
    assert MarketEntity.objects.changeable_by(user).filter(pk=entities["a"].pk).exists() is changes_a
    assert MarketEntity.objects.changeable_by(user).filter(pk=entities["b"].pk).exists() is changes_b


# role -> (sees a colleague in own unit, sees a user of another unit)
USER_MATRIX = {
    "admin": (True, True),
    "legal_office": (True, True),
    "unit_staff": (True, False),
    "officer": (False, False),
    "leader": (True, True),
}


@pytest.mark.parametrize(("role", "expected"), USER_MATRIX.items())
def test_user_records_are_scoped_to_own_unit(users, role, expected):
    user = users[role]
    colleague = users["officer"] if role != "officer" else users["unit_staff"]
    same_unit_colleague = User.objects.filter(org_unit=user.org_unit).exclude(pk=user.pk).first()
    other_unit_user = users["unit_staff_b"]
    sees_colleague, sees_other = expected
    if same_unit_colleague is not None:
        assert User.objects.visible_to(user).filter(pk=same_unit_colleague.pk).exists() is sees_colleague
    assert colleague is not None
    assert User.objects.visible_to(user).filter(pk=other_unit_user.pk).exists() is sees_other


@pytest.mark.parametrize("role", [r for r in Role.values if r not in ("admin", "legal_office")])
def test_only_admins_and_legal_office_change_org_units(users, units, role):
    assert not OrgUnit.objects.changeable_by(users[role]).exists()


def test_anonymous_and_inactive_users_see_nothing(users, entities):
    from django.contrib.auth.models import AnonymousUser

    assert not MarketEntity.objects.visible_to(AnonymousUser()).exists()
    legal = users["legal_office"]
    legal.is_active = False
    assert not MarketEntity.objects.visible_to(legal).exists()


def test_unit_user_without_unit_sees_nothing_of_own_unit_scope(users, units):
    staff = users["unit_staff"]
    staff.org_unit = None
    assert not User.objects.visible_to(staff).exists()


def test_leader_role_is_read_only_everywhere():
    from fazhi.core.models import PERMISSION_ACTIONS

    writes = {a for a in PERMISSION_ACTIONS if not a.startswith("view")}
    assert not any(p.split(".")[1].split("_")[0] in writes for p in role_permissions(Role.LEADER))
    assert role_permissions(Role.LEADER)


def test_admin_role_makes_staff_and_only_admin(users):
    assert users["admin"].is_staff and users["admin"].is_superuser
    assert not any(users[r].is_staff for r in ("legal_office", "unit_staff", "officer", "leader"))


def test_the_unit_keeping_the_market_register_maintains_it_zone_wide(users, units, entities):
    from fazhi.accounts.tests.factories import UserFactory

    registry = units["dept_a"]
    registry.keeps_market_register = True
    registry.save()
    keeper = UserFactory(role="unit_staff", org_unit=registry, username="scjg_keeper")
    other_dept = UserFactory(role="unit_staff", org_unit=units["dept_b"], username="zjj_staff")
    assert MarketEntity.objects.changeable_by(keeper).count() == 2
    assert keeper.has_perm("market_entities.add_marketentity")
    assert not MarketEntity.objects.changeable_by(other_dept).exists()
    # The flag widens only the register it names: the keeper's other rights stay own-unit.
    assert not User.objects.visible_to(keeper).filter(pk=users["unit_staff_b"].pk).exists()
