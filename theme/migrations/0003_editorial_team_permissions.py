"""The editorial team edits the site settings and follows up accessibility feedback."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def ensure_permissions(apps, app_label):
    """Create the app's model permissions now; Django otherwise adds them only after migrate."""
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True  # the historical app config is a stub without models
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None


def grant(apps, schema_editor):
    ensure_permissions(apps, "theme")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editorial = Group.objects.get(name="Digitalagentur")
    editorial.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="theme",
            codename__in=[
                "change_sitesettings",
                "view_accessibilityfeedback",
                "change_accessibilityfeedback",
            ],
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editorial = Group.objects.filter(name="Digitalagentur").first()
    if editorial is not None:
        editorial.permissions.remove(*Permission.objects.filter(content_type__app_label="theme"))


class Migration(migrations.Migration):
    dependencies = [
        ("theme", "0002_site_and_home_page"),
        ("partners", "0004_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
