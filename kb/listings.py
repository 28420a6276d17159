"""The queries behind every knowledge-base listing: library, topics, partners, collections,
related content. Each does a fixed number of queries, whatever the number of pages, and
shows only what the reader may see (kb.visibility), in the reader's language."""

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from partners.models import Partner, Profile
from theme.navigation import url_in_language
from theme.page_cache import cached_fragment
from theme.query_params import ChoiceParam, PageParam, QueryForm, TextParam, YearParam
from theme.translation import reader_versions

from .activity import recent_activity
from .choices import KnowledgeType, LibrarySort, ProjectStatus
from .models import (
    ArticlePage,
    KnowledgePage,
    KnowledgePageTag,
    LibraryIndexPage,
    PartnerPage,
    ProjectPage,
    RelatedPage,
    Reuse,
    Topic,
)
from .visibility import audience_key, visible_to

PAGE_SIZE = 20
TAG_FACET_SIZE = 20
RELATED_SIZE = 4
ORDERING = {
    LibrarySort.NEWEST: ["-first_published_at", "pk"],
    LibrarySort.UPDATED: ["-last_published_at", "pk"],
    LibrarySort.TITLE: ["title", "pk"],
}
MODEL_FOR_TYPE = {KnowledgeType.ARTICLE: ArticlePage, KnowledgeType.PROJECT: ProjectPage}


def in_reader_language(pages):
    """Each page once: its live translation in the reader's language where there is one,
    otherwise the original in the default language."""
    active, default = get_language(), settings.LANGUAGE_CODE
    if active == default:
        return pages.filter(locale__language_code=default)
    translated = pages.model.objects.live().filter(locale__language_code=active)
    return pages.filter(
        Q(locale__language_code=active)
        | Q(locale__language_code=default)
        & ~Q(translation_key__in=translated.values("translation_key"))
    )


def knowledge_pages_for(user):
    """The knowledge pages ``user`` may read, in the reader's language (see above)."""
    return visible_to(in_reader_language(KnowledgePage.objects.all()), user)


def for_listing(pages):
    """What a listing entry shows, fetched with the pages (no query per entry)."""
    return (
        pages.select_related("partner", "locale", "content_type")
        .prefetch_related("topics")
        .annotate(project_status=F("projectpage__status"))
    )


def type_of(page) -> str:
    return (
        KnowledgeType.PROJECT if page.content_type.model == "projectpage" else KnowledgeType.ARTICLE
    )


def _topic_keys(slug: str):
    return Topic.objects.filter(slug=slug).values("translation_key")


def pages_with_topics(keys):
    """Ids of knowledge pages with any of the topics (by translation key, so any language)."""
    return KnowledgePage.topics.through.objects.filter(topic__translation_key__in=keys).values(
        "knowledgepage_id"
    )


class LibraryQuery(QueryForm):
    """What the library reads from the URL, each value checked (theme.query_params)."""

    topic = TextParam()
    partner = TextParam()
    type = ChoiceParam(choices=KnowledgeType.choices)
    status = ChoiceParam(choices=ProjectStatus.choices)
    tag = TextParam()
    year = YearParam()
    reused = ChoiceParam(choices=[("1", "1")])
    sort = ChoiceParam(choices=LibrarySort.choices, initial=LibrarySort.NEWEST)
    page = PageParam()


@dataclass(frozen=True)
class LibraryFilters:
    """The library's filters as the URL carries them. A value that names nothing matches
    nothing, and so does one LibraryQuery refuses (the year 0, a NUL byte): the reader sees
    it among the active filters, with a link that removes it."""

    topic: str = ""
    partner: str = ""
    type: str = ""
    status: str = ""
    tag: str = ""
    year: str = ""
    reused: str = ""
    sort: str = LibrarySort.NEWEST
    refused: frozenset[str] = frozenset()

    NAMES = ("topic", "partner", "type", "status", "tag", "year", "reused")

    @classmethod
    def from_query(cls, query: QueryDict) -> "LibraryFilters":
        checked = LibraryQuery(query)
        refused = frozenset(checked.refused) & set(cls.NAMES)
        values = {
            name: checked.raw(name) if name in refused else str(checked.value(name) or "")
            for name in cls.NAMES
        }
        return cls(**values, sort=checked.value("sort"), refused=refused)

    @property
    def active(self) -> dict[str, str]:
        return {
            name: getattr(self, name)
            for name in self.NAMES
            if getattr(self, name) or name in self.refused
        }

    def apply(self, pages, skip: str = ""):
        """``pages`` narrowed by every filter but ``skip`` (a facet counts without its own)."""
        for name, value in self.active.items():
            if name in self.refused and name != skip:
                pages = pages.none()
            elif name != skip:
                pages = getattr(self, f"_filter_{name}")(pages, value)
        return pages

    def _filter_topic(self, pages, value):
        return pages.filter(pk__in=pages_with_topics(_topic_keys(value)))

    def _filter_partner(self, pages, value):
        return pages.filter(partner__slug=value)

    def _filter_type(self, pages, value):
        return pages.filter(content_type=ContentType.objects.get_for_model(MODEL_FOR_TYPE[value]))

    def _filter_status(self, pages, value):
        return pages.filter(projectpage__status=value)

    def _filter_tag(self, pages, value):
        return pages.filter(
            pk__in=KnowledgePageTag.objects.filter(tag__slug=value).values("content_object_id")
        )

    def _filter_year(self, pages, value):
        return pages.filter(first_published_at__year=int(value))

    def _filter_reused(self, pages, value):
        return pages.filter(translation_key__in=Reuse.objects.values("page__translation_key"))


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue] = field(default_factory=list)


