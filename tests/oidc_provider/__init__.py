"""A real OpenID Connect provider (django-oidc-provider) for the end-to-end sign-in test.

It is a separate Django project with its own settings and SQLite database, started by the
test set-up as its own process on a loopback port (see ``serve``), as a partner's Keycloak
or Entra ID would run beside the site.
"""
