"""Reading and writing: categories, threads, replies, reactions, solutions, unread lists."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from taggit.models import Tag

from partners.standing import may_write, member_may_write, write_refusal
from theme.query_params import TextParam, page_number, read

from .. import permissions
from ..choices import ThreadSort
from ..editing import delete_own_post, edit_post
from ..forms import ReplyForm, ThreadForm, quote_text
from ..listings import (
    category_index,
    category_threads,
    new_threads,
    page_of,
    post_url,
    quote_param,
    sort_param,
    tag_threads,
    thread_posts,
    with_reader_names,
)
from ..models import Category, Post, Thread
from ..posting import PostingError, render_source, reply, start_thread
from ..reactions import toggle_reaction
from ..reading import mark_read, record_visit, with_read_state
from ..solutions import mark_solution, unmark_solution


def _readable_category(request, slug) -> Category:
    """The default-language category by its slug in any language, if the reader may read it."""
    found = Category.objects.filter(slug=slug).select_related("locale").first()
    if found is None:
        raise Http404
    original = Category.objects.originals().filter(translation_key=found.translation_key).first()
    if original is None or not permissions.can_read(request.user, original):
        raise Http404
    return with_reader_names([original])[0]


def _readable_thread(request, pk) -> Thread:
    # The member's read marker comes along, so that a re-read need not write it again.
    threads = with_read_state(
        Thread.objects.select_related("category", "author__profile", "discussed_page"),
        request.user,
    )
    thread = get_object_or_404(threads, pk=pk)
    if not permissions.can_read_thread(request.user, thread):
        raise Http404
    return thread


def _readable_post(request, pk) -> Post:
    post = get_object_or_404(Post.objects.select_related("thread__category"), pk=pk)
    if not permissions.can_read_thread(request.user, post.thread):
        raise Http404
    return post


def _sort(request) -> str:
    return sort_param(request.GET)


def index(request):
    record_visit(request.user)
    context = {
        "categories": category_index(request.user),
        "is_moderator": permissions.is_forum_moderator(request.user),
    }
    return TemplateResponse(request, "forum/index.html", context)


def category(request, slug):
    chosen = _readable_category(request, slug)
    record_visit(request.user)
    sort = _sort(request)
    context = {
        "category": chosen,
        "threads": category_threads(chosen, request.user, sort, page_number(request.GET)),
        "sort": sort,
        "sort_options": ThreadSort.choices,
        "can_post": permissions.can_post(request.user, chosen) and may_write(request.user),
    }
    return TemplateResponse(request, "forum/category.html", context)


def tag(request, slug):
    """Threads with one tag, across the categories the reader may read."""
    chosen = get_object_or_404(Tag, slug=slug)
    sort = _sort(request)
    context = {
        "tag": chosen,
        "threads": tag_threads(chosen, request.user, sort, page_number(request.GET)),
        "sort": sort,
        "sort_options": ThreadSort.choices,
    }
    return TemplateResponse(request, "forum/tag.html", context)


@login_required
def unread(request):
    """ "New since your last visit": threads with activity the member has not read yet."""
    context = {"threads": new_threads(request.user, page_number(request.GET))}
    return TemplateResponse(request, "forum/unread.html", context)


def thread(request, pk, reply_form=None, preview=None):
    chosen = _readable_thread(request, pk)
    record_visit(request.user)
    # Asked once for the page: the buttons of every post follow it.
    refusal = write_refusal(request.user)
    can_reply = refusal is None and permissions.can_reply(request.user, chosen)
    posts = thread_posts(chosen, request.user, page_number(request.GET))
    if posts.object_list:
        mark_read(request.user, chosen, posts.object_list[-1].number)
    if can_reply and reply_form is None:
        reply_form = ReplyForm(initial=_quote_initial(request, chosen))
    solution = None
    if chosen.solution_id:
        solution = (
            Post.objects.select_related("author__profile")
            .visible()
            .filter(pk=chosen.solution_id)
            .first()
        )
    context = {
        "thread": chosen,
        "category": with_reader_names([chosen.category])[0],
        "posts": posts,
        "solution": solution,
        "reply_form": reply_form if can_reply else None,
        "preview": preview,
        "can_reply": can_reply,
        "can_mark_solution": refusal is None
        and permissions.can_mark_solution(request.user, chosen),
        "is_member": permissions.is_member(request.user),
        "may_write": refusal is None,
        "write_refusal": refusal,
        "tags": list(chosen.tags.all()),
    }
    return TemplateResponse(request, "forum/thread.html", context)


def _quote_initial(request, chosen) -> dict:
    number = quote_param(request.GET)
    if number is None:
        return {}
    quoted = (
        Post.objects.visible()
        .filter(thread=chosen, number=number)
        .select_related("author__profile")
        .first()
    )
    return {"source": quote_text(quoted), "reply_to": quoted.number} if quoted else {}


def first_unread(request, pk):
    """Jump to the first post the member has not read yet (the last one if all are read)."""
    chosen = _readable_thread(request, pk)
    number = chosen.last_number
    if request.user.is_authenticated:
        marker = chosen.read_markers.filter(user=request.user).first()
        if marker is not None:
            number = min(marker.last_read_number + 1, chosen.last_number)
    page = page_of(chosen, number, request.user)
    return HttpResponseRedirect(f"{chosen.get_absolute_url()}?page={page}#post-{number}")


def permalink(request, pk):
    """A post's lasting address: the right page of its thread."""
    post = _readable_post(request, pk)
    return HttpResponseRedirect(post_url(post, request.user))


