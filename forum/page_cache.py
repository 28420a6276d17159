"""The forum's part in the visitors' page cache (theme.page_cache): what makes pages stale.

Visitors get forum pages from the same cache as library pages. A post hidden by a moderator,
a thread moved into a members-only category or a new reply must reach them at once, not
when the cached page expires; the library's article pages also show the thread they came
from. Counters and flags are written with QuerySet.update (no model signal), so the forum's
own signals are listened to as well.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from theme.page_cache import invalidate

from .models import Category, Post, Thread
from .signals import (
    moderation_decision,
    post_edited,
    post_published,
    solution_marked,
    threads_changed,
)


def invalidate_after_commit(*args, **kwargs) -> None:
    """Forget cached pages once the change is committed, so that no request renders and
    caches the old state in between."""
    transaction.on_commit(invalidate)


def connect() -> None:
    """Connect the receivers; called once from ForumConfig.ready."""
    for model in (Category, Thread, Post):
        for signal in (post_save, post_delete):
            signal.connect(
                invalidate_after_commit,
                sender=model,
                dispatch_uid=f"forum_page_cache_{signal is post_save}_{model.__name__}",
            )
    for signal in (post_published, post_edited, solution_marked, moderation_decision):
        signal.connect(invalidate, dispatch_uid=f"forum_page_cache_{id(signal)}")
    threads_changed.connect(invalidate, dispatch_uid="forum_page_cache_threads_changed")
