from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from theme.templatetags.numbers import grouped, money


def test_money_groups_thousands_with_dots_and_puts_the_sign_after_in_german():
    with translation.override("de"):
        assert money(2450000) == "2.450.000 €"


def test_money_groups_thousands_with_commas_and_puts_the_sign_first_in_english():
    with translation.override("en"):
        assert money(2450000) == "€2,450,000"


def test_money_of_no_amount_is_empty():
    assert money(None) == ""


def test_grouped_drops_cents_of_a_decimal_amount():
    with translation.override("de"):
        assert grouped(Decimal("12500.40")) == "12.500"


def test_plain_numbers_in_templates_stay_ungrouped_so_ids_in_urls_keep_working():
    with translation.override("de"):
        assert Template("{{ pk }}").render(Context({"pk": 123456})) == "123456"
