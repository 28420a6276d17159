"""Which pages the header, footer and language switcher link to, in the reader's language.

Every function here does a fixed number of queries, whatever the number of links.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, When
from django.urls import reverse, translate_url
from django.utils.translation import get_language, get_language_info, gettext, override
from wagtail.models import Page, Site

from . import sections
from .models import SiteSettings
from .page_cache import cached_fragment

LEGAL_PAGE_FIELDS = ["imprint_page_id", "privacy_page_id", "accessibility_page_id"]


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    lang: str = ""  # set when the target is in another language than the page around it
    current: bool = False


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool


@dataclass(frozen=True)
class SiteLinks:
    legal: list[Link]
    easy_language: Link | None


def home_url() -> str:
    return reverse("wagtail_serve", args=[""])


def locale_root_path(page: Page) -> str:
    """The page's path below its language's home page, e.g. "partner/duelmen/e-akte/"."""
    steps = page.url_path.strip("/").split("/")[1:]
    return "".join(f"{step}/" for step in steps)


def url_in_language(page: Page, language: str, request=None) -> str:
    """Where a reader of ``language`` finds ``page``: its own URL if it is in that language,
    otherwise the same path under that language's prefix, which serves the original with a
    notice (see TranslationFallbackMiddleware)."""
    if page.locale.language_code == language:
        return page.get_url(request)
    with override(language):
        return reverse("wagtail_serve", args=[locale_root_path(page)])


def in_active_language(pages: list[Page]) -> list[Page]:
    """Each page replaced by its live translation in the active language, where one exists."""
    if not pages:
        return []
    translations = {
        page.translation_key: page
        for page in Page.objects.live()
        .filter(
            translation_key__in=[page.translation_key for page in pages],
            locale__language_code=get_language(),
        )
        .select_related("locale")
    }
    return [translations.get(page.translation_key, page) for page in pages]


def menu_links(request) -> list[Link]:
    """The home page's public children marked "show in menus", then the search; the one
    leading to where the reader is marked current. Computed once per language and change."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    targets = cached_fragment(
        f"menu:{site.pk}:{get_language()}", lambda: _menu_targets(site, request)
    )
    return [Link(title, url, current=request.path.startswith(url)) for title, url in targets]


def _menu_targets(site: Site, request) -> list[tuple[str, str]]:
    home = _home_in_active_language(site)
    pages = home.get_children().live().public().in_menu() if home is not None else []
    return [
        *[(page.title, page.get_url(request)) for page in pages],
        *sections.menu_sections(),
        (gettext("Search"), reverse("search:search")),
    ]


def _home_in_active_language(site: Site) -> Page | None:
    language = get_language()
    return (
        Page.objects.live()
        .filter(
            translation_key__in=Page.objects.filter(pk=site.root_page_id).values("translation_key"),
            locale__language_code__in=[language, settings.LANGUAGE_CODE],
        )
        .order_by(Case(When(locale__language_code=language, then=0), default=1))
        .first()
    )


def site_links(request) -> SiteLinks:
    """The legal pages and the easy-language page named in the site settings.

    Computed once per site, language and change of content (saving the settings is one);
    the settings are read only then, so a page whose links are cached does not query them.
    """
    site = Site.find_for_request(request)
    if site is None:
        return SiteLinks(legal=[], easy_language=None)
    return cached_fragment(
        f"site-links:{site.pk}:{get_language()}",
        lambda: _site_links(request, SiteSettings.for_site(site)),
    )


def _site_links(request, site_settings) -> SiteLinks:
    wanted = [
        getattr(site_settings, field) for field in [*LEGAL_PAGE_FIELDS, "easy_language_page_id"]
    ]
    originals = (
        Page.objects.live().filter(pk__in=[pk for pk in wanted if pk]).select_related("locale")
    )
    by_original_id = dict(
        zip([p.pk for p in originals], in_active_language(list(originals)), strict=True)
    )
    active = get_language()
    links = []
    for pk in wanted:
        page = by_original_id.get(pk)
        if page is None:
            links.append(None)
            continue
        lang = page.locale.language_code
        links.append(Link(page.title, page.get_url(request), lang="" if lang == active else lang))
    *legal, easy_language = links
    return SiteLinks(
        legal=[link for link in legal if link is not None], easy_language=easy_language
    )


def language_links(request, page: Page | None) -> list[LanguageLink]:
    """Where each language's link goes. On a page: its translation if live; else, for a
    second language, the same page under that language's prefix (served as the original with
    a notice); else the nearest translated ancestor. Elsewhere: the same view in that language.
    """
    active = get_language()
    if page is not None:
        other_urls = cached_fragment(
            f"language-links:{page.pk}:{active}", lambda: _other_language_urls(request, page)
        )
    links = []
    for code, _name in settings.LANGUAGES:
        if code == active:
            url = request.get_full_path()
        elif page is not None:
            url = other_urls[code]
        else:
            url = translate_url(request.get_full_path(), code)
        links.append(LanguageLink(code, get_language_info(code)["name_local"], url, code == active))
    return links


def _other_language_urls(request, page: Page) -> dict[str, str]:
    targets = _page_targets(page)
    urls = {}
    for code, _name in settings.LANGUAGES:
        target = targets.get(code)
        if target is not None and target.translation_key == page.translation_key:
            urls[code] = target.get_url(request)
        elif code != settings.LANGUAGE_CODE:
            urls[code] = url_in_language(page, code, request)
        else:
            with override(code):
                urls[code] = target.get_url(request) if target is not None else home_url()
    return urls


def _page_targets(page: Page) -> dict[str, Page]:
    """For each language, the deepest live page among this page and its ancestors there."""
    lineage_keys = Page.objects.filter(
        path__in=[page.path[:i] for i in range(Page.steplen * 2, len(page.path) + 1, Page.steplen)]
    ).values("translation_key")
    targets: dict[str, Page] = {}
    for candidate in (
        Page.objects.live()
        .filter(translation_key__in=lineage_keys)
        .select_related("locale")
        .order_by("depth")
    ):
        targets[candidate.locale.language_code] = candidate  # deeper ones come later and win
    return targets
