"""The site-wide role groups: the editorial team (Digitalagentur) and the moderators.

Both may open the Wagtail admin; the editorial team also looks after the partners.
Page permissions and the per-partner editor groups come with the knowledge base.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def ensure_permissions(apps, app_label):
    """Create the app's model permissions now; Django otherwise adds them only after migrate."""
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True  # the historical app config is a stub without models
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

EDITORIAL_TEAM = "Digitalagentur"
MODERATORS = "Forum-Moderation"


def create_roles(apps, schema_editor):
    ensure_permissions(apps, "partners")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    editorial, _created = Group.objects.get_or_create(name=EDITORIAL_TEAM)
    moderators, _created = Group.objects.get_or_create(name=MODERATORS)
    editorial.permissions.add(
        access_admin,
        *Permission.objects.filter(
            content_type__app_label="partners",
            codename__in=["change_partner", "view_partner", "view_profile", "change_profile"],
        ),
    )
    moderators.permissions.add(access_admin)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORIAL_TEAM, MODERATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0003_seed_partners"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