@dataclass
class Listing:
    filters: LibraryFilters
    page: object  # django.core.paginator.Page of KnowledgePage
    total: int
    facets: list[Facet]
    sort_options: list[FacetValue]
    active_filters: list[FacetValue]


def _url_with(query: QueryDict, **changes) -> str:
    """The current query with ``changes`` (None removes a key); always back to page one."""
    params = query.copy()
    params.pop("page", None)
    for key, value in changes.items():
        params.pop(key, None)
        if value is not None:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def library_listing(request, *, topic: Topic | None = None) -> Listing:
    """The library page: filtered, faceted, sorted and paginated, all from the URL."""
    query = request.GET.copy()
    if topic is not None:
        query["topic"] = topic.slug
    filters = LibraryFilters.from_query(query)
    page_number = LibraryQuery(request.GET).value("page")
    pages = knowledge_pages_for(request.user)
    # Facets depend on the filters and the audience, not on the page number: paging and
    # returning readers reuse them until content changes.
    facet_query = sorted((key, value) for key, value in request.GET.items() if key != "page")
    facets = cached_fragment(
        "library-facets:"
        + hashlib.sha256(
            repr((get_language(), audience_key(request.user), filters, facet_query)).encode()
        ).hexdigest(),
        lambda: _facets(pages, filters, request.GET),
    )
    results = filters.apply(pages).order_by(*ORDERING[filters.sort])
    paginator = Paginator(for_listing(results), PAGE_SIZE)
    page = paginator.get_page(page_number)
    decorate(page.object_list, request)
    sort_options = [
        FacetValue(value, label, 0, value == filters.sort, _url_with(request.GET, sort=value))
        for value, label in LibrarySort.choices
    ]
    active_filters = [value for facet in facets for value in facet.values if value.selected]
    active_filters += _unmatched_filters(filters, facets, request.GET)
    return Listing(filters, page, paginator.count, facets, sort_options, active_filters)


def _unmatched_filters(filters: LibraryFilters, facets: list[Facet], query: QueryDict) -> list:
    """Filters no facet offers (an unknown topic, the year 0), shown so that the reader can
    see why the listing is empty and remove them."""
    shown = {facet.name for facet in facets for value in facet.values if value.selected}
    labels = {facet.name: facet.label for facet in facets}
    return [
        FacetValue(
            value,
            f"{labels[name]}: {value}" if value else str(labels[name]),
            0,
            True,
            _url_with(query, **{name: None}),
        )
        for name, value in filters.active.items()
        # A topic page's own topic comes from its path, not from the query.
        if name not in shown and name in query
    ]


def _facets(pages, filters: LibraryFilters, query: QueryDict) -> list[Facet]:
    def values(name, counted):
        current = getattr(filters, name)
        return [
            FacetValue(
                value,
                label,
                count,
                value == current,
                _url_with(query, **{name: None if value == current else value}),
            )
            for value, label, count in counted
        ]

    return [
        Facet("type", _("Type"), values("type", _type_counts(filters.apply(pages, "type")))),
        Facet("topic", _("Topic"), values("topic", _topic_counts(filters.apply(pages, "topic")))),
        Facet(
            "partner",
            _("Partner"),
            values("partner", _partner_counts(filters.apply(pages, "partner"))),
        ),
        Facet(
            "status",
            _("Project status"),
            values("status", _status_counts(filters.apply(pages, "status"))),
        ),
        Facet("tag", _("Tag"), values("tag", _tag_counts(filters.apply(pages, "tag")))),
        Facet("year", _("Year"), values("year", _year_counts(filters.apply(pages, "year")))),
        Facet(
            "reused",
            _("Reuse"),
            values("reused", _reused_counts(filters.apply(pages, "reused"))),
        ),
    ]


