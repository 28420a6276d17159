"""From discussion to knowledge: a forum thread about a library page ("Diskutieren"), and a
thread taken into the library as a draft article ("In Wissensbibliothek übernehmen").

Rules:
- a library page has at most one discussion thread; it is never more visible than the page
  (public pages are discussed in a public category, pages for logged-in users in a
  members-only one, pages for selected groups not at all);
- the editorial team (and administrators) take threads into the library, once per thread;
  the result is a draft the editors finish and publish through the usual workflow.
"""

import re

import nh3
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from kb.models import ArticlePage, KnowledgePage, PartnerPage
from kb.visibility import is_visible_to, page_access
from partners.roles import is_editorial_team
from search.extraction import html_text
from theme.page_cache import cached_fragment

from .choices import ModerationAction, Visibility
from .errors import PostingError
from .models import Category, ModerationLogEntry, Post, Thread
from .permissions import can_read_thread
from .posting import start_thread

# Content in the default language, as a data migration would seed it; editable in the admin.
DISCUSSION_CATEGORY_NAME = "Diskussionen zur Wissensbibliothek"
MEMBERS_DISCUSSION_CATEGORY_NAME = "Diskussionen zur Wissensbibliothek (intern)"
MEMBERS_SLUG_SUFFIX = "-intern"

# Limits of the kb blocks and fields the promoted article is built from.
QUOTE_LIMIT = 1000
ATTRIBUTION_LIMIT = 200
SUMMARY_LIMIT = 400
SUMMARY_TARGET = 300

# What the library's rich text keeps (kb.blocks.RICH_TEXT_FEATURES: bold, italic, link, lists).
RICH_TEXT_TAGS = {"p", "br", "b", "i", "a", "ul", "ol", "li"}
_REWRITES = [
    (re.compile(r"<(/?)strong>"), r"<\1b>"),
    (re.compile(r"<(/?)em>"), r"<\1i>"),
    (re.compile(r"<h[1-6]>"), "<p><b>"),
    (re.compile(r"</h[1-6]>"), "</b></p>"),
    (re.compile(r"</t[dh]>"), " "),
    (re.compile(r"</tr>"), "<br>"),
]
_PRE = re.compile(r"<pre>(?:<code[^>]*>)?(.*?)(?:</code>)?</pre>", re.DOTALL)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


# -- who


def can_promote(user, thread: Thread) -> bool:
    """Editors take along only what they may read themselves."""
    return is_editorial_team(user) and can_read_thread(user, thread)


# -- discussing a library page


def discussable_page(page_id: int, user) -> KnowledgePage | None:
    """The live article or project ``user`` may see, in its default-language version when
    that exists and is visible too (so both languages share one discussion); else None."""
    page = KnowledgePage.objects.filter(pk=page_id).select_related("locale").first()
    if page is None or not is_visible_to(page, user):
        return None
    if page.locale.language_code != settings.LANGUAGE_CODE:
        original = page.get_translation_or_none(_default_locale())
        if original is not None and is_visible_to(original, user):
            return original
    return page


def discussion_of(page) -> Thread | None:
    """The thread that discusses ``page``, if one was started."""
    return (
        Thread.objects.select_related("category").filter(discussed_page=page).order_by("pk").first()
    )


def discussion_visibility(page) -> str | None:
    """The forum visibility that matches who may see ``page``; None when none matches
    (pages for selected groups or behind a password)."""
    access = page_access(page)
    if not access.listed or access.group_sets:
        return None
    return Visibility.PUBLIC if access.is_public else Visibility.MEMBERS


def check_discussable(page) -> str:
    """The forum visibility a discussion of ``page`` gets; raises PostingError when no
    category is as private as the page."""
    visibility = discussion_visibility(page)
    if visibility is None:
        raise PostingError(
            _(
                "This page is shared with selected groups only, so it cannot be discussed "
                "in the forum."
            )
        )
    return visibility


def discussion_category(page) -> Category:
    """The category discussions of ``page`` go to, created on first use.

    Raises PostingError when no category is as private as the page.
    """
    visibility = check_discussable(page)
    slug, name = settings.FORUM_DISCUSSION_CATEGORY, DISCUSSION_CATEGORY_NAME
    if visibility == Visibility.MEMBERS:
        slug, name = f"{slug}{MEMBERS_SLUG_SUFFIX}", MEMBERS_DISCUSSION_CATEGORY_NAME
    category, _created = Category.objects.get_or_create(
        locale=_default_locale(), slug=slug, defaults={"name": name, "visibility": visibility}
    )
    if visibility == Visibility.MEMBERS and category.visibility == Visibility.PUBLIC:
        # Someone made the members' category public: a discussion there would leak the page.
        raise PostingError(
            _("The forum category for members-only pages is public; please ask the moderators.")
        )
    return category


