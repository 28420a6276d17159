"""The library links on a thread page ("Discussion about", "Taken into the library as")."""

from django import template

from ..knowledge import thread_knowledge

register = template.Library()


@register.simple_tag(takes_context=True)
def library_links(context, thread) -> dict:
    """What forum.knowledge.thread_knowledge shows this reader, in a constant number of queries."""
    return thread_knowledge(thread, context["request"])
