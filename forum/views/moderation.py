"""Flagging for members; the queue, actions, log and post history for moderators.

Every moderators' page answers 404 to everybody else, so that it does not reveal itself.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from partners.standing import member_may_write
from theme.query_params import page_number

from .. import moderation, permissions
from ..choices import ModerationAction
from ..errors import PostingError
from ..forms_moderation import (
    FlagForm,
    LiftSuspensionForm,
    LogFilterForm,
    MoveForm,
    PostActionForm,
    SplitForm,
    SuspendForm,
    ThreadActionForm,
    WarnForm,
)
from ..limits import suspended_until
from ..listings import post_url
from ..markdown import render
from ..models import Flag, ModerationLogEntry, Post, Thread

QUEUE_PER_PAGE = 25
LOG_PER_PAGE = 50

# action: (service function, message when done, message when nothing changed)
POST_ACTIONS = {
    ModerationAction.HIDE: (
        moderation.hide_post,
        gettext_lazy("The post is hidden."),
        gettext_lazy("The post was hidden already."),
    ),
    ModerationAction.RESTORE: (
        moderation.restore_post,
        gettext_lazy("The post is shown again."),
        gettext_lazy("The post was not hidden."),
    ),
    ModerationAction.APPROVE: (
        moderation.approve_post,
        gettext_lazy("The post is approved."),
        gettext_lazy("The post was not awaiting approval."),
    ),
    ModerationAction.DISMISS_FLAGS: (
        moderation.dismiss_flags,
        gettext_lazy("The flags are dismissed."),
        gettext_lazy("The post had no open flags."),
    ),
}
THREAD_ACTIONS = {
    ModerationAction.LOCK: (
        moderation.lock_thread,
        gettext_lazy("The thread is locked."),
        gettext_lazy("The thread was locked already."),
    ),
    ModerationAction.UNLOCK: (
        moderation.unlock_thread,
        gettext_lazy("The thread is open for replies again."),
        gettext_lazy("The thread was not locked."),
    ),
    ModerationAction.PIN: (
        moderation.pin_thread,
        gettext_lazy("The thread is pinned."),
        gettext_lazy("The thread was pinned already."),
    ),
    ModerationAction.UNPIN: (
        moderation.unpin_thread,
        gettext_lazy("The thread is no longer pinned."),
        gettext_lazy("The thread was not pinned."),
    ),
}


def moderators_only(view):
    """404 for everybody but forum moderators."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not permissions.is_forum_moderator(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return guarded


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _form_errors(form) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def _run(request, action, target, note: str) -> None:
    """Run one action from the tables above and say how it went."""
    function, done, unchanged = action
    try:
        changed = function(target, request.user, note)
    except PostingError as refusal:
        messages.error(request, str(refusal))
    else:
        if changed:
            messages.success(request, done)
        else:
            messages.info(request, unchanged)


# -- flags


@login_required
@member_may_write
def flag(request, pk):
    """Ask the moderators to look at a post: a reason and an optional note."""
    post = get_object_or_404(
        Post.objects.select_related("thread__category", "author__profile"), pk=pk
    )
    if not permissions.can_read_thread(request.user, post.thread) or not post.is_visible:
        raise Http404
    refusal = None
    if post.author_id == request.user.pk:
        refusal = _("You cannot flag your own post.")
    elif Flag.objects.filter(post=post, reporter=request.user, resolved_at__isnull=True).exists():
        refusal = _("You have already flagged this post. The moderators will look at it.")
    form = FlagForm(request.POST or None)
    if refusal is None and request.method == "POST" and form.is_valid():
        try:
            moderation.flag_post(
                post, request.user, form.cleaned_data["reason"], form.cleaned_data["note"]
            )
        except PostingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you. The moderators will look at the post."))
            return HttpResponseRedirect(post_url(post, request.user))
    return TemplateResponse(
        request,
        "forum/moderation/flag.html",
        {"post": post, "form": form, "refusal": refusal},
    )


# -- actions on posts and threads


@moderators_only
@require_POST
def moderate_post(request, pk):
    """Hide, restore, approve a post or dismiss its flags, with an optional reason."""
    post = get_object_or_404(Post.objects.select_related("thread", "author"), pk=pk)
    form = PostActionForm(request.POST)
    if form.is_valid():
        action = POST_ACTIONS[form.cleaned_data["action"]]
        _run(request, action, post, form.cleaned_data["note"])
    else:
        messages.error(request, _form_errors(form))
    return HttpResponseRedirect(_safe_next(request, post_url(post, request.user)))


@moderators_only
@require_POST
def moderate_thread(request, pk):
    """Lock, unlock, pin or unpin a thread, with an optional reason."""
    thread = get_object_or_404(Thread.objects.select_related("author"), pk=pk)
    form = ThreadActionForm(request.POST)
    if form.is_valid():
        action = THREAD_ACTIONS[form.cleaned_data["action"]]
        _run(request, action, thread, form.cleaned_data["note"])
    else:
        messages.error(request, _form_errors(form))
    return HttpResponseRedirect(thread.get_absolute_url())


