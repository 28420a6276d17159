"""The links between forum and library: on a thread page ("Discussion about", "Taken into
the library as") and on an article taken from a thread ("The whole discussion in the
forum")."""

from django import template
from django.contrib.auth.models import AnonymousUser

from ..knowledge import library_origin, thread_knowledge

register = template.Library()


@register.simple_tag(takes_context=True)
def library_links(context, thread) -> dict:
    """What forum.knowledge.thread_knowledge shows this reader, in a constant number of queries."""
    return thread_knowledge(thread, context["request"])


@register.inclusion_tag("forum/knowledge/library_origin.html", takes_context=True)
def forum_origin(context, page) -> dict:
    """The link from ``page`` back to the thread it was taken from, if the reader may read it."""
    request = context.get("request")
    user = getattr(request, "user", None) or AnonymousUser()
    return {"origin": library_origin(page, user)}
