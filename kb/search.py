"""How the knowledge base appears in search: articles, project profiles, partner pages and the
documents attached to them, each with the audience its view restrictions allow.

Registered with ``search.registry`` in ``KnowledgeBaseConfig.ready``; the receivers at the
bottom name the entries to refresh when pages, restrictions or documents change.
"""

from collections import defaultdict
from collections.abc import Sequence

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import audience
from search.extraction import extract_text, html_text
from search.indexing import schedule
from search.models import EntryKind
from search.registry import Adapter, SearchDocument, Segment, register

from . import visibility
from .models import ArticlePage, Attachment, PartnerPage, ProjectPage

PAGE_TYPES = (ArticlePage, ProjectPage, PartnerPage)
KINDS = {
    ArticlePage: EntryKind.ARTICLE,
    ProjectPage: EntryKind.PROJECT,
    PartnerPage: EntryKind.PARTNER,
}
PAGE_GROUP = "pagegroup"


def page_audience(page, restrictions=None) -> str | None:
    """Who may find ``page``: "public", "members", or the groups its restrictions ask for;
    None for pages nobody may find in search (behind a password). ``restrictions`` (from
    ``kb.visibility.view_restrictions()``) saves the query when indexing many pages."""
    return audience_of(visibility.page_access(page, restrictions))


def audience_of(access: visibility.Access) -> str | None:
    """The search audience of ``access``; None when nobody may find it.

    Group restrictions become one token, "pagegroup:" followed by each restriction's group
    ids ("1,2") joined by "+": a reader needs one group of every restriction, the way
    listings decide, and ``_holds_page_group`` asks ``Access.admits`` again.
    """
    if not access.listed:
        return None
    if access.group_sets:
        clauses = "+".join(",".join(map(str, sorted(groups))) for groups in access.group_sets)
        return audience.audience({f"{PAGE_GROUP}:{clauses}"})
    return audience.audience({audience.MEMBERS if access.members_only else audience.PUBLIC})


def _holds_page_group(user, value: str) -> bool:
    try:
        group_sets = tuple(
            frozenset(int(pk) for pk in clause.split(",") if pk) for clause in value.split("+")
        )
    except ValueError:
        return False
    # A search asks once per stored audience; the reader's groups are looked up once.
    if not hasattr(user, "_kb_reader"):
        user._kb_reader = visibility.reader(user)
    rule = visibility.Access(members_only=True, group_sets=group_sets)
    return rule.admits(user._kb_reader)


def _stream_text(value) -> list[str]:
    """Every string in a StreamField's raw data (rich text with its tags removed)."""
    if isinstance(value, str):
        return [html_text(value)]
    if isinstance(value, dict):
        return [text for v in value.values() for text in _stream_text(v)]
    if isinstance(value, Sequence):
        return [text for v in value for text in _stream_text(v)]
    return []


def page_text(page) -> list[str]:
    """The readable text of an article, project profile or partner page."""
    if isinstance(page, ArticlePage):
        fields = [
            page.starting_point,
            page.solution,
            page.costs,
            page.products,
            page.ozg_service,
            page.data_protection,
            page.lessons_learned,
        ]
        return [html_text(f) for f in fields if f] + _stream_text(page.body.raw_data)
    if isinstance(page, ProjectPage):
        fields = [page.goal, page.description, page.funding, page.results, page.lessons_learned]
        milestones = [m.title for m in page.milestones.all()]
        return [html_text(f) for f in fields if f] + milestones
    return [html_text(page.intro)] if page.intro else []


class PageAdapter(Adapter):
    """Live articles, project profiles and partner pages, in their own language."""

    name = "page"

    def all_ids(self):
        return (
            Page.objects.live()
            .type(*PAGE_TYPES)
            .order_by("pk")
            .values_list("pk", flat=True)
            .iterator()
        )

    def document(self, object_id):
        return next(self.documents([object_id]))[1]

    def documents(self, object_ids):
        """The pages in a handful of queries, however many: one per page type, one for
        translations, one for view restrictions."""
        ids = [int(pk) for pk in object_ids]
        found = {}
        for model in PAGE_TYPES:
            queryset = model.objects.live().filter(pk__in=ids).select_related("locale", "partner")
            if model is not PartnerPage:
                queryset = queryset.prefetch_related("topics", "tags")
            if model is ProjectPage:
                queryset = queryset.prefetch_related("milestones")
            found.update((page.pk, page) for page in queryset)
        restrictions = visibility.view_restrictions()
        languages = defaultdict(set)
        for key, language in (
            Page.objects.live()
            .filter(translation_key__in={p.translation_key for p in found.values()})
            .values_list("translation_key", "locale__language_code")
        ):
            languages[key].add(language)
        for pk in ids:
            page = found.get(pk)
            who = page_audience(page, restrictions) if page else None
            if who is None:
                yield self.key(pk), None
                continue
            translated_into = languages[page.translation_key] - {page.locale.language_code}
            yield self.key(pk), self._document(page, who, tuple(sorted(translated_into)))

    def _document(self, page, who, translated_into) -> SearchDocument:
        common = {
            "key": self.key(page.pk),
            "kind": KINDS[type(page)],
            "title": page.title,
            "url": page.get_url() or "",
            "audience": who,
            "language": page.locale.language_code,
            "translated_into": translated_into,
            "date": page.last_published_at or page.first_published_at,
        }
        if isinstance(page, PartnerPage):
            return SearchDocument(
                **common,
                summary=page.search_description,
                segments=tuple(Segment(t) for t in page_text(page)),
                partner=page.partner.slug,
                partner_name=page.partner.name,
            )
        partner = page.partner
        return SearchDocument(
            **common,
            summary=page.summary,
            segments=(
                *(Segment(t) for t in page_text(page)),
                Segment(" ".join(tag.name for tag in page.tags.all())),
            ),
            partner=partner.slug if partner else "",
            partner_name=partner.name if partner else "",
            topics=tuple((t.slug, t.name) for t in page.topics.all()),
            review_due_on=page.review_due_on,
        )


