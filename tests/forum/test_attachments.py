import io
import zipfile

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from PIL import Image

from forum import attachments
from forum.attachments import (
    AttachmentsField,
    check_upload,
    clean_name,
    remove_attachments,
    save_attachments,
)
from forum.models import Attachment, Post
from forum.models.attachments import private_storage
from forum.posting import reply, start_thread
from partners.roles import MODERATORS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OOXML = "application/vnd.openxmlformats-officedocument"
ODF = "application/vnd.oasis.opendocument"


@pytest.fixture(autouse=True)
def english():
    """The checks' messages are asserted in English, whatever language the suite runs in."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    """Attachments are written to a throw-away folder (the lazy storage follows the setting)."""
    settings.FORUM_ATTACHMENT_ROOT = tmp_path / "private"
    return settings.FORUM_ATTACHMENT_ROOT


def image_bytes(fmt: str, size=(4, 3)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


def ooxml_bytes(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{part}/document.xml", "<document/>")
    return buffer.getvalue()


def odf_bytes(mimetype: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def upload(name: str, content: bytes, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("foto.jpg", lambda: image_bytes("JPEG"), ("image", "image/jpeg")),
        ("foto.jpeg", lambda: image_bytes("JPEG"), ("image", "image/jpeg")),
        ("plan.png", lambda: image_bytes("PNG"), ("image", "image/png")),
        ("animation.gif", lambda: image_bytes("GIF"), ("image", "image/gif")),
        ("bild.webp", lambda: image_bytes("WEBP"), ("image", "image/webp")),
        ("satzung.pdf", lambda: PDF_BYTES, ("document", "application/pdf")),
        (
            "antrag.docx",
            lambda: ooxml_bytes("word"),
            ("document", f"{OOXML}.wordprocessingml.document"),
        ),
        ("haushalt.xlsx", lambda: ooxml_bytes("xl"), ("document", f"{OOXML}.spreadsheetml.sheet")),
        (
            "vortrag.pptx",
            lambda: ooxml_bytes("ppt"),
            ("document", f"{OOXML}.presentationml.presentation"),
        ),
        ("brief.odt", lambda: odf_bytes(f"{ODF}.text"), ("document", f"{ODF}.text")),
        ("liste.ods", lambda: odf_bytes(f"{ODF}.spreadsheet"), ("document", f"{ODF}.spreadsheet")),
        (
            "folien.odp",
            lambda: odf_bytes(f"{ODF}.presentation"),
            ("document", f"{ODF}.presentation"),
        ),
        (
            "notiz.txt",
            lambda: "Grüße aus Dülmen\n".encode(),
            ("document", "text/plain; charset=utf-8"),
        ),
        (
            "daten.csv",
            lambda: b"Ort;Einwohner\nOlfen;12000\n",
            ("document", "text/csv; charset=utf-8"),
        ),
        ("SCAN.PDF", lambda: PDF_BYTES, ("document", "application/pdf")),
    ],
)
def test_each_allowed_type_is_recognised_by_its_content(name, content, expected):
    assert check_upload(upload(name, content())) == expected


def test_an_exe_renamed_to_pdf_is_refused():
    with pytest.raises(ValidationError, match="not a type of file the forum accepts"):
        check_upload(upload("rechnung.pdf", EXE_BYTES, "application/pdf"))


def test_a_pdf_named_docx_is_refused():
    with pytest.raises(ValidationError, match=r"must end in \.pdf"):
        check_upload(upload("antrag.docx", PDF_BYTES))


def test_a_file_without_extension_is_refused():
    with pytest.raises(ValidationError, match=r"must end in \.png"):
        check_upload(upload("bildschirmfoto", image_bytes("PNG")))


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.FORUM_ATTACHMENT_MAX_BYTES = 20
    with pytest.raises(ValidationError, match="a file may have at most 20"):
        check_upload(upload("satzung.pdf", PDF_BYTES))


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="is empty"):
        check_upload(upload("leer.txt", b""))


def test_a_broken_png_is_refused():
    broken = bytearray(image_bytes("PNG"))
    broken[-20] ^= 0xFF  # inside the image data: its checksum no longer matches
    with pytest.raises(ValidationError, match="cannot be read as an image"):
        check_upload(upload("plan.png", bytes(broken)))


def test_a_truncated_png_is_refused():
    with pytest.raises(ValidationError, match="cannot be read as an image"):
        check_upload(upload("plan.png", image_bytes("PNG")[:40]))


def test_an_image_with_too_many_pixels_is_refused_as_a_possible_bomb(monkeypatch):
    monkeypatch.setattr(attachments, "MAX_IMAGE_PIXELS", 100)
    with pytest.raises(ValidationError, match="too many pixels"):
        check_upload(upload("riesig.png", image_bytes("PNG", size=(20, 20))))


def test_a_zip_archive_that_is_no_office_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    with pytest.raises(ValidationError, match="not a type of file"):
        check_upload(upload("antrag.docx", buffer.getvalue()))


def test_text_that_is_not_utf8_is_refused():
    with pytest.raises(ValidationError, match="not a type of file"):
        check_upload(upload("notiz.txt", "Grüße".encode("latin-1")))


def test_an_html_page_named_txt_is_kept_as_plain_text():
    assert check_upload(upload("seite.txt", b"<script>alert(1)</script>", "text/html")) == (
        "document",
        "text/plain; charset=utf-8",
    )


def test_file_names_lose_their_path_and_control_characters():
    assert clean_name("C:\\Users\\mara\\Bericht\u202egpj.pdf") == "Berichtgpj.pdf"
    assert clean_name("../../etc/pass\x00wd.txt") == "passwd.txt"


def test_white_space_in_file_names_becomes_single_spaces():
    assert clean_name("  Plan\t\nneu .png ") == "Plan neu .png"


def test_a_long_file_name_is_shortened_keeping_its_extension():
    name = clean_name("a" * 300 + ".pdf")
    assert len(name) == 200 and name.endswith(".pdf")


class AttachmentForm(forms.Form):
    attachments = AttachmentsField()


def bound_form(*files):
    return AttachmentForm(data={}, files=MultiValueDict({"attachments": list(files)}))


def test_the_field_accepts_several_files():
    form = bound_form(upload("plan.png", image_bytes("PNG")), upload("satzung.pdf", PDF_BYTES))
    assert form.is_valid()
    assert [f.name for f in form.cleaned_data["attachments"]] == ["plan.png", "satzung.pdf"]


def test_the_field_is_optional_and_cleans_to_an_empty_list():
    form = bound_form()
    assert form.is_valid()
    assert form.cleaned_data["attachments"] == []


def test_the_field_refuses_more_files_than_a_post_may_have(settings):
    settings.FORUM_ATTACHMENTS_PER_POST = 2
    form = bound_form(*(upload(f"notiz{n}.txt", b"Text") for n in range(3)))
    assert not form.is_valid()
    assert "at most 2 files" in form.errors["attachments"][0]


def test_the_field_names_every_refused_file():
    form = bound_form(upload("rechnung.pdf", EXE_BYTES), upload("antrag.docx", PDF_BYTES))
    assert not form.is_valid()
    messages = " ".join(form.errors["attachments"])
    assert "rechnung.pdf" in messages and "antrag.docx" in messages


def test_the_field_offers_several_files_and_says_what_is_allowed(settings):
    settings.FORUM_ATTACHMENTS_PER_POST = 5
    html = str(AttachmentForm())
    assert 'type="file"' in html and "multiple" in html and 'accept=".jpg,' in html
    assert "Up to 5 files" in html and "PDF" in html


@pytest.fixture
def thread(public, member):
    return start_thread(category=public, author=member, title="Satzung", source="Anbei.")


@pytest.fixture
def first_post(thread):
    return thread.posts.get(number=1)


def attach(post, user, name="plan.png", content=None):
    return save_attachments(post, [upload(name, content or image_bytes("PNG"))], user)[0]


def test_saved_attachments_carry_the_detected_type_and_a_clean_name(first_post, member):
    saved = save_attachments(
        first_post, [upload("../Plan\tneu.png", image_bytes("PNG"), "text/html")], member
    )[0]
    saved.refresh_from_db()
    assert (saved.original_name, saved.content_type, saved.kind) == (
        "Plan neu.png",
        "image/png",
        "image",
    )
    assert (saved.uploaded_by, saved.size) == (member, len(image_bytes("PNG")))


def test_saved_files_live_under_the_private_root_with_a_random_name(
    first_post, member, private_root
):
    saved = attach(first_post, member)
    assert (private_root / saved.file.name).exists()
    assert "plan" not in saved.file.name


def test_nothing_is_stored_when_one_of_the_files_is_refused(first_post, member, private_root):
    with pytest.raises(ValidationError):
        save_attachments(
            first_post,
            [upload("plan.png", image_bytes("PNG")), upload("rechnung.pdf", EXE_BYTES)],
            member,
        )
    assert not Attachment.objects.exists()
    assert not private_root.exists() or not any(private_root.iterdir())


def test_saving_respects_the_limit_per_post_with_earlier_attachments(settings, first_post, member):
    settings.FORUM_ATTACHMENTS_PER_POST = 1
    attach(first_post, member)
    with pytest.raises(ValidationError, match="at most 1 files"):
        attach(first_post, member, "satzung.pdf", PDF_BYTES)


def test_removing_a_posts_attachments_deletes_their_files(
    first_post, member, private_root, django_capture_on_commit_callbacks
):
    saved = attach(first_post, member)
    with django_capture_on_commit_callbacks(execute=True):
        assert remove_attachments(first_post) == 1
    assert not (private_root / saved.file.name).exists()


def download_url(attachment):
    return reverse(
        "forum:attachment", kwargs={"pk": attachment.pk, "filename": attachment.original_name}
    )


def fetch(client, attachment):
    response = client.get(download_url(attachment))
    if response.status_code == 200:
        response.content_bytes = b"".join(response.streaming_content)
        response.close()
    return response


def downloaded(client, attachment):
    """The bytes the reader receives, or the status code that refused them."""
    response = fetch(client, attachment)
    return response.content_bytes if response.status_code == 200 else response.status_code


def test_visitors_download_an_attachment_in_a_public_thread(client, first_post, member):
    assert downloaded(client, attach(first_post, member)) == image_bytes("PNG")


def test_visitors_get_404_for_an_attachment_in_a_members_only_thread(client, members_only, member):
    thread = start_thread(category=members_only, author=member, title="Intern", source="Text")
    saved = attach(thread.posts.get(), member)
    assert fetch(client, saved).status_code == 404


def test_members_download_an_attachment_in_a_members_only_thread(
    member_client, members_only, member
):
    thread = start_thread(category=members_only, author=member, title="Intern", source="Text")
    saved = attach(thread.posts.get(), member)
    assert downloaded(member_client, saved) == image_bytes("PNG")


@pytest.fixture
def group_attachment(group_only, group_member):
    thread = start_thread(
        category=group_only, author=group_member, title="Arbeitskreis", source="Text"
    )
    return attach(thread.posts.get(), group_member)


def test_members_outside_the_working_group_get_404(member_client, group_attachment):
    assert fetch(member_client, group_attachment).status_code == 404


def test_members_of_the_working_group_download_its_attachments(
    client, group_member, group_attachment
):
    client.force_login(group_member)
    assert downloaded(client, group_attachment) == image_bytes("PNG")


@pytest.fixture
def moderator(db):
    return UserFactory(username="moritz", groups=[MODERATORS])


@pytest.fixture
def hidden_reply_attachment(thread, member):
    post = reply(thread, member, "Versteckt")
    saved = attach(post, member)
    Post.objects.filter(pk=post.pk).update(hidden=True)
    return saved


def test_an_attachment_of_a_hidden_post_is_404_for_members(member_client, hidden_reply_attachment):
    assert fetch(member_client, hidden_reply_attachment).status_code == 404


def test_moderators_download_an_attachment_of_a_hidden_post(
    client, moderator, hidden_reply_attachment
):
    client.force_login(moderator)
    assert downloaded(client, hidden_reply_attachment) == image_bytes("PNG")


def test_an_attachment_of_a_post_awaiting_approval_is_404_for_members(
    member_client, thread, member
):
    post = reply(thread, member, "Wartet")
    saved = attach(post, member)
    Post.objects.filter(pk=post.pk).update(awaiting_approval=True)
    assert fetch(member_client, saved).status_code == 404


def test_an_attachment_of_a_withdrawn_post_is_gone_even_for_moderators(
    client, moderator, thread, member
):
    post = reply(thread, member, "Zurückgezogen")
    saved = attach(post, member)
    Post.objects.filter(pk=post.pk).update(deleted=True)
    client.force_login(moderator)
    assert fetch(client, saved).status_code == 404


def test_an_attachment_of_a_hidden_thread_is_404_for_members(member_client, thread, first_post):
    saved = attach(first_post, thread.author)
    type(thread).objects.filter(pk=thread.pk).update(hidden=True)
    assert fetch(member_client, saved).status_code == 404


def test_an_attachment_not_yet_on_a_post_is_404(client, first_post, member):
    saved = attach(first_post, member)
    Attachment.objects.filter(pk=saved.pk).update(post=None)
    client.force_login(member)
    assert fetch(client, saved).status_code == 404


def test_a_missing_file_gives_404_not_an_error(client, first_post, member, private_root):
    saved = attach(first_post, member)
    (private_root / saved.file.name).unlink()
    assert fetch(client, saved).status_code == 404


def test_images_are_served_inline_with_protective_headers(client, first_post, member):
    response = fetch(client, attach(first_post, member))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="plan.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "private" in response["Cache-Control"]


def test_documents_are_downloaded_under_their_original_name(client, first_post, member):
    response = fetch(client, attach(first_post, member, "Satzung 2025.pdf", PDF_BYTES))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Satzung 2025.pdf"'
    assert "sandbox" in response["Content-Security-Policy"]


def test_a_non_ascii_name_is_encoded_for_the_download(client, first_post, member):
    response = fetch(client, attach(first_post, member, "Übersicht.txt", b"Text"))
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''%C3%9Cbersicht.txt"


def test_the_storage_path_is_never_sent(client, first_post, member, private_root):
    response = fetch(client, attach(first_post, member))
    assert str(private_root) not in str(response.headers)


def test_the_thread_shows_images_as_thumbnails_and_documents_as_a_list(
    client, thread, first_post, member
):
    image = attach(first_post, member, "Lageplan.png")
    document = attach(first_post, member, "Satzung.pdf", PDF_BYTES)
    with translation.override("en"):
        html = client.get(thread.get_absolute_url()).content.decode()
        image_url, document_url = download_url(image), download_url(document)
    assert f'src="{image_url}" alt=""' in html
    assert 'loading="lazy"' in html
    assert f'<a href="{document_url}">Satzung.pdf</a>' in html
    assert f"(PDF document, {len(PDF_BYTES)}\xa0bytes)" in html


def test_an_image_attachment_is_not_described_by_its_file_name(client, thread, first_post, member):
    attach(first_post, member, "IMG_2031.png")
    html = client.get(thread.get_absolute_url()).content.decode()
    assert 'alt="IMG_2031.png"' not in html


def test_an_image_attachment_link_is_named_by_the_visible_file_name(
    client, thread, first_post, member
):
    image = attach(first_post, member, "IMG_2031.png")
    html = client.get(thread.get_absolute_url()).content.decode()
    assert '<span class="attachment-images__name">IMG_2031.png</span></a>' in html
    assert f'<a href="{download_url(image)}" class="attachment-images__link">' in html


def test_attachments_do_not_add_queries_per_post(
    member_client, thread, first_post, member, django_assert_max_num_queries
):
    attach(first_post, member)
    member_client.get(thread.get_absolute_url())
    with CaptureQueriesContext(connection) as with_one_post:
        member_client.get(thread.get_absolute_url())
    # Counted now: the next request clears the log the context reads from.
    one_post = len(with_one_post)
    for number in range(4):
        attach(reply(thread, member, f"Antwort {number}"), member, "satzung.pdf", PDF_BYTES)
    member_client.get(thread.get_absolute_url())  # moves the read marker, as the first did
    with django_assert_max_num_queries(one_post):
        member_client.get(thread.get_absolute_url())


def test_the_lazy_storage_follows_the_attachment_root(settings, tmp_path):
    settings.FORUM_ATTACHMENT_ROOT = tmp_path / "elsewhere"
    assert private_storage.location == str(tmp_path / "elsewhere")
