import io
import logging
import zipfile

import pypdf
from django.core.files.base import ContentFile

from search import extraction
from search.extraction import extract_text, html_text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def docx(body: str, prolog: str = "") -> bytes:
    """A DOCX reduced to what matters here: the ZIP entry word/document.xml."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def odt(body: str, prolog: str = "", mimetype: str = "application/vnd.oasis.opendocument.text"):
    """An ODT reduced to its mimetype entry and content.xml."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        f"<office:document-content {ODT_NS}><office:body><office:text>{body}"
        "</office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def pdf(text: str) -> bytes:
    """A one-page PDF that shows `text` in Helvetica, with a correct cross-reference table."""
    content = b"BT /F1 12 Tf 20 100 Td (" + text.encode("cp1252") + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200]"
        b" /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def test_text_of_a_docx_is_its_paragraphs():
    body = (
        "<w:p><w:r><w:t>Glasfaser</w:t></w:r><w:r><w:t>ausbau in Dülmen</w:t></w:r></w:p>"
        + paragraph("Zweiter Absatz")
    )
    assert extract_text(io.BytesIO(docx(body)), "antrag.docx") == (
        "Glasfaserausbau in Dülmen\nZweiter Absatz"
    )


def test_field_codes_and_deleted_text_of_a_docx_are_not_text():
    body = (
        "<w:p><w:r><w:instrText>HYPERLINK x</w:instrText></w:r>"
        "<w:r><w:delText>gestrichen</w:delText></w:r><w:r><w:t>Dülmen</w:t></w:r></w:p>"
    )
    assert extract_text(io.BytesIO(docx(body)), "antrag.docx") == "Dülmen"


def test_an_odt_with_spans_and_spaces_reads_as_plain_text():
    body = (
        "<text:h>Überschrift</text:h>"
        "<text:p>Glas<text:span>faser</text:span><text:s/>ausbau<text:tab/>in"
        "<text:line-break/>Dülmen</text:p>"
    )
    assert extract_text(io.BytesIO(odt(body)), "antrag.odt") == (
        "Überschrift\nGlasfaser ausbau in Dülmen"
    )


def test_a_pdf_yields_its_text():
    assert extract_text(io.BytesIO(pdf("Glasfaserausbau in Dülmen")), "antrag.pdf") == (
        "Glasfaserausbau in Dülmen"
    )


def test_a_django_file_is_read_and_left_open():
    file = ContentFile(pdf("Glasfaserausbau in Dülmen"), name="antrag.pdf")
    assert extract_text(file, file.name) == "Glasfaserausbau in Dülmen"
    assert not file.closed


def test_the_content_decides_the_type_not_the_filename():
    assert extract_text(io.BytesIO(docx(paragraph("Dülmen"))), "antrag.pdf") == "Dülmen"


def test_an_encrypted_pdf_yields_nothing():
    # Only an owner password: pypdf could open it, so this checks the refusal itself.
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf("Geheimer Plan")))
    writer.encrypt("", owner_password="geheim", algorithm="RC4-128")
    encrypted = io.BytesIO()
    writer.write(encrypted)
    assert extract_text(encrypted, "geheim.pdf") == ""


def test_an_exe_renamed_to_pdf_yields_nothing():
    exe = b"MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode.\r\n" * 10
    assert extract_text(io.BytesIO(exe), "rechnung.pdf") == ""


def test_an_image_renamed_to_txt_yields_nothing():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    assert extract_text(io.BytesIO(png), "notizen.txt") == ""


def test_a_broken_pdf_yields_nothing():
    assert extract_text(io.BytesIO(b"%PDF-1.4\n1 0 obj\n<< /Type /Cat"), "antrag.pdf") == ""


def test_a_broken_zip_yields_nothing():
    truncated = docx(paragraph("Dülmen"))[:-40]
    assert extract_text(io.BytesIO(truncated), "antrag.docx") == ""