@moderators_only
def move(request, pk):
    """Move a thread to another category."""
    thread = get_object_or_404(Thread.objects.select_related("category", "author"), pk=pk)
    form = MoveForm(request.POST or None, thread=thread)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.move_thread(
                thread, request.user, form.cleaned_data["category"], form.cleaned_data["note"]
            )
        except PostingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The thread now is in “%(category)s”.")
                % {"category": form.cleaned_data["category"].name},
            )
            return HttpResponseRedirect(thread.get_absolute_url())
    return TemplateResponse(request, "forum/moderation/move.html", {"thread": thread, "form": form})


@moderators_only
def split(request, pk):
    """Split chosen replies off into a new thread."""
    thread = get_object_or_404(Thread.objects.select_related("category"), pk=pk)
    form = SplitForm(request.POST or None, thread=thread)
    if request.method == "POST" and form.is_valid():
        try:
            created = moderation.split_thread(
                thread,
                request.user,
                form.cleaned_data["posts"],
                title=form.cleaned_data["title"],
                category=form.cleaned_data["category"],
                note=form.cleaned_data["note"],
            )
        except PostingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The replies now form a thread of their own."))
            return HttpResponseRedirect(created.get_absolute_url())
    return TemplateResponse(
        request, "forum/moderation/split.html", {"thread": thread, "form": form}
    )


# -- members


@moderators_only
def member(request, pk):
    """A member's standing: warn, suspend, lift a suspension; recent decisions about them."""
    person = get_object_or_404(get_user_model().objects.select_related("profile"), pk=pk)
    forms = {
        "warn": WarnForm(prefix="warn"),
        "suspend": SuspendForm(prefix="suspend"),
        "lift": LiftSuspensionForm(prefix="lift"),
    }
    chosen = request.POST.get("action") if request.method == "POST" else None
    if chosen in forms:
        form = type(forms[chosen])(request.POST, prefix=chosen)
        forms[chosen] = form
        if form.is_valid():
            try:
                done = _discipline(request, person, chosen, form.cleaned_data)
            except PostingError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, done)
                return HttpResponseRedirect(request.path)
    context = {
        "person": person,
        "suspended_until": suspended_until(person),
        "post_count": Post.objects.filter(author=person).count(),
        "entries": ModerationLogEntry.objects.filter(target_user=person).select_related(
            "moderator__profile"
        )[:20],
        "warn_form": forms["warn"],
        "suspend_form": forms["suspend"],
        "lift_form": forms["lift"],
        "is_moderator": permissions.is_forum_moderator(person),
    }
    return TemplateResponse(request, "forum/moderation/member.html", context)


def _discipline(request, person, chosen: str, data) -> str:
    if chosen == "warn":
        moderation.warn_user(person, request.user, data["message"])
        return _("The warning was sent.")
    if chosen == "suspend":
        moderation.suspend_user(person, request.user, data["ends_at"], data["note"])
        return _("The member is suspended.")
    if moderation.lift_suspension(person, request.user, data["note"]):
        return _("The suspension is lifted.")
    return _("The member was not suspended.")


# -- queue, log, history


@moderators_only
def queue(request):
    """Flagged posts (grouped, with reasons and counts) and posts awaiting approval."""
    flagged = Paginator(moderation.flagged_posts(), QUEUE_PER_PAGE).get_page(
        page_number(request.GET, "flags_page")
    )
    for post in flagged.object_list:
        post.flag_reasons = moderation.summarise_flags(post.open_flags)
        post.flag_notes = [flag for flag in post.open_flags if flag.note]
    waiting = Paginator(moderation.posts_awaiting_approval(), QUEUE_PER_PAGE).get_page(
        page_number(request.GET, "approval_page")
    )
    return TemplateResponse(
        request,
        "forum/moderation/queue.html",
        {"flagged": flagged, "waiting": waiting},
    )


@moderators_only
def log(request):
    """What moderators did, newest first, filterable by action."""
    form = LogFilterForm(request.GET or None)
    entries = ModerationLogEntry.objects.select_related(
        "moderator__profile", "target_user__profile", "thread", "post"
    )
    if form.is_valid() and form.cleaned_data["action"]:
        entries = entries.filter(action=form.cleaned_data["action"])
    page = Paginator(entries, LOG_PER_PAGE).get_page(page_number(request.GET))
    return TemplateResponse(request, "forum/moderation/log.html", {"form": form, "entries": page})


@moderators_only
def history(request, pk):
    """The post's earlier texts, newest first, rendered safely as the post itself is."""
    post = get_object_or_404(Post.objects.select_related("thread", "author__profile"), pk=pk)
    revisions = list(post.revisions.select_related("edited_by__profile"))
    for revision in revisions:
        revision.html = render(revision.source)
    return TemplateResponse(
        request,
        "forum/moderation/history.html",
        {"post": post, "revisions": revisions},
    )
