"""The base record: history on every change, optimistic locking, archive instead of delete."""

import re

import pytest
from django.core.management import call_command

from fazhi.core.audit import CHANGED, CREATED, history_entries, record_viewed
from fazhi.core.exceptions import (
    STALE_RECORD,
    AuditImmutableError,
    FazhiError,
    PermissionDeniedError,
    RetentionError,
    StaleRecordError,
)
from fazhi.core.models import AccessLog
from fazhi.core.services import (
    ARCHIVE_REASON_MISSING,
    ARCHIVED_BECAUSE,
    record_archive,
    record_create,
    record_update,
)
from fazhi.market_entities.constants import RiskClass
from fazhi.market_entities.models import MarketEntity
from fazhi.market_entities.tests.factories import MarketEntityFactory


@pytest.fixture
def entity(units):
    return MarketEntityFactory(street=units["street_a"], risk_class="B", name="大连老名字有限公司")


def test_every_change_is_in_the_history_with_who_and_before_after(users, entity):
    legal = users["legal_office"]
    record_update(record=entity, user=legal, expected_version=entity.version, name="大连新名字有限公司",
                  risk_class="D")
    latest = history_entries(entity)[0]
    name, risk_class = (str(MarketEntity._meta.get_field(f).verbose_name) for f in ("name", "risk_class"))
    assert latest.action == CHANGED
    assert latest.who == legal.display_name
    changes = {c.field: (c.old, c.new) for c in latest.changes}
    assert changes[name] == ("大连老名字有限公司", "大连新名字有限公司")
    assert changes[risk_class] == (RiskClass.B.label, RiskClass.D.label)
    created = history_entries(entity)[-1]
    assert created.action == CREATED
    assert (name, "—", "大连老名字有限公司") in {(c.field, c.old, c.new) for c in created.changes}


def test_second_editor_with_stale_version_is_refused_and_nothing_changes(users, entity):
    read_by_both = entity.version
    first = MarketEntity.objects.get(pk=entity.pk)
    second = MarketEntity.objects.get(pk=entity.pk)
    record_update(record=first, user=users["legal_office"], expected_version=read_by_both, name="第一人修改")
    with pytest.raises(StaleRecordError) as error:
        record_update(record=second, user=users["admin"], expected_version=read_by_both, name="第二人修改")
    assert error.value.message == str(STALE_RECORD)
    entity.refresh_from_db()
    assert entity.name == "第一人修改"
    assert entity.version == read_by_both + 1


def test_failed_validation_leaves_the_record_and_version_as_they_were(users, entity):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        record_update(record=entity, user=users["legal_office"], expected_version=entity.version,
                      uscc="91350100M000100Y44")
    fresh = MarketEntity.objects.get(pk=entity.pk)
    assert fresh.version == 1
    assert fresh.uscc != "91350100M000100Y44"


def test_unit_user_cannot_change_another_units_record(users, units):
    other = MarketEntityFactory(street=units["street_b"])
    with pytest.raises(PermissionDeniedError):
        record_update(record=other, user=users["unit_staff"], expected_version=other.version, name="越权修改")
    other.refresh_from_db()
    assert other.name != "越权修改"


def test_unit_user_cannot_create_in_or_move_to_another_unit(users, units, entity):
    from fazhi.market_entities.models import MarketEntity as Model

    fields = dict(uscc="91350100M000100Y43", name="外街道企业", entity_type="company", legal_representative="张三",
                  address="滨海路1号", industry="C", risk_class="A")
    with pytest.raises(PermissionDeniedError):
        record_create(model=Model, user=users["unit_staff"], street=units["street_b"], **fields)
    assert not Model.objects.filter(uscc=fields["uscc"]).exists()
    with pytest.raises(PermissionDeniedError):
        record_update(record=entity, user=users["unit_staff"], expected_version=entity.version,
                      street=units["street_b"])
    entity.refresh_from_db()
    assert entity.street == units["street_a"]
    assert entity.version == 1


def test_roles_without_add_permission_cannot_create(users, units):
    with pytest.raises(PermissionDeniedError):
        record_create(model=MarketEntity, user=users["leader"], uscc="91350100M000100Y43", name="x",
                      entity_type="company", legal_representative="张三", address="滨海路1号",
                      street=units["street_a"], industry="C", risk_class="A")


def test_records_are_archived_not_deleted(users, entity):
    with pytest.raises(RetentionError):
        entity.delete()
    record_archive(record=entity, user=users["legal_office"], reason="已注销满五年")
    entity.refresh_from_db()
    assert entity.is_archived and entity.archived_by == users["legal_office"]
    assert not MarketEntity.objects.active().filter(pk=entity.pk).exists()
    assert history_entries(entity)[0].reason == ARCHIVED_BECAUSE.format(reason="已注销满五年")


