"""Bulk writes with their history rows: the rows by one prepared INSERT or UPDATE executed many
times (COPY on PostgreSQL), their history rows copied from them by the database.

Django's bulk_create/bulk_update and django-simple-history's *_with_history helpers spend
most of their time preparing every value through the ORM, in batches of 52 rows on SQLite
(999 parameters); bulk_update also builds a CASE per field that every row of the batch
scans. For 100,000 rows that is a minute or more. These functions write the same rows and
the same history rows (the history table is simple_history's, its rows indistinguishable
from the ones it writes) that way; after an UPDATE the history row holds the row as stored,
where simple_history writes the instance, unwritten changes included. Each call is one
transaction (a savepoint inside the caller's). Models they cannot handle exactly
(multi-table inheritance, a primary key that is not an auto field, unknown history fields)
go through simple_history's helpers instead; `supported()` says which.
"""

import datetime as dt
import itertools
import json
import operator
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import connections, models, router, transaction
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import bulk_create_with_history, bulk_update_with_history, get_history_manager_for_model

from fazhi.core import clock

BATCH = 2000
LOOKUP_BATCH = 900  # values per IN (...), under SQLite's historical limit of 999 parameters
SQLITE_CACHE_KIB = -65536  # negative: KiB, i.e. 64 MB, only while writing
# Field types whose Python value is already what the database driver takes.
PLAIN_TYPES = {
    "CharField", "TextField", "SlugField", "EmailField", "URLField", "BooleanField", "IntegerField",
    "BigIntegerField", "SmallIntegerField", "PositiveIntegerField", "PositiveBigIntegerField",
    "PositiveSmallIntegerField", "ForeignKey", "OneToOneField",
}
HISTORY_COLUMNS = {"history_date", "history_change_reason", "history_type", "history_user_id"}


def _history_model(model):
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return None
    try:
        return get_history_manager_for_model(model).model
    except NotHistoricalModelError:  # a table that keeps no history (e.g. a draw's team seats)
        return None


def supported(model) -> bool:
    """Whether the fast path writes exactly what Django and simple_history would."""
    opts = model._meta
    if opts.parents or not isinstance(opts.pk, models.AutoField | models.BigAutoField | models.SmallAutoField):
        return False
    history = _history_model(model)
    if history is None:
        return True
    tracked = {f.attname for f in history.tracked_fields}
    return all(f.primary_key or f.attname in tracked or f.attname in HISTORY_COLUMNS
               for f in history._meta.local_concrete_fields)


def _converter(field, connection) -> Callable | None:
    """How to turn the field's Python value into the driver's, or None if it is already."""
    if field.get_internal_type() in PLAIN_TYPES:
        return None
    if isinstance(field, models.DateField | models.TimeField):
        cache: dict = {}  # an import stamps every row with the same moment: convert it once

        def convert(value, field=field):
            if value not in cache:
                cache[value] = field.get_db_prep_save(value, connection)
            return cache[value]

        return convert
    return lambda value, field=field: field.get_db_prep_save(value, connection)