def _type_counts(pages):
    by_model = {
        row["content_type__model"]: row["n"]
        for row in pages.order_by().values("content_type__model").annotate(n=Count("pk"))
    }
    return [
        (value, label, by_model.get(MODEL_FOR_TYPE[value]._meta.model_name, 0))
        for value, label in KnowledgeType.choices
        if by_model.get(MODEL_FOR_TYPE[value]._meta.model_name)
    ]


def _topic_counts(pages):
    counts = dict(
        KnowledgePage.topics.through.objects.filter(knowledgepage__in=pages.order_by().values("pk"))
        .values("topic__translation_key")
        .annotate(n=Count("knowledgepage_id", distinct=True))
        .values_list("topic__translation_key", "n")
    )
    topics = _topics_in_reader_language(counts)
    return [(topic.slug, topic.name, counts[key]) for key, topic in topics.items()]


def reader_topics(topics) -> list:
    """These topics in the reader's language where translated (one query)."""
    return list(_topics_in_reader_language({topic.translation_key for topic in topics}).values())


def _topics_in_reader_language(keys) -> dict:
    """Topic per translation key, in the reader's language where translated, sorted by name."""
    chosen = reader_versions(Topic, keys)
    return dict(sorted(chosen.items(), key=lambda item: item[1].name))


def _partner_counts(pages):
    rows = (
        pages.order_by()
        .filter(partner__isnull=False)
        .values("partner__slug", "partner__name")
        .annotate(n=Count("pk"))
        .order_by("partner__name")
    )
    return [(row["partner__slug"], row["partner__name"], row["n"]) for row in rows]


def _status_counts(pages):
    counts = dict(
        pages.order_by()
        .filter(projectpage__isnull=False)
        .values("projectpage__status")
        .annotate(n=Count("pk"))
        .values_list("projectpage__status", "n")
    )
    return [
        (value, label, counts[value]) for value, label in ProjectStatus.choices if value in counts
    ]


def _tag_counts(pages):
    rows = (
        KnowledgePageTag.objects.filter(content_object__in=pages.order_by().values("pk"))
        .values("tag__slug", "tag__name")
        .annotate(n=Count("content_object_id", distinct=True))
        .order_by("-n", "tag__name")[:TAG_FACET_SIZE]
    )
    return [(row["tag__slug"], row["tag__name"], row["n"]) for row in rows]


