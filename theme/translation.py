"""The reader's language: translatable snippets (topics, forum categories) in it, and the
language to write a member's mails in."""

from django.conf import settings
from django.utils.translation import get_language
from wagtail.users.models import UserProfile


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
