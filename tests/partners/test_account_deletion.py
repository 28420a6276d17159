import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import reverse
from django.utils import translation

from forum.choices import Visibility, WatchLevel
from forum.models import Notification, Post, Thread, Watch
from forum.posting import reply, start_thread
from partners.models import Profile
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.forum.conftest import make_category

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def thread(member):
    category = make_category("oeffentlich", Visibility.PUBLIC)
    colleague = UserFactory(username="ole", partner_slug="olfen")
    started = start_thread(category=category, author=member, title="Glasfaser", source="Frage")
    reply(started, colleague, "Antwort")
    return started


def delete(client, password=DEFAULT_PASSWORD, confirm=True):
    data = {"password": password}
    if confirm:
        data["confirm"] = "on"
    return client.post(reverse("partners:account_delete"), data)


def test_the_deletion_page_explains_what_happens(member_client):
    with translation.override("en"):
        html = member_client.get(reverse("partners:account_delete")).content.decode()
    assert "Former member" in html and 'autocomplete="current-password"' in html


def test_deleting_the_account_removes_the_user(member_client, member):
    delete(member_client)
    assert not User.objects.filter(pk=member.pk).exists()


def test_deleting_the_account_keeps_the_posts_without_an_author(member_client, member, thread):
    delete(member_client)
    post = Post.objects.get(thread=thread, number=1)
    assert (post.author, post.source) == (None, "Frage")
    assert Thread.objects.get(pk=thread.pk).author is None


def test_after_deletion_the_thread_shows_a_former_member(member_client, thread):
    delete(member_client)
    with translation.override("en"):
        html = member_client.get(thread.get_absolute_url()).content.decode()
    assert "Former member" in html and "Frage" in html


def test_deleting_the_account_removes_profile_addresses_watches_and_notifications(
    member_client, member, thread
):
    Watch.objects.create(user=member, thread=thread, level=WatchLevel.WATCHING)
    Notification.objects.create(recipient=member, kind="reply", thread=thread)
    delete(member_client)
    assert not Profile.objects.filter(user_id=member.pk).exists()
    assert not EmailAddress.objects.filter(user_id=member.pk).exists()
    assert not Watch.objects.filter(user_id=member.pk).exists()
    assert not Notification.objects.filter(recipient_id=member.pk).exists()


def test_after_deletion_the_member_is_logged_out_and_sent_home_with_a_message(member_client):
    with translation.override("en"):
        response = delete(member_client)
        assert response["Location"] == reverse("wagtail_serve", args=[""])
        page = member_client.get(response["Location"])
    assert "_auth_user_id" not in member_client.session
    assert "Your account has been deleted" in page.content.decode()


def test_a_wrong_password_deletes_nothing(member_client, member):
    response = delete(member_client, password="falsch")
    assert response.status_code == 400
    assert User.objects.filter(pk=member.pk).exists()
    assert member_client.session["_auth_user_id"] == str(member.pk)


def test_without_the_confirmation_nothing_is_deleted(member_client, member):
    delete(member_client, confirm=False)
    assert User.objects.filter(pk=member.pk).exists()


def test_an_administrator_cannot_delete_their_own_account_here(client):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    delete(client)
    assert User.objects.filter(pk=admin.pk).exists()


def test_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("partners:account_delete"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_the_profile_page_links_to_the_export_and_the_deletion(member_client):
    html = member_client.get(reverse("partners:profile_edit")).content.decode()
    assert reverse("partners:data_export") in html
    assert reverse("partners:account_delete") in html


def test_no_reference_to_a_user_can_block_the_deletion():
    blocking = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.concrete
        and field.is_relation
        and field.related_model is User
        and field.remote_field.on_delete in (models.PROTECT, models.RESTRICT)
    ]
    assert blocking == []
