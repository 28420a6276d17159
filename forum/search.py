"""How the forum appears in search: a thread is one entry, its visible posts the segments a
snippet is cut from; files attached to visible posts are entries of their own.

Only what a reader of the category may see is indexed: hidden threads, hidden, withdrawn
and unapproved posts never (moderators find those in the forum, not in search). The
receivers at the bottom refresh a thread whenever it, one of its posts, an attachment or
its category changes.
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.utils.translation import override

from search import audience
from search.extraction import extract_text
from search.indexing import schedule
from search.models import EntryKind
from search.registry import Adapter, SearchDocument, Segment, register

from . import permissions
from .models import Attachment, Category, Post, Thread
from .signals import threads_changed


def _readable_posts(thread):
    return thread.posts.visible().order_by("number")


class ThreadAdapter(Adapter):
    """Visible threads with their visible posts."""

    name = "thread"

    def all_ids(self):
        return Thread.objects.order_by("pk").values_list("pk", flat=True).iterator()

    def document(self, object_id):
        thread = (
            Thread.objects.select_related("category", "author__profile__partner")
            .visible()
            .filter(pk=object_id)
            .first()
        )
        if thread is None:
            return None
        posts = list(_readable_posts(thread).values_list("number", "source"))
        if not posts:
            return None
        with override(settings.LANGUAGE_CODE):
            url = thread.get_absolute_url()
        profile = getattr(thread.author, "profile", None) if thread.author else None
        partner = profile.partner if profile else None
        return SearchDocument(
            key=self.key(thread.pk),
            kind=EntryKind.THREAD,
            title=thread.title,
            url=url,
            audience=audience.audience(permissions.category_audience_tokens(thread.category)),
            segments=tuple(Segment(source, f"post-{number}") for number, source in posts),
            summary=thread.category.name,
            partner=partner.slug if partner else "",
            partner_name=partner.name if partner else "",
            date=thread.last_activity_at or thread.created_at,
            solved=(thread.solution_id is not None) if thread.is_question else None,
        )


class PostAttachmentAdapter(Adapter):
    """Documents attached to visible posts (images carry no text to find)."""

    name = "postdoc"

    def all_ids(self):
        return (
            Attachment.objects.filter(post__isnull=False)
            .exclude(kind="image")
            .order_by("pk")
            .values_list("pk", flat=True)
            .iterator()
        )

    def document(self, object_id):
        attachment = (
            Attachment.objects.select_related("post__thread__category")
            .filter(pk=object_id, post__isnull=False)
            .exclude(kind="image")
            .first()
        )
        if attachment is None:
            return None
        post = attachment.post
        if not post.is_visible:
            return None
        thread = threads.document(post.thread_id)
        if thread is None:
            return None
        with attachment.file.open("rb") as file:
            text = extract_text(file, attachment.original_name)
        return SearchDocument(
            key=self.key(attachment.pk),
            kind=EntryKind.DOCUMENT,
            title=attachment.original_name,
            url=f"{thread.url}#post-{post.number}",
            audience=thread.audience,
            summary=thread.title,
            segments=(Segment(text),),
            partner=thread.partner,
            partner_name=thread.partner_name,
            date=attachment.created_at,
        )


threads = register(ThreadAdapter())
post_attachments = register(PostAttachmentAdapter())
audience.register_resolver(permissions.WORKING_GROUP_PREFIX, permissions.holds_working_group_token)


def _thread_keys(thread_ids) -> set[str]:
    thread_ids = list(thread_ids)
    keys = {threads.key(pk) for pk in thread_ids}
    keys |= {
        post_attachments.key(pk)
        for pk in Attachment.objects.filter(post__thread_id__in=thread_ids).values_list(
            "pk", flat=True
        )
    }
    return keys


def _thread_changed(sender, instance, **kwargs):
    schedule(_thread_keys([instance.pk]))


def _post_changed(sender, instance, **kwargs):
    schedule(_thread_keys([instance.thread_id]))


def _attachment_changed(sender, instance, **kwargs):
    if instance.post_id:
        schedule({post_attachments.key(instance.pk)})


def _threads_changed(sender, thread_ids, **kwargs):
    schedule(_thread_keys(thread_ids))


def _category_changed(sender, instance, **kwargs):
    schedule(_thread_keys(Thread.objects.filter(category=instance).values_list("pk", flat=True)))


def connect() -> None:
    """Connect the receivers that keep the forum's entries true."""
    for signal in (post_save, post_delete):
        signal.connect(_thread_changed, sender=Thread, dispatch_uid=f"search_thread_{signal}")
        signal.connect(_post_changed, sender=Post, dispatch_uid=f"search_post_{signal}")
        signal.connect(_attachment_changed, sender=Attachment, dispatch_uid=f"search_att_{signal}")
    post_save.connect(_category_changed, sender=Category, dispatch_uid="search_category")
    threads_changed.connect(_threads_changed, dispatch_uid="search_threads_changed")
