import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from partners.models import Partner
from partners.roles import EDITORIAL_TEAM
from tests.factories import UserFactory, partner
from theme.models import AccessibilityFeedback

pytestmark = pytest.mark.django_db


@pytest.fixture
def editorial_client(client):
    editor = UserFactory(username="dana", partner_slug="kreis-coesfeld", groups=[EDITORIAL_TEAM])
    Authenticator.objects.create(
        user=editor, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    client.force_login(editor)
    return client


def partner_form(olfen, **changes):
    """The admin edit form's data for a partner, as Wagtail renders it, with changes applied."""
    domains = list(olfen.domains.all())
    data = {
        "name": olfen.name,
        "slug": olfen.slug,
        "kind": olfen.kind,
        "website": olfen.website,
        "domains": inline_formset(
            [{"id": d.pk, "domain": d.domain, "ORDER": i} for i, d in enumerate(domains)],
            initial=len(domains),
        ),
    }
    data.update(changes)
    return nested_form_data(data)


def test_the_editorial_team_edits_a_partner_in_the_admin(editorial_client):
    olfen = partner("olfen")
    url = reverse("wagtailsnippets_partners_partner:edit", args=[olfen.pk])
    editorial_client.post(url, partner_form(olfen, website="https://www.olfen.de/rathaus"))
    olfen.refresh_from_db()
    assert olfen.website == "https://www.olfen.de/rathaus"


def test_a_malformed_email_domain_is_refused_in_the_admin(editorial_client):
    olfen = partner("olfen")
    url = reverse("wagtailsnippets_partners_partner:edit", args=[olfen.pk])
    data = partner_form(olfen)
    data["domains-0-domain"] = "@olfen.de"
    response = editorial_client.post(url, data)
    assert response.status_code == 200
    assert partner("olfen").email_domains == ["olfen.de"]


def test_a_domain_already_used_by_another_partner_is_refused(editorial_client):
    olfen = partner("olfen")
    url = reverse("wagtailsnippets_partners_partner:edit", args=[olfen.pk])
    data = partner_form(olfen)
    data["domains-0-domain"] = "duelmen.de"
    editorial_client.post(url, data)
    assert Partner.objects.for_email("x@duelmen.de").get().slug == "duelmen"


def test_members_cannot_open_the_admin(member_client):
    response = member_client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302


def test_the_editorial_team_reads_accessibility_feedback(editorial_client):
    AccessibilityFeedback.objects.create(
        email="buerger@example.org", page_url="/de/bibliothek/", message="Kontrast zu schwach"
    )
    response = editorial_client.get(reverse("accessibility_feedback:index"))
    assert response.status_code == 200
    assert "buerger@example.org" in response.content.decode()
