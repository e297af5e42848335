"""The import page and command under the FAZHI_IMPORT_* caps: a file over one is refused, nothing written."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from fazhi.core.tests.messages import message_pattern
from fazhi.registers.tabular import (
    ROWS_COUNTED,
    ROWS_UNCOUNTED,
    TOO_BIG_UNZIPPED,
    TOO_MANY_COLUMNS,
    TOO_MANY_ROWS,
    TOO_MUCH_MEMORY,
)
from fazhi.registers.tests.bombs import xlsx_with_cells
from fazhi.registers.tests.helpers import MARKET_HEADERS, csv_bytes, entity_rows, entity_snapshot, xlsx_bytes


def upload(client, data: bytes, name: str):
    return client.post(reverse("registers:import", args=["market_entities"]), {"file": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize(("kind", "write"), [("xlsx", xlsx_bytes), ("csv", csv_bytes)])
def test_the_row_cap_comes_from_the_settings_and_a_file_over_it_writes_nothing(client, users, settings, kind, write):
    settings.FAZHI_IMPORT_MAX_ROWS = 2
    client.force_login(users["legal_office"])
    before = entity_snapshot()
    response = upload(client, write(MARKET_HEADERS, entity_rows(3)), f"名录.{kind}")
    assert response.status_code == 200
    # An xlsx says how many rows it has; a CSV is read no further than the row past the cap.
    counted = ROWS_COUNTED.format(rows=3) if kind == "xlsx" else ROWS_UNCOUNTED
    assert TOO_MANY_ROWS.format(counted=counted, limit=2) in response.content.decode()
    assert entity_snapshot() == before
    settings.FAZHI_IMPORT_MAX_ROWS = 3
    response = upload(client, write(MARKET_HEADERS, entity_rows(3)), f"名录.{kind}")
    assert not re.search(message_pattern(TOO_MANY_ROWS, anchored=False), response.content.decode())
    assert len(entity_snapshot()) == len(before) + 3


def test_the_column_and_unzipped_caps_come_from_the_settings(client, users, settings):
    client.force_login(users["legal_office"])
    data = xlsx_bytes(MARKET_HEADERS, entity_rows(2))
    settings.FAZHI_IMPORT_MAX_COLUMNS = 8
    too_wide = TOO_MANY_COLUMNS.format(columns=len(MARKET_HEADERS), letter="I", limit=8, limit_letter="H")
    assert too_wide in upload(client, data, "名录.xlsx").content.decode()
    settings.FAZHI_IMPORT_MAX_COLUMNS = 64
    settings.FAZHI_IMPORT_MAX_UNZIPPED_BYTES = 1000
    too_big = message_pattern(TOO_BIG_UNZIPPED, anchored=False, limit="0.0MB")
    assert re.search(too_big, upload(client, data, "名录.xlsx").content.decode())


def memory(settings, anchored=False) -> str:
    """The refusal of a file needing more memory than its size allows, under the settings' caps."""
    return message_pattern(TOO_MUCH_MEMORY, anchored=anchored, max_rows=settings.FAZHI_IMPORT_MAX_ROWS,
                           max_columns=settings.FAZHI_IMPORT_MAX_COLUMNS)


def test_a_bomb_uploaded_on_the_import_page_is_refused_and_the_server_answers(client, users, settings):
    client.force_login(users["legal_office"])
    before = entity_snapshot()
    response = upload(client, xlsx_with_cells({"A1": "统一社会信用代码", "XFD1048576": "x"}), "名录.xlsx")
    assert response.status_code == 200
    assert re.search(memory(settings), response.content.decode())
    assert entity_snapshot() == before


def test_the_import_command_refuses_a_bomb_with_the_message(tmp_path, users, settings):
    path = tmp_path / "名录.xlsx"
    path.write_bytes(xlsx_with_cells({"A1": "统一社会信用代码", "Z1000000": "x"}))
    with pytest.raises(CommandError, match=memory(settings, anchored=True)):
        call_command("import", "market_entities", str(path))
