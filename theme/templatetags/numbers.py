"""Amounts as readers of the page's language write them: "2.450.000 €" and "€2,450,000".

The site keeps Django's USE_THOUSAND_SEPARATOR off, because with it every number a template
prints is grouped, ids in URLs and anchors included, and so are numbers in form inputs.
Grouping is asked for where a number is an amount, through these filters.
"""

from django import template
from django.utils import formats
from django.utils.translation import pgettext

register = template.Library()


@register.filter
def grouped(value):
    """A whole number with the language's thousands separator; empty for no value."""
    if value is None or value == "":
        return ""
    return formats.number_format(value, decimal_pos=0, force_grouping=True)


@register.filter
def money(value):
    """An amount in euros, grouped, with the sign where the language puts it."""
    if value is None or value == "":
        return ""
    # Translators: an amount of money in euros; put the sign where your language writes it.
    return pgettext("money", "%(amount)s €") % {"amount": grouped(value)}
