"""The fast bulk writer must leave exactly the rows Django and simple_history would."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from fazhi.core import clock
from fazhi.market_entities.models import MarketEntity
from fazhi.market_entities.tests.factories import MarketEntityFactory
from fazhi.organisation.models import OrgUnit
from fazhi.registers import bulk

WHEN = dt.datetime(2026, 3, 2, 9, 30, 15, 123456, tzinfo=dt.UTC)
# Fields that legitimately differ between two separately written copies of the same record.
IDENTITY = {"id", "history_id", "uscc", "name"}


def new_entities(street, count: int, prefix: str) -> list[MarketEntity]:
    built = MarketEntityFactory.build_batch(count, street=street)
    for i, entity in enumerate(built):
        entity.name, entity.legal_representative, entity.created_on = f"{prefix}{i}", "张三", WHEN
    return built


def history_values(entity) -> dict:
    row = MarketEntity.history.filter(id=entity.pk).order_by("-history_id").values().first()
    return {k: v for k, v in row.items() if k not in IDENTITY}


def record_values(entity) -> dict:
    row = MarketEntity.objects.filter(pk=entity.pk).values().get()
    return {k: v for k, v in row.items() if k not in IDENTITY}


@pytest.fixture
def street(units):
    return units["street_a"]


def test_supported_models():
    assert bulk.supported(MarketEntity)
    assert bulk.supported(OrgUnit)


def test_insert_writes_the_same_rows_and_history_as_simple_history(street, users, monkeypatch):
    fast = new_entities(street, 3, "快")
    bulk.insert_with_history(fast, MarketEntity, key="uscc", user=users["admin"], reason="导入", date=WHEN)
    monkeypatch.setattr(bulk, "supported", lambda model: False)
    slow = new_entities(street, 3, "慢")
    for entity in slow:
        entity.modified_on = WHEN  # what the fast path stamps; Django's pre_save would use "now"
    bulk.insert_with_history(slow, MarketEntity, key="uscc", user=users["admin"], reason="导入", date=WHEN)

    assert all(entity.pk for entity in fast)
    assert {e.pk for e in fast} == set(MarketEntity.objects.filter(name__startswith="快").values_list("pk", flat=True))
    assert [MarketEntity.objects.get(pk=e.pk).uscc for e in fast] == [e.uscc for e in fast]
    for quick, reference in zip(fast, slow, strict=True):
        assert record_values(quick) == {**record_values(reference), "modified_on": WHEN}
        assert history_values(quick) == history_values(reference)
        history = MarketEntity.history.get(id=quick.pk)
        assert (history.history_type, history.history_user) == ("+", users["admin"])
        assert history.history_change_reason == "导入"
        assert history.history_date == WHEN
        assert history.instance.uscc == quick.uscc


@pytest.mark.parametrize("per_row", [(), ("created_on",), ("created_on", "street_id", "legal_representative")],
                         ids=["shared", "a-datetime-per-row", "most-per-row"])
def test_plain_rows_write_what_model_instances_write(street, users, per_row):
    built = new_entities(street, 3, "行")
    for entity in built:
        entity.modified_on = WHEN
    shared = {"street_id": street.pk, "created_on": WHEN, "legal_representative": "张三"}
    rows = [{"uscc": e.uscc, "name": e.name.replace("行", "例"), "entity_type": e.entity_type,
             "address": e.address, "industry": e.industry, "risk_class": e.risk_class,
             **{name: shared[name] for name in per_row}} for e in built]
    common = {name: value for name, value in shared.items() if name not in per_row}
    bulk.insert_with_history(built, MarketEntity, key="uscc", user=users["admin"], reason="导入", date=WHEN)
    for row in rows:
        row["uscc"] = row["uscc"][:-6] + "000000"  # another key; check characters are not checked here
    rows.reverse()  # ids come back in the order of the rows, not of the keys
    written = bulk.insert_rows_with_history(rows, MarketEntity, common=common, key="uscc", user=users["admin"],
                                            reason="导入", date=WHEN)
    assert [MarketEntity.objects.get(pk=pk).uscc for pk in written] == [r["uscc"] for r in rows]
    for pk, instance in zip(written, reversed(built), strict=True):
        assert record_values(MarketEntity(pk=pk)) == record_values(instance)
        assert history_values(MarketEntity(pk=pk)) == history_values(instance)
        history = MarketEntity.history.get(id=pk)
        assert (history.history_type, history.history_user, history.history_change_reason, history.history_date) == (
            "+", users["admin"], "导入", WHEN)


def test_plain_rows_through_the_exact_path_when_the_fast_one_cannot(street, monkeypatch):
    monkeypatch.setattr(bulk, "supported", lambda model: False)
    rows = [{"uscc": e.uscc, "name": e.name} for e in new_entities(street, 2, "慢行")]
    common = {"street_id": street.pk, "entity_type": "company", "legal_representative": "张三", "address": "滨海路1号",
              "industry": "A", "risk_class": "B"}
    written = bulk.insert_rows_with_history(rows, MarketEntity, common=common, key="uscc", user=None, reason="导入",
                                            date=WHEN)
    assert [MarketEntity.objects.get(pk=pk).uscc for pk in written] == [r["uscc"] for r in rows]
    assert MarketEntity.history.filter(id__in=written).count() == 2


def test_plain_rows_naming_an_unknown_column_are_refused_before_writing(street):
    rows = [{"uscc": e.uscc, "nmae": e.name} for e in new_entities(street, 1, "错")]
    with pytest.raises(ValueError, match="nmae"):
        bulk.insert_rows_with_history(rows, MarketEntity, common={}, key="uscc", user=None, reason="", date=WHEN)
    assert not MarketEntity.objects.exists()


def test_rows_without_history_only_into_a_table_that_keeps_none(street):
    rows = [{"uscc": e.uscc, "name": e.name} for e in new_entities(street, 1, "无")]
    with pytest.raises(ValueError, match="without history"):
        bulk.insert_rows(rows, MarketEntity, common={})
    assert not MarketEntity.objects.exists()


@pytest.mark.parametrize("how", ["a field more", "a field less", "one field in common too"])
def test_plain_rows_of_different_shapes_are_refused_before_writing(street, how):
    rows = [{"uscc": e.uscc, "name": e.name} for e in new_entities(street, 3, "形")]
    common = {"street_id": street.pk, "entity_type": "company", "legal_representative": "张三", "address": "滨海路1号",
              "industry": "A", "risk_class": "B"}
    if how == "a field more":
        rows[2]["address"] = "别处"
    elif how == "a field less":
        del rows[1]["name"]
    else:
        rows = [{**row, "industry": "C"} for row in rows]
    with pytest.raises(ValueError, match=r"different fields|both per row and in common"):
        bulk.insert_rows_with_history(rows, MarketEntity, common=common, key="uscc", user=None, reason="", date=WHEN)
    assert not MarketEntity.objects.exists()


def test_a_field_the_history_does_not_keep_may_be_given_per_row(street, users):
    later = WHEN + dt.timedelta(hours=1)
    rows = [{"uscc": e.uscc, "name": e.name, "modified_on": later} for e in new_entities(street, 2, "史")]
    common = {"street_id": street.pk, "entity_type": "company", "legal_representative": "张三", "address": "滨海路1号",
              "industry": "A", "risk_class": "B", "created_on": WHEN}
    written = bulk.insert_rows_with_history(rows, MarketEntity, common=common, key="uscc", user=users["admin"],
                                            reason="导入", date=WHEN)
    assert {MarketEntity.objects.get(pk=pk).modified_on for pk in written} == {later}
    assert [MarketEntity.history.get(id=pk).name for pk in written] == [r["name"] for r in rows]


def test_update_writes_the_given_fields_and_a_history_row(street, users):
    entities = new_entities(street, 2, "改")
    bulk.insert_with_history(entities, MarketEntity, key="uscc", user=None, reason="", date=WHEN)
    later = WHEN + dt.timedelta(days=1)
    entities[0].risk_class, entities[0].version = "D", 2
    entities[0].address = "not written: not in the field list"

    bulk.update_with_history(entities[:1], MarketEntity, ["risk_class", "version"], user=users["legal_office"],
                             reason="复核", date=later)

    stored = MarketEntity.objects.get(pk=entities[0].pk)
    assert (stored.risk_class, stored.version, stored.modified_on) == ("D", 2, later)
    assert stored.address != "not written: not in the field list"
    latest = stored.history.first()
    assert (latest.history_type, latest.history_user, latest.risk_class, latest.history_date) == (
        "~", users["legal_office"], "D", later,
    )
    assert latest.address == stored.address  # the history copies the row as stored, not the instance
    assert MarketEntity.objects.get(pk=entities[1].pk).risk_class == entities[1].risk_class
    assert MarketEntity.history.filter(id=entities[1].pk).count() == 1


def test_nothing_to_write_makes_no_query(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        bulk.insert_with_history([], MarketEntity, key="uscc", user=None, reason="", date=clock.now())
        bulk.update_with_history([], MarketEntity, ["name"], user=None, reason="", date=clock.now())


def test_many_rows_get_their_own_keys(street):
    entities = new_entities(street, bulk.BATCH + 7, "多")
    bulk.insert_with_history(entities, MarketEntity, key="uscc", user=None, reason="", date=WHEN)
    stored = dict(MarketEntity.objects.values_list("uscc", "pk"))
    assert {e.uscc: e.pk for e in entities} == stored
    assert MarketEntity.history.count() == len(entities)


def test_rows_by_key_reads_the_columns_of_every_value_found(street):
    entities = new_entities(street, bulk.LOOKUP_BATCH + 5, "查")
    bulk.insert_with_history(entities, MarketEntity, key="uscc", user=None, reason="", date=WHEN)
    wanted = [e.uscc for e in reversed(entities)] + ["91000000000000000X"]  # more than one batch, one unknown
    found = bulk.rows_by_key(MarketEntity, "uscc", wanted, ["id", "name"])
    assert found == {e.uscc: (e.pk, e.name) for e in entities}


@pytest.mark.parametrize("writer", ["objects", "plain rows"])
def test_a_duplicate_key_fails_as_djangos_integrity_error_and_writes_nothing(street, writer):
    """On PostgreSQL the rows go by COPY, whose errors Django does not translate by itself."""
    existing = MarketEntityFactory(street=street)
    built = new_entities(street, 3, "重")
    built[2].uscc = existing.uscc
    rows = [{"uscc": e.uscc, "name": e.name} for e in built]
    common = {"street_id": street.pk, "entity_type": "company", "legal_representative": "张三", "address": "滨海路1号",
              "industry": "A", "risk_class": "B"}

    def write():
        with transaction.atomic():
            if writer == "objects":
                bulk.insert_with_history(built, MarketEntity, key="uscc", user=None, reason="导入", date=WHEN)
            else:
                bulk.insert_rows_with_history(rows, MarketEntity, common=common, key="uscc", user=None,
                                              reason="导入", date=WHEN)

    with pytest.raises(IntegrityError):
        write()
    assert list(MarketEntity.objects.values_list("pk", flat=True)) == [existing.pk]
    assert MarketEntity.history.count() == MarketEntity.history.filter(id=existing.pk).count()


def test_a_new_row_not_found_again_by_its_key_is_refused_and_nothing_is_written(street):
    """The key read back must match the value written (here an int for a text column): otherwise the
    record would get no history row."""
    built = new_entities(street, 3, "键")
    built[1].uscc = 911000000000000000
    with pytest.raises(ValueError, match="1 new rows not found again by uscc"):
        bulk.insert_with_history(built, MarketEntity, key="uscc", user=None, reason="导入", date=WHEN)
    assert not MarketEntity.objects.exists()
    assert not MarketEntity.history.exists()


def test_a_failed_call_leaves_nothing_behind_in_the_callers_transaction(street):
    """More than one batch, the duplicate in the last: the batches before it are not kept, and the
    caller's transaction stays usable (each call is a savepoint)."""
    existing = MarketEntityFactory(street=street)
    rows = [{"uscc": e.uscc, "name": e.name} for e in new_entities(street, bulk.BATCH + 5, "批")]
    rows[-1]["uscc"] = existing.uscc
    common = {"street_id": street.pk, "entity_type": "company", "legal_representative": "张三", "address": "滨海路1号",
              "industry": "A", "risk_class": "B"}
    with pytest.raises(IntegrityError):
        bulk.insert_rows_with_history(rows, MarketEntity, common=common, key="uscc", user=None, reason="导入",
                                      date=WHEN)
    assert list(MarketEntity.objects.values_list("pk", flat=True)) == [existing.pk]
