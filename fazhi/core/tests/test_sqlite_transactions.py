"""On SQLite, two requests that read and then write wait for each other (settings.SQLITE_OPTIONS).

Whatever database the suite runs on, this test uses SQLite files of its own, through Django's
SQLite backend, with two connections in two threads: the way two requests of the web server meet.
"""

import sqlite3
import threading

import pytest
from django.db import connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

from fazhi import settings as fazhi_settings

pytestmark = pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")  # a thread's crash fails


def _read_then_write(path, options: dict) -> list[Exception]:
    """The first transaction reads; the second begins after that, reads and writes; then the first writes."""
    first_read, second_done = threading.Event(), threading.Event()
    errors: list[Exception] = []

    def run(alias: str, value: int, before_write=None) -> None:
        config = connections.configure_settings({"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path),
                                                             "OPTIONS": dict(options)}})["default"]
        connections[alias] = DatabaseWrapper(config, alias)  # this thread's own connection
        try:
            with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                cursor.execute("SELECT count(*) FROM plans")
                if before_write:
                    before_write()
                cursor.execute("INSERT INTO plans VALUES (%s)", [value])
        except Exception as error:  # what the second writer would see on its page
            errors.append(error)
        finally:
            connections[alias].close()

    def first() -> None:
        run("first", 1, lambda: (first_read.set(), second_done.wait(timeout=2)))

    def second() -> None:
        first_read.wait(timeout=10)
        run("second", 2)
        second_done.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def _database(path) -> None:
    with sqlite3.connect(path) as setup:
        setup.execute("CREATE TABLE plans (n INTEGER)")


def test_two_transactions_that_read_then_write_both_succeed(tmp_path, django_db_blocker):
    path = tmp_path / "fazhi.sqlite3"
    _database(path)
    with django_db_blocker.unblock():
        assert _read_then_write(path, fazhi_settings.SQLITE_OPTIONS) == []
    with sqlite3.connect(path) as check:
        assert sorted(n for (n,) in check.execute("SELECT n FROM plans")) == [1, 2]


def test_without_immediate_transactions_the_second_writer_fails(tmp_path, django_db_blocker):
    """Why the setting is there: SQLite's default (deferred) lets both read, and one write then fails."""
    path = tmp_path / "fazhi.sqlite3"
    _database(path)
    deferred = {k: v for k, v in fazhi_settings.SQLITE_OPTIONS.items() if k != "transaction_mode"}
    with django_db_blocker.unblock():
        errors = _read_then_write(path, deferred)
    assert len(errors) == 1 and "locked" in str(errors[0])
