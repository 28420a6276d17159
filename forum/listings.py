"""The forum's listings, each in a fixed number of queries whatever their length."""

from django.core.paginator import Paginator
from django.db.models import Prefetch

from theme.translation import reader_versions

from .choices import ThreadSort
from .models import Category, Post
from .permissions import readable_categories, visible_threads

THREADS_PER_PAGE = 30
POSTS_PER_PAGE = 20
THREAD_ORDER = {
    ThreadSort.ACTIVITY: ["-pinned", "-last_activity_at", "-pk"],
    ThreadSort.NEWEST: ["-pinned", "-created_at", "-pk"],
    ThreadSort.REPLIES: ["-pinned", "-post_count", "-pk"],
    ThreadSort.UNSOLVED: ["-pinned", "-last_activity_at", "-pk"],
}


def with_reader_names(categories) -> list:
    """Each category with ``display_name``/``display_description`` in the reader's language."""
    categories = list(categories)
    translations = reader_versions(Category, [c.translation_key for c in categories])
    for category in categories:
        shown = translations.get(category.translation_key, category)
        category.display_name, category.display_description = shown.name, shown.description
    return categories


def category_index(user) -> list:
    return with_reader_names(readable_categories(user).select_related("working_group"))


def category_threads(category, user, sort: str, page_number):
    threads = visible_threads(user).filter(category=category)
    if sort == ThreadSort.UNSOLVED:
        threads = threads.filter(is_question=True, solution__isnull=True)
    threads = threads.select_related("author__profile", "last_poster__profile").order_by(
        *THREAD_ORDER[sort]
    )
    return Paginator(threads, THREADS_PER_PAGE).get_page(page_number)


def thread_posts(thread, user, page_number):
    """A page of the thread's posts that ``user`` may see (moderators see hidden ones)."""
    from .permissions import is_forum_moderator

    posts = Post.objects.filter(thread=thread)
    if not is_forum_moderator(user):
        posts = posts.filter(hidden=False, awaiting_approval=False)
    posts = posts.select_related("author__profile__partner").prefetch_related(
        Prefetch("reply_to", queryset=Post.objects.only("pk", "number", "author_id"))
    )
    return Paginator(posts.order_by("number"), POSTS_PER_PAGE).get_page(page_number)
