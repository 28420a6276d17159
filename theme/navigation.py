"""Which pages the header, footer and language switcher link to, in the reader's language."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language, get_language_info, gettext, override
from wagtail.models import Locale, Page, Site


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


def home_url() -> str:
    return reverse("wagtail_serve", args=[""])


def localized(pages: list[Page]) -> list[Page]:
    """Each page's live translation in the active language where there is one, else the page."""
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
    """The home page's public children marked "show in menus", then the search."""
    site = Site.find_for_request(request)
    links: list[Link] = []
    if site is not None:
        home = site.root_page.get_translation_or_none(Locale.get_active()) or site.root_page
        for page in home.get_children().live().public().in_menu():
            url = page.get_url(request)
            links.append(Link(page.title, url, current=request.path.startswith(url)))
    search_url = reverse("search:search")
    links.append(
        Link(gettext("Search"), search_url, current=request.path.startswith(search_url))
    )
    return links


def footer_links(request, site_settings) -> list[Link]:
    """The legal pages named in the site settings, each in the reader's language if translated."""
    ids = [
        site_settings.imprint_page_id,
        site_settings.privacy_page_id,
        site_settings.accessibility_page_id,
        site_settings.easy_language_page_id,
    ]
    by_id = {
        page.pk: page
        for page in Page.objects.live().filter(pk__in=[i for i in ids if i]).select_related("locale")
    }
    chosen = [by_id[i] for i in ids if i in by_id]
    active = get_language()
    return [
        Link(
            page.title,
            page.get_url(request),
            lang="" if page.locale.language_code == active else page.locale.language_code,
        )
        for page in localized(chosen)
    ]


def easy_language_link(request, site_settings) -> Link | None:
    if not site_settings.easy_language_page_id:
        return None
    page = Page.objects.live().filter(pk=site_settings.easy_language_page_id).first()
    if page is None:
        return None
    (page,) = localized([page])
    lang = page.locale.language_code
    return Link(page.title, page.get_url(request), lang="" if lang == get_language() else lang)


def language_links(request, page: Page | None) -> list[LanguageLink]:
    """Where each language's link goes: the translation of this page if it is live, else the
    nearest translated ancestor; for views that are not pages, the same view in that language."""
    active = get_language()
    links = []
    targets = _page_targets(page) if page is not None else {}
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        if code == active:
            url = request.get_full_path()
        elif page is not None:
            target = targets.get(code)
            with override(code):
                url = target.get_url(request) if target is not None else home_url()
        else:
            url = translate_url(request.get_full_path(), code)
        links.append(LanguageLink(code, info["name_local"], url, code == active))
    return links


def _page_targets(page: Page) -> dict[str, Page]:
    """For each language, the deepest live page among this page and its ancestors there."""
    lineage = [*page.get_ancestors().filter(depth__gt=1), page]
    depth_of = {p.translation_key: p.depth for p in lineage}
    targets: dict[str, Page] = {}
    candidates = (
        Page.objects.live()
        .filter(translation_key__in=depth_of)
        .select_related("locale")
        .order_by("depth")
    )
    for candidate in candidates:
        targets[candidate.locale.language_code] = candidate  # deeper ones come later and win
    return targets
