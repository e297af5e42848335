"""Shared by the benchmarks (not one itself: the Makefile skips it): Django on a throwaway database, SQLite in a
temporary folder or a database created for the run on a PostgreSQL server and dropped afterwards."""

import os
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit


def setup_django(var_dir: str, database_url: str) -> None:
    """Django on that database, with its own FAZHI_VAR_DIR: never the developer's var/fazhi.sqlite3."""
    os.environ["FAZHI_VAR_DIR"] = var_dir
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DEBUG", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "fazhi.settings"
    import django

    django.setup()


def postgres_admin(server: str, statement: str) -> list:
    """One statement on the server's database named in the URL (CREATE/DROP DATABASE need autocommit)."""
    import psycopg

    with psycopg.connect(server, autocommit=True) as connection:
        cursor = connection.execute(statement)
        return cursor.fetchall() if cursor.description else []


@contextmanager
def throwaway_postgres(server: str, name: str, template: str | None = None):
    """A database `name` on the server of the URL `server` (one the user may create databases from), copied
    from `template` if given, dropped on leaving; yields its URL."""
    postgres_admin(server, f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
    try:
        yield urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    finally:
        postgres_admin(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
