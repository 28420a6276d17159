"""An image in the forum is named by its visible file name, not described by it (issue 15):
its link reads as the file name, the image itself is left out of what a screen reader says."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from playwright.sync_api import expect

from forum.attachments import save_attachments
from forum.choices import Visibility
from forum.posting import start_thread
from tests.factories import UserFactory
from tests.forum.conftest import make_category

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), (0, 86, 107)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def thread_with_photo():
    author = UserFactory(username="mara", partner_slug="duelmen")
    thread = start_thread(
        category=make_category("oeffentlich", Visibility.PUBLIC),
        author=author,
        title="Neuer Lageplan",
        source="Anbei der Plan.",
    )
    post = thread.posts.get(number=1)
    save_attachments(post, [SimpleUploadedFile("IMG_2031.png", png(), "image/png")], author)
    return thread


def test_a_forum_image_link_is_named_by_the_file_name_shown_beside_the_image(
    page, urls, thread_with_photo
):
    page.goto(urls.base + thread_with_photo.get_absolute_url())
    link = page.get_by_role("link", name="IMG_2031.png", exact=True)
    expect(link).to_be_visible()
    expect(link.locator("img")).to_have_attribute("alt", "")


def test_a_thread_with_an_image_attachment_has_no_axe_violations(
    page, urls, thread_with_photo, assert_accessible
):
    response = page.goto(urls.base + thread_with_photo.get_absolute_url())
    assert response.ok, f"{page.url} answered {response.status}"
    expect(page.locator(".attachment-images img")).to_be_visible()
    assert_accessible(page)
