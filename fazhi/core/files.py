"""The one check of a record file before it is stored: its size and what it is, by its first bytes.

Enforcement cases' full-process records, inspection tasks' records and major decisions' evidence
all call `check_record_file` before storing anything, so a refused file leaves nothing behind.
The type comes from the file's magic bytes, never from its name (an .exe renamed .jpg is still an
executable); a name whose suffix says executable or script is refused too, since a script is text.
Each kind accepts what such a record is (国办发〔2018〕118号: 文字记录, 音像记录; photos of a site):

- written (文字记录): PDF, OOXML and OpenDocument office files, OFD (GB/T 33190), images, plain text;
- photo (照片): JPEG, PNG, GIF, WEBP, HEIC/HEIF;
- audio_visual (音像记录): MP4/MOV/3GP, AVI, MKV/WebM, MPEG-TS/PS, FLV, WMV/WMA, WAV, MP3, AAC, AMR, OGG, FLAC;
- evidence (a major decision's 证明材料): any of the above.

A file that passed is stored with `file_store_once` (docs/decisions/0009): under its SHA-256, so the same
content uploaded twice (a notice attached to two steps, one photo as evidence of two tasks) is one file.

Executables, scripts, archives (ZIP other than an office file, RAR, 7z...), macro-enabled office
files and legacy OLE2 files (.doc, .xls, but also .msi installers, which the first bytes cannot tell
apart) are refused whatever the kind. Size limits per kind are settings (FAZHI_RECORD_MAX_*_BYTES).
"""

import hashlib
import os
import re
import struct
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from fazhi.core.exceptions import FazhiError

WRITTEN, PHOTO, AUDIO_VISUAL, EVIDENCE = "written", "photo", "audio_visual", "evidence"
HEAD_BYTES = 4096  # enough for every signature below (a PDF header may sit anywhere in the first 1,024 bytes)
# A zip with more entries than any office file has is an archive; also bounds reading its directory.
MAX_OFFICE_ENTRIES = 10_000

# What a file turned out to be: its category decides which kinds accept it.
DOCUMENT, TEXT, PHOTO_IMAGE, SCAN_IMAGE, MEDIA = "document", "text", "photo_image", "scan_image", "media"
EXECUTABLE, ARCHIVE, UNKNOWN = "executable", "archive", "unknown"
ACCEPTS = {
    WRITTEN: {DOCUMENT, TEXT, PHOTO_IMAGE, SCAN_IMAGE},
    PHOTO: {PHOTO_IMAGE},
    AUDIO_VISUAL: {MEDIA},
    EVIDENCE: {DOCUMENT, TEXT, PHOTO_IMAGE, SCAN_IMAGE, MEDIA},
}
KIND_LABELS = {WRITTEN: _("文字记录"), PHOTO: _("照片"), AUDIO_VISUAL: _("音像记录"), EVIDENCE: _("证明材料")}
ACCEPTED_LABELS = {
    WRITTEN: _("PDF、Word/Excel/PowerPoint（.docx/.xlsx/.pptx）、OFD、图片或纯文本文件"),
    PHOTO: _("JPEG、PNG、GIF、WEBP或HEIC图片"),
    AUDIO_VISUAL: _("常见视频或音频文件（MP4、MOV、AVI、MKV、TS、WMV、WAV、MP3、AMR等）"),
    EVIDENCE: _("PDF、Office、OFD、图片、纯文本或常见音视频文件"),
}
# Suffixes of programs and scripts: refused by name, since a script's content is plain text.
EXECUTABLE_SUFFIXES = frozenset({
    ".exe", ".dll", ".com", ".scr", ".pif", ".msi", ".msp", ".bat", ".cmd", ".ps1", ".psm1", ".vbs", ".vbe", ".js",
    ".jse", ".wsf", ".wsh", ".hta", ".cpl", ".lnk", ".reg", ".jar", ".apk", ".sh", ".bash", ".py", ".pl", ".php",
    ".elf", ".run", ".app", ".dmg", ".pkg", ".deb", ".rpm", ".html", ".htm", ".svg", ".xhtml", ".mht",
})

