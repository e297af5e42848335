"""A case's full-process records pass the shared file check before anything is stored (audit, issue 16)."""

import datetime as dt
import re

import pytest
from django.core.files.base import ContentFile

from fazhi.core.files import FORBIDDEN, TOO_BIG, WRONG_TYPE, RecordFileRefused
from fazhi.core.tests.messages import message_pattern
from fazhi.core.tests.samples import EXE, sample
from fazhi.enforcement import services
from fazhi.enforcement.constants import MatterKind, RecordKind
from fazhi.enforcement.models import ProcessRecord
from fazhi.enforcement.tests.factories import EnforcementBodyFactory
from fazhi.officers.tests.factories import fake_id_number


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def step(units, users):
    body = EnforcementBodyFactory(org_unit=units["street_a"], name="甲街道综合行政执法")
    case = services.case_open(user=users["unit_staff"], body=body, kind=MatterKind.PENALTY, summary="销售过期食品",
                              opened_on=dt.date(2022, 3, 1), party_name="张三丰", party_id_number=fake_id_number(7))
    return case.steps.get()


def stored(settings) -> list:
    return [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] if settings.MEDIA_ROOT.exists() else []


def test_an_exe_uploaded_as_a_photo_is_refused_and_nothing_is_stored(users, step, settings):
    with pytest.raises(RecordFileRefused, match=message_pattern(
            FORBIDDEN, name="现场照片.jpg", kind=RecordKind.PHOTO.label, detected=re.compile("Windows可执行程序.*"))):
        services.process_record_attach(user=users["unit_staff"], step=step, kind=RecordKind.PHOTO,
                                       file=ContentFile(EXE, name="现场照片.jpg"))
    assert not ProcessRecord.objects.exists() and stored(settings) == []


def test_a_photo_over_the_limit_is_refused_and_nothing_is_stored(users, step, settings):
    settings.FAZHI_RECORD_MAX_PHOTO_BYTES = 1000
    with pytest.raises(RecordFileRefused, match=message_pattern(
            TOO_BIG, name="现场照片.png", kind=RecordKind.PHOTO.label, limit="1000字节")):
        services.process_record_attach(user=users["unit_staff"], step=step, kind=RecordKind.PHOTO,
                                       file=ContentFile(sample("photo", b"x" * 2000), name="现场照片.png"))
    assert not ProcessRecord.objects.exists() and stored(settings) == []


def test_a_recording_is_not_a_photo_but_is_an_audio_visual_record(users, step, settings):
    recording = sample("audio_visual", "执法记录仪")
    with pytest.raises(RecordFileRefused, match=message_pattern(
            WRONG_TYPE, name="录音.wav", kind=RecordKind.PHOTO.label, detected="WAV音频")):
        services.process_record_attach(user=users["unit_staff"], step=step, kind=RecordKind.PHOTO,
                                       file=ContentFile(recording, name="录音.wav"))
    record = services.process_record_attach(user=users["unit_staff"], step=step, kind=RecordKind.AUDIO_VISUAL,
                                            file=ContentFile(recording, name="录音.wav"))
    assert record.size == len(recording) and len(stored(settings)) == 1
