"""The import page and command under the FAZHI_IMPORT_* caps: a file over one is refused, nothing written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

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
    assert "超过了每个文件最多2行的上限" in response.content.decode()
    assert entity_snapshot() == before
    settings.FAZHI_IMPORT_MAX_ROWS = 3
    response = upload(client, write(MARKET_HEADERS, entity_rows(3)), f"名录.{kind}")
    assert "超过了每个文件最多" not in response.content.decode()
    assert len(entity_snapshot()) == len(before) + 3


def test_the_column_and_unzipped_caps_come_from_the_settings(client, users, settings):
    client.force_login(users["legal_office"])
    data = xlsx_bytes(MARKET_HEADERS, entity_rows(2))
    settings.FAZHI_IMPORT_MAX_COLUMNS = 8
    assert "超过了最多8列（到H列）的上限" in upload(client, data, "名录.xlsx").content.decode()
    settings.FAZHI_IMPORT_MAX_COLUMNS = 64
    settings.FAZHI_IMPORT_MAX_UNZIPPED_BYTES = 1000
    assert "的上限，未导入任何数据" in upload(client, data, "名录.xlsx").content.decode()


def test_a_bomb_uploaded_on_the_import_page_is_refused_and_the_server_answers(client, users):
    client.force_login(users["legal_office"])
    before = entity_snapshot()
    response = upload(client, xlsx_with_cells({"A1": "统一社会信用代码", "XFD1048576": "x"}), "名录.xlsx")
    assert response.status_code == 200
    assert "读取该Excel文件所需的内存超过了" in response.content.decode()
    assert entity_snapshot() == before


def test_the_import_command_refuses_a_bomb_with_the_message(tmp_path, users):
    path = tmp_path / "名录.xlsx"
    path.write_bytes(xlsx_with_cells({"A1": "统一社会信用代码", "Z1000000": "x"}))
    with pytest.raises(CommandError, match="读取该Excel文件所需的内存超过了"):
        call_command("import", "market_entities", str(path))