TOO_BIG = _("“%(name)s”有%(size)s，超过了%(kind)s最多%(limit)s的上限，未保存。请压缩或分段后再上传。")
WRONG_TYPE = _("“%(name)s”不能作为%(kind)s上传：检测到的文件类型是%(detected)s，%(kind)s只接受%(accepted)s。未保存。")
FORBIDDEN = _("“%(name)s”是%(detected)s，不能作为%(kind)s上传，未保存。%(advice)s")
EXECUTABLE_ADVICE = _("可执行程序、脚本和网页文件一律不能上传。")
ARCHIVE_ADVICE = _("请解压后逐个上传其中的文件。")
OLE_ADVICE = _("请在Office或WPS中另存为PDF或.docx/.xlsx后再上传。")
MACRO_ADVICE = _("请另存为不含宏的.docx/.xlsx/.pptx或PDF后再上传。")
UNRECOGNISED = _("无法识别的二进制文件")  # what a file is called that is neither a known type nor text


class RecordFileRefused(FazhiError):
    """A record file over its size limit or of a type its kind does not accept; nothing was stored."""


@dataclass(frozen=True)
class Detected:
    label: str  # what the user is told the file is, e.g. "Windows可执行程序（.exe/.dll）"
    category: str
    advice: str = ""  # what to do instead, for a refused type that has a usual cause


def max_bytes(kind: str, category: str | None = None) -> int:
    """The size limit of a record of `kind`; evidence takes the limit of the kind its type belongs to."""
    if kind == EVIDENCE:
        kind = {MEDIA: AUDIO_VISUAL, PHOTO_IMAGE: PHOTO}.get(category, WRITTEN)
    return {WRITTEN: settings.FAZHI_RECORD_MAX_WRITTEN_BYTES, PHOTO: settings.FAZHI_RECORD_MAX_PHOTO_BYTES,
            AUDIO_VISUAL: settings.FAZHI_RECORD_MAX_AUDIO_VISUAL_BYTES}[kind]


def check_record_file(file, *, kind: str, name: str) -> Detected:
    """Refuse (RecordFileRefused, naming the file, what it is and the limit) a file the kind must not hold.

    `file` is any Django File or file object with read/seek; it is left at its start. Call before
    storing anything. Empty files are the caller's to refuse, in its own words.
    """
    if kind not in ACCEPTS:
        raise ValueError(f"unknown record kind {kind!r}")
    size = _size(file)
    if kind != EVIDENCE and size > max_bytes(kind):  # before reading a byte of a file too big anyway
        raise _too_big(name, size, kind, max_bytes(kind))
    detected = detect(file, name)
    kind_label = KIND_LABELS[kind]
    if detected.category in (EXECUTABLE, ARCHIVE):
        advice = detected.advice or {EXECUTABLE: EXECUTABLE_ADVICE, ARCHIVE: ARCHIVE_ADVICE}[detected.category]
        raise RecordFileRefused(FORBIDDEN % {"name": name, "detected": detected.label, "kind": kind_label,
                                             "advice": advice})
    if detected.category not in ACCEPTS[kind]:
        raise RecordFileRefused(WRONG_TYPE % {"name": name, "detected": detected.label, "kind": kind_label,
                                              "accepted": ACCEPTED_LABELS[kind]})
    if size > max_bytes(kind, detected.category):
        raise _too_big(name, size, kind, max_bytes(kind, detected.category))
    return detected


def _record_help() -> str:
    """One line for an upload form: what each kind accepts and its size limit (the settings as they are now)."""
    return "；".join(f"{KIND_LABELS[kind]}：{ACCEPTED_LABELS[kind]}，最大{size_text(max_bytes(kind))}"
                     for kind in (WRITTEN, PHOTO, AUDIO_VISUAL))


def _evidence_help() -> str:
    return str(_("可上传%(accepted)s；文档最大%(written)s，照片最大%(photo)s，音视频最大%(media)s")) % {
        "accepted": ACCEPTED_LABELS[EVIDENCE], "written": size_text(max_bytes(WRITTEN)),
        "photo": size_text(max_bytes(PHOTO)), "media": size_text(max_bytes(AUDIO_VISUAL))}


RECORD_HELP = lazy(_record_help, str)()  # help texts of the upload fields, read when the form is shown
EVIDENCE_HELP = lazy(_evidence_help, str)()


