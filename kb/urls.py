from django.urls import path, register_converter
from django.utils.translation import gettext_lazy as _

from . import views


class FeedKindConverter:
    regex = "rss|atom"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FeedKindConverter, "feed")

app_name = "kb"

urlpatterns = [
    path(_("topics/<slug:slug>/"), views.topic, name="topic"),
    path(_("reuse/<int:page_id>/"), views.reuse, name="reuse"),
    path("feeds/<feed:kind>/", views.library_feed, name="library_feed"),
    path(_("feeds/topic/<slug:slug>/<feed:kind>/"), views.topic_feed, name="topic_feed"),
    path(_("feeds/partner/<slug:slug>/<feed:kind>/"), views.partner_feed, name="partner_feed"),
]
