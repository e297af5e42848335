"""The check every record upload passes (fazhi/core/files.py): size per kind, type by magic bytes (audit, issue 16)."""

import hashlib
import io
import re
from pathlib import Path

import docx
import pytest
from django.core.files.base import ContentFile

from fazhi.core.files import (
    ACCEPTED_LABELS,
    AUDIO_VISUAL,
    EVIDENCE,
    EXECUTABLE_ADVICE,
    FILE_EMPTY,
    FORBIDDEN,
    KIND_LABELS,
    PHOTO,
    TOO_BIG,
    UNRECOGNISED,
    WRITTEN,
    WRONG_TYPE,
    RecordFileRefused,
    check_record_file,
    detect,
    file_sha256,
    file_store_once,
    size_text,
    store_record_file,
)
from fazhi.core.tests.samples import EXE, HEIC, JPEG, MP4, PNG, WAV, zip_of
from fazhi.registers.tabular import write_table


def word_document() -> bytes:
    document = docx.Document()
    document.add_paragraph("询问笔录")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
FILES = {
    # name: (content, what it is, accepted by)
    "现场.jpg": (JPEG + b"x", "JPEG图片", {WRITTEN, PHOTO, EVIDENCE}),
    "现场.png": (PNG + b"x", "PNG图片", {WRITTEN, PHOTO, EVIDENCE}),
    "现场.gif": (b"GIF89a\x01\x00\x01\x00", "GIF图片", {WRITTEN, PHOTO, EVIDENCE}),
    "现场.webp": (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "WEBP图片", {WRITTEN, PHOTO, EVIDENCE}),
    "现场.heic": (HEIC, "HEIC图片", {WRITTEN, PHOTO, EVIDENCE}),
    "扫描件.tif": (b"II*\x00\x08\x00\x00\x00", "TIFF图片", {WRITTEN, EVIDENCE}),
    "笔录.pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF文档", {WRITTEN, EVIDENCE}),
    "笔录.docx": (word_document(), "Word文档（.docx）", {WRITTEN, EVIDENCE}),
    "清单.xlsx": (write_table(["名称"], [["甲"]], "xlsx"), "Excel表格（.xlsx）", {WRITTEN, EVIDENCE}),
    "决定书.ofd": (zip_of({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<x/>"}), "OFD版式文档",
                  {WRITTEN, EVIDENCE}),
    "笔录.txt": ("询问笔录：当事人称……".encode("gb18030"), "纯文本", {WRITTEN, EVIDENCE}),
    "执法记录仪.mp4": (MP4, "MP4/MOV视频或音频", {AUDIO_VISUAL, EVIDENCE}),
    "录音.wav": (WAV, "WAV音频", {AUDIO_VISUAL, EVIDENCE}),
    "录像.avi": (b"RIFF\x24\x00\x00\x00AVI LIST", "AVI视频", {AUDIO_VISUAL, EVIDENCE}),
    "录像.mkv": (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81", "MKV/WebM视频", {AUDIO_VISUAL, EVIDENCE}),
    "录音.mp3": (b"ID3\x04\x00\x00\x00\x00\x00\x00", "MP3音频", {AUDIO_VISUAL, EVIDENCE}),
    "录音.amr": (b"#!AMR\n\x3c", "AMR音频", {AUDIO_VISUAL, EVIDENCE}),
    "录像.ts": (bytes([0x47] + [0] * 187) * 3, "MPEG-TS视频", {AUDIO_VISUAL, EVIDENCE}),
}
REFUSED = {
    # name: (content, what the message calls it)
    "照片.jpg": (EXE, "Windows可执行程序"),
    "setup.exe": (EXE, "Windows可执行程序"),
    "run.sh": (b"#!/bin/sh\nrm -rf /\n", "脚本程序"),
    "说明.txt.bat": (b"del /q *.*\r\n", "网页或脚本文件（.bat）"),
    "笔录.html": (b"<!DOCTYPE html><script>alert(1)</script>", "网页或XML文件"),
    "笔录.docx": (zip_of({"a.exe": EXE}), "ZIP压缩包"),
    "材料.rar": (b"Rar!\x1a\x07\x01\x00", "RAR压缩包"),
    "材料.7z": (b"7z\xbc\xaf\x27\x1c\x00\x04", "7z压缩包"),
    "笔录.doc": (OLE2, "旧版Office文档或安装包"),
    "宏.docm": (zip_of({"[Content_Types].xml": b"x", "word/document.xml": b"x", "word/vbaProject.bin": b"x"}),
               "含宏的Office文件"),
    "program.elf": (b"\x7fELF\x02\x01\x01\x00", "Linux可执行程序"),
}


@pytest.mark.parametrize("name", FILES)
def test_each_accepted_type_is_recognised_and_accepted_by_its_kinds_only(name, settings):
    content, label, accepted_by = FILES[name]
    assert detect(io.BytesIO(content), name).label == label
    for kind in (WRITTEN, PHOTO, AUDIO_VISUAL, EVIDENCE):
        file = ContentFile(content, name=name)
        if kind in accepted_by:
            assert check_record_file(file, kind=kind, name=name).label == label
            assert file.tell() == 0  # left at its start for the caller's storage
        else:
            refusal = str(WRONG_TYPE) % {"name": name, "kind": KIND_LABELS[kind], "detected": label,
                                         "accepted": ACCEPTED_LABELS[kind]}
            with pytest.raises(RecordFileRefused, match=f"^{re.escape(refusal)}$"):
                check_record_file(file, kind=kind, name=name)


@pytest.mark.parametrize("name", REFUSED)
@pytest.mark.parametrize("kind", [WRITTEN, PHOTO, AUDIO_VISUAL, EVIDENCE])
def test_executables_scripts_and_archives_are_refused_whatever_the_kind(name, kind):
    content, label = REFUSED[name]
    detected = detect(io.BytesIO(content), name).label
    assert detected.startswith(label)
    # The advice after the template's text depends on what the file is.
    refusal = str(FORBIDDEN) % {"name": name, "detected": detected, "kind": KIND_LABELS[kind], "advice": ""}
    with pytest.raises(RecordFileRefused, match=f"^{re.escape(refusal)}"):
        check_record_file(ContentFile(content, name=name), kind=kind, name=name)


def test_an_exe_uploaded_as_a_photo_is_named_as_what_it_is():
    # The audit's case: accepted before.
    with pytest.raises(RecordFileRefused) as refused:
        check_record_file(ContentFile(EXE, name="现场照片.jpg"), kind=PHOTO, name="现场照片.jpg")
    assert refused.value.message == str(FORBIDDEN) % {
        "name": "现场照片.jpg", "detected": "Windows可执行程序（.exe/.dll）", "kind": KIND_LABELS[PHOTO],
        "advice": EXECUTABLE_ADVICE}


def test_a_photo_over_its_size_limit_is_refused_naming_size_and_limit_before_it_is_read(settings):
    # The audit's 120 MB "photo": the limit is a setting (20 MB by default), checked on the size alone.
    assert settings.FAZHI_RECORD_MAX_PHOTO_BYTES == 20 << 20
    big = ContentFile(b"", name="现场照片.jpg")
    big.size = 120 << 20
    with pytest.raises(RecordFileRefused) as refused:
        check_record_file(big, kind=PHOTO, name="现场照片.jpg")
    assert refused.value.message == str(TOO_BIG) % {
        "name": "现场照片.jpg", "size": "120.0MB", "kind": KIND_LABELS[PHOTO], "limit": "20.0MB"}


@pytest.mark.parametrize(("kind", "setting", "content"), [
    (WRITTEN, "FAZHI_RECORD_MAX_WRITTEN_BYTES", b"%PDF-1.7\n" + b"x" * 100),
    (PHOTO, "FAZHI_RECORD_MAX_PHOTO_BYTES", PNG + b"x" * 100),
    (AUDIO_VISUAL, "FAZHI_RECORD_MAX_AUDIO_VISUAL_BYTES", WAV + b"x" * 100),
])
def test_each_kinds_limit_comes_from_its_setting_and_the_limit_itself_is_allowed(settings, kind, setting, content):
    setattr(settings, setting, len(content))
    check_record_file(ContentFile(content, name="f"), kind=kind, name="f")
    setattr(settings, setting, len(content) - 1)
    refusal = str(TOO_BIG) % {"name": "f", "size": size_text(len(content)), "kind": KIND_LABELS[kind],
                              "limit": size_text(len(content) - 1)}
    with pytest.raises(RecordFileRefused, match=f"^{re.escape(refusal)}$"):
        check_record_file(ContentFile(content, name="f"), kind=kind, name="f")


def test_evidence_takes_the_limit_of_what_the_file_is(settings):
    settings.FAZHI_RECORD_MAX_WRITTEN_BYTES = 100
    settings.FAZHI_RECORD_MAX_AUDIO_VISUAL_BYTES = 10_000
    check_record_file(ContentFile(WAV + b"x" * 1000, name="听证会录音.wav"), kind=EVIDENCE, name="听证会录音.wav")
    refusal = str(TOO_BIG) % {"name": "报告.pdf", "size": size_text(1009), "kind": KIND_LABELS[EVIDENCE],
                              "limit": size_text(100)}
    with pytest.raises(RecordFileRefused, match=f"^{re.escape(refusal)}$"):
        check_record_file(ContentFile(b"%PDF-1.7\n" + b"x" * 1000, name="报告.pdf"), kind=EVIDENCE, name="报告.pdf")


def test_unrecognised_binary_is_not_a_written_record():
    refusal = str(WRONG_TYPE) % {"name": "a.dat", "kind": KIND_LABELS[WRITTEN], "detected": UNRECOGNISED,
                                 "accepted": ACCEPTED_LABELS[WRITTEN]}
    with pytest.raises(RecordFileRefused, match=f"^{re.escape(refusal)}$"):
        check_record_file(ContentFile(bytes(range(256)) * 4, name="a.dat"), kind=WRITTEN, name="a.dat")


# ----- file_store_once (docs/decisions/0009) -----

@pytest.fixture
def storage(tmp_path):
    from django.core.files.storage import FileSystemStorage

    return FileSystemStorage(location=tmp_path / "media")


def _store(storage, content: bytes, name: str) -> str:
    upload = ContentFile(content, name=name)
    digest, _size = file_sha256(upload)
    return file_store_once(upload, digest, name, folder="records", storage=storage)


def _stored_files(storage) -> list:
    return [path for path in Path(storage.location).rglob("*") if path.is_file()]


def test_the_same_content_uploaded_twice_is_stored_once(storage):
    first = _store(storage, JPEG + b"site", "现场.JPG")
    second = _store(storage, JPEG + b"site", "另一个名字.jpg")

    digest = hashlib.sha256(JPEG + b"site").hexdigest()
    assert first == second == f"records/{digest[:2]}/{digest}.jpg"
    assert len(_stored_files(storage)) == 1
    with storage.open(first, "rb") as stored:
        assert stored.read() == JPEG + b"site"


def test_different_content_is_stored_apart_and_an_unsafe_suffix_is_dropped(storage):
    first = _store(storage, b"one", "a.txt")
    second = _store(storage, b"two", "b.t x t")

    assert first != second
    assert not second.endswith(".t x t") and "." not in second.rsplit("/", 1)[1]
    assert len(_stored_files(storage)) == 2


def test_a_stored_copy_edited_on_the_server_is_kept_and_the_content_stored_anew(storage):
    first = _store(storage, b"original statement", "statement.txt")
    with storage.open(first, "wb") as stored:  # someone edits the file on the server
        stored.write(b"edited statement")

    again = _store(storage, b"original statement", "statement.txt")

    assert again != first
    with storage.open(first, "rb") as kept, storage.open(again, "rb") as fresh:
        assert kept.read() == b"edited statement"
        assert fresh.read() == b"original statement"


def test_a_record_file_is_checked_then_stored_once_and_an_empty_or_refused_one_stores_nothing(storage):
    first = store_record_file(ContentFile(JPEG + b"site", name="现场.jpg"), kind=PHOTO, folder="records",
                              storage=storage)
    again = store_record_file(ContentFile(JPEG + b"site"), "重拍.jpg", kind=PHOTO, folder="records", storage=storage)
    assert first.name == again.name and len(_stored_files(storage)) == 1
    assert (first.original_name, again.original_name) == ("现场.jpg", "重拍.jpg")
    assert first.size == len(JPEG) + 4 and first.sha256 == hashlib.sha256(JPEG + b"site").hexdigest()
    with pytest.raises(RecordFileRefused) as empty:
        store_record_file(ContentFile(b"", name="空.jpg"), kind=PHOTO, folder="records", storage=storage)
    assert empty.value.message == str(FILE_EMPTY)
    with pytest.raises(RecordFileRefused):
        store_record_file(ContentFile(EXE, name="照片.jpg"), kind=PHOTO, folder="records", storage=storage)
    assert len(_stored_files(storage)) == 1