def _too_big(name: str, size: int, kind: str, limit: int) -> RecordFileRefused:
    return RecordFileRefused(TOO_BIG % {"name": name, "size": size_text(size), "kind": KIND_LABELS[kind],
                                        "limit": size_text(limit)})


def size_text(size: int) -> str:
    """A size as the messages show it: 900字节, 12KB, 20.0MB."""
    if size >= 1 << 30:
        return f"{size / (1 << 30):.1f}GB"
    if size >= 1 << 20:
        return f"{size / (1 << 20):.1f}MB"
    return f"{size / 1024:.0f}KB" if size >= 1024 else f"{size}字节"


def _size(file) -> int:
    size = getattr(file, "size", None)
    if isinstance(size, int):
        return size
    file.seek(0, os.SEEK_END)
    size = file.tell()
    file.seek(0)
    return size


# ----- detection by magic bytes ------------------------------------------------------------------------

# (offset, signature, label, category), checked in order.
_SIGNATURES = (
    (0, b"MZ", _("Windows可执行程序（.exe/.dll）"), EXECUTABLE),
    (0, b"\x7fELF", _("Linux可执行程序"), EXECUTABLE),
    (0, b"\xfe\xed\xfa\xce", _("macOS可执行程序"), EXECUTABLE),
    (0, b"\xfe\xed\xfa\xcf", _("macOS可执行程序"), EXECUTABLE),
    (0, b"\xce\xfa\xed\xfe", _("macOS可执行程序"), EXECUTABLE),
    (0, b"\xcf\xfa\xed\xfe", _("macOS可执行程序"), EXECUTABLE),
    (0, b"\xca\xfe\xba\xbe", _("可执行程序（Java或macOS）"), EXECUTABLE),
    (0, b"dex\n", _("安卓程序"), EXECUTABLE),
    (0, b"L\x00\x00\x00\x01\x14\x02\x00", _("Windows快捷方式"), EXECUTABLE),
    (0, b"#!AMR", _("AMR音频"), MEDIA),  # before "#!": a script's first bytes
    (0, b"#!", _("脚本程序"), EXECUTABLE),
    (0, b"Rar!\x1a\x07", _("RAR压缩包"), ARCHIVE),
    (0, b"7z\xbc\xaf\x27\x1c", _("7z压缩包"), ARCHIVE),
    (0, b"\x1f\x8b", _("gzip压缩包"), ARCHIVE),
    (0, b"BZh", _("bzip2压缩包"), ARCHIVE),
    (0, b"\xfd7zXZ\x00", _("xz压缩包"), ARCHIVE),
    (0, b"\x28\xb5\x2f\xfd", _("zstd压缩包"), ARCHIVE),
    (0, b"MSCF", _("CAB压缩包"), ARCHIVE),
    (257, b"ustar", _("tar归档"), ARCHIVE),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", _("旧版Office文档或安装包（OLE复合文档，如.doc、.xls、.msi）"), ARCHIVE),
    (0, b"\xff\xd8\xff", _("JPEG图片"), PHOTO_IMAGE),
    (0, b"\x89PNG\r\n\x1a\n", _("PNG图片"), PHOTO_IMAGE),
    (0, b"GIF87a", _("GIF图片"), PHOTO_IMAGE),
    (0, b"GIF89a", _("GIF图片"), PHOTO_IMAGE),
    (0, b"II*\x00", _("TIFF图片"), SCAN_IMAGE),
    (0, b"MM\x00*", _("TIFF图片"), SCAN_IMAGE),
    (0, b"\x1a\x45\xdf\xa3", _("MKV/WebM视频"), MEDIA),
    (0, b"\x00\x00\x01\xba", _("MPEG视频"), MEDIA),
    (0, b"\x00\x00\x01\xb3", _("MPEG视频"), MEDIA),
    (0, b"FLV\x01", _("FLV视频"), MEDIA),
    (0, b"\x30\x26\xb2\x75\x8e\x66\xcf\x11", _("WMV/WMA音视频"), MEDIA),
    (0, b"OggS", _("OGG音频"), MEDIA),
    (0, b"fLaC", _("FLAC音频"), MEDIA),
    (0, b"ID3", _("MP3音频"), MEDIA),
)
_RIFF = {b"WEBP": (_("WEBP图片"), PHOTO_IMAGE), b"AVI ": (_("AVI视频"), MEDIA), b"WAVE": (_("WAV音频"), MEDIA)}
# ISO base media (ftyp) major brands of HEIF images; every other brand is a video or audio (MP4, MOV, 3GP, M4A).
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1"}
# QuickTime files written before ftyp existed begin with one of these atoms.
_QUICKTIME_ATOMS = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}
_DIB_HEADER_SIZES = {12, 40, 52, 56, 108, 124}  # a BMP's second header, to tell it from text starting "BM"
_TEXT_CONTROLS = bytes(set(range(32)) - {9, 10, 12, 13, 26})  # tab, line ends, form feed, DOS end of file


