"""An inspection task's records pass the shared file check before anything is stored (audit, issue 16)."""

import pytest
from django.core.files.base import ContentFile

from fazhi.core.files import (
    ARCHIVE_ADVICE,
    EXECUTABLE_ADVICE,
    FORBIDDEN,
    KIND_LABELS,
    TOO_BIG,
    WRONG_TYPE,
    RecordFileRefused,
    size_text,
)
from fazhi.core.tests.messages import message_pattern
from fazhi.core.tests.samples import EXE, sample, zip_of
from fazhi.inspections import services
from fazhi.inspections.models import TaskRecord
from fazhi.inspections.tests.scenario import drawn_plan


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def stored(settings) -> list:
    """The record files stored (the draw keeps its own files beside them)."""
    folder = settings.MEDIA_ROOT / "inspection_records"
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


@pytest.mark.parametrize(("kind", "name", "content", "message"), [
    ("photo", "现场.jpg", EXE, message_pattern(FORBIDDEN, name="现场.jpg", kind=KIND_LABELS["photo"],
                                                detected="Windows可执行程序（.exe/.dll）", advice=EXECUTABLE_ADVICE)),
    ("written", "检查笔录.docx", zip_of({"setup.exe": EXE}),
     message_pattern(FORBIDDEN, name="检查笔录.docx", kind=KIND_LABELS["written"], detected="ZIP压缩包",
                     advice=ARCHIVE_ADVICE)),
    ("audio_visual", "执法记录仪.mp4", sample("photo"),
     message_pattern(WRONG_TYPE, name="执法记录仪.mp4", kind=KIND_LABELS["audio_visual"], detected="PNG图片")),
])
def test_a_refused_file_leaves_nothing_stored(setting, settings, kind, name, content, message):
    plan, _draw = drawn_plan(setting)
    task = plan.tasks.first()
    with pytest.raises(RecordFileRefused, match=message):
        services.task_record_attach(user=setting["staff_a"], task=task, kind=kind, file=ContentFile(content, name=name))
    assert not TaskRecord.objects.exists() and stored(settings) == []


def test_the_size_limit_of_the_kind_applies(setting, settings):
    plan, _draw = drawn_plan(setting)
    settings.FAZHI_RECORD_MAX_WRITTEN_BYTES = 10
    too_big = message_pattern(TOO_BIG, name="笔录.txt", kind=KIND_LABELS["written"], limit=size_text(10))
    with pytest.raises(RecordFileRefused, match=too_big):
        services.task_record_attach(user=setting["staff_a"], task=plan.tasks.first(), kind="written",
                                    file=ContentFile(sample("written", "检查情况"), name="笔录.txt"))
    assert not TaskRecord.objects.exists() and stored(settings) == []


def test_the_same_file_attached_to_two_tasks_is_stored_once(setting, settings):
    """docs/decisions/0009: one photo kept as evidence of two tasks is one file, named by its digest."""
    plan, _draw = drawn_plan(setting)
    first_task, second_task = plan.tasks.order_by("pk")[:2]
    first = services.task_record_attach(user=setting["staff_a"], task=first_task, kind="photo",
                                        file=ContentFile(sample("photo", "现场"), name="现场.JPG"))
    second = services.task_record_attach(user=setting["staff_a"], task=second_task, kind="photo",
                                         file=ContentFile(sample("photo", "现场"), name="另一张.jpg"))

    assert first.file.name == second.file.name == f"inspection_records/{first.sha256[:2]}/{first.sha256}.jpg"
    assert first.pk != second.pk and (first.original_name, second.original_name) == ("现场.JPG", "另一张.jpg")
    assert len(stored(settings)) == 1
