"""Translatable snippets (topics, forum categories) in the reader's language."""

from django.utils.translation import get_language


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