def test_a_zip_that_is_not_a_text_document_yields_nothing():
    spreadsheet = odt(
        "<text:p>Dülmen</text:p>", mimetype="application/vnd.oasis.opendocument.spreadsheet"
    )
    assert extract_text(io.BytesIO(spreadsheet), "tabelle.ods") == ""


def test_a_zip_bomb_member_is_refused():
    # 21 MB of whitespace deflates to a few kilobytes; without the cap the paragraph is read.
    padding = " " * (21 * 1024 * 1024)
    bomb = docx(paragraph("Dülmen") + padding)
    assert len(bomb) < 100_000
    assert extract_text(io.BytesIO(bomb), "antrag.docx") == ""


def test_doctype_in_office_xml_is_refused():
    prolog = '<!DOCTYPE w:document [<!ENTITY ort "Dülmen">]>'
    assert extract_text(io.BytesIO(docx(paragraph("&ort;"), prolog)), "antrag.docx") == ""


def test_doctype_in_odt_content_is_refused():
    prolog = '<!DOCTYPE office:document-content [<!ENTITY ort "Dülmen">]>'
    body = "<text:p>&ort;</text:p>"
    assert extract_text(io.BytesIO(odt(body, prolog)), "antrag.odt") == ""


def test_malformed_office_xml_yields_nothing():
    assert extract_text(io.BytesIO(docx("<w:p><w:r><w:t>Dülmen</w:r></w:p>")), "a.docx") == ""


def test_a_refused_file_is_logged_as_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="search.extraction"):
        extract_text(io.BytesIO(b"MZ\x90\x00"), "rechnung.pdf")
    assert [record.levelno for record in caplog.records] == [logging.WARNING]
    assert "rechnung.pdf" in caplog.records[0].getMessage()


def test_a_file_over_the_size_cap_is_refused(monkeypatch):
    monkeypatch.setattr(extraction, "MAX_FILE_BYTES", 10)
    assert extract_text(io.BytesIO(b"Glasfaserausbau"), "notiz.txt") == ""


def test_whitespace_is_collapsed_and_empty_lines_are_dropped():
    text = "  Glasfaser \t ausbau  \n\n \n in   Dülmen \r\n"
    assert extract_text(io.BytesIO(text.encode()), "notiz.md") == "Glasfaser ausbau\nin Dülmen"


def test_long_text_is_cut():
    text = "Glasfaserausbau in Dülmen\n" * 1000
    assert extract_text(io.BytesIO(text.encode()), "notiz.txt", max_chars=9) == "Glasfaser"


def test_plain_text_is_decoded_as_utf8():
    assert extract_text(io.BytesIO("Dülmen;Coesfeld".encode()), "orte.csv") == "Dülmen;Coesfeld"


def test_invalid_utf8_is_replaced_rather_than_refused():
    assert extract_text(io.BytesIO(b"D\xfclmen"), "notiz.txt") == "D\ufffdlmen"


def test_an_unknown_file_type_yields_nothing():
    assert extract_text(io.BytesIO("<html>Dülmen</html>".encode()), "seite.html") == ""


def test_reading_starts_at_the_beginning_of_the_file():
    file = io.BytesIO(docx(paragraph("Dülmen")))
    file.seek(0, io.SEEK_END)
    assert extract_text(file, "antrag.docx") == "Dülmen"


def test_table_cells_of_html_stay_on_one_line():
    html = "<table><tr>\n<td>Lizenz</td>\n<td>12 €</td>\n</tr><tr><td>Schulung</td></tr></table>"
    assert html_text(html) == "Lizenz 12 €\nSchulung"


def test_block_ends_of_html_keep_words_apart():
    assert html_text("<ul><li>Glasfaser</li><li>Ausbau</li></ul><p>Ende.</p><p>Anfang</p>") == (
        "Glasfaser\nAusbau\nEnde.\nAnfang"
    )


def test_entities_of_html_become_characters():
    assert html_text("<p>Bildung &amp; Schule &ndash; 5&nbsp;%</p>") == "Bildung & Schule – 5 %"
