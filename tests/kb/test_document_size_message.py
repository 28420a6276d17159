"""A document refused for its size gets that one message, not a second one about its name."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n" + b" " * 2000


def test_a_too_large_pdf_is_refused_with_only_the_size_message(client, editorial_user, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    client.force_login(editorial_user)
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Checkliste",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("checkliste.pdf", PDF),
        },
    )
    errors = response.context["form"].errors["file"]
    assert len(errors) == 1, errors
