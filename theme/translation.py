"""The reader's language: translatable snippets (topics, forum categories) in it, and the
language to write a member's mails in."""

from django.conf import settings
from django.utils.translation import get_language
from wagtail.users.models import UserProfile


def locale_code(locale_id: int) -> str:
    """The language code of a locale, from a cached table of the few there are (no query per
    object that only needs to know its language)."""
    from wagtail.models import Locale

    from .page_cache import cached_fragment

    codes = cached_fragment(
        "locale-codes", lambda: dict(Locale.objects.values_list("pk", "language_code"))
    )
    if locale_id not in codes:  # a locale added since the table was cached
        return Locale.objects.get(pk=locale_id).language_code
    return codes[locale_id]


def reader_versions(model, translation_keys) -> dict:
    """For each translation key, the object in the reader's language where it is
    translated, else any version (the original); one query for all keys."""
    chosen: dict = {}
    active = get_language()
    for version in model.objects.filter(translation_key__in=list(translation_keys)).select_related(
        "locale"
    ):
        if version.translation_key not in chosen or version.locale.language_code == active:
            chosen[version.translation_key] = version
    return chosen


def mail_language(user) -> str:
    """The language to write to ``user`` in: the one recorded for them (Wagtail's preferred
    language), else German."""
    try:
        language = user.wagtail_userprofile.preferred_language
    except UserProfile.DoesNotExist:
        language = ""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
