"""An EmailMessage as JSON and back: body, alternatives, attachments, headers, reply-to.

The outbox keeps messages in the database between the request that wrote them and the worker
that sends them, possibly days later, so everything the sender set must survive the round trip.
"""

import base64
import email
from email import policy as email_policy
from email.message import Message
from email.mime.base import MIMEBase

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.message import EmailAttachment, MIMEMixin

_ADDRESS_FIELDS = ("to", "cc", "bcc", "reply_to")
_SUBTYPES = ("content_subtype", "mixed_subtype", "alternative_subtype")


class _ParsedPart(MIMEMixin, MIMEBase):
    """A ready-made MIME part read back from bytes; Django attaches MIMEBase parts as they are."""

    def __init__(self, policy=email_policy.compat32):
        Message.__init__(self, policy=policy)


def _content_to_json(content) -> dict:
    if isinstance(content, str):
        return {"text": content}
    if isinstance(content, EmailMessage):
        content = content.message()
    if isinstance(content, Message):
        content = content.as_bytes()
    return {"base64": base64.b64encode(content).decode("ascii")}


def _content_from_json(data: dict):
    if "text" in data:
        return data["text"]
    return base64.b64decode(data["base64"])


def to_json(message: EmailMessage) -> dict:
    """Everything needed to build ``message`` again, as JSON-serialisable data."""
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            attachments.append({"mime": _content_to_json(attachment.as_bytes())["base64"]})
        else:
            filename, content, mimetype = attachment
            attachments.append(
                {"filename": filename, "mimetype": mimetype, **_content_to_json(content)}
            )
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": str(message.from_email),
        **{field: [str(a) for a in getattr(message, field)] for field in _ADDRESS_FIELDS},
        "headers": {str(name): str(value) for name, value in message.extra_headers.items()},
        "alternatives": [
            {"mimetype": mimetype, **_content_to_json(content)}
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
        "encoding": message.encoding,
        **{name: getattr(message, name) for name in _SUBTYPES if hasattr(message, name)},
    }


def from_json(data: dict) -> EmailMultiAlternatives:
    """The message ``to_json`` described (always an EmailMultiAlternatives, which renders a
    message without alternatives exactly as a plain EmailMessage does)."""
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for alternative in data["alternatives"]:
        message.attach_alternative(_content_from_json(alternative), alternative["mimetype"])
    for attachment in data["attachments"]:
        if "mime" in attachment:
            part = email.message_from_bytes(
                base64.b64decode(attachment["mime"]), _class=_ParsedPart
            )
            message.attach(part)
        else:
            message.attachments.append(
                EmailAttachment(
                    attachment["filename"], _content_from_json(attachment), attachment["mimetype"]
                )
            )
    if data["encoding"]:
        message.encoding = data["encoding"]
    for name in _SUBTYPES:
        if name in data:
            setattr(message, name, data[name])
    return message
