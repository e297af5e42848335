"""Django admin, for system administrators: no silent overwrite, no revert, no delete of kept records."""

import pytest
from django.urls import reverse

from fazhi.market_entities.models import MarketEntity
from fazhi.market_entities.tests.factories import MarketEntityFactory


@pytest.fixture
def entity(units):
    return MarketEntityFactory(street=units["street_a"], address="原地址1号")


def _form(entity, **changes):
    data = {f: getattr(entity, f) for f in ("uscc", "name", "entity_type", "legal_representative", "address",
                                          "industry", "registration_status", "risk_class")}
    data.update(street=entity.street_id, expected_version=entity.version, **changes)
    return data


def test_admin_edit_of_a_record_changed_meanwhile_is_refused(client, users, entity):
    client.force_login(users["admin"])
    url = reverse("admin:market_entities_marketentity_change", args=[entity.pk])
    stale = _form(entity, address="管理员改的地址")
    fresh = MarketEntity.objects.get(pk=entity.pk)
    fresh.address = "办事员改的地址"
    fresh.version += 1
    fresh.save()
    response = client.post(url, stale)
    assert response.status_code == 200  # the form again, with the message
    assert "已被他人修改" in response.content.decode()
    assert MarketEntity.objects.get(pk=entity.pk).address == "办事员改的地址"


def test_admin_edit_with_the_current_version_saves_and_is_audited(client, users, entity):
    client.force_login(users["admin"])
    url = reverse("admin:market_entities_marketentity_change", args=[entity.pk])
    response = client.post(url, _form(entity, address="新地址2号"))
    assert response.status_code == 302
    saved = MarketEntity.objects.get(pk=entity.pk)
    assert (saved.address, saved.version, saved.modified_by) == ("新地址2号", 2, users["admin"])
    assert saved.history.first().history_user == users["admin"]


def test_history_cannot_be_reverted_from_the_admin(client, users, entity):
    client.force_login(users["admin"])
    row = entity.history.first()
    url = reverse("admin:market_entities_marketentity_simple_history", args=[entity.pk, row.history_id])
    assert client.get(url).status_code == 200
    response = client.post(url, _form(entity, name="HACKED"))
    assert response.status_code == 403
    assert MarketEntity.objects.get(pk=entity.pk).name != "HACKED"


def test_retained_records_have_no_delete_in_the_admin(client, users, entity):
    client.force_login(users["admin"])
    response = client.post(reverse("admin:market_entities_marketentity_delete", args=[entity.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert MarketEntity.objects.filter(pk=entity.pk).exists()
