"""The bell's list, watch levels, the member's forum settings and unsubscribing from mails."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from taggit.models import Tag

from theme.query_params import page_number

from .. import mail, notifications, watching
from ..choices import WatchLevel
from ..forms_notifications import ForumSettingsForm, WatchForm
from ..listings import with_reader_names
from ..models import Category, Thread, Watch
from ..permissions import can_read, can_read_thread
from ..reading import forum_settings


@login_required
def notification_list(request):
    """The member's notifications, newest first; unread ones marked."""
    notifications.forget_unseeable(request.user)
    page = Paginator(
        notifications.notifications_for(request.user), notifications.NOTIFICATIONS_PER_PAGE
    ).get_page(page_number(request.GET))
    for notification in page.object_list:
        notification.text = notifications.describe(notification)
    return TemplateResponse(request, "forum/notifications.html", {"page_obj": page})


@login_required
@require_POST
def mark_all_read(request):
    notifications.mark_all_read(request.user)
    messages.success(request, _("All notifications are marked as read."))
    return HttpResponseRedirect(reverse("forum:notifications"))


@login_required
def open_notification(request, pk):
    """Mark one notification read and go to what it is about."""
    notification = notifications.open_notification(request.user, pk)
    if notification is None:
        raise Http404
    return HttpResponseRedirect(notifications.target_url(notification, request.user))


def _back(request, fallback: str) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = fallback
    return HttpResponseRedirect(target)


def _set_level(request, fallback: str, **target) -> HttpResponseRedirect:
    form = WatchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose one of the notification levels."))
        return _back(request, fallback)
    watching.set_watch_level(request.user, form.cleaned_data["level"], **target)
    messages.success(request, _("Your notification level is saved."))
    return _back(request, fallback)


@login_required
@require_POST
def watch_thread(request, pk):
    thread = get_object_or_404(Thread.objects.select_related("category"), pk=pk)
    if not can_read_thread(request.user, thread):
        raise Http404
    return _set_level(request, thread.get_absolute_url(), thread=thread)


@login_required
@require_POST
def watch_category(request, slug):
    """Watch levels belong to the default-language category, whichever slug was used."""
    found = Category.objects.filter(slug=slug).first()
    original = (
        found and Category.objects.originals().filter(translation_key=found.translation_key).first()
    )
    if not original or not can_read(request.user, original):
        raise Http404
    return _set_level(request, original.get_absolute_url(), category=original)


@login_required
@require_POST
def watch_tag(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    return _set_level(request, reverse("forum:tag", kwargs={"slug": tag.slug}), tag=tag)


@login_required
def settings(request):
    """Mail, partner mentions and expert questions; saving also records the page's language
    as the language of the member's mails."""
    form = ForumSettingsForm(request.POST or None, instance=forum_settings(request.user))
    if request.method == "POST" and form.is_valid():
        form.save()
        mail.remember_language(request.user, get_language())
        messages.success(request, _("Your forum settings are saved."))
        return HttpResponseRedirect(reverse("forum:settings"))
    watches = list(
        Watch.objects.filter(user=request.user, thread__isnull=True)
        .select_related("category", "tag")
        .order_by("category__position", "category__name", "tag__name")
    )
    with_reader_names([watch.category for watch in watches if watch.category_id])
    context = {
        "form": form,
        "watches": watches,
        "levels": WatchLevel.choices,
        "mail_language": mail.mail_language(request.user),
    }
    return TemplateResponse(
        request, "forum/settings.html", context, status=400 if form.errors else 200
    )


@csrf_exempt  # RFC 8058 one-click: mail programs POST without a token; the signature guards it
@never_cache
def unsubscribe(request, token):
    """Turn notification mails off from a link in a mail, without logging in."""
    user = mail.user_for_token(token)
    if user is None:
        return TemplateResponse(
            request, "forum/notifications_unsubscribe.html", {"invalid": True}, status=400
        )
    done = request.method == "POST"
    if done:
        mail.unsubscribe(user)
    return TemplateResponse(
        request,
        "forum/notifications_unsubscribe.html",
        {"done": done, "email": user.email, "token": token},
    )
