"""Who may download a document: the readers of a page that uses it.

Wagtail serves every document to everybody who knows its address, and the addresses are
easy to guess (sequential ids, the uploaded file's name). The site's rule instead:

- A page *uses* a document when it is attached to it, shown by a document block or linked
  from its rich text (Wagtail's reference index records each of these for the page's
  current content, never for an unpublished draft); only live pages count.
- A document is **public** when a page visitors may read uses it; anybody may download it.
- Otherwise it is **private**: it is served to whoever may read a page that uses it (the
  page rule of ``kb.visibility``) and to editors who may choose or change it in the admin
  (they see it there anyway). A document no live page uses yet — an upload waiting to be
  placed, or used only by drafts — is therefore for editors alone. A page behind a password
  opens none of its documents (its password is asked on the page, not on the file).
- A visitor refused a private document is sent to log in, as for a restricted page; a
  logged-in reader who is refused gets 404 (logging in again would not help, and the answer
  should not confirm that the document exists).
- Private documents are sent with ``Cache-Control: private``, and every document with
  ``no-cache``, so that no shared cache keeps handing out a file after its page became
  restricted. The site's page cache never stores ``/documents/`` at all.

Search lists a document as one entry per page it is attached to, with that page's
audience (``kb.search``), which follows from the same rule; feeds and the sitemap list pages
only.
"""

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.utils.cache import add_never_cache_headers, patch_cache_control
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve as wagtail_serve
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry
from wagtail.wagtail_hooks import require_wagtail_login

from .models import Attachment
from .visibility import visible_to

# What the hook found, kept on the request for the view that sets the cache headers.
_PUBLIC = "_kb_document_public"


def pages_using(document):
    """The pages, live or not, whose current content uses ``document``."""
    referencing = ReferenceIndex.get_references_to(document).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    page_ids = {int(pk) for pk in referencing.values_list("object_id", flat=True)}
    # Attachments are the usual use; their rows count even where the index lags behind.
    page_ids.update(Attachment.objects.filter(document=document).values_list("page_id", flat=True))
    return Page.objects.filter(pk__in=page_ids)


def is_public(document, pages=None) -> bool:
    """Whether visitors may download ``document``: a page they may read uses it.
    ``pages`` (from ``pages_using``) saves looking them up again."""
    pages = pages_using(document) if pages is None else pages
    return visible_to(pages, AnonymousUser()).exists()


def manages(user, document) -> bool:
    """Whether ``user`` may pick or change ``document`` in the admin."""
    if not user.is_authenticated:
        return False
    policy = policy_registry.get_by_type(get_document_model())
    return policy.user_has_any_permission_for_instance(user, ["choose", "change"], document)


def may_download(user, document, pages=None) -> bool:
    """Whether ``user`` may download ``document`` under the rule of this module.
    ``pages`` (from ``pages_using``) saves looking them up again."""
    pages = pages_using(document) if pages is None else pages
    return visible_to(pages, user).exists() or manages(user, document)


def refuse_others(document, request):
    """The ``before_serve_document`` hook: a refusal for whoever may not download
    ``document``; nothing (Wagtail goes on serving it) for whoever may."""
    pages = pages_using(document)
    public = is_public(document, pages)
    if not public and not may_download(request.user, document, pages):
        if request.user.is_authenticated:
            raise Http404
        response = require_wagtail_login(next=request.get_full_path())
        add_never_cache_headers(response)
        return response
    setattr(request, _PUBLIC, public)
    return None


def serve(request, document_id, document_filename):
    """Wagtail's document view (which runs ``refuse_others``), with cache headers: a hook
    cannot add them, and Wagtail ignores a file response a hook returns."""
    response = wagtail_serve(request, document_id, document_filename)
    public = getattr(request, _PUBLIC, None)
    if public is not None:
        patch_cache_control(response, no_cache=True, **({} if public else {"private": True}))
    return response
