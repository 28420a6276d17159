from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.utils import translation
from django.utils.module_loading import import_string
from wagtail import hooks
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page, Site
from wagtail.views import serve_chain

from .navigation import locale_root_path, url_in_language


def build_policy(directives: dict[str, list[str]]) -> str:
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def is_sign_in_page(request) -> bool:
    """A page of django-allauth (login, sign-up, a provider's "Continue" form, …)."""
    match = request.resolver_match
    return match is not None and match.func.__module__.startswith("allauth.")


class ContentSecurityPolicyMiddleware:
    """Send the site's one Content-Security-Policy (settings.CONTENT_SECURITY_POLICY).

    No inline script or style is allowed on public pages. Paths in
    CONTENT_SECURITY_POLICY_EXEMPT_PREFIXES (the Wagtail admin) keep their own rules.

    Nothing may frame a page, except that the admin frames its previews: Wagtail renders a
    preview by passing a made-up request for the page's public URL through this same
    middleware (``request.is_preview``), and the admin's preview view hands that response
    on as its own. A preview therefore keeps the public policy but may be framed by the
    site itself.

    A form on allauth's pages starts a login through a partner's identity provider, and
    the browser holds the redirect to the provider to form-action. There, and only there,
    form-action also names the origins of the configured providers' authorisation
    endpoints (settings.CONTENT_SECURITY_POLICY_SIGN_IN_FORM_ACTIONS, read from the
    database without any call to the provider).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.sign_in_form_actions = import_string(
            settings.CONTENT_SECURITY_POLICY_SIGN_IN_FORM_ACTIONS
        )
        self.policy = build_policy(settings.CONTENT_SECURITY_POLICY)
        self.preview_policy = build_policy(
            {**settings.CONTENT_SECURITY_POLICY, "frame-ancestors": ["'self'"]}
        )
        self.exempt_prefixes = tuple(settings.CONTENT_SECURITY_POLICY_EXEMPT_PREFIXES)

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "is_preview", False):
            response.headers.setdefault("Content-Security-Policy", self.preview_policy)
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        elif not request.path.startswith(self.exempt_prefixes):
            response.headers.setdefault("Content-Security-Policy", self.policy_for(request))
        return response

    def policy_for(self, request) -> str:
        if not is_sign_in_page(request):
            return self.policy
        origins = self.sign_in_form_actions()
        if not origins:
            return self.policy
        form_action = [*settings.CONTENT_SECURITY_POLICY["form-action"], *origins]
        return build_policy({**settings.CONTENT_SECURITY_POLICY, "form-action": form_action})


class TranslationFallbackMiddleware:
    """Serve the original of an untranslated page instead of a 404.

    /en/partner/duelmen/e-akte/ is not found in the English page tree when the article has
    no English translation yet. Then the same path is looked up in the default language's
    tree, and the German original is served with English navigation and a notice (base.html)
    – after the same checks Wagtail's own serve view makes (view restrictions, hooks).

    A path that no longer names the page in the reader's language answers 301, never the
    original: when the page has a live translation elsewhere (its English slug was changed,
    and Wagtail's redirect is missing or not yet committed), and when the German path itself
    was redirected after a slug change or move (so the fallback follows the original).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        match = request.resolver_match
        if match is None or match.url_name != "wagtail_serve":
            return response
        if translation.get_language() == settings.LANGUAGE_CODE:
            return response
        return self.serve_original(request, match.args[0] if match.args else "") or response

    def serve_original(self, request, path):
        site = Site.find_for_request(request)
        if site is None:
            return None
        root = Page.objects.filter(
            translation_key=site.root_page.translation_key,
            locale__language_code=settings.LANGUAGE_CODE,
        ).first()
        if root is None:
            return None
        components = [part for part in path.split("/") if part]
        try:
            page, args, kwargs = root.specific.route(request, components)
        except Http404:
            return self.follow_original_redirect(request, site, path)
        if locale_root_path(page) == path:
            translated = self.live_translation(page)
            if translated is not None:
                return HttpResponsePermanentRedirect(translated.get_url(request))
        # The same hooks, in the same order, as wagtail.views.serve: view restrictions live there.
        chain = serve_chain
        for hook in reversed(hooks.get_hooks("on_serve_page")):
            chain = hook(chain)
        for hook in hooks.get_hooks("before_serve_page"):
            result = hook(page, request, args, kwargs)
            if isinstance(result, HttpResponse):
                return result
        response = chain(page, request, args, kwargs)
        if hasattr(response, "render"):
            response.render()
        return response

    def live_translation(self, page):
        """The page's live translation in the reader's language, or None."""
        locale = Locale.objects.filter(language_code=translation.get_language()).first()
        if locale is None:
            return None
        return page.get_translations().live().filter(locale=locale).first()

    def follow_original_redirect(self, request, site, path):
        """A 301 to where the German page at ``path`` went, in the reader's language."""
        old_path = Redirect.normalise_path(f"/{settings.LANGUAGE_CODE}/{path}")
        redirect = (
            Redirect.get_for_site(site)
            .filter(old_path=old_path, redirect_page__live=True)
            .select_related("redirect_page")
            .first()
        )
        if redirect is None:
            return None
        target = redirect.redirect_page.specific
        translated = self.live_translation(target)
        if translated is not None:
            return HttpResponsePermanentRedirect(translated.get_url(request))
        return HttpResponsePermanentRedirect(
            url_in_language(target, translation.get_language(), request)
        )