def discussion_intro(page, page_url: str) -> str:
    """A first post to start from, in Markdown, linking the page."""
    title = page.title.replace("[", r"\[").replace("]", r"\]")
    return _(
        "Let's discuss [%(title)s](%(url)s) from the knowledge library: questions, "
        "experiences and additions are welcome."
    ) % {"title": title, "url": page_url}


def start_discussion(page, author, source: str) -> tuple[Thread, bool]:
    """The discussion of ``page``, started by ``author`` with ``source`` unless one exists.

    Returns the thread and whether it was started now. Starters are serialised on the page's
    row, so a double submit or two members at once never make two threads.
    Raises PostingError when it may not be started.
    """
    category = discussion_category(page)
    with transaction.atomic():
        list(Page.objects.select_for_update().filter(pk=page.pk).values_list("pk", flat=True))
        existing = discussion_of(page)
        if existing is not None:
            return existing, False
        thread = start_thread(
            category=category,
            author=author,
            title=page.title,
            source=source,
            tags=list(page.tags.names()),
        )
        Thread.objects.filter(pk=thread.pk).update(discussed_page=page)
        thread.discussed_page = page
    return thread, True


# -- taking a thread into the library


def promotable_replies(thread: Thread) -> list[Post]:
    """The replies an editor may take along: visible ones, in order."""
    return list(
        thread.posts.visible()
        .filter(number__gt=1)
        .select_related("author__profile__partner")
        .order_by("number")
    )


def accepted_solution(thread: Thread) -> Post | None:
    """The accepted answer, if it is a visible reply of this thread."""
    if thread.solution_id is None:
        return None
    return next(
        (post for post in promotable_replies(thread) if post.pk == thread.solution_id), None
    )


def author_section(thread: Thread) -> PartnerPage | None:
    """The library section of the thread author's partner (the default choice)."""
    author = thread.author
    partner_id = author.profile.partner_id if author is not None else None
    if partner_id is None:
        return None
    return PartnerPage.objects.filter(partner_id=partner_id, locale=_default_locale()).first()


def promote_thread(
    thread: Thread,
    editor,
    *,
    section: PartnerPage,
    topics=(),
    replies=(),
) -> ArticlePage:
    """Take ``thread`` into the library as a draft article below ``section``.

    The question and the accepted solution always go along; ``replies`` adds further visible
    replies of the thread. The article credits each contribution to its author; the thread
    points to the article (``promoted_to``), which is how the article links back to it
    (``library_origin``), and the moderation log records who did it. Raises PostingError
    (and changes nothing) for a thread already taken in, a section outside the default
    language, or a reply from elsewhere.
    """
    if not can_promote(editor, thread):
        raise PostingError(_("You cannot take this thread into the library."))
    if section.locale_id != _default_locale().pk:
        raise PostingError(_("Please choose the partner's section in the default language."))
    available = {post.pk: post for post in promotable_replies(thread)}
    unknown = [reply for reply in replies if reply.pk not in available]
    if unknown:
        raise PostingError(_("Only visible replies of this thread can be taken along."))
    chosen = {reply.pk for reply in replies}
    solution = available.get(thread.solution_id)
    others = [post for pk, post in available.items() if pk in chosen and post != solution]
    question = thread.posts.select_related("author__profile__partner").get(number=1)

    with transaction.atomic():
        locked = Thread.objects.select_for_update().only("promoted_to").get(pk=thread.pk)
        if locked.promoted_to_id is not None:
            raise PostingError(_("This thread has already been taken into the library."))
        page = _draft_article(thread, editor, question, solution, others)
        page.topics.set(list(topics))
        section.add_child(instance=page)
        page.save_revision(user=editor, log_action=True)
        Thread.objects.filter(pk=thread.pk).update(promoted_to=page)
        thread.promoted_to = page
        ModerationLogEntry.objects.create(
            moderator=editor, action=ModerationAction.PROMOTE, thread=thread
        )
    return page


