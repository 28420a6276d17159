"""Start the test identity provider: ``python -m tests.oidc_provider.serve``.

Everything it needs comes from the environment, set by the test set-up: OIDC_PROVIDER_URL
(http://127.0.0.1:<port>), OIDC_PROVIDER_DB (a fresh SQLite file), the registered client
(OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URIS, one per line) and the one person
who can log in (OIDC_USER_EMAIL, OIDC_USER_PASSWORD). The issuer is OIDC_PROVIDER_URL/openid.
"""

import os
from urllib.parse import urlsplit


def prepare() -> None:
    """Create the database, a signing key, the person and the site's client."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from oidc_provider.models import Client, ResponseType

    call_command("migrate", verbosity=0)
    if Client.objects.exists():  # started again on the same database, by hand
        return
    call_command("creatersakey")
    email = os.environ["OIDC_USER_EMAIL"]
    get_user_model().objects.create_user(
        username=email.partition("@")[0],
        email=email,
        password=os.environ["OIDC_USER_PASSWORD"],
        first_name="Jana",
        last_name="Berg",
    )
    client = Client.objects.create(
        name="Wissensnetz",
        client_type="confidential",
        client_id=os.environ["OIDC_CLIENT_ID"],
        client_secret=os.environ["OIDC_CLIENT_SECRET"],
        jwt_alg="RS256",
        require_consent=True,
        reuse_consent=True,
    )
    client.redirect_uris = os.environ["OIDC_REDIRECT_URIS"].split()
    client.save()
    client.response_types.add(ResponseType.objects.get(value="code"))


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.oidc_provider.settings")
    import django
    from django.core.management import call_command

    django.setup()
    prepare()
    address = urlsplit(os.environ["OIDC_PROVIDER_URL"]).netloc
    call_command("runserver", address, use_reloader=False, skip_checks=True)


if __name__ == "__main__":
    main()