def detect(file, name: str = "") -> Detected:
    """What `file` is, by its first bytes (and a zip's list of entries); the name only to refuse programs."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    if isinstance(head, str):  # a text-mode file object
        head = head.encode("utf-8", "replace")
    found = _by_signature(head)
    if found is None and head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        found = _zip(file)
    if found is None and b"%PDF-" in head[:1024]:
        found = Detected(str(_("PDF文档")), DOCUMENT)
    if found is None:
        found = _text(head)
    suffix = os.path.splitext(name)[1].lower()
    if suffix in EXECUTABLE_SUFFIXES and found.category not in (EXECUTABLE, ARCHIVE):
        label = _("网页或脚本文件（%(suffix)s）") if found.category == TEXT else _("可执行程序（%(suffix)s）")
        return Detected(str(label) % {"suffix": suffix}, EXECUTABLE)
    return found


def _by_signature(head: bytes) -> Detected | None:
    for offset, signature, label, category in _SIGNATURES:
        if head[offset:offset + len(signature)] == signature:
            return Detected(str(label), category, str(OLE_ADVICE) if signature.startswith(b"\xd0\xcf") else "")
    if head[:4] == b"RIFF" and head[8:12] in _RIFF:
        label, category = _RIFF[head[8:12]]
        return Detected(str(label), category)
    if head[4:8] == b"ftyp":
        if head[8:12] in _HEIF_BRANDS:
            return Detected(str(_("HEIC图片")), PHOTO_IMAGE)
        return Detected(str(_("MP4/MOV视频或音频")), MEDIA)
    if head[4:8] in _QUICKTIME_ATOMS:
        return Detected(str(_("QuickTime视频")), MEDIA)
    if len(head) > 376 and head[0] == head[188] == head[376] == 0x47:  # MPEG-TS packets of 188 bytes
        return Detected(str(_("MPEG-TS视频")), MEDIA)
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xF6 == 0xF0:
        return Detected(str(_("AAC音频")), MEDIA)
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:
        return Detected(str(_("MP3音频")), MEDIA)
    if head[:2] == b"BM" and len(head) >= 18 and struct.unpack_from("<I", head, 14)[0] in _DIB_HEADER_SIZES:
        return Detected(str(_("BMP图片")), SCAN_IMAGE)
    return None


def _zip(file) -> Detected:
    """An office file (OOXML, OpenDocument, OFD) or an archive, by the zip's entries (nothing decompressed)."""
    archive_label = Detected(str(_("ZIP压缩包")), ARCHIVE)
    try:
        entries = _zip_entry_count(file)
        if entries is None or entries > MAX_OFFICE_ENTRIES:
            return archive_label
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError):
        return archive_label
    finally:
        file.seek(0)
    if any(entry.lower().endswith("vbaproject.bin") for entry in names):
        return Detected(str(_("含宏的Office文件")), ARCHIVE, str(MACRO_ADVICE))
    if "[Content_Types].xml" in names:
        for folder, label in (("word/", _("Word文档（.docx）")), ("xl/", _("Excel表格（.xlsx）")),
                              ("ppt/", _("PowerPoint演示文稿（.pptx）"))):
            if any(entry.startswith(folder) for entry in names):
                return Detected(str(label), DOCUMENT)
    if "mimetype" in names and "content.xml" in names:
        return Detected(str(_("OpenDocument文档")), DOCUMENT)
    if "OFD.xml" in names:
        return Detected(str(_("OFD版式文档")), DOCUMENT)
    return archive_label


