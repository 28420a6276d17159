"""The editorial team reads the search report, keeps the wanted articles and the synonyms."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    "view_querystat",
    "add_wantedarticle",
    "change_wantedarticle",
    "delete_wantedarticle",
    "view_wantedarticle",
    "add_synonym",
    "change_synonym",
    "delete_synonym",
    "view_synonym",
]


def ensure_permissions(apps, app_label):
    """Create the app's model permissions now; Django otherwise adds them only after migrate."""
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True  # the historical app config is a stub without models
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None


def grant(apps, schema_editor):
    ensure_permissions(apps, "search")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editorial = Group.objects.get(name="Digitalagentur")
    editorial.permissions.add(
        *Permission.objects.filter(content_type__app_label="search", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editorial = Group.objects.filter(name="Digitalagentur").first()
    if editorial is not None:
        editorial.permissions.remove(
            *Permission.objects.filter(content_type__app_label="search", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_wantedarticle_open_per_query"),
        ("partners", "0004_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
