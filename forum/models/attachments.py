"""Files attached to posts. They live in private storage and are served by a view that asks
the same visibility rule as the post."""

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.functional import LazyObject
from django.utils.translation import gettext_lazy as _

from ..choices import AttachmentKind


class _PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = FileSystemStorage(location=settings.FORUM_ATTACHMENT_ROOT, base_url=None)


private_storage = _PrivateStorage()


def _private_storage():
    # A callable keeps the deployment's directory out of the migrations.
    return private_storage


def _attachment_path(instance, filename):
    # The stored name is random: the original name is kept in a field and sent on download.
    return f"{uuid.uuid4().hex}"


class Attachment(models.Model):
    """An image or document a member added to a post, checked on content at upload."""

    post = models.ForeignKey(
        "forum.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(storage=_private_storage, upload_to=_attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=AttachmentKind.choices)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name
