"""Files travel with the thread and reply forms, and a refused file keeps the post unsaved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from forum.models import Attachment, Post, Thread
from forum.posting import start_thread

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.FORUM_ATTACHMENT_ROOT = tmp_path


@pytest.fixture
def thread(members_only, member):
    return start_thread(category=members_only, author=member, title="Mit Datei", source="Start")


def test_a_reply_carries_its_pdf(client, member, thread):
    client.force_login(member)
    client.post(
        reverse("forum:reply", kwargs={"pk": thread.pk}),
        {"source": "Siehe Anhang", "attachments": SimpleUploadedFile("plan.pdf", PDF)},
    )
    attachment = Attachment.objects.get()
    assert (attachment.post.number, attachment.content_type) == (2, "application/pdf")


def test_an_exe_renamed_to_pdf_is_refused_and_the_reply_is_not_saved(client, member, thread):
    client.force_login(member)
    response = client.post(
        reverse("forum:reply", kwargs={"pk": thread.pk}),
        {
            "source": "Siehe Anhang",
            "attachments": SimpleUploadedFile("rechnung.pdf", b"MZ\x90\x00" + b"\x00" * 200),
        },
    )
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    assert not Post.objects.filter(number=2).exists() and not Attachment.objects.exists()


def test_a_new_thread_carries_its_attachment(client, member, members_only):
    client.force_login(member)
    client.post(
        reverse("forum:new_thread"),
        {
            "category": members_only.pk,
            "title": "Protokoll",
            "source": "Anbei",
            "attachments": SimpleUploadedFile("protokoll.pdf", PDF),
        },
    )
    assert Attachment.objects.get().post.thread == Thread.objects.get(title="Protokoll")
