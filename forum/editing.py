"""Changing posts after the fact: edits keep the earlier text, deletion is soft."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .attachments import remove_attachments
from .choices import ModerationAction
from .models import Category, Post, PostRevision, Thread
from .moderation import log_action
from .permissions import can_edit_post, ensure_may_write
from .posting import PostingError, clean_source, render_source
from .signals import announce, post_edited, threads_changed


def edit_post(post: Post, editor, source: str) -> bool:
    """Replace the post's text, keeping the old one as a revision; False if nothing changed."""
    ensure_may_write(editor)
    if not can_edit_post(editor, post):
        raise PostingError(_("You cannot edit this post."))
    source = clean_source(source)
    if source == post.source:
        return False
    previous_source = post.source
    with transaction.atomic():
        PostRevision.objects.create(post=post, source=previous_source, edited_by=editor)
        post.source, post.html, post.edited_at = source, render_source(source), timezone.now()
        post.save(update_fields=["source", "html", "edited_at"])
        if editor.pk != post.author_id:
            log_action(
                ModerationAction.EDIT,
                editor,
                thread=post.thread,
                post=post,
                target_user=post.author,
            )
        announce(post_edited, Post, post=post, previous_source=previous_source)
    return True


def delete_own_post(post: Post, author) -> bool:
    """The author withdraws a reply (it stays as "deleted" in the thread); False if it was
    already gone. The first post carries the thread and is not deleted alone."""
    ensure_may_write(author)
    if post.deleted:
        return False
    if post.number == 1:
        raise PostingError(_("The first post carries the thread; ask the moderators to remove it."))
    if not can_edit_post(author, post) or post.author_id != author.pk:
        raise PostingError(_("You can only delete your own posts."))
    with transaction.atomic():
        updated = Post.objects.filter(pk=post.pk, deleted=False).update(deleted=True)
        if not updated:
            return False
        remove_attachments(post)
        # Counters count what readers see: a post they never saw leaves them as they are.
        if post.is_visible:
            Thread.objects.filter(pk=post.thread_id).update(post_count=F("post_count") - 1)
            if not post.thread.hidden:
                Category.objects.filter(pk=post.thread.category_id).update(
                    post_count=F("post_count") - 1
                )
        announce(threads_changed, Thread, thread_ids=[post.thread_id])
    post.deleted = True
    return True
