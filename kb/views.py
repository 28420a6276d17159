from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from partners.models import Partner
from partners.standing import member_may_write
from theme.navigation import url_in_language

from .feeds import LibraryAtomFeed, LibraryRssFeed
from .listings import library_listing
from .models import KnowledgePage, LibraryIndexPage, Topic
from .reuse import ReuseForm, declare_reuse, declaring_partner
from .visibility import is_visible_to

FEEDS = {"rss": LibraryRssFeed, "atom": LibraryAtomFeed}


def topic_in_reader_language(slug: str) -> Topic:
    """The topic by its slug in any language, shown in the reader's language if translated."""
    topic = Topic.objects.filter(slug=slug).first()
    if topic is None:
        raise Http404
    return topic.get_translation_or_none(Locale.get_active()) or topic


def library_page() -> LibraryIndexPage | None:
    pages = LibraryIndexPage.objects.live().select_related("locale")
    return pages.filter(locale__language_code=get_language()).first() or pages.first()


def topic(request, slug):
    """A topic's own listing: its description and the library filtered to it."""
    chosen = topic_in_reader_language(slug)
    context = {
        "topic": chosen,
        "library": library_listing(request, topic=chosen),
        "library_page": library_page(),
    }
    return TemplateResponse(request, "kb/topic.html", context)


def _library_url(request) -> str:
    page = library_page()
    return page.get_url(request) if page else "/"


def library_feed(request, kind):
    return FEEDS[kind](_library_url(request))(request)


def topic_feed(request, slug, kind):
    return FEEDS[kind](_library_url(request), topic=topic_in_reader_language(slug))(request)


def partner_feed(request, slug, kind):
    partner = get_object_or_404(Partner, slug=slug)
    return FEEDS[kind](_library_url(request), partner=partner)(request)


@login_required
@member_may_write
@require_POST
def reuse(request, page_id):
    """Declare or update the reader's partner's reuse of a page, then back to the page."""
    page = get_object_or_404(KnowledgePage.objects.select_related("locale"), pk=page_id)
    if not is_visible_to(page, request.user):
        raise Http404
    back = url_in_language(page, get_language(), request) + "#nachnutzung"
    partner = declaring_partner(request.user, page)
    if partner is None:
        messages.error(request, _("Only members of other partners can declare reuse."))
        return HttpResponseRedirect(back)
    form = ReuseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose a stage; the note may have 300 characters."))
        return HttpResponseRedirect(back)
    changed = declare_reuse(
        page, partner, request.user, form.cleaned_data["stage"], form.cleaned_data["note"]
    )
    if changed is not None:
        messages.success(
            request, _("Saved: %(partner)s reuses this solution.") % {"partner": partner.name}
        )
    return HttpResponseRedirect(back)
