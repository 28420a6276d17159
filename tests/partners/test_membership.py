import pytest
from django.core.exceptions import ValidationError

from partners.membership import partner_for_email, validate_sign_up_email

pytestmark = pytest.mark.django_db


def test_a_partner_is_found_by_the_domain_of_an_address():
    assert partner_for_email("a.b@kreis-coesfeld.de").slug == "kreis-coesfeld"


def test_the_domain_is_compared_without_regard_to_case():
    assert partner_for_email("A.B@Kreis-Coesfeld.DE").slug == "kreis-coesfeld"


def test_a_partner_may_have_several_domains():
    assert partner_for_email("x@stadt-luedinghausen.de") == partner_for_email("x@luedinghausen.de")


def test_an_unknown_domain_belongs_to_no_partner():
    assert partner_for_email("x@example.org") is None


def test_a_domain_that_merely_ends_like_a_partner_domain_belongs_to_no_partner():
    assert partner_for_email("x@notduelmen.de") is None


def test_a_foreign_address_may_not_sign_up_by_default():
    with pytest.raises(ValidationError):
        validate_sign_up_email("x@example.org")
