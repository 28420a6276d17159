"""How far each German page's translations are: the one rule for the editorial team's
translation overview (kb.translation_report).

A translation is out of date when its German original was published after the translation
last took the original's content in. For a translation made with wagtail-localize that
moment is its TranslationSource's ``last_updated_at``: wagtail-localize copies the live page
into the source when a page is first submitted and again on "Sync translated pages"
(``TranslationSource.update_from_db`` reads the published row, not a draft), so only
publishing the original makes a synced translation stale. A translation copied by hand has
no source; there the translation's own last publication stands in for it.

Everything is computed in SQL (annotations), so the report may filter by status and
stays at a fixed number of queries whatever the number of pages.
"""

from django.conf import settings
from django.db.models import Case, CharField, F, OuterRef, Q, Subquery, Value, When
from django.utils.translation import pgettext_lazy
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

MISSING = "missing"
CURRENT = "current"
OUTDATED = "outdated"

STATUS_CHOICES = [
    (MISSING, pgettext_lazy("translation status", "not translated")),
    (CURRENT, pgettext_lazy("translation status", "up to date")),
    (OUTDATED, pgettext_lazy("translation status", "out of date")),
]
STATUS_LABELS = dict(STATUS_CHOICES)


def target_locales() -> list[Locale]:
    """Every language the site's pages are translated into: all but German."""
    return list(
        Locale.objects.exclude(language_code=settings.LANGUAGE_CODE).order_by("language_code")
    )


def _field(name: str, locale: Locale) -> str:
    return f"{name}_{locale.pk}"


def status_field(locale: Locale) -> str:
    """The name of the annotation holding the status in ``locale``."""
    return _field("translation_status", locale)


def with_translation_status(queryset, locales):
    """``queryset`` (German pages) annotated, for each locale, with the translation's id, the
    wagtail-localize source's id and the status (MISSING, CURRENT or OUTDATED).

    An alias (a page mirrored into the other language tree, showing the German content) is
    no translation.
    """
    queryset = queryset.annotate(
        translation_source_id=Subquery(
            TranslationSource.objects.filter(
                object_id=OuterRef("translation_key"), locale_id=OuterRef("locale_id")
            ).values("pk")[:1]
        )
    )
    for locale in locales:
        translations = Page.objects.filter(
            translation_key=OuterRef("translation_key"), locale=locale, alias_of__isnull=True
        )
        synced_at = TranslationSource.objects.filter(
            object_id=OuterRef("translation_key"),
            locale_id=OuterRef("locale_id"),
            translations__target_locale=locale,
            translations__enabled=True,
        ).values("last_updated_at")[:1]
        translation_id = _field("translation_id", locale)
        translation_published = _field("translation_published_at", locale)
        synced = _field("translation_synced_at", locale)
        queryset = queryset.annotate(
            **{
                translation_id: Subquery(translations.values("pk")[:1]),
                translation_published: Subquery(translations.values("last_published_at")[:1]),
                synced: Subquery(synced_at),
            }
        ).annotate(
            **{
                status_field(locale): Case(
                    When(**{f"{translation_id}__isnull": True}, then=Value(MISSING)),
                    When(
                        Q(**{f"{synced}__isnull": False}) & Q(last_published_at__gt=F(synced)),
                        then=Value(OUTDATED),
                    ),
                    When(**{f"{synced}__isnull": False}, then=Value(CURRENT)),
                    When(last_published_at__gt=F(translation_published), then=Value(OUTDATED)),
                    default=Value(CURRENT),
                    output_field=CharField(),
                )
            }
        )
    return queryset


def with_status_in_any(queryset, locales, status: str):
    """Only the pages whose translation into at least one of ``locales`` has ``status``."""
    condition = Q()
    for locale in locales:
        condition |= Q(**{status_field(locale): status})
    return queryset.filter(condition)


def translation_states(page, locales) -> list[dict]:
    """For a page annotated by with_translation_status: per locale its status, label and the
    ids the report links to."""
    return [
        {
            "locale": locale,
            "status": getattr(page, status_field(locale)),
            "label": STATUS_LABELS[getattr(page, status_field(locale))],
            "translation_id": getattr(page, _field("translation_id", locale)),
            "source_id": page.translation_source_id,
        }
        for locale in locales
    ]