@contextmanager
def _large_page_cache(connection) -> Iterator[None]:
    """SQLite's default 2 MB page cache thrashes on the indexes of 100,000 new rows; widen it meanwhile."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (previous,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = {SQLITE_CACHE_KIB}")
        try:
            yield
        finally:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def _write_many(connection, sql: str, rows: Iterable[list]) -> None:
    batch: list[list] = []
    with connection.cursor() as cursor, _large_page_cache(connection):
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def _values(objs, fields, connection) -> Iterable[list]:
    plan = [(f.attname, _converter(f, connection)) for f in fields]
    for obj in objs:
        yield [getattr(obj, a) if c is None else c(getattr(obj, a)) for a, c in plan]


def _stamp_auto_now(objs, model, date: dt.datetime, *, add: bool) -> None:
    """What DateTimeField.pre_save would do, with one moment for the whole import."""
    for field in model._meta.concrete_fields:
        if isinstance(field, models.DateField) and (field.auto_now or (add and field.auto_now_add)):
            value = date if isinstance(field, models.DateTimeField) else date.date()
            for obj in objs:
                setattr(obj, field.attname, value)


def insert_with_history(objs: list, model, *, key: str, user, reason: str, date: dt.datetime) -> None:
    """INSERT new records and their "+" history rows; sets each record's pk (found by its unique `key`)."""
    if not objs:
        return
    if not supported(model):
        bulk_create_with_history(objs, model, batch_size=BATCH, default_user=user,
                                 default_change_reason=reason, default_date=date)
        return
    connection = connections[router.db_for_write(model)]
    _stamp_auto_now(objs, model, date, add=True)
    with transaction.atomic(using=connection.alias):
        found = _insert_reading_keys(objs, model, key, connection)
        if len(found) != len(objs):  # a key that is not unique, or a value the database stored differently
            raise ValueError(f"{model.__name__}: {len(objs) - len(found)} new rows not found again by {key}")
        _copy_to_history(model, [obj.pk for obj in found], _history_stamp("+", user, reason, date), connection)
    for obj in found:
        obj._state.adding = False
        obj._state.db = connection.alias


def _insert_reading_keys(objs, model, key: str, connection) -> list:
    """INSERT the objects' rows; set each one's pk (found by its unique `key`); return those set."""
    fields = [f for f in model._meta.local_concrete_fields if not f.primary_key]
    before = _top_key(model, connection)
    _insert_many(connection, model._meta.db_table, [f.column for f in fields], _values(objs, fields, connection))
    new = _keys_above(model, key, before, connection)
    found = []
    for obj in objs:
        pk = new.get(getattr(obj, key))
        if pk is not None:
            obj.pk = pk
            found.append(obj)
    return found


def insert_rows_with_history(rows: list[dict], model, *, common: dict, key: str, user, reason: str,
                             date: dt.datetime) -> list[int]:
    """`insert_with_history` for plain rows, without building a model instance each.

    For the hundreds of thousands of records a platform step generates at once (a draw's tasks),
    where Model.__init__ would be most of the time. Each row gives the same fields, {attname:
    value}; `common` gives the values all rows share; any other field takes its default (a
    callable default is called once, for all rows), and auto_now fields take `date`. Rows are
    checked by the code that makes them, not by full_clean(). Returns the new records' ids, in
    the order of `rows`.
    """
    if not rows:
        return []
    if not supported(model):  # the exact path for models the fast writer cannot handle
        objs = [model(**common, **row) for row in rows]
        insert_with_history(objs, model, key=key, user=user, reason=reason, date=date)
        return [obj.pk for obj in objs]
    connection = connections[router.db_for_write(model)]
    layout = _RowLayout(model, rows, common, date, connection)
    with transaction.atomic(using=connection.alias):
        before = _top_key(model, connection)
        _insert_many(connection, layout.table, layout.columns(), map(layout.values, rows))
        new = _keys_above(model, key, before, connection)
        ids = [new[row[key]] for row in rows]
        _copy_to_history(model, ids, _history_stamp("+", user, reason, date), connection)
    return ids


def insert_rows(rows: list[dict], model, *, common: dict) -> None:
    """INSERT plain rows (as `insert_rows_with_history` takes them) into a table that keeps no history.

    No keys are read back: for rows nothing refers to, such as a draw's team seats.
    """
    if _history_model(model) is not None or not supported(model):
        raise ValueError(f"{model.__name__}: plain rows only for a table without history and with an auto key")
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    layout = _RowLayout(model, rows, common, clock.now(), connection)
    with transaction.atomic(using=connection.alias):
        _insert_many(connection, layout.table, layout.columns(), map(layout.values, rows))


def _history_stamp(history_type: str, user, reason: str, date: dt.datetime) -> dict:
    """The history columns of a change: what, when, why, who."""
    return {"history_date": date, "history_change_reason": reason or None, "history_type": history_type,
            "history_user_id": getattr(user, "pk", None)}


