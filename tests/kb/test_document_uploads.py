"""Library documents are checked on their content, as forum attachments are (issue 14):
an executable renamed ``fake.pdf`` is refused wherever the admin takes an upload."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
# The start of a Windows executable: "MZ", the DOS stub, then binary headers.
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(range(256))
REFUSAL = "ist kein Dateityp, den die Bibliothek annimmt"

Document = get_document_model()


@pytest.fixture
def admin_client(client, editorial_user):
    client.force_login(editorial_user)
    return client


def upload(name, content, **fields):
    return {
        "title": "Checkliste",
        "collection": Collection.get_first_root_node().pk,
        "file": SimpleUploadedFile(name, content),
        **fields,
    }


def add(client, name, content):
    return client.post(reverse("wagtaildocs:add"), upload(name, content))


def add_multiple(client, name, content):
    return client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile(name, content)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )


def test_an_executable_renamed_to_a_pdf_is_refused_with_a_german_message(admin_client):
    response = add(admin_client, "fake.pdf", EXECUTABLE)
    assert REFUSAL in " ".join(response.context["form"].errors["file"])


def test_an_executable_renamed_to_a_pdf_is_not_stored(admin_client):
    add(admin_client, "fake.pdf", EXECUTABLE)
    assert not Document.objects.exists()


def test_a_real_pdf_is_stored(admin_client):
    response = add(admin_client, "checkliste.pdf", PDF)
    assert response.status_code == 302
    assert Document.objects.get().title == "Checkliste"


def test_a_pdf_named_as_a_word_document_is_told_the_ending_it_needs(admin_client):
    response = add(admin_client, "checkliste.docx", PDF)
    assert "muss der Name auf .pdf enden" in " ".join(response.context["form"].errors["file"])


def test_the_multiple_upload_refuses_an_executable_renamed_to_a_pdf(admin_client):
    answer = add_multiple(admin_client, "fake.pdf", EXECUTABLE).json()
    assert answer["success"] is False and REFUSAL in answer["error_message"]


def test_the_multiple_upload_stores_a_real_pdf(admin_client):
    answer = add_multiple(admin_client, "checkliste.pdf", PDF).json()
    assert answer["success"] is True
    assert Document.objects.filter(pk=answer["doc_id"]).exists()


def test_a_documents_file_cannot_be_replaced_by_an_executable(admin_client):
    document = Document(title="Checkliste")
    document.file.save("checkliste.pdf", ContentFile(PDF))
    response = admin_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]), upload("fake.pdf", EXECUTABLE)
    )
    assert REFUSAL in " ".join(response.context["form"].errors["file"])