def _zip_entry_count(file) -> int | None:
    """The entry count in the zip's end record, read without parsing the directory; None if absent."""
    file.seek(0, os.SEEK_END)
    end = file.tell()
    start = max(0, end - (1 << 16) - 22)  # the end record, behind a comment of at most 65,535 bytes
    file.seek(start)
    tail = file.read(end - start)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return None
    return struct.unpack_from("<H", tail, at + 10)[0]  # 0xFFFF (zip64: more) counts as too many


def _text(head: bytes) -> Detected:
    unknown = Detected(str(UNRECOGNISED), UNKNOWN)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _decode(head[2:], "utf-16-le" if head[0] == 0xFF else "utf-16-be", len(head) == HEAD_BYTES)
    elif any(byte in _TEXT_CONTROLS for byte in head):
        return unknown
    else:
        text = _decode(head, "utf-8-sig", len(head) == HEAD_BYTES)
        if text is None:
            text = _decode(head, "gb18030", len(head) == HEAD_BYTES)
    return unknown if text is None else _markup_or_text(text)


def _decode(head: bytes, encoding: str, truncated: bool) -> str | None:
    """The head as text, or None; a truncated head may end inside a character, so up to 3 bytes may go."""
    for cut in range(4 if truncated else 1):
        try:
            return head[:len(head) - cut].decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _markup_or_text(text: str) -> Detected:
    start = text.lstrip("\ufeff \t\r\n").lower()
    if start.startswith(("<!doctype html", "<html", "<svg", "<script", "<?xml")) or "<script" in start[:2048]:
        return Detected(str(_("网页或XML文件（可能含脚本）")), EXECUTABLE)
    return Detected(str(_("纯文本")), TEXT)


# ----- storing once, by digest (docs/decisions/0009) ---------------------------------------------------

# A suffix kept on the stored name (so a download opens in the right program); anything else is dropped.
SAFE_SUFFIX = re.compile(r"^\.[a-z0-9]{1,8}$")


def file_sha256(file) -> tuple[str, int]:
    """SHA-256 (hex) and size of an open file, read in chunks from where it stands."""
    digest, size = hashlib.sha256(), 0
    for chunk in file.chunks() if hasattr(file, "chunks") else iter(lambda: file.read(1 << 20), b""):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def stored_name(folder: str, digest: str, original_name: str) -> str:
    """Where content of this digest is stored: `<folder>/<ab>/<digest><.suffix>`."""
    suffix = os.path.splitext(original_name)[1].lower()
    return f"{folder}/{digest[:2]}/{digest}{suffix if SAFE_SUFFIX.match(suffix) else ''}"


def file_store_once(file, digest: str, original_name: str, *, folder: str, storage: Storage | None = None) -> str:
    """Store `file` (whose SHA-256 is `digest`) under its digest, once; the stored name.

    A second upload of the same content reuses the stored file. A stored copy that no longer matches its
    name (edited on the server) is kept as it is, as evidence, and the content is stored anew beside it.
    """
    storage = storage or default_storage
    name = stored_name(folder, digest, original_name)
    if storage.exists(name):
        with storage.open(name, "rb") as stored:
            if file_sha256(stored)[0] == digest:
                return name
    file.seek(0)
    return storage.save(name, file)


FILE_EMPTY = _("上传的文件为空，请重新选择。")


@dataclass(frozen=True)
class StoredFile:
    name: str  # where it is stored (the FileField's value)
    original_name: str  # the name it was uploaded with, as the user sees it
    size: int
    sha256: str


def store_record_file(file, original_name: str = "", *, kind: str, folder: str,
                      storage: Storage | None = None) -> StoredFile:
    """Check and store an uploaded record file once, by digest: refused (RecordFileRefused, nothing stored)
    when empty, over its kind's size or of a type the kind does not accept (check_record_file)."""
    if not isinstance(file, File):
        file = File(file)
    name = (original_name or os.path.basename(file.name or "") or "record").strip()[:200]
    file.seek(0)
    digest, size = file_sha256(file)
    if size == 0:
        raise RecordFileRefused(str(FILE_EMPTY))
    check_record_file(file, kind=kind, name=name)
    return StoredFile(file_store_once(file, digest, name, folder=folder, storage=storage), name, size, digest)