class AttachmentAdapter(Adapter):
    """Documents attached to articles and project profiles, findable by their text."""

    name = "kbdoc"

    def all_ids(self):
        return Attachment.objects.order_by("pk").values_list("pk", flat=True).iterator()

    def document(self, object_id):
        attachment = Attachment.objects.select_related("document").filter(pk=object_id).first()
        if attachment is None:
            return None
        page = PageAdapter().document(attachment.page_id)
        if page is None:
            return None
        document = attachment.document
        with document.open_file() as file:
            text = extract_text(file, document.filename)
        return SearchDocument(
            key=self.key(attachment.pk),
            kind=EntryKind.DOCUMENT,
            title=document.title,
            url=document.url,
            audience=page.audience,
            language=page.language,
            translated_into=page.translated_into,
            summary=page.title,
            segments=(Segment(text),),
            partner=page.partner,
            partner_name=page.partner_name,
            topics=page.topics,
            date=document.created_at or timezone.now(),
        )


pages = register(PageAdapter())
attachments = register(AttachmentAdapter())
audience.register_resolver(PAGE_GROUP, _holds_page_group)


def keys_below(page) -> set[str]:
    """The entries of ``page`` and everything below it (a restriction or move affects all)."""
    ids = list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))
    keys = {pages.key(pk) for pk in ids}
    keys |= {
        attachments.key(pk)
        for pk in Attachment.objects.filter(page_id__in=ids).values_list("pk", flat=True)
    }
    return keys


def _page_published(sender, instance, **kwargs):
    # Translations list each other (an original shows where no translation exists).
    ids = [instance.pk, *instance.get_translations().values_list("pk", flat=True)]
    schedule(
        {pages.key(pk) for pk in ids}
        | {
            attachments.key(pk)
            for pk in Attachment.objects.filter(page_id__in=ids).values_list("pk", flat=True)
        }
    )


def _page_moved(sender, instance, **kwargs):
    schedule(keys_below(instance))


def _page_deleted(sender, instance, **kwargs):
    schedule({pages.key(instance.pk)})


def _restriction_changed(sender, instance, **kwargs):
    schedule(keys_below(instance.page))


def _restriction_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    # Wagtail's privacy form saves a restriction first and its groups after that.
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        schedule(keys_below(instance.page))
        return
    for restriction in PageViewRestriction.objects.filter(pk__in=pk_set or ()):
        schedule(keys_below(restriction.page))


def _document_changed(sender, instance, **kwargs):
    schedule(
        attachments.key(pk)
        for pk in Attachment.objects.filter(document=instance).values_list("pk", flat=True)
    )


def _attachment_changed(sender, instance, **kwargs):
    schedule({attachments.key(instance.pk)})


def connect() -> None:
    """Connect the receivers that keep the knowledge base's entries true."""
    page_published.connect(_page_published, dispatch_uid="search_kb_published")
    page_unpublished.connect(_page_published, dispatch_uid="search_kb_unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="search_kb_moved")
    post_delete.connect(_page_deleted, sender=Page, dispatch_uid="search_kb_deleted")
    # Not every way a page goes live sends page_published (translations synced live do not).
    for model in PAGE_TYPES:
        post_save.connect(_page_published, sender=model, dispatch_uid=f"search_kb_saved_{model}")
    for signal in (post_save, post_delete):
        signal.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid=signal)
        signal.connect(_attachment_changed, sender=Attachment, dispatch_uid=signal)
    m2m_changed.connect(
        _restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="search_kb_restriction_groups",
    )
    post_save.connect(_document_changed, sender=get_document_model(), dispatch_uid="search_doc")
