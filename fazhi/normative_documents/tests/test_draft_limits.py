"""An uploaded draft over the FAZHI_DRAFT_* caps is refused with the reader's message; nothing is stored."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core.tests.messages import message_pattern
from fazhi.legality_checker.engine.reader import TEXT_TOO_LONG, UNZIPPED_TOO_BIG
from fazhi.legality_checker.tests.test_reader_limits import docx_with_body
from fazhi.normative_documents.models import NormativeDocument
from fazhi.normative_documents.services import DRAFT_TOO_BIG


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def create(client, units, upload):
    return client.post(reverse("normative_documents:documents:create"), {
        "title": "甲街道物业管理办法", "drafting_unit": units["street_a"].pk, "issuer": units["street_a"].pk,
        "drafter": "李四", "text": "", "draft_upload": upload,
    })


def stored_files(settings) -> list:
    return [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] if settings.MEDIA_ROOT.exists() else []


def test_the_audits_docx_bomb_is_refused_on_the_page_and_nothing_is_stored(client, users, units, settings):
    client.force_login(users["unit_staff"])
    response = create(client, units, SimpleUploadedFile("草案.docx", docx_with_body(b"<w:p/>", 3_500_000)))
    assert response.status_code == 200
    refusal = message_pattern(UNZIPPED_TOO_BIG, anchored=False, name="草案.docx", limit="20.0MB")
    assert re.search(refusal, response.content.decode())
    assert not NormativeDocument.objects.exists() and stored_files(settings) == []


def test_the_caps_come_from_the_settings(client, users, units, settings):
    client.force_login(users["unit_staff"])
    text = "第一条 为了规范管理，制定本办法。".encode()
    settings.FAZHI_DRAFT_MAX_TEXT_CHARS = 10
    response = create(client, units, SimpleUploadedFile("草案.txt", text))
    assert TEXT_TOO_LONG.format(name="草案.txt", limit=10) in response.content.decode()
    settings.FAZHI_DRAFT_MAX_TEXT_CHARS = 200_000
    settings.FAZHI_DRAFT_MAX_UNZIPPED_BYTES = 10
    response = create(client, units, SimpleUploadedFile("草案.txt", text))
    assert str(DRAFT_TOO_BIG) % {"name": "草案.txt", "size": "0.0", "limit": "0.0"} in response.content.decode()
    assert not NormativeDocument.objects.exists() and stored_files(settings) == []
    settings.FAZHI_DRAFT_MAX_UNZIPPED_BYTES = 1000
    assert create(client, units, SimpleUploadedFile("草案.txt", text)).status_code == 302
    assert NormativeDocument.objects.get().text == text.decode()