@login_required
@member_may_write
def new_thread(request):
    categories = with_reader_names(permissions.readable_categories(request.user))
    postable = Category.objects.filter(
        pk__in=[c.pk for c in categories if permissions.can_post(request.user, c)]
    )
    initial = {}
    chosen_slug = read(request.GET, "category", TextParam())
    if chosen_slug:
        initial["category"] = postable.filter(slug=chosen_slug).first()
    form = ThreadForm(
        request.POST or None, request.FILES or None, categories=postable, initial=initial
    )
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = render_source(form.cleaned_data["source"])
        else:
            try:
                created = start_thread(
                    category=form.cleaned_data["category"],
                    author=request.user,
                    title=form.cleaned_data["title"],
                    source=form.cleaned_data["source"],
                    tags=form.cleaned_data["tags"],
                    is_question=form.cleaned_data["is_question"],
                    attachments=form.cleaned_data.get("attachments", ()),
                )
            except PostingError as error:
                form.add_error(None, str(error))
            else:
                if created.hidden and not permissions.is_forum_moderator(request.user):
                    messages.info(
                        request, _("Thank you. A moderator will approve your thread shortly.")
                    )
                    return HttpResponseRedirect(created.category.get_absolute_url())
                return HttpResponseRedirect(created.get_absolute_url())
    return TemplateResponse(request, "forum/thread_form.html", {"form": form, "preview": preview})


@login_required
@member_may_write
@require_POST
def reply_to_thread(request, pk):
    """Add a reply; on bad input (or for a preview) the thread is shown again with the text."""
    chosen = _readable_thread(request, pk)
    form = ReplyForm(request.POST, request.FILES)
    if not form.is_valid():
        return thread(request, pk, reply_form=form)
    if "preview" in request.POST:
        return thread(
            request, pk, reply_form=form, preview=render_source(form.cleaned_data["source"])
        )
    reply_to = None
    if form.cleaned_data.get("reply_to"):
        reply_to = chosen.posts.filter(number=form.cleaned_data["reply_to"]).first()
    try:
        post = reply(
            chosen,
            request.user,
            form.cleaned_data["source"],
            reply_to=reply_to,
            attachments=form.cleaned_data.get("attachments", ()),
        )
    except PostingError as error:
        form.add_error(None, str(error))
        return thread(request, pk, reply_form=form)
    if post.awaiting_approval:
        messages.info(request, _("Thank you. A moderator will approve your reply shortly."))
        return HttpResponseRedirect(chosen.get_absolute_url())
    return HttpResponseRedirect(post_url(post, request.user))


def _editable_post(request, pk) -> Post:
    post = _readable_post(request, pk)
    if not permissions.can_edit_post(request.user, post):
        raise Http404
    return post


@login_required
@member_may_write
def edit(request, pk):
    """Edit a post; the earlier text is kept and the post marked as edited."""
    post = _editable_post(request, pk)
    form = ReplyForm(request.POST or None, initial={"source": post.source}, with_attachments=False)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = render_source(form.cleaned_data["source"])
        else:
            try:
                edit_post(post, request.user, form.cleaned_data["source"])
            except PostingError as error:
                form.add_error(None, str(error))
            else:
                return HttpResponseRedirect(post_url(post, request.user))
    return TemplateResponse(
        request, "forum/post_form.html", {"form": form, "post": post, "preview": preview}
    )


@login_required
@member_may_write
def delete(request, pk):
    """Ask, then withdraw one's own reply."""
    post = _editable_post(request, pk)
    error = None
    if request.method == "POST":
        try:
            delete_own_post(post, request.user)
        except PostingError as refusal:
            error = str(refusal)
        else:
            return HttpResponseRedirect(post_url(post, request.user))
    return TemplateResponse(
        request,
        "forum/post_delete.html",
        {"post": post, "error": error},
        status=400 if error else 200,
    )


def _act(request, pk, action) -> HttpResponseRedirect:
    """Run ``action(post)``; a refusal becomes a message, and the reader returns to the post."""
    post = _readable_post(request, pk)
    try:
        action(post)
    except PostingError as refusal:
        messages.error(request, str(refusal))
    return HttpResponseRedirect(post_url(post, request.user))


@login_required
@member_may_write
@require_POST
def react(request, pk):
    """Set or take back a reaction (like, thanks, helpful)."""
    return _act(
        request, pk, lambda post: toggle_reaction(post, request.user, request.POST.get("kind", ""))
    )


@login_required
@member_may_write
@require_POST
def solution(request, pk):
    """Mark a reply as the solution of its question, or (with ``undo``) open it again."""

    def choose(post):
        if "undo" in request.POST:
            unmark_solution(post.thread, request.user)
        else:
            mark_solution(post, request.user)

    return _act(request, pk, choose)
