"""Articles taken from a forum thread no longer keep the thread's address.

They used to end with a link box holding the thread's absolute address, as the site that
promoted it called itself (in development ``http://127.0.0.1:8120/de/forum/thema/2/``). The
reference is the thread's ``promoted_to``, and the article renders the link from it; this
migration sets that reference where it is missing and removes the stored address from every
article and its revisions (an emptied link box goes with it). Links to threads taken into
another article stay: an editor put them there.
"""

import json
import re
from urllib.parse import urlsplit

from django.db import migrations

# The thread addresses as they were when the back-links were stored, in both languages.
THREAD_PATH = re.compile(r"^/(?:de|en)/forum/(?:thema|thread)/(?P<pk>\d+)/?$")


def thread_id_from_url(url) -> int | None:
    """The thread an old back-link points to, whatever host it was stored with; else None."""
    if not isinstance(url, str):
        return None
    match = THREAD_PATH.match(urlsplit(url.strip()).path)
    return int(match["pk"]) if match else None


def _link_value(link: dict) -> dict:
    # A ListBlock stores its items as {"type": "item", "value": ...} or, in older data, bare.
    return link.get("value", {}) if link.get("type") == "item" else link


def without_back_links(stream: list, is_back_link) -> list | None:
    """``stream`` (raw StreamField data) without the link-box links ``is_back_link(thread_id)``
    accepts, dropping link boxes left empty; None when nothing was removed."""
    changed = False
    result = []
    for block in stream:
        if block.get("type") == "link_box":
            links = block.get("value", {}).get("links", [])
            kept = [
                link
                for link in links
                if not is_back_link(thread_id_from_url(_link_value(link).get("url")))
            ]
            if len(kept) != len(links):
                changed = True
                if not kept:
                    continue
                block = {**block, "value": {**block["value"], "links": kept}}
        result.append(block)
    return result if changed else None


def _back_link_rule(Thread, page):
    """Which thread ids are back-links of ``page``: threads taken into it (or into a page it
    translates), threads taken in nowhere (they become this page's, the reference the link
    stood for) and threads that no longer exist."""
    claimed = set()

    def is_back_link(thread_id):
        if thread_id is None:
            return False
        thread = Thread.objects.filter(pk=thread_id).select_related("promoted_to").first()
        if thread is None:
            return True
        if thread.promoted_to_id is None and thread_id not in claimed:
            Thread.objects.filter(pk=thread_id).update(promoted_to_id=page.pk)
            claimed.add(thread_id)
            return True
        return thread_id in claimed or thread.promoted_to.translation_key == page.translation_key

    return is_back_link


def _revision_body(content: dict):
    body = content.get("body")
    return json.loads(body) if isinstance(body, str) else body


def store_references(apps, schema_editor):
    ArticlePage = apps.get_model("kb", "ArticlePage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Thread = apps.get_model("forum", "Thread")
    content_type = ContentType.objects.filter(app_label="kb", model="articlepage").first()
    for page in ArticlePage.objects.order_by("pk"):
        is_back_link = _back_link_rule(Thread, page)
        body = without_back_links(json.loads(json.dumps(list(page.body.raw_data))), is_back_link)
        if body is not None:
            ArticlePage.objects.filter(pk=page.pk).update(body=body)
        if content_type is None:
            continue
        revisions = Revision.objects.filter(content_type=content_type, object_id=str(page.pk))
        for revision in revisions:
            stream = _revision_body(revision.content)
            if not isinstance(stream, list):
                continue
            body = without_back_links(stream, is_back_link)
            if body is not None:
                was_text = isinstance(revision.content.get("body"), str)
                revision.content["body"] = json.dumps(body) if was_text else body
                Revision.objects.filter(pk=revision.pk).update(content=revision.content)


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0003_notification_kind_flag"),
        ("kb", "0004_link_check"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(store_references, migrations.RunPython.noop)]