def test_archiving_a_record_changed_meanwhile_is_refused(users, entity):
    stale = MarketEntity.objects.get(pk=entity.pk)
    record_update(record=entity, user=users["legal_office"], expected_version=entity.version, name="刚改过")
    with pytest.raises(StaleRecordError):
        record_archive(record=stale, user=users["admin"], reason="误操作")
    entity.refresh_from_db()
    assert not entity.is_archived
    assert entity.name == "刚改过"


def test_archive_needs_a_reason(users, entity):
    with pytest.raises(FazhiError, match=re.escape(str(ARCHIVE_REASON_MISSING))):
        record_archive(record=entity, user=users["legal_office"], reason="  ")


def test_leader_cannot_archive(users, entity):
    with pytest.raises(PermissionDeniedError):
        record_archive(record=entity, user=users["leader"], reason="x")


def test_history_rows_cannot_be_edited_or_deleted(users, entity):
    row = entity.history.first()
    row.name = "篡改"
    with pytest.raises(AuditImmutableError):
        row.save()
    with pytest.raises(AuditImmutableError):
        row.delete()


def test_viewing_personal_data_is_logged_and_the_log_is_append_only(users):
    viewer, viewed = users["legal_office"], users["unit_staff"]
    record_viewed(user=viewer, record=viewed, path="/accounts/1/")
    log = AccessLog.objects.get()
    assert (log.user, log.object_id) == (viewer, str(viewed.pk))
    with pytest.raises(AuditImmutableError):
        log.save()
    with pytest.raises(AuditImmutableError):
        log.delete()
    with pytest.raises(AuditImmutableError):  # nor in bulk
        AccessLog.objects.filter(pk=log.pk).update(path="/")
    with pytest.raises(AuditImmutableError):
        AccessLog.objects.all().delete()
    assert AccessLog.objects.get().path == "/accounts/1/"


def test_records_without_personal_data_are_not_logged(users, entity):
    record_viewed(user=users["legal_office"], record=entity)
    assert not AccessLog.objects.exists()


def test_record_create_validates_and_stamps_creator(users, units):
    entity = record_create(
        model=MarketEntity, user=users["unit_staff"], uscc="91350100M000100Y43", name="新设企业",
        entity_type="company", legal_representative="张三", address="滨海路1号", street=units["street_a"],
        industry="C", risk_class="A",
    )
    assert entity.created_by == users["unit_staff"]
    assert history_entries(entity)[0].who == users["unit_staff"].display_name


def test_system_check_flags_models_that_are_not_records():
    from django.apps import apps
    from django.db import models

    from fazhi.core.checks import every_record_is_audited

    class Unaudited(models.Model):  # noqa: DJ008
        class Meta:
            app_label = "core"

    Unaudited.__module__ = "fazhi.core.models"
    try:
        errors = every_record_is_audited()
        assert [e.id for e in errors] == ["fazhi.E001"]
    finally:
        del apps.all_models["core"]["unaudited"]
        apps.clear_cache()


def test_platform_passes_its_own_checks():
    call_command("check", fail_level="WARNING")


def test_password_hashes_are_not_kept_in_history(users):
    user = users["unit_staff"]
    user.set_password("Another-password-2026")
    user.save()
    row = user.history.first()
    assert not hasattr(row, "password")
    assert row.instance.username == user.username


def test_logging_in_adds_nothing_to_the_history(client, users):
    from fazhi.accounts.tests.factories import PASSWORD

    user = users["unit_staff"]
    before = user.history.count()
    client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    user.refresh_from_db()
    assert user.last_login is not None
    assert user.history.count() == before


def test_a_role_that_may_add_but_not_change_adds_in_its_own_unit_only(users, units, monkeypatch):
    from fazhi.core.roles import Role, role_permissions

    monkeypatch.setattr(MarketEntity, "ROLE_ACTIONS", {**MarketEntity.ROLE_ACTIONS, Role.OFFICER: ("add", "view_all")})
    role_permissions.cache_clear()
    officer = users["officer"]  # in street A
    fields = dict(name="新设企业", entity_type="company", legal_representative="张三", address="滨海路1号",
                  industry="C", risk_class="A")
    created = record_create(model=MarketEntity, user=officer, uscc="91350100M000100Y43", street=units["street_a"],
                            **fields)
    assert created.pk
    with pytest.raises(PermissionDeniedError):
        record_create(model=MarketEntity, user=officer, uscc="91110000802100433B", street=units["street_b"], **fields)
    assert not MarketEntity.objects.filter(uscc="91110000802100433B").exists()
    with pytest.raises(PermissionDeniedError):
        record_update(record=created, user=officer, expected_version=created.version, name="改名")