def _year_counts(pages):
    rows = (
        pages.order_by()
        .filter(first_published_at__isnull=False)
        .annotate(year=ExtractYear("first_published_at"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("-year")
    )
    return [(str(row["year"]), str(row["year"]), row["n"]) for row in rows]


def _reused_counts(pages):
    count = pages.filter(translation_key__in=Reuse.objects.values("page__translation_key")).count()
    return [("1", _("Reused by other partners"), count)] if count else []


def collection_entries(collection, request) -> list:
    """A collection's saved query, run live for this reader."""
    pages = knowledge_pages_for(request.user)
    topic_keys = list(collection.topics.values_list("translation_key", flat=True))
    if topic_keys:
        pages = pages.filter(pk__in=pages_with_topics(topic_keys))
    partner_ids = list(collection.partners.values_list("pk", flat=True))
    if partner_ids:
        pages = pages.filter(partner_id__in=partner_ids)
    types = [MODEL_FOR_TYPE[value] for value in collection.page_types if value in MODEL_FOR_TYPE]
    if types:
        pages = pages.filter(content_type__in=ContentType.objects.get_for_models(*types).values())
    if collection.statuses:
        pages = pages.filter(
            Q(projectpage__status__in=collection.statuses) | Q(projectpage__isnull=True)
        )
    if collection.tag_names:
        pages = pages.filter(
            pk__in=KnowledgePageTag.objects.filter(tag__name__in=collection.tag_names).values(
                "content_object_id"
            )
        )
    entries = list(for_listing(pages).order_by(*ORDERING[collection.order])[: collection.limit])
    return decorate(entries, request)


def decorate(entries, request=None):
    """Give each listed page what its entry shows: URL for this reader, type, status and
    topic labels in the reader's language (one query for all entries' topics)."""
    language = get_language()
    keys = {topic.translation_key for entry in entries for topic in entry.topics.all()}
    topics = _topics_in_reader_language(keys) if keys else {}
    for entry in entries:
        entry.reader_topics = [
            topics[t.translation_key] for t in entry.topics.all() if t.translation_key in topics
        ]
        entry.reader_url = url_in_language(entry, language, request)
        entry.type = type_of(entry)
        entry.type_label = KnowledgeType(entry.type).label
        entry.status_label = (
            ProjectStatus(entry.project_status).label if entry.project_status else ""
        )
    return entries


PARTNER_SECTION_SIZE = 10


def partner_space(partner_page, request) -> dict:
    """A partner page's lists: its newest articles and projects (the library has them all),
    its people who chose to be listed, and their recent activity elsewhere (the forum).

    All but the activity is the same for every reader of an audience and kept until content
    changes; a preview computes it afresh, since its section may be unsaved."""
    if getattr(request, "is_preview", False):
        shared = _partner_lists(partner_page, request)
    else:
        shared = cached_fragment(
            f"partner-space:{partner_page.pk}:{get_language()}:{audience_key(request.user)}",
            lambda: _partner_lists(partner_page, request),
        )
    # The forum has audiences of its own (working groups), so this is asked for each reader.
    return {**shared, "activity": recent_activity(shared["partner"], request.user)}


def _partner_lists(partner_page, request) -> dict:
    pages = knowledge_pages_for(request.user).filter(partner_id=partner_page.partner_id)
    lists = {}
    for kind, model in MODEL_FOR_TYPE.items():
        of_kind = pages.filter(content_type=ContentType.objects.get_for_model(model))
        newest = for_listing(of_kind).order_by("-first_published_at")[:PARTNER_SECTION_SIZE]
        lists[kind] = (decorate(list(newest), request), of_kind.count())
    people = Profile.objects.filter(
        partner_id=partner_page.partner_id, is_public=True, user__is_active=True
    ).select_related("user")
    partner = Partner.objects.get(pk=partner_page.partner_id)
    library = in_reader_language(LibraryIndexPage.objects.live()).first()
    library_url = library.get_url(request) if library else ""
    return {
        "articles": lists[KnowledgeType.ARTICLE][0],
        "article_count": lists[KnowledgeType.ARTICLE][1],
        "projects": lists[KnowledgeType.PROJECT][0],
        "project_count": lists[KnowledgeType.PROJECT][1],
        "all_articles_url": f"{library_url}?partner={partner.slug}&type=article",
        "all_projects_url": f"{library_url}?partner={partner.slug}&type=project",
        "people": list(people),
        "partner": partner,
    }


def partner_overview(index_page, request) -> list:
    """The partner pages below the index, each with how many pages it has for this reader."""
    counts = Counter(
        dict(
            knowledge_pages_for(request.user)
            .order_by()
            .values("partner_id")
            .annotate(n=Count("pk"))
            .values_list("partner_id", "n")
        )
    )
    partner_pages = visible_to(in_reader_language(PartnerPage.objects.all()), request.user)
    partner_pages = list(partner_pages.select_related("partner", "locale").order_by("title"))
    language = get_language()
    for partner_page in partner_pages:
        partner_page.page_count = counts[partner_page.partner_id]
        partner_page.reader_url = url_in_language(partner_page, language, request)
    return partner_pages


def related_pages(page: KnowledgePage, request, topics=None, tag_ids=None) -> list:
    """Pages an editor linked, then pages sharing most topics and tags; only visible ones.

    Scores are counted from the link tables in Python: two narrow queries instead of one
    wide aggregate over the page tables. ``topics``/``tag_ids`` may be passed when known.
    """
    topics = list(page.topics.all()) if topics is None else topics
    tag_ids = (
        list(KnowledgePageTag.objects.filter(content_object=page).values_list("tag_id", flat=True))
        if tag_ids is None
        else tag_ids
    )
    chosen_ids = list(RelatedPage.objects.filter(page=page).values_list("target_id", flat=True))
    scores = Counter(
        KnowledgePage.topics.through.objects.filter(
            topic__translation_key__in=[topic.translation_key for topic in topics]
        ).values_list("knowledgepage_id", flat=True)
    )
    scores.update(
        KnowledgePageTag.objects.filter(tag_id__in=tag_ids).values_list(
            "content_object_id", flat=True
        )
    )
    wanted = chosen_ids + [pk for pk, _score in scores.most_common(RELATED_SIZE * 10)]
    if not wanted:
        return []
    candidates = (
        knowledge_pages_for(request.user)
        .exclude(translation_key=page.translation_key)
        .filter(pk__in=wanted)
    )
    rank = {pk: (0 if pk in chosen_ids else 1, -scores[pk]) for pk in wanted}
    found = sorted(
        for_listing(candidates),
        key=lambda entry: (*rank[entry.pk], -entry.first_published_at.timestamp()),
    )
    return decorate(found[:RELATED_SIZE], request)