class _RowLayout:
    """A table's columns for plain rows: those each row gives, then those that take one value for all.

    Each row becomes one tuple (itemgetter, in C) followed by the constants, converted once.
    """

    def __init__(self, model, rows: list[dict], common: dict, date: dt.datetime, connection):
        self.table = model._meta.db_table
        fields = [f for f in model._meta.local_concrete_fields if not f.primary_key]
        by_attname = {f.attname: f for f in fields}
        given = list(rows[0])
        problems = [f"no column {name}" for name in [*given, *common] if name not in by_attname]
        problems += [f"{name} given both per row and in common" for name in given if name in common]
        if not all(map(operator.eq, map(len, rows), itertools.repeat(len(given)))):
            problems.append(f"rows give different fields (the first gives {', '.join(given) or 'none'})")
        if problems:
            raise ValueError(f"{model.__name__}: {'; '.join(problems)}")
        self.given = [by_attname[name] for name in given]
        self.fixed = [f for f in fields if f.attname not in given]
        constants = []
        for field in self.fixed:
            if field.attname in common:
                value = common[field.attname]
            elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = date
            else:
                value = field.get_default()
            constants.append(field.get_db_prep_save(value, connection))
        self.constants = tuple(constants)
        self.varying = self._getter(given, [_converter(f, connection) for f in self.given])

    @staticmethod
    def _getter(names: list[str], converters: list) -> Callable[[dict], tuple]:
        """row -> the named values, converted for the driver (a missing one raises KeyError)."""
        if not names:
            return lambda row: ()
        if len(names) == 1:  # itemgetter of one name gives the value, not a tuple
            one = operator.itemgetter(names[0])

            def get(row: dict) -> tuple:
                return (one(row),)
        else:
            get = operator.itemgetter(*names)
        if not any(converters):
            return get
        return lambda row: tuple(value if convert is None else convert(value)  # e.g. a date per row
                                 for value, convert in zip(get(row), converters, strict=True))

    def values(self, row: dict) -> tuple:
        return self.varying(row) + self.constants

    def columns(self) -> list[str]:
        return [f.column for f in [*self.given, *self.fixed]]


def _insert_many(connection, table: str, columns: list[str], rows: Iterable) -> None:
    """INSERT the rows: one COPY on PostgreSQL, a prepared INSERT executed many times elsewhere.

    On PostgreSQL each executed INSERT is a message through psycopg's pipeline, converted in Python:
    the 380,000 rows of a large draw took 20 s that way, against a few with COPY.
    """
    qn = connection.ops.quote_name
    names = ", ".join(qn(c) for c in columns)
    if connection.vendor != "postgresql":
        _write_many(connection, f"INSERT INTO {qn(table)} ({names}) VALUES ({', '.join(['%s'] * len(columns))})",
                    rows)
        return
    # COPY is not one of the cursor methods Django wraps: its errors are translated here (IntegrityError,
    # …); it is not in connection.queries. The callers' savepoint refuses a transaction already broken.
    with (connection.cursor() as cursor, connection.wrap_database_errors,
          cursor.cursor.copy(f"COPY {qn(table)} ({names}) FROM STDIN") as copy):
        for row in rows:
            copy.write_row(row)


def _top_key(model, connection) -> int:
    return model._base_manager.using(connection.alias).aggregate(top=models.Max("pk"))["top"] or 0


def _keys_above(model, key: str, before: int, connection) -> dict:
    """{key value: pk} of the rows whose pk is above `before` (auto-increment keys only grow)."""
    opts, qn = model._meta, connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {qn(opts.get_field(key).column)}, {qn(opts.pk.column)} FROM {qn(opts.db_table)} "
                       f"WHERE {qn(opts.pk.column)} > %s", [before])
        return dict(cursor.fetchall())


