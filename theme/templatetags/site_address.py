"""Template access to the site's public address and name (theme.site_address)."""

from django import template

from theme import site_address

register = template.Library()


@register.simple_tag
def absolute_url(location: str) -> str:
    """``{% absolute_url path %}``: the path on the public base address."""
    return site_address.absolute_url(location)


@register.simple_tag
def site_name() -> str:
    """``{% site_name %}``, or ``{% site_name as name %}`` for a sentence that names the site."""
    return site_address.site_name()


@register.simple_tag
def site_short_name() -> str:
    """``{% site_short_name %}``: the name where space is scarce."""
    return site_address.site_short_name()
