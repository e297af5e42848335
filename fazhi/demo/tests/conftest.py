"""The demo zone, loaded once per test module through the `demo` command and rolled back after it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings


@pytest.fixture(scope="module")
def _demo_zone(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo zone with 20 market entities; its record files in a media folder of its own (returned)."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        call_command("demo", entities=20, stdout=StringIO())
        yield media
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_zone, db, settings):
    settings.MEDIA_ROOT = _demo_zone
