"""The first bytes of real files of each type, for tests of record uploads (fazhi/core/files.py).

Each is what the type's own signature says, followed by `tag`, so tests can make contents that differ.
"""

import io
import struct
import zipfile

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x08\x00\x00\x00\x08\x08\x02\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
WAV = struct.pack("<4sI4s4sIHHIIHH4sI", b"RIFF", 36, b"WAVE", b"fmt ", 16, 1, 1, 8000, 16000, 2, 16, b"data", 0)
MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2\x00\x00\x00\x08free"
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic\x00\x00\x00\x08meta"
EXE = (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 44
       + b"This program cannot be run in DOS mode.")


def zip_of(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def sample(kind: str, tag: str | bytes = b"") -> bytes:
    """A file a record of `kind` (written, photo, audio_visual, evidence) accepts, ending with `tag`."""
    tag = tag.encode() if isinstance(tag, str) else tag
    if kind == "photo":
        return PNG + tag
    if kind == "audio_visual":
        return WAV + tag
    return "询问笔录\n".encode() + tag
