import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import translation

from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


def sign_up(client, email, *, name="Max Muster", password=DEFAULT_PASSWORD, language="de"):
    with translation.override(language):
        url = reverse("account_signup")
    return client.post(
        url,
        {"email": email, "display_name": name, "password1": password, "password2": password},
        follow=True,
    )


def confirmation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_an_address_on_a_partner_domain_joins_that_partner(client):
    sign_up(client, "max.muster@duelmen.de")
    user = User.objects.get(email="max.muster@duelmen.de")
    assert user.profile.partner.slug == "duelmen"


def test_sign_up_keeps_the_chosen_name_on_the_profile(client):
    sign_up(client, "max.muster@duelmen.de", name="  Max   Muster ")
    assert User.objects.get().profile.display_name == "Max Muster"


def test_the_mention_handle_comes_from_the_name_not_the_mailbox(client):
    sign_up(client, "m.geheim@olfen.de", name="Max Muster")
    assert "geheim" not in User.objects.get().username


def test_a_new_account_must_verify_its_address_before_it_can_log_in(client):
    response = sign_up(client, "max.muster@duelmen.de")
    assert not response.wsgi_request.user.is_authenticated
    assert not EmailAddress.objects.get(email="max.muster@duelmen.de").verified
    assert len(mail.outbox) == 1


def test_logging_in_before_verifying_sends_the_link_again_instead(client):
    sign_up(client, "max.muster@duelmen.de")
    mail.outbox.clear()
    client.post(
        reverse("account_login"), {"login": "max.muster@duelmen.de", "password": DEFAULT_PASSWORD}
    )
    assert "_auth_user_id" not in client.session


def test_the_link_in_the_mail_verifies_the_address(client):
    sign_up(client, "max.muster@duelmen.de")
    link = confirmation_link(mail.outbox[0])
    client.post(link)
    assert EmailAddress.objects.get(email="max.muster@duelmen.de").verified


def test_a_verified_member_can_log_in(client):
    sign_up(client, "max.muster@duelmen.de")
    client.post(confirmation_link(mail.outbox[0]))
    response = client.post(
        reverse("account_login"),
        {"login": "max.muster@duelmen.de", "password": DEFAULT_PASSWORD},
        follow=True,
    )
    assert response.wsgi_request.user.is_authenticated


def test_an_invalid_verification_link_explains_what_to_do(client):
    with translation.override("de"):
        url = reverse("account_confirm_email", args=["abgelaufen:ungültig"])
    response = client.get(url)
    assert response.status_code == 200
    assert "abgelaufen" in response.content.decode()


def test_a_foreign_domain_is_refused_with_a_clear_message_in_german(client):
    response = sign_up(client, "someone@example.com")
    assert "dienstlichen Adresse" in response.content.decode()
    assert not User.objects.exists()


def test_a_foreign_domain_is_refused_with_a_clear_message_in_english(client):
    response = sign_up(client, "someone@example.com", language="en")
    assert "work address" in response.content.decode()


def test_a_subdomain_of_a_partner_domain_is_not_a_partner_address(client):
    sign_up(client, "someone@duelmen.de.example.com")
    assert not User.objects.exists()


def test_guest_accounts_can_be_allowed_by_a_setting(client, settings):
    settings.WISSENSNETZ_ALLOW_GUEST_ACCOUNTS = True
    sign_up(client, "gast@example.com")
    assert User.objects.get().profile.partner is None


def test_an_address_differing_only_in_case_creates_no_second_account(client):
    UserFactory(username="max", email="max@duelmen.de")
    sign_up(client, "Max@Duelmen.de")
    assert User.objects.count() == 1


def test_an_address_differing_only_in_case_tells_the_owner_by_mail(client):
    UserFactory(username="max", email="max@duelmen.de")
    sign_up(client, "Max@Duelmen.de")
    assert mail.outbox[0].to == ["max@duelmen.de"]


def test_a_blank_name_is_refused(client):
    response = sign_up(client, "max@duelmen.de", name="   ")
    assert response.status_code == 200
    assert not User.objects.exists()


def test_mismatched_passwords_are_refused_and_nothing_is_saved(client):
    client.post(
        reverse("account_signup"),
        {
            "email": "max@duelmen.de",
            "display_name": "Max",
            "password1": DEFAULT_PASSWORD,
            "password2": "anders",
        },
    )
    assert not User.objects.exists()


def test_a_wrong_password_gets_a_message_not_an_error(client, member):
    response = client.post(reverse("account_login"), {"login": member.email, "password": "falsch"})
    assert response.status_code == 200
    assert "leider falsch" in response.content.decode()


def test_an_unknown_email_gets_the_same_message_as_a_wrong_password(client):
    response = client.post(
        reverse("account_login"), {"login": "niemand@duelmen.de", "password": "x"}
    )
    assert "leider falsch" in response.content.decode()


def test_a_password_reset_for_an_unknown_address_reveals_nothing(client):
    response = client.post(
        reverse("account_reset_password"), {"email": "niemand@duelmen.de"}, follow=True
    )
    assert response.status_code == 200
    assert not User.objects.exists()


def test_a_password_reset_mails_a_link_to_a_member(client, member):
    client.post(reverse("account_reset_password"), {"email": member.email})
    assert mail.outbox[0].to == [member.email]


def test_adding_a_foreign_address_to_an_account_is_refused(member_client, member):
    member_client.post(reverse("account_email"), {"action_add": "", "email": "privat@example.com"})
    assert not EmailAddress.objects.filter(email="privat@example.com").exists()


def test_the_welcome_message_greets_a_member_by_name(client, member):
    response = client.post(
        reverse("account_login"), {"login": member.email, "password": DEFAULT_PASSWORD}, follow=True
    )
    assert f"als {member.profile.name} angemeldet" in response.content.decode()


def test_logging_out_says_so_on_the_home_page(member_client):
    response = member_client.post(reverse("account_logout"), follow=True)
    assert response.redirect_chain[-1][0] == "/de/"
    assert "abgemeldet" in response.content.decode()


def test_repeated_wrong_passwords_are_slowed_down(client, member):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": member.email, "password": "falsch"})
    response = client.post(reverse("account_login"), {"login": member.email, "password": "falsch"})
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in response.content.decode()


def test_the_reset_link_sets_a_new_password(client, member):
    client.post(reverse("account_reset_password"), {"email": member.email})
    link = confirmation_link(mail.outbox[0])
    form_page = client.get(link, follow=True)
    new_password = "neues-Passwort-fuer-Mara-7"
    client.post(
        form_page.redirect_chain[-1][0], {"password1": new_password, "password2": new_password}
    )
    member.refresh_from_db()
    assert member.check_password(new_password)
