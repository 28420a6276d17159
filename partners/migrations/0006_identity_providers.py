"""Partners' identity providers get their own model, kept by the editorial team.

allauth's generic app form let an editor type a provider name that allauth does not know;
the new model sets provider, provider id and settings itself.
"""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

EDITORIAL_TEAM = "Digitalagentur"
CODENAMES = [
    "add_identityprovider",
    "change_identityprovider",
    "delete_identityprovider",
    "view_identityprovider",
]


def editorial_permissions(apps):
    app_config = apps.get_app_config("partners")
    app_config.models_module = True  # the historical app config is a stub without models
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="partners", codename__in=CODENAMES
    )


def grant(apps, schema_editor):
    editorial = apps.get_model("auth", "Group").objects.get(name=EDITORIAL_TEAM)
    editorial.permissions.add(*editorial_permissions(apps))


def revoke(apps, schema_editor):
    editorial = apps.get_model("auth", "Group").objects.filter(name=EDITORIAL_TEAM).first()
    if editorial is not None:
        editorial.permissions.remove(*editorial_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0005_editorial_team_translates_promotes_redirects"),
        ("socialaccount", "0006_alter_socialaccount_extra_data"),
    ]

    operations = [
        migrations.CreateModel(
            name="IdentityProvider",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text='For example "Dienstkonto Dülmen".',
                        max_length=100,
                        verbose_name="name on the login page",
                    ),
                ),
                (
                    "issuer",
                    models.URLField(
                        help_text="The address below which the provider publishes /.well-known/openid-configuration, e.g. https://idp.duelmen.de/realms/staff.",
                        max_length=500,
                        verbose_name="issuer URL",
                    ),
                ),
                ("client_id", models.CharField(max_length=191, verbose_name="client ID")),
                ("secret", models.CharField(max_length=191, verbose_name="client secret")),
                ("authorization_endpoint", models.URLField(editable=False, max_length=500)),
                (
                    "partner",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="identity_provider",
                        to="partners.partner",
                        verbose_name="partner",
                    ),
                ),
                (
                    "social_app",
                    models.OneToOneField(
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="identity_provider",
                        to="socialaccount.socialapp",
                    ),
                ),
            ],
            options={
                "verbose_name": "identity provider",
                "verbose_name_plural": "identity providers",
                "ordering": ["partner__name"],
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
