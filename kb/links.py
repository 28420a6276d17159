"""The broken-link check: every link of every live page, checked by a task, never in a request.

Internal links (pages, documents) come from Wagtail's reference index and are checked against
the database: a page that is gone or not live is a broken link. External addresses come from
the page's rich text, stream blocks and address fields; each distinct address is asked once per
run with a short timeout (HEAD, then GET for servers that refuse HEAD), a few at a time, under
a User-Agent that names the site, so that a webmaster who sees it knows who asks.
"""

import html.parser
import http.client
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, ReferenceIndex

TIMEOUT_SECONDS = 5
CONCURRENCY = 4


def user_agent() -> str:
    return f"{settings.SITE_NAME} Linkprüfung (+{settings.WAGTAILADMIN_BASE_URL})"


@dataclass(frozen=True)
class Link:
    kind: str
    url: str
    target: object = None


class _Hrefs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag == "a" else None
        if href:
            self.hrefs.append(href.strip())


def is_external(url: str) -> bool:
    return url.startswith(("http://", "https://"))


def _external_in(value, found: list) -> None:
    """Collect external addresses from a field's stored value (strings, lists, dicts)."""
    if isinstance(value, str):
        if is_external(value) and not any(char.isspace() for char in value):
            found.append(value)
        elif "<a" in value:
            parser = _Hrefs()
            parser.feed(value)
            found.extend(href for href in parser.hrefs if is_external(href))
    elif isinstance(value, dict):
        for item in value.values():
            _external_in(item, found)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _external_in(item, found)


def external_links(page) -> list[str]:
    """The external addresses in a page's rich text, stream blocks and address fields."""
    found = []
    for field in page._meta.concrete_fields:
        value = getattr(page, field.attname, None)
        if value in (None, ""):
            continue
        if isinstance(field, StreamField):
            _external_in(field.get_prep_value(value), found)
        elif isinstance(field, (RichTextField, models.URLField)):
            _external_in(str(value), found)
    return list(dict.fromkeys(found))


def internal_links(page) -> list[Link]:
    """The pages and documents a page links to, as Wagtail's reference index records them."""
    document_model = get_document_model()
    links = []
    references = ReferenceIndex.get_references_for_object(page).select_related("to_content_type")
    seen = set()
    for reference in references:
        model = reference.to_content_type.model_class()
        key = (model, reference.to_object_id)
        if model is None or key in seen:
            continue
        seen.add(key)
        if issubclass(model, Page):
            target = Page.objects.filter(pk=reference.to_object_id).first()
            url = (target.get_url() if target else None) or f"/?page={reference.to_object_id}"
            links.append(Link("internal", url, target))
        elif issubclass(model, document_model):
            target = document_model.objects.filter(pk=reference.to_object_id).first()
            url = target.url if target else f"/documents/{reference.to_object_id}/"
            links.append(Link("document", url, target))
    return links


def check_internal(link: Link) -> tuple[str, int | None]:
    """The problem of a link to a page or document of the site, found in the database."""
    if link.target is None:
        return "missing", None
    if link.kind == "internal" and not link.target.live:
        return "unpublished", None
    return "", None


def check_external(url: str, timeout: float = TIMEOUT_SECONDS) -> tuple[str, int | None]:
    """Ask ``url`` with HEAD, then with GET where HEAD was refused; (problem, status code)."""
    status = None
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(  # noqa: S310 - only http(s) reach here (is_external)
            url, method=method, headers={"User-Agent": user_agent()}
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return "", response.status
        except urllib.error.HTTPError as error:
            status = error.code
            error.close()
        except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError):
            return "unreachable", None
    return "status", status


def partner_of(page):
    """The partner whose section holds the page (its own partner for partner pages)."""
    from .models import PartnerPage

    specific = page.specific
    if getattr(specific, "partner_id", None):
        return specific.partner
    section = PartnerPage.objects.ancestor_of(page).select_related("partner").first()
    return section.partner if section else None


def check_links(pages=None) -> int:
    """Check every link of the given live pages (all by default), store the results and
    return how many links are broken."""
    from .models import LinkCheck

    if pages is None:
        pages = Page.objects.live().specific()
    pages = [page.specific for page in pages]
    found = {page.pk: (internal_links(page), external_links(page)) for page in pages}
    addresses = sorted({url for _internal, external in found.values() for url in external})
    with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
        answers = dict(zip(addresses, pool.map(check_external, addresses), strict=True))
    now = timezone.now()
    rows = []
    for page in pages:
        internal, external = found[page.pk]
        partner = partner_of(page)
        for link in internal:
            problem, status = check_internal(link)
            rows.append(
                LinkCheck(
                    page=page,
                    partner=partner,
                    url=link.url,
                    kind=link.kind,
                    problem=problem,
                    status_code=status,
                    checked_at=now,
                )
            )
        for url in external:
            problem, status = answers[url]
            rows.append(
                LinkCheck(
                    page=page,
                    partner=partner,
                    url=url,
                    kind="external",
                    problem=problem,
                    status_code=status,
                    checked_at=now,
                )
            )
    with transaction.atomic():
        LinkCheck.objects.filter(page__in=[page.pk for page in pages]).delete()
        LinkCheck.objects.filter(page__live=False).delete()
        LinkCheck.objects.bulk_create(rows)
    return sum(1 for row in rows if row.problem)
