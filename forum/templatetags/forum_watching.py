"""The watch form's state for a thread, category or tag (forum/includes/watch_form.html)."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _
from taggit.models import Tag

from ..choices import WatchLevel
from ..models import Category, Thread
from ..permissions import is_member
from ..watching import effective_level, explicit_level

register = template.Library()


@register.simple_tag(takes_context=True)
def watch_state(context, target):
    """``action``, ``level``, ``choices``, ``field_id`` and ``label`` for the member's watch
    form on ``target``; None for visitors. On a thread the level shown is the effective one
    (a watched category shows as watching), as Discourse shows it."""
    request = context.get("request")
    if request is None or not is_member(request.user):
        return None
    user = request.user
    if isinstance(target, Thread):
        action = reverse("forum:watch_thread", kwargs={"pk": target.pk})
        level = effective_level(user, target)
        label = _("Notifications for this thread")
    elif isinstance(target, Category):
        action = reverse("forum:watch_category", kwargs={"slug": target.slug})
        level = explicit_level(user, category=target)
        label = _("Notifications for this category")
    elif isinstance(target, Tag):
        action = reverse("forum:watch_tag", kwargs={"slug": target.slug})
        level = explicit_level(user, tag=target)
        label = _("Notifications for this tag")
    else:
        raise TypeError(f"Cannot watch {type(target).__name__}.")
    kind = type(target).__name__.lower()
    return {
        "action": action,
        "level": level,
        "choices": WatchLevel.choices,
        "field_id": f"watch-{kind}-{target.pk}",
        "label": label,
    }