def _draft_article(thread, editor, question, solution, others) -> ArticlePage:
    """The unsaved draft; block headings are content, so in the default language."""
    with translation.override(settings.LANGUAGE_CODE):
        body = [
            _block("heading", _("The question")),
            _quote(question),
        ]
        if solution is not None:
            body += [_block("heading", _("The solution")), _quote(solution)]
        if others:
            body += [_block("heading", _("From the discussion"))]
            body += [_quote(post) for post in others]
    page = ArticlePage(
        title=thread.title,
        summary=summary_from(question.html) or thread.title,
        starting_point=to_rich_text(question.html),
        solution=to_rich_text(solution.html) if solution is not None else "",
        body=body,
        owner=editor,
        live=False,
    )
    page.tags.set(list(thread.tags.names()))
    return page


def _block(kind: str, value) -> dict:
    return {"type": kind, "value": value}


def _quote(post: Post) -> dict:
    return _block(
        "quote",
        {
            "quote": Truncator(html_text(post.html)).chars(QUOTE_LIMIT),
            "attribution": Truncator(credit(post)).chars(ATTRIBUTION_LIMIT),
        },
    )


def credit(post: Post) -> str:
    """Who wrote ``post``: name and partner, or "Former member" for a deleted account."""
    if post.author is None:
        return _("Former member")
    profile = post.author.profile
    if profile.partner is not None:
        return f"{profile.name}, {profile.partner.name}"
    return profile.name


def to_rich_text(post_html: str) -> str:
    """A post's sanitised HTML as library rich text: headings become bold paragraphs, code
    blocks paragraphs with line breaks, and what the library's editor does not offer
    (tables, code, strike-through, quotes) is reduced to its text."""
    text = _PRE.sub(
        lambda match: "<p>" + match.group(1).strip("\n").replace("\n", "<br>") + "</p>", post_html
    )
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    return nh3.clean(
        text,
        tags=RICH_TEXT_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    ).strip()


def summary_from(post_html: str) -> str:
    """The first sentences of a post, as many as fit a listing's summary."""
    sentences = _SENTENCE_END.split(" ".join(html_text(post_html).split()))
    summary = sentences[0]
    for sentence in sentences[1:]:
        if len(summary) + 1 + len(sentence) > SUMMARY_TARGET:
            break
        summary = f"{summary} {sentence}"
    return Truncator(summary).chars(SUMMARY_LIMIT)


# -- what a thread page shows


def thread_knowledge(thread: Thread, request) -> dict:
    """The library links under a thread's title, for this reader: the discussed page and the
    article the thread became (if the reader may see them; editors see the draft in the
    admin), and whether the reader may take the thread into the library."""
    user = request.user
    shown = {"discussed": None, "promoted": None, "promoted_draft": False, "can_promote": False}
    wanted = [pk for pk in (thread.discussed_page_id, thread.promoted_to_id) if pk is not None]
    pages = Page.objects.in_bulk(wanted) if wanted else {}
    discussed = pages.get(thread.discussed_page_id)
    if discussed is not None:
        shown["discussed"] = _visible_link(discussed, request)
    promoted = pages.get(thread.promoted_to_id)
    if promoted is not None:
        shown["promoted"] = _visible_link(promoted, request)
        if shown["promoted"] is None and is_editorial_team(user):
            shown["promoted"] = {"title": promoted.title, "url": admin_edit_url(promoted)}
            shown["promoted_draft"] = not promoted.live
    elif thread.promoted_to_id is None:
        shown["can_promote"] = is_editorial_team(user)
    return shown


def library_origin(page, user) -> dict | None:
    """The thread ``page`` was taken from (``page`` or the page it translates), as title and
    url in the active language, if ``user`` may read it; else None.

    The article stores no address: the link follows the thread's current place and the
    site it is read on, and disappears with the thread.
    """
    # Every reader of the page asks for the same thread; only whether they may read it differs.
    thread = cached_fragment(
        f"library-origin:{page.translation_key}",
        lambda: (
            Thread.objects.select_related("category")
            .filter(promoted_to__translation_key=page.translation_key)
            .order_by("pk")
            .first()
        ),
    )
    if thread is None or not can_read_thread(user, thread):
        return None
    return {"title": thread.title, "url": thread.get_absolute_url()}


def admin_edit_url(page) -> str:
    """Where editors finish a page: its edit view in the Wagtail admin."""
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def _visible_link(page: Page, request) -> dict | None:
    """Title and url of ``page`` in the reader's language where translated, if visible."""
    for candidate in dict.fromkeys((page.localized, page)):
        if is_visible_to(candidate, request.user):
            return {"title": candidate.title, "url": candidate.get_url(request)}
    return None


def _default_locale() -> Locale:
    return Locale.objects.get(language_code=settings.LANGUAGE_CODE)
