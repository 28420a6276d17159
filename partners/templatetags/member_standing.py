"""Hide the buttons of changes a suspended member could not make (partners.standing)."""

from django import template

from partners import standing

register = template.Library()


@register.filter
def may_write(user) -> bool:
    """``{% if request.user|may_write %}``: one query; inside loops use a view's flag."""
    return standing.may_write(user)


@register.simple_tag
def write_refusal(user) -> str:
    """Why ``user`` may not change anything just now, or "" when they may."""
    return standing.write_refusal(user) or ""
