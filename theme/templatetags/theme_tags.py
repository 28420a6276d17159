import datetime

from django import template
from django.utils import timezone
from wagtail.models import Page

from partners.roles import role_names
from theme import navigation
from theme.translation import locale_code

register = template.Library()


@register.filter
def page_language(page) -> str:
    """The language code of ``page``'s locale ("" for anything else), from a cached table
    of the few locales rather than a query per page."""
    locale_id = getattr(page, "locale_id", None)
    return "" if locale_id is None else locale_code(locale_id)


@register.filter
def may_see_userbar(user) -> bool:
    """Whether to offer Wagtail's editing bar, which only those with admin access see.

    Admin access comes with the roles (groups, see partners.roles), whose names the page has
    read already; asking only those with a role spares members the two permission queries
    Wagtail's own check costs."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.is_staff or bool(role_names(user))


@register.simple_tag
def home_url():
    return navigation.home_url()


@register.inclusion_tag("theme/includes/main_menu.html", takes_context=True)
def main_menu(context):
    return {"items": navigation.menu_links(context["request"])}


@register.simple_tag(takes_context=True)
def language_links(context):
    """Computed once per request: the head's hreflang links and the switcher share it."""
    request = context["request"]
    if not hasattr(request, "_language_links"):
        page = context.get("page")
        request._language_links = navigation.language_links(
            request, page if isinstance(page, Page) else None
        )
    return request._language_links


@register.inclusion_tag("theme/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    return {"languages": language_links(context)}


@register.inclusion_tag("theme/includes/footer_links.html", takes_context=True)
def footer_links(context):
    request = context["request"]
    links = navigation.site_links(request)
    return {"links": links.legal, "easy_language": links.easy_language}


@register.simple_tag(takes_context=True)
def easy_language_link(context):
    request = context["request"]
    return navigation.site_links(request).easy_language


@register.filter
def machine_time(value):
    """``value`` for a ``<time datetime>``: ISO 8601 in local time, whole seconds.

    Django's ``c`` format adds microseconds, which HTML does not accept (at most three
    digits of a fraction), so the Nu validator refuses every such attribute.
    """
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.isoformat(timespec="seconds")
    return value.isoformat()
