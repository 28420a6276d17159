"""Tag slugs made before theme.slugs wrote German letters out keep their umlauts, and the tag
pages' URL patterns (``<slug:…>``) cannot be reversed for them: a 500. Rewrite them once."""

from django.db import migrations

from theme.slugs import slugify


def _rewrite(model) -> None:
    taken = set(model.objects.values_list("slug", flat=True))
    for tag in model.objects.order_by("pk"):
        wanted = slugify(tag.slug)
        if wanted == tag.slug:
            continue
        slug, number = wanted, 1
        while slug in taken:
            number += 1
            slug = f"{wanted}_{number}"
        taken.discard(tag.slug)
        taken.add(slug)
        tag.slug = slug
        tag.save(update_fields=["slug"])


def transliterate(apps, schema_editor):
    for label in ("taggit.Tag", "partners.Expertise"):
        _rewrite(apps.get_model(label))


class Migration(migrations.Migration):
    dependencies = [
        ("theme", "0003_editorial_team_permissions"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("partners", "0005_editorial_team_translates_promotes_redirects"),
    ]

    operations = [migrations.RunPython(transliterate, migrations.RunPython.noop)]
