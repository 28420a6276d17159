"""What an uploaded file is, judged by its content, never by its name: one check for every
upload of the site (forum attachments, library documents).

A file is accepted when its content is one of the types its upload accepts (images Pillow
can read, PDF, Office Open XML, OpenDocument, UTF-8 text) *and* its name ends in an
extension of that type, so that an executable renamed ``fake.pdf`` is refused and a
browser is never told to treat a file as something else than what it is.
"""

import codecs
import os
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image

# Above this an image is refused as a possible decompression bomb: 50 megapixels is more
# than any camera photo or screenshot a colleague would share.
MAX_IMAGE_PIXELS = 50_000_000
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FileType:
    """One type a file may have: what is stored and sent as Content-Type, and its names."""

    content_type: str
    extensions: tuple[str, ...]
    label: str
    is_image: bool = False


_OOXML = "application/vnd.openxmlformats-officedocument"
_ODF = "application/vnd.oasis.opendocument"

JPEG = FileType("image/jpeg", (".jpg", ".jpeg"), gettext_lazy("JPEG image"), is_image=True)
PNG = FileType("image/png", (".png",), gettext_lazy("PNG image"), is_image=True)
GIF = FileType("image/gif", (".gif",), gettext_lazy("GIF image"), is_image=True)
WEBP = FileType("image/webp", (".webp",), gettext_lazy("WebP image"), is_image=True)
PDF = FileType("application/pdf", (".pdf",), gettext_lazy("PDF document"))
DOCX = FileType(f"{_OOXML}.wordprocessingml.document", (".docx",), gettext_lazy("Word document"))
XLSX = FileType(f"{_OOXML}.spreadsheetml.sheet", (".xlsx",), gettext_lazy("Excel spreadsheet"))
PPTX = FileType(
    f"{_OOXML}.presentationml.presentation", (".pptx",), gettext_lazy("PowerPoint presentation")
)
ODT = FileType(f"{_ODF}.text", (".odt",), gettext_lazy("OpenDocument text"))
ODS = FileType(f"{_ODF}.spreadsheet", (".ods",), gettext_lazy("OpenDocument spreadsheet"))
ODP = FileType(f"{_ODF}.presentation", (".odp",), gettext_lazy("OpenDocument presentation"))
TEXT = FileType("text/plain; charset=utf-8", (".txt",), gettext_lazy("Text file"))
CSV = FileType("text/csv; charset=utf-8", (".csv",), gettext_lazy("CSV table"))

FILE_TYPES = (JPEG, PNG, GIF, WEBP, PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, TEXT, CSV)
_PILLOW_FORMATS = {"JPEG": JPEG, "PNG": PNG, "GIF": GIF, "WEBP": WEBP}
_OOXML_PARTS = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}
_ODF_MIMETYPES = {t.content_type: t for t in (ODT, ODS, ODP)}


def types_with_extensions(extensions: Sequence[str]) -> tuple[FileType, ...]:
    """The known types whose names may end in one of ``extensions`` ("pdf" or ".pdf")."""
    wanted = {"." + ext.lower().lstrip(".") for ext in extensions}
    return tuple(t for t in FILE_TYPES if wanted & set(t.extensions))


def checked_type(
    uploaded_file,
    name: str,
    accepted: Sequence[FileType],
    *,
    refusal: str,
    max_image_pixels: int = MAX_IMAGE_PIXELS,
) -> FileType:
    """The type of ``uploaded_file``'s content among ``accepted``, which its ``name`` must
    fit. Raises ValidationError: with the message ``refusal`` when the content is none of
    them, or saying which ending the name needs."""
    candidates = [t for t in detect(uploaded_file, name, max_image_pixels) if t in accepted]
    if not candidates:
        raise ValidationError(refusal, code="type")
    extension = os.path.splitext(name)[1].lower()
    for candidate in candidates:
        if extension in candidate.extensions:
            return candidate
    raise ValidationError(
        _("“%(name)s” is of the type “%(type)s”, so its name must end in %(extensions)s.")
        % {
            "name": name,
            "type": candidates[0].label,
            "extensions": ", ".join(candidates[0].extensions),
        },
        code="extension",
    )


def detect(uploaded_file, name: str, max_image_pixels: int = MAX_IMAGE_PIXELS):
    """The types the content may be (text may be plain or CSV); empty when none. Raises
    ValidationError for an image that is damaged or has too many pixels."""
    handle = uploaded_file.file if hasattr(uploaded_file, "file") else uploaded_file
    handle.seek(0)
    head = handle.read(16)
    handle.seek(0)
    try:
        if head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")) or (
            head[:4] == b"RIFF" and head[8:12] == b"WEBP"
        ):
            return (_image_type(handle, name, max_image_pixels),)
        if head.startswith(b"%PDF-"):
            return (PDF,)
        if head.startswith(b"PK\x03\x04"):
            found = _zip_type(handle)
            return (found,) if found else ()
        return (TEXT, CSV) if _is_utf8_text(handle) else ()
    finally:
        handle.seek(0)


def _image_type(handle, name: str, max_image_pixels: int) -> FileType:
    damaged = ValidationError(
        _("“%(name)s” cannot be read as an image; it may be damaged.") % {"name": name},
        code="damaged",
    )
    too_big = ValidationError(
        _("“%(name)s” has too many pixels; an image may have at most %(limit)s megapixels.")
        % {"name": name, "limit": max_image_pixels // 1_000_000},
        code="too_many_pixels",
    )
    try:
        # Pillow's own bomb check warns first and only fails at twice its limit.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(handle, formats=list(_PILLOW_FORMATS)) as image:
                if image.width * image.height > max_image_pixels:
                    raise too_big
                found = _PILLOW_FORMATS[image.format]
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_big from None
    except ValidationError:
        raise
    except Exception:
        # Decoders of untrusted bytes fail in many ways (OSError, SyntaxError, struct.error…);
        # every one of them means the same to the uploader: the image is broken.
        raise damaged from None
    return found


def _zip_type(handle) -> FileType | None:
    """Office Open XML or OpenDocument, judged by the archive's directory alone (nothing is
    unpacked except OpenDocument's few-byte "mimetype" member)."""
    try:
        with zipfile.ZipFile(handle) as archive:
            members = archive.infolist()
            if not members:
                return None
            first = members[0]
            if first.filename == "mimetype" and first.file_size <= 100:
                mimetype = archive.read(first).decode("ascii", "replace").strip()
                return _ODF_MIMETYPES.get(mimetype)
            names = {member.filename for member in members}
            if "[Content_Types].xml" not in names:
                return None
            for prefix, file_type in _OOXML_PARTS.items():
                if any(name.startswith(prefix) for name in names):
                    return file_type
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return None
    return None


def _is_utf8_text(handle) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := handle.read(_CHUNK):
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True
