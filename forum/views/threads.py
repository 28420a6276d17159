from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from .. import permissions
from ..choices import ThreadSort
from ..editing import delete_own_post, edit_post
from ..forms import ReplyForm, ThreadForm
from ..listings import (
    POSTS_PER_PAGE,
    category_index,
    category_threads,
    thread_posts,
    with_reader_names,
)
from ..models import Category, Post, Thread
from ..posting import PostingError, reply, start_thread


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
    thread = get_object_or_404(Thread.objects.select_related("category", "author__profile"), pk=pk)
    if not permissions.can_read_thread(request.user, thread):
        raise Http404
    return thread


def index(request):
    return TemplateResponse(
        request, "forum/index.html", {"categories": category_index(request.user)}
    )


def category(request, slug):
    chosen = _readable_category(request, slug)
    sort = request.GET.get("sort", ThreadSort.ACTIVITY)
    if sort not in ThreadSort.values:
        sort = ThreadSort.ACTIVITY
    context = {
        "category": chosen,
        "threads": category_threads(chosen, request.user, sort, request.GET.get("page")),
        "sort": sort,
        "sort_options": ThreadSort.choices,
        "can_post": permissions.can_post(request.user, chosen),
    }
    return TemplateResponse(request, "forum/category.html", context)


def thread(request, pk, reply_form=None):
    chosen = _readable_thread(request, pk)
    can_reply = permissions.can_reply(request.user, chosen)
    context = {
        "thread": chosen,
        "category": with_reader_names([chosen.category])[0],
        "posts": thread_posts(chosen, request.user, request.GET.get("page")),
        "reply_form": (reply_form or ReplyForm()) if can_reply else None,
        "can_reply": can_reply,
    }
    return TemplateResponse(request, "forum/thread.html", context)


@login_required
def new_thread(request):
    categories = with_reader_names(permissions.readable_categories(request.user))
    postable = Category.objects.filter(
        pk__in=[c.pk for c in categories if permissions.can_post(request.user, c)]
    )
    initial = {}
    if "category" in request.GET:
        initial["category"] = postable.filter(slug=request.GET["category"]).first()
    form = ThreadForm(request.POST or None, categories=postable, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            created = start_thread(
                category=form.cleaned_data["category"],
                author=request.user,
                title=form.cleaned_data["title"],
                source=form.cleaned_data["source"],
                tags=form.cleaned_data["tags"],
                is_question=form.cleaned_data["is_question"],
            )
        except PostingError as error:
            form.add_error(None, str(error))
        else:
            return HttpResponseRedirect(created.get_absolute_url())
    return TemplateResponse(request, "forum/thread_form.html", {"form": form})


@login_required
@require_POST
def reply_to_thread(request, pk):
    """Add a reply; on bad input the thread is shown again with the text and the message."""
    chosen = _readable_thread(request, pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            post = reply(chosen, request.user, form.cleaned_data["source"])
        except PostingError as error:
            form.add_error(None, str(error))
        else:
            page = (post.number - 1) // POSTS_PER_PAGE + 1
            return HttpResponseRedirect(
                f"{chosen.get_absolute_url()}?page={page}#post-{post.number}"
            )
    return thread(request, pk, reply_form=form)


def _post_url(post) -> str:
    page = (post.number - 1) // POSTS_PER_PAGE + 1
    return f"{post.thread.get_absolute_url()}?page={page}#post-{post.number}"


def _editable_post(request, pk) -> Post:
    post = get_object_or_404(Post.objects.select_related("thread__category"), pk=pk)
    if not permissions.can_read_thread(request.user, post.thread) or not permissions.can_edit_post(
        request.user, post
    ):
        raise Http404
    return post


@login_required
def edit(request, pk):
    """Edit a post; the earlier text is kept and the post marked as edited."""
    post = _editable_post(request, pk)
    form = ReplyForm(request.POST or None, initial={"source": post.source})
    if request.method == "POST" and form.is_valid():
        try:
            edit_post(post, request.user, form.cleaned_data["source"])
        except PostingError as error:
            form.add_error(None, str(error))
        else:
            return HttpResponseRedirect(_post_url(post))
    return TemplateResponse(request, "forum/post_form.html", {"form": form, "post": post})


@login_required
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
            return HttpResponseRedirect(_post_url(post))
    return TemplateResponse(
        request,
        "forum/post_delete.html",
        {"post": post, "error": error},
        status=400 if error else 200,
    )
