"""The editorial team translates pages, curates search promotions and keeps redirects.

Without these permissions the team saw no "Übersetzen" action, was refused at
/admin/localize/submit/…, and could not open /admin/searchpicks/ or /admin/redirects/.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORIAL_TEAM = "Digitalagentur"
EDITORIAL_PERMISSIONS = [
    ("wagtail_localize", "submit_translation"),
    ("wagtailsearchpromotions", "add_searchpromotion"),
    ("wagtailsearchpromotions", "change_searchpromotion"),
    ("wagtailsearchpromotions", "delete_searchpromotion"),
    ("wagtailsearchpromotions", "view_searchpromotion"),
    ("wagtailredirects", "add_redirect"),
    ("wagtailredirects", "change_redirect"),
    ("wagtailredirects", "delete_redirect"),
    ("wagtailredirects", "view_redirect"),
]


def ensure_permissions(apps, app_label):
    """Create the app's model permissions now; Django otherwise adds them only after migrate."""
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True  # the historical app config is a stub without models
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None


def editorial_permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    for app_label, codename in EDITORIAL_PERMISSIONS:
        yield Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant(apps, schema_editor):
    # wagtail_localize's permission comes from its own migration (it has no model for it).
    for app_label in ("wagtailsearchpromotions", "wagtailredirects"):
        ensure_permissions(apps, app_label)
    editorial = apps.get_model("auth", "Group").objects.get(name=EDITORIAL_TEAM)
    editorial.permissions.add(*editorial_permissions(apps))


def revoke(apps, schema_editor):
    editorial = apps.get_model("auth", "Group").objects.filter(name=EDITORIAL_TEAM).first()
    if editorial is not None:
        editorial.permissions.remove(*editorial_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0004_roles"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
