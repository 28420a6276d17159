"""Plain text of uploaded documents and of HTML, so that search finds what is inside them.

Pages and forum posts carry attachments (PDF, Word, LibreOffice, plain text), and what people
search for is often only written there. The uploads come from anyone with an account, so
everything here treats the bytes as hostile: the type is decided on the content, not on the
name, sizes are capped before anything is unpacked, and a file that cannot be read safely
yields no text instead of an error that would stop the indexing of the page or post.
"""

import contextlib
import html
import io
import logging
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import PurePosixPath

import pypdf
from django.utils.html import strip_tags
from pypdf.errors import PdfReadError

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_MEMBER_BYTES = 20 * 1024 * 1024
PLAIN_TEXT_SUFFIXES = {".txt", ".md", ".csv"}

_READ_CHUNK = 1024 * 1024
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_DOCX_SPACES = {f"{_W}tab", f"{_W}br", f"{_W}cr"}
_ODT_PARAGRAPHS = {f"{_TEXT}p", f"{_TEXT}h"}
_ODT_SPACES = {f"{_TEXT}s", f"{_TEXT}tab", f"{_TEXT}line-break"}
_CELL_ENDS = re.compile(r"</t[dh]>\s*")
_LINE_ENDS = re.compile(r"</(?:p|li|h[1-6]|pre|blockquote|tr)>|<br\s*/?>")
# PostgreSQL refuses NUL in text columns, and the other control characters are noise in an index.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


class _Refused(Exception):
    """The file is not something this module reads; the message says why."""


def html_text(markup: str) -> str:
    """The text of an HTML fragment without markup, one line per paragraph or list item:
    block ends separate words ("<li>Glasfaser</li><li>Ausbau</li>" is two words, not one)
    and entities are decoded ("&amp;" is "&")."""
    text = _LINE_ENDS.sub("\n", _CELL_ENDS.sub(" ", markup))
    text = html.unescape(strip_tags(text))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def extract_text(file, filename: str, max_chars: int = 200_000) -> str:
    """Return the plain text of a PDF, DOCX, ODT or plain-text file, or "" if there is none.

    The type is taken from the content; the filename only decides whether unrecognised
    content is read as UTF-8 text (.txt, .md, .csv). Whitespace within a line is collapsed,
    empty lines are dropped and the result is cut at ``max_chars``. Anything unreadable,
    unsupported or suspicious yields "" and a logged warning; this function never raises.
    ``file`` is read from its start and left open.
    """
    try:
        return _clean(_extract(_read(file), filename, max_chars), max_chars)
    except (_Refused, zipfile.BadZipFile, PdfReadError) as refusal:
        logger.warning("No text extracted from %r: %s", filename, refusal)
    except Exception:
        # Damaged files make pypdf and zipfile fail in many more ways; none may stop indexing.
        logger.warning("No text extracted from %r: reading failed", filename, exc_info=True)
    return ""


