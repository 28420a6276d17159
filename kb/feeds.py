"""RSS and Atom feeds of the library, per topic and per partner: public pages only.

Every link is on the public base address (theme.site_address): Django's feeds would put
the sites framework's domain in front of a path, and a reader fetching through a proxy
would otherwise see the internal host.
"""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from theme.site_address import absolute_url, page_url, site_name

from .listings import for_listing, knowledge_pages_for, pages_with_topics
from .models import Topic

FEED_SIZE = 30


class LibraryRssFeed(Feed):
    """The newest pages of the library as a visitor sees them (feeds carry no login)."""

    def __init__(self, link: str, *, topic: Topic | None = None, partner=None):
        super().__init__()
        self.link_url = link
        self.topic = topic
        self.partner = partner

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        if self.topic is not None:
            return _("%(site)s: %(topic)s") % {"site": site_name(), "topic": self.topic.name}
        if self.partner is not None:
            return _("%(site)s: %(partner)s") % {"site": site_name(), "partner": self.partner.name}
        return _("%(site)s: library") % {"site": site_name()}

    def link(self):
        return absolute_url(self.link_url)

    def feed_url(self):
        return absolute_url(self.request.path)

    def description(self):
        return _("New best-practice articles and project profiles of the Coesfeld 12.0 partners.")

    def items(self):
        pages = knowledge_pages_for(AnonymousUser())
        if self.topic is not None:
            pages = pages.filter(pk__in=pages_with_topics([self.topic.translation_key]))
        if self.partner is not None:
            pages = pages.filter(partner=self.partner)
        return list(for_listing(pages).order_by("-first_published_at")[:FEED_SIZE])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return page_url(item, self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.partner.name if item.partner else None

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]


class LibraryAtomFeed(LibraryRssFeed):
    feed_type = Atom1Feed
    subtitle = LibraryRssFeed.description
