"""What the thread page needs to show a post's attachments: images apart from documents,
and a type named for people ("PDF document" rather than a MIME type)."""

from django import template

from ..attachments import type_label
from ..choices import AttachmentKind

register = template.Library()

register.filter("attachment_type", type_label)


@register.filter
def images(attachments) -> list:
    """The images among a post's (prefetched) attachments."""
    return [each for each in attachments if each.kind == AttachmentKind.IMAGE]


@register.filter
def documents(attachments) -> list:
    """Everything but images among a post's (prefetched) attachments."""
    return [each for each in attachments if each.kind != AttachmentKind.IMAGE]