def update_with_history(objs: list, model, fields: list[str], *, user, reason: str, date: dt.datetime) -> None:
    """UPDATE the given fields of existing records, and write their "~" history rows (one per record)."""
    if not objs:
        return
    if not supported(model):
        bulk_update_with_history(objs, model, fields=fields, batch_size=BATCH, default_user=user,
                                 default_change_reason=reason, default_date=date)
        return
    connection = connections[router.db_for_write(model)]
    opts, qn = model._meta, connection.ops.quote_name
    _stamp_auto_now(objs, model, date, add=False)
    auto_now = [f.name for f in opts.concrete_fields if getattr(f, "auto_now", False)]
    columns = [opts.get_field(name) for name in dict.fromkeys([*fields, *auto_now])]
    sql = (f"UPDATE {qn(opts.db_table)} SET {', '.join(f'{qn(f.column)} = %s' for f in columns)} "
           f"WHERE {qn(opts.pk.column)} = %s")
    with transaction.atomic(using=connection.alias):
        _write_many(connection, sql, ([*row, obj.pk] for obj, row in zip(objs, _values(objs, columns, connection),
                                                                        strict=True)))
        _copy_to_history(model, [obj.pk for obj in objs], _history_stamp("~", user, reason, date), connection)


def _copy_to_history(model, ids: list[int], stamp: dict, connection) -> None:
    """Write the history rows of the records just written: each a copy of the record's row, made by
    the database in one INSERT … SELECT, with the change's stamp (what simple_history writes from
    the instance, whose values those rows hold). Rows never pass through Python again."""
    history = _history_model(model)
    if history is None or not ids:
        return
    qn = connection.ops.quote_name
    copied = ", ".join(qn(f.column) for f in history._meta.local_concrete_fields
                       if not f.primary_key and f.attname not in HISTORY_COLUMNS)
    stamped = [history._meta.get_field(name) for name in stamp]
    if connection.vendor == "postgresql":
        chosen, ids_value = "= ANY(%s)", list(ids)
    elif connection.vendor == "sqlite":  # the ids as one JSON array parameter, not one parameter each
        chosen, ids_value = "IN (SELECT value FROM json_each(%s))", json.dumps(ids)
    else:
        raise NotImplementedError(f"history copy on {connection.vendor}")
    pk = qn(model._meta.pk.column)
    sql = (f"INSERT INTO {qn(history._meta.db_table)} ({copied}, {', '.join(qn(f.column) for f in stamped)}) "
           f"SELECT {copied}, {', '.join(['%s'] * len(stamped))} FROM {qn(model._meta.db_table)} "
           f"WHERE {pk} {chosen} ORDER BY {pk}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*(f.get_db_prep_save(stamp[f.attname], connection) for f in stamped), ids_value])


def rows_by_key(model, key: str, values: list, columns: list[str]) -> dict:
    """{key value: (the columns' values)} of the records whose unique `key` is one of `values`.

    In batches of plain `IN (...)` queries: for 100,000 values the ORM's lookup, which prepares
    each value on its own, took most of a second. The values are sorted first, so that each batch
    reads neighbouring pages of the key's index (a fifth faster on SQLite). Values come as the
    driver gives them, without the fields' conversions: for text and integer columns.
    """
    values = sorted(values)
    opts = model._meta
    connection = connections[router.db_for_read(model)]
    qn = connection.ops.quote_name
    selected = ", ".join(qn(opts.get_field(name).column) for name in [key, *columns])
    found: dict = {}
    with connection.cursor() as cursor:
        for start in range(0, len(values), LOOKUP_BATCH):
            batch = values[start:start + LOOKUP_BATCH]
            cursor.execute(f"SELECT {selected} FROM {qn(opts.db_table)} "
                           f"WHERE {qn(opts.get_field(key).column)} IN ({', '.join(['%s'] * len(batch))})", batch)
            found.update((row[0], row[1:]) for row in cursor.fetchall())
    return found
