from django.conf import settings


def build_policy(directives: dict[str, list[str]]) -> str:
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


class ContentSecurityPolicyMiddleware:
    """Send the site's one Content-Security-Policy (settings.CONTENT_SECURITY_POLICY).

    No inline script or style is allowed on public pages. Paths in
    CONTENT_SECURITY_POLICY_EXEMPT_PREFIXES (the Wagtail admin) keep their own rules.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = build_policy(settings.CONTENT_SECURITY_POLICY)
        self.exempt_prefixes = tuple(settings.CONTENT_SECURITY_POLICY_EXEMPT_PREFIXES)

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(self.exempt_prefixes):
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
