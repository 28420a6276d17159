"""The one entry point every search surface calls; views never talk to a backend.

``search()`` turns what the reader typed and chose into a ``SearchRequest`` for the
configured backend — with the audiences this reader may see, decided by
``search.audience`` — and dresses the answer for the page: snippets, facet labels,
"Meinten Sie …?" and the editors' recommendations.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.urls import translate_url
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from . import audience
from .analysis import parse_query, synonym_key
from .backends import SearchRequest, SearchResponse, get_backend
from .backends.base import FACETS
from .backends.database import AUDIENCES_CACHE_KEY
from .highlight import Snippet, mark, snippet
from .models import Entry, EntryKind, Synonym

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
SYNONYMS_CACHE_KEY = "search:synonyms"
SORTS = ("relevance", "date")
# Fewer hits than this, and the spelling of each word is checked.
SUGGEST_BELOW = 3


def normalise_query(raw: str) -> str:
    """Drop control characters and collapse whitespace; long input is cut, not refused."""
    cleaned = "".join(ch for ch in raw if ch.isprintable() or ch.isspace())
    return " ".join(cleaned.split())[:MAX_QUERY_LENGTH]


def stored_audiences() -> list[str]:
    """Every audience the index holds (a handful: public, members, each group)."""
    audiences = cache.get(AUDIENCES_CACHE_KEY)
    if audiences is None:
        audiences = list(Entry.objects.values_list("audience", flat=True).distinct())
        cache.set(AUDIENCES_CACHE_KEY, audiences, 60)
    return audiences


def reader_audiences(user) -> tuple[str, ...]:
    """The stored audiences ``user`` may see; every backend filters on exactly these."""
    return tuple(audience.visible_audiences(user, stored_audiences()))


def synonym_map() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Each term of the synonym list by its ``synonym_key``, with its equivalents' keys."""
    mapping = cache.get(SYNONYMS_CACHE_KEY)
    if mapping is None:
        mapping = {}
        for synonym in Synonym.objects.all():
            forms = [
                t for t in dict.fromkeys(synonym_key(term) for term in synonym.term_list()) if t
            ]
            for form in forms:
                others = tuple(f for f in forms if f != form)
                mapping[form] = tuple(dict.fromkeys((*mapping.get(form, ()), *others)))
        cache.set(SYNONYMS_CACHE_KEY, mapping, 3600)
    return mapping


@dataclass
class Result:
    """One hit as the page shows it."""

    kind: str
    kind_label: str
    title: SafeString
    url: str
    snippet: Snippet
    partner_name: str
    topics: str
    date: datetime.datetime | None
    solved: bool | None
    review_due: bool


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResults:
    query: str
    page: PaginatorPage
    total: int = 0
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"
    facets: dict[str, list[FacetOption]] = field(default_factory=dict)
    suggestion: str = ""
    promotions: list = field(default_factory=list)
    backend: str = ""


class _Window:
    """What the paginator pages through: the total, and the one page the backend returned."""

    def __init__(self, total: int, hits: list):
        self.total, self.hits = total, hits

    def __len__(self):
        return self.total

    def count(self):
        return self.total

    def __getitem__(self, item):
        return self.hits


def _page_number(raw) -> int:
    try:
        return max(1, int(str(raw)[:9]))
    except (TypeError, ValueError):
        return 1


