"""The forum's listings, each in a fixed number of queries whatever their length."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.utils.translation import get_language

from theme.query_params import MAX_INTEGER, ChoiceParam, read
from theme.translation import locale_code, reader_versions

from .choices import ThreadSort
from .models import Category, Post
from .permissions import is_forum_moderator, readable_categories, visible_threads
from .reactions import reaction_summary
from .reading import describe_read_state, unread_since_last_visit, with_read_state

THREADS_PER_PAGE = 30
POSTS_PER_PAGE = 20
THREAD_ORDER = {
    ThreadSort.ACTIVITY: ["-pinned", "-last_activity_at", "-pk"],
    ThreadSort.NEWEST: ["-pinned", "-created_at", "-pk"],
    ThreadSort.REPLIES: ["-pinned", "-post_count", "-pk"],
    ThreadSort.UNSOLVED: ["-pinned", "-last_activity_at", "-pk"],
}


def sort_param(query) -> str:
    """The thread order the URL asks for; by activity when it names none or an unknown one."""
    return read(query, "sort", ChoiceParam(choices=ThreadSort.choices, initial=ThreadSort.ACTIVITY))


def quote_param(query) -> int | None:
    """The number of the post the URL asks to quote, if it could be one."""
    return read(query, "quote", forms.IntegerField(min_value=1, max_value=MAX_INTEGER))


def with_reader_names(categories) -> list:
    """Each category with ``display_name``/``display_description`` in the reader's language."""
    categories = list(categories)
    # Those already in the reader's language (German readers: all) need no lookup.
    active = get_language()
    foreign = [c.translation_key for c in categories if locale_code(c.locale_id) != active]
    translations = reader_versions(Category, foreign) if foreign else {}
    for category in categories:
        shown = translations.get(category.translation_key, category)
        category.display_name, category.display_description = shown.name, shown.description
    return categories


def category_index(user) -> list:
    return with_reader_names(readable_categories(user).select_related("working_group"))


def _thread_page(threads, user, sort: str, page_number):
    if sort == ThreadSort.UNSOLVED:
        threads = threads.filter(is_question=True, solution__isnull=True)
    threads = with_read_state(threads, user)
    threads = threads.select_related(
        "author__profile", "last_poster__profile", "category"
    ).order_by(*THREAD_ORDER[sort])
    page = Paginator(threads, THREADS_PER_PAGE).get_page(page_number)
    page.object_list = describe_read_state(page.object_list, user)
    return page


def category_threads(category, user, sort: str, page_number):
    """A page of the category's threads with each one's unread state, in fixed queries."""
    return _thread_page(visible_threads(user).filter(category=category), user, sort, page_number)


def tag_threads(tag, user, sort: str, page_number):
    """A page of the threads ``user`` may read that carry ``tag``."""
    threads = visible_threads(user).filter(tagged_items__tag=tag).distinct()
    return _thread_page(threads, user, sort, page_number)


def new_threads(user, page_number):
    """ "New since your last visit": unread threads with activity since the previous visit."""
    threads = unread_since_last_visit(visible_threads(user), user)
    return _thread_page(threads, user, ThreadSort.ACTIVITY, page_number)


def visible_posts(thread, user):
    """The thread's posts ``user`` may see (moderators also hidden and unapproved ones)."""
    posts = Post.objects.filter(thread=thread)
    if not is_forum_moderator(user):
        posts = posts.shown()
    return posts


def thread_posts(thread, user, page_number):
    """A page of the thread's posts that ``user`` may see, with authors, attachments and
    reactions, in a fixed number of queries."""
    posts = (
        visible_posts(thread, user)
        .select_related("author__profile__partner")
        .prefetch_related(
            Prefetch(
                "reply_to",
                queryset=Post.objects.select_related("author__profile").only(
                    "pk", "number", "author__username", "author__profile__display_name"
                ),
            ),
            "attachments",
        )
        .order_by("number")
    )
    page = Paginator(posts, POSTS_PER_PAGE).get_page(page_number)
    page.object_list = list(page.object_list)
    reaction_summary(page.object_list, user)
    return page


def page_of(thread, number: int, user) -> int:
    """The page of the thread on which post ``number`` (or the next visible one) appears."""
    before = visible_posts(thread, user).filter(number__lt=number).count()
    return before // POSTS_PER_PAGE + 1


def post_url(post, user) -> str:
    """Link to ``post`` on the right page of its thread."""
    page = page_of(post.thread, post.number, user)
    return f"{post.thread.get_absolute_url()}?page={page}#post-{post.number}"
