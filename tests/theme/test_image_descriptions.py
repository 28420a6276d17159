"""Library images carry a description, as it becomes their alternative text (issue 15):
every admin form an image can come through asks for it."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, UploadedFile

pytestmark = pytest.mark.django_db

REFUSAL = "Bitte beschreiben Sie, was das Bild zeigt."
AJAX = {"x-requested-with": "XMLHttpRequest"}

Image = get_image_model()


@pytest.fixture
def admin_client(client, editorial_user):
    client.force_login(editorial_user)
    return client


def png(name="foto.png"):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (64, 48), (0, 86, 107)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def upload(description):
    return {
        "title": "Rathaus",
        "description": description,
        "collection": Collection.get_first_root_node().pk,
        "file": png(),
    }


def stored_image(description="Das Rathaus von Olfen im Sonnenschein"):
    return Image.objects.create(
        title="Rathaus", description=description, file=get_test_image_file()
    )


def image_form_data(description, prefix):
    return {
        f"{prefix}-title": "Rathaus",
        f"{prefix}-description": description,
        f"{prefix}-collection": Collection.get_first_root_node().pk,
        f"{prefix}-tags": "",
    }


def multiple_upload(client):
    return client.post(
        reverse("wagtailimages:add_multiple"), {"files[]": png()}, headers=AJAX
    ).json()


def test_an_upload_without_description_is_refused_with_a_german_message(admin_client):
    response = admin_client.post(reverse("wagtailimages:add"), upload(""))
    assert REFUSAL in " ".join(response.context["form"].errors["description"])


def test_an_upload_without_description_is_not_stored(admin_client):
    admin_client.post(reverse("wagtailimages:add"), upload(""))
    assert not Image.objects.exists()


def test_a_description_of_only_spaces_is_no_description(admin_client):
    admin_client.post(reverse("wagtailimages:add"), upload("   "))
    assert not Image.objects.exists()


def test_an_upload_with_description_is_stored_with_it(admin_client):
    response = admin_client.post(reverse("wagtailimages:add"), upload("Das Rathaus von Olfen"))
    assert response.status_code == 302
    assert Image.objects.get().description == "Das Rathaus von Olfen"


def test_the_edit_form_refuses_to_remove_the_description(admin_client):
    image = stored_image()
    data = {**upload(""), "file": ""}
    admin_client.post(reverse("wagtailimages:edit", args=[image.pk]), data)
    image.refresh_from_db()
    assert image.description == "Das Rathaus von Olfen im Sonnenschein"


def test_the_choosers_upload_tab_refuses_an_image_without_description(admin_client):
    data = {f"image-chooser-upload-{key}": value for key, value in upload("").items()}
    admin_client.post(reverse("wagtailimages_chooser:create"), data)
    assert not Image.objects.exists()


def test_the_multiple_upload_keeps_an_undescribed_file_out_of_the_library(admin_client):
    multiple_upload(admin_client)
    assert not Image.objects.exists()


def test_the_multiple_upload_asks_for_the_description_of_each_file(admin_client):
    answer = multiple_upload(admin_client)
    assert answer["success"] is True
    assert (
        'name="uploaded-image-{}-description"'.format(answer["uploaded_file_id"])
        in (answer["form"])
    )


def test_the_multiple_uploads_per_image_form_refuses_a_blank_description(admin_client):
    uploaded = multiple_upload(admin_client)["uploaded_file_id"]
    prefix = f"uploaded-image-{uploaded}"
    url = reverse("wagtailimages:create_multiple_from_uploaded_image", args=[uploaded])
    answer = admin_client.post(url, image_form_data("", prefix), headers=AJAX).json()
    assert answer["success"] is False
    assert not Image.objects.exists()


def test_the_multiple_uploads_per_image_form_stores_a_described_image(admin_client):
    uploaded = multiple_upload(admin_client)["uploaded_file_id"]
    prefix = f"uploaded-image-{uploaded}"
    url = reverse("wagtailimages:create_multiple_from_uploaded_image", args=[uploaded])
    admin_client.post(url, image_form_data("Das Rathaus von Olfen", prefix), headers=AJAX)
    assert Image.objects.get().description == "Das Rathaus von Olfen"
    assert not UploadedFile.objects.filter(pk=uploaded).exists()


def test_the_multiple_uploads_edit_form_refuses_to_blank_a_description(admin_client):
    image = stored_image()
    url = reverse("wagtailimages:edit_multiple", args=[image.pk])
    answer = admin_client.post(url, image_form_data("", f"image-{image.pk}"), headers=AJAX).json()
    assert answer["success"] is False


def test_the_add_form_marks_the_description_as_required(admin_client):
    html = admin_client.get(reverse("wagtailimages:add")).content.decode()
    assert 'name="description" maxlength="255" required' in html