def search(raw_query: str, user, page_number=1, filters=None, sort="relevance") -> SearchResults:
    """Search everything ``user`` may see, in the active language."""
    query_text = normalise_query(raw_query)
    filters = filters or {}
    sort = sort if sort in SORTS else "relevance"
    parsed = parse_query(query_text, synonym_map())
    audiences = reader_audiences(user)
    number = _page_number(page_number)
    backend = get_backend()

    def run(page: int) -> SearchResponse:
        return backend.search(
            SearchRequest(
                query=parsed,
                audiences=audiences,
                language=get_language() or settings.LANGUAGE_CODE,
                default_language=settings.LANGUAGE_CODE,
                filters=tuple(sorted(filters.items())),
                sort=sort,
                offset=(page - 1) * RESULTS_PER_PAGE,
                limit=RESULTS_PER_PAGE,
            )
        )

    response = run(number)
    last_page = max(1, -(-response.total // RESULTS_PER_PAGE))
    if number > last_page:
        number = last_page
        response = run(number)
    terms = parsed.highlight_terms()
    results = [_result(hit, terms) for hit in response.hits]
    paginator = Paginator(_Window(response.total, results), RESULTS_PER_PAGE)
    return SearchResults(
        query=query_text,
        page=paginator.page(number) if response.total else paginator.get_page(1),
        total=response.total,
        filters=filters,
        sort=sort,
        facets=_facets(response, filters),
        suggestion=(
            spelling_suggestion(parsed.words, audiences, backend)
            if query_text and response.total < SUGGEST_BELOW
            else ""
        ),
        backend=backend.name,
    )


def _result(hit, terms) -> Result:
    language = get_language() or settings.LANGUAGE_CODE
    url = hit.url
    if url.startswith("/") and not url.startswith(f"/{language}/"):
        url = translate_url(url, language)
    found = hit.snippet if hit.snippet is not None else snippet(hit.body, hit.summary, terms)
    if found.anchor:
        url = f"{url}#{found.anchor}"
    return Result(
        kind=hit.kind,
        kind_label=EntryKind(hit.kind).label if hit.kind in EntryKind.values else hit.kind,
        title=mark(hit.title, terms),
        url=url,
        snippet=found,
        partner_name=hit.partner_name,
        topics=hit.topics,
        date=hit.date,
        solved=hit.solved,
        review_due=bool(hit.review_due_on and hit.review_due_on < datetime.date.today()),
    )


def _facet_label(name, value, labels) -> str:
    if name == "kind":
        return EntryKind(value).label if value in EntryKind.values else value
    if name == "solved":
        return gettext("Solved") if value == "yes" else gettext("Unsolved")
    return labels.get((name, value), value)


def _facets(response: SearchResponse, filters) -> dict[str, list[FacetOption]]:
    labels = response.labels
    facets = {}
    for name in FACETS:
        counts = response.facets.get(name, {})
        options = [
            FacetOption(value, _facet_label(name, value, labels), count, filters.get(name) == value)
            for value, count in counts.items()
        ]
        if name == "year":
            options.sort(key=lambda o: o.value, reverse=True)
        else:
            options.sort(key=lambda o: (-o.count, o.label))
        if options:
            facets[name] = options
    return facets


def spelling_suggestion(words, audiences, backend=None) -> str:
    """The query with each misspelt word replaced by the closest visible word, or ""."""
    backend = backend or get_backend()
    changed, suggested = False, []
    for word in words:
        better = backend.spelling(word, audiences)
        changed |= bool(better)
        suggested.append(better or word)
    return " ".join(suggested) if changed else ""


def autocomplete(prefix: str, user, limit: int = 8) -> list[dict]:
    """Titles of visible entries matching what has been typed so far."""
    prefix = normalise_query(prefix)
    if len(prefix) < 2:
        return []
    rows = get_backend().autocomplete(
        prefix, reader_audiences(user), get_language() or settings.LANGUAGE_CODE, limit
    )
    return [{"title": title, "url": url} for title, url in rows]


def promotions(query: str, user) -> list[dict]:
    """The editors' recommendations for ``query`` (wagtail.contrib.search_promotions), each
    shown only if its page is one the reader may find."""
    from wagtail.contrib.search_promotions.models import SearchPromotion

    if not query:
        return []
    picks = list(
        SearchPromotion.objects.filter(query__query_string=query.casefold())
        .select_related("page")
        .order_by("sort_order")
    )
    page_keys = {f"page:{p.page_id}" for p in picks if p.page_id}
    visible = set(
        Entry.objects.filter(key__in=page_keys, audience__in=reader_audiences(user)).values_list(
            "key", flat=True
        )
    )
    shown = []
    for pick in picks:
        if pick.page_id and f"page:{pick.page_id}" in visible:
            page = pick.page.localized
            shown.append({"title": page.title, "url": page.url, "description": pick.description})
        elif not pick.page_id and pick.external_link_url:
            shown.append(
                {
                    "title": pick.external_link_text or pick.external_link_url,
                    "url": pick.external_link_url,
                    "description": pick.description,
                }
            )
    return shown