def _read(file) -> bytes:
    # A stream that cannot seek is read from where it stands.
    with contextlib.suppress(AttributeError, OSError, ValueError):
        file.seek(0)
    # Raw streams may return fewer bytes than asked for, so read until the end or the cap.
    chunks = []
    size = 0
    while size <= MAX_FILE_BYTES:
        chunk = file.read(min(_READ_CHUNK, MAX_FILE_BYTES + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > MAX_FILE_BYTES:
        raise _Refused(f"larger than {MAX_FILE_BYTES} bytes")
    return b"".join(chunks)


def _extract(data: bytes, filename: str, max_chars: int) -> str:
    if data.startswith(b"%PDF-"):
        return _pdf_text(data, max_chars)
    if data.startswith(b"PK\x03\x04"):
        return _office_text(data)
    if PurePosixPath(filename).suffix.lower() in PLAIN_TEXT_SUFFIXES:
        # A text file has no NUL bytes; an image or program renamed to .txt does.
        if b"\x00" in data:
            raise _Refused("binary content in a plain-text file")
        return data.decode("utf-8-sig", errors="replace")
    raise _Refused("not a PDF, DOCX, ODT or plain-text file")


def _pdf_text(data: bytes, max_chars: int) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise _Refused("encrypted PDF")
    pages = []
    length = 0
    for page in reader.pages:
        text = _clean(page.extract_text() or "", max_chars)
        pages.append(text)
        length += len(text) + 1
        # Text extraction is the slow part; pages past the cut would be thrown away.
        if length > max_chars:
            break
    return "\n".join(pages)


def _office_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        if "word/document.xml" in names:
            return _docx_text(_parse_xml(_read_member(archive, "word/document.xml")))
        if "mimetype" in names and _read_member(archive, "mimetype").strip() == _ODT_MIMETYPE:
            return _odt_text(_parse_xml(_read_member(archive, "content.xml")))
    raise _Refused("a ZIP file that is neither DOCX nor ODT")


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    if archive.getinfo(name).file_size > MAX_MEMBER_BYTES:
        raise _Refused(f"{name} unpacks to more than {MAX_MEMBER_BYTES} bytes")
    # The declared size can lie; reading one byte past the cap shows whether it did.
    with archive.open(name) as member:
        content = member.read(MAX_MEMBER_BYTES + 1)
    if len(content) > MAX_MEMBER_BYTES:
        raise _Refused(f"{name} unpacks to more than {MAX_MEMBER_BYTES} bytes")
    return content


def _parse_xml(content: bytes) -> ET.Element:
    # Office files are UTF-8 in practice. Decoding here and parsing the decoded string makes
    # the parser read exactly the text that was checked, so a DTD cannot hide behind an
    # encoding declaration.
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _Refused("office XML that is not UTF-8") from error
    # Office documents never need a DTD; entity definitions are how XML bombs work.
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise _Refused("office XML with a DOCTYPE or ENTITY declaration")
    try:
        return ET.fromstring(text)  # noqa: S314  (no DTD, so no entities to expand)
    except ET.ParseError as error:
        raise _Refused(f"malformed office XML ({error})") from error


def _events(root: ET.Element):
    """Yield ("start", element) and ("end", element) in document order.

    Iterative rather than recursive, so deeply nested XML cannot exhaust the call stack.
    """
    yield "start", root
    stack = [(root, iter(root))]
    while stack:
        element, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            yield "end", element
        else:
            yield "start", child
            stack.append((child, iter(child)))


def _docx_text(root: ET.Element) -> str:
    # Word keeps text only in w:t; field codes (w:instrText) and deletions (w:delText) are not
    # text of the document. Paragraphs can nest (text boxes), so each gets its own buffer.
    paragraphs = []
    open_paragraphs: list[list[str]] = []
    for event, element in _events(root):
        if element.tag == f"{_W}p":
            if event == "start":
                open_paragraphs.append([])
            else:
                paragraphs.append(_paragraph(open_paragraphs.pop()))
        elif open_paragraphs and event == "end" and element.tag == f"{_W}t":
            open_paragraphs[-1].append(element.text or "")
        elif open_paragraphs and event == "start" and element.tag in _DOCX_SPACES:
            open_paragraphs[-1].append(" ")
    return "\n".join(paragraphs)


def _odt_text(root: ET.Element) -> str:
    # ODF is mixed content: a paragraph's text sits in its own .text and in the .tail of each
    # span inside it. Notes can hold paragraphs inside a paragraph, hence the stack.
    paragraphs = []
    open_paragraphs: list[list[str]] = []
    for event, element in _events(root):
        is_paragraph = element.tag in _ODT_PARAGRAPHS
        if event == "start":
            if is_paragraph:
                open_paragraphs.append([])
            if open_paragraphs:
                open_paragraphs[-1].append(element.text or "")
                if element.tag in _ODT_SPACES:
                    open_paragraphs[-1].append(" ")
        else:
            if is_paragraph:
                paragraphs.append(_paragraph(open_paragraphs.pop()))
            if open_paragraphs:
                open_paragraphs[-1].append(element.tail or "")
    return "\n".join(paragraphs)


def _paragraph(pieces: list[str]) -> str:
    # Line breaks in the XML source are layout of the file, not of the text: a paragraph is
    # one line.
    return " ".join("".join(pieces).split())


def _clean(text: str, max_chars: int) -> str:
    lines = []
    length = 0
    for line in _CONTROL_CHARACTERS.sub("", text).splitlines():
        line = " ".join(line.split())
        if line:
            lines.append(line)
            length += len(line) + 1
            # Stop early: the rest of a 50 MB text would only be cut away.
            if length > max_chars:
                break
    return "\n".join(lines)[: max(max_chars, 0)]
