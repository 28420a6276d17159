"""Files attached to posts: checked on what they contain, never on what they are called.

A file is accepted when its content is one of a short list of types (images Pillow can read,
PDF, Office Open XML, OpenDocument, UTF-8 text) *and* its name ends in an extension of that
type (theme.uploads, the check library documents share). The stored content type is the
detected one, so a browser is never told to treat a file as something else than what it is.
Files live in private storage and are served only
through forum.views.attachments, which asks the same visibility rules as the post.
"""

import os
import unicodedata
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.cache import patch_cache_control
from django.utils.functional import empty, lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from theme import uploads
from theme.uploads import FILE_TYPES, FileType

from . import permissions
from .choices import AttachmentKind
from .models import Attachment
from .models.attachments import private_storage

# Kept here (and read at each check) so that the forum may set its own limit.
MAX_IMAGE_PIXELS = uploads.MAX_IMAGE_PIXELS
MAX_NAME_LENGTH = 200

_BY_CONTENT_TYPE = {t.content_type: t for t in FILE_TYPES}
ACCEPT = ",".join(ext for t in FILE_TYPES for ext in t.extensions)


def type_label(content_type: str) -> str:
    """What to call a stored attachment's type in the interface ("PDF document")."""
    found = _BY_CONTENT_TYPE.get(content_type)
    return str(found.label) if found else content_type


def _allowed_text() -> str:
    return _(
        "images (JPEG, PNG, GIF, WebP), PDF, Word, Excel and PowerPoint (.docx, .xlsx, .pptx), "
        "OpenDocument (.odt, .ods, .odp), text and CSV files"
    )


def _help_text() -> str:
    return _("Up to %(count)s files of at most %(size)s each: %(types)s.") % {
        "count": settings.FORUM_ATTACHMENTS_PER_POST,
        "size": filesizeformat(settings.FORUM_ATTACHMENT_MAX_BYTES),
        "types": _allowed_text(),
    }


def clean_name(name: str) -> str:
    """A file name fit to store and show: the last path part, without control or format
    characters (which could disguise the extension), white space collapsed, at most 200
    characters with the extension kept."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    spaced = (" " if ch.isspace() else ch for ch in name)
    name = "".join(ch for ch in spaced if unicodedata.category(ch)[0] != "C")
    name = " ".join(name.split()).rstrip(". ")
    if len(name) > MAX_NAME_LENGTH:
        stem, extension = os.path.splitext(name)
        extension = extension[:20]
        name = stem[: MAX_NAME_LENGTH - len(extension)].rstrip() + extension
    return name


def _kind(file_type: FileType) -> str:
    return AttachmentKind.IMAGE if file_type.is_image else AttachmentKind.DOCUMENT


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    file_type: FileType


def check_upload(uploaded_file) -> tuple[str, str]:
    """The (kind, content_type) of an uploaded file, decided by its content; raises
    ValidationError with a message naming the file when it may not be attached."""
    checked = _inspect(uploaded_file)
    return _kind(checked.file_type), checked.file_type.content_type


def _inspect(uploaded_file) -> CheckedUpload:
    name = clean_name(uploaded_file.name)
    shown = name or _("(no name)")
    size = uploaded_file.size or 0
    if size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": shown}, code="empty")
    limit = settings.FORUM_ATTACHMENT_MAX_BYTES
    if size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s; a file may have at most %(limit)s.")
            % {"name": shown, "size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    file_type = uploads.checked_type(
        uploaded_file,
        shown,
        FILE_TYPES,
        refusal=_(
            "“%(name)s” is not a type of file the forum accepts (the content counts, not "
            "the name). Allowed are %(types)s."
        )
        % {"name": shown, "types": _allowed_text()},
        max_image_pixels=MAX_IMAGE_PIXELS,
    )
    return CheckedUpload(name=name, file_type=file_type)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files in one ``<input type=file multiple>``; cleans to a list of checked
    uploads (empty when none were chosen). The form needs enctype="multipart/form-data"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", gettext_lazy("Attachments"))
        kwargs.setdefault("help_text", lazy(_help_text, str)())
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        # check_upload refuses empty files with a message that names the file.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            files = [each for each in data if each]
        else:
            files = [data] if data else []
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        limit = settings.FORUM_ATTACHMENTS_PER_POST
        if len(files) > limit:
            raise ValidationError(
                _("You can attach at most %(limit)s files to a post.") % {"limit": limit},
                code="too_many",
            )
        errors = []
        for each in files:
            super().clean(each, initial)
            try:
                check_upload(each)
            except ValidationError as refusal:
                errors.extend(refusal.error_list)
        if errors:
            raise ValidationError(errors)
        return files


def save_attachments(post, files, user) -> list[Attachment]:
    """Check and store ``files`` as attachments of ``post``; nothing is stored when one of
    them is refused (ValidationError). Call it inside the transaction that writes the post."""
    files = [each for each in files or () if each]
    if not files:
        return []
    limit = settings.FORUM_ATTACHMENTS_PER_POST
    if post.attachments.count() + len(files) > limit:
        raise ValidationError(
            _("You can attach at most %(limit)s files to a post.") % {"limit": limit},
            code="too_many",
        )
    checked = [(each, _inspect(each)) for each in files]
    created = []
    try:
        for each, found in checked:
            attachment = Attachment(
                post=post,
                uploaded_by=user if user.is_authenticated else None,
                original_name=found.name,
                content_type=found.file_type.content_type,
                kind=_kind(found.file_type),
                size=each.size,
            )
            each.seek(0)
            attachment.file.save(found.name, each, save=False)
            created.append(attachment)
            attachment.save()
    except Exception:
        for attachment in created:
            attachment.file.delete(save=False)
        raise
    return created


def remove_attachments(post) -> int:
    """Delete the post's attachments with their files (for a post its author withdrew)."""
    removed, _counts = post.attachments.all().delete()
    return removed


def can_download(user, attachment: Attachment) -> bool:
    """Whoever sees the post sees its files: the thread must be readable, and a hidden post
    or one awaiting approval shows only to moderators. A withdrawn post has no files."""
    post = attachment.post
    if post is None or post.deleted:
        return False
    return permissions.can_read_post(user, post)


def file_response(attachment: Attachment) -> FileResponse:
    """The file with its detected type; images inline, everything else as a download, and
    headers that keep a browser from running or reinterpreting it. Raises FileNotFoundError."""
    handle = attachment.file.open("rb")
    response = FileResponse(
        handle,
        content_type=attachment.content_type,
        as_attachment=attachment.kind != AttachmentKind.IMAGE,
        filename=attachment.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    # Readable only with the reader's rights: no shared cache may keep a copy.
    patch_cache_control(response, private=True, max_age=3600)
    return response


@receiver(post_delete, sender=Attachment, dispatch_uid="forum_attachment_file_removed")
def _remove_file(sender, instance, **kwargs):
    """A deleted attachment takes its file along, once the deletion is committed."""
    name = instance.file.name
    if name:
        transaction.on_commit(lambda: private_storage.delete(name))


@receiver(setting_changed, dispatch_uid="forum_attachment_root_changed")
def _forget_storage(setting, **kwargs):
    """Tests point FORUM_ATTACHMENT_ROOT elsewhere; the lazy storage must follow."""
    if setting == "FORUM_ATTACHMENT_ROOT":
        private_storage._wrapped = empty
