"""The forum's part of a partner page: threads its people took part in lately."""

from django.db.models import Exists, OuterRef

from .models import Post
from .permissions import visible_threads


def partner_threads(partner, user, limit: int) -> list[dict]:
    """Readable threads with a visible post by someone of ``partner``, latest activity first."""
    took_part = Post.objects.visible().filter(
        thread=OuterRef("pk"), author__profile__partner=partner
    )
    threads = (
        visible_threads(user)
        .filter(Exists(took_part), last_activity_at__isnull=False)
        .select_related("category")
        .order_by("-last_activity_at")[:limit]
    )
    return [
        {
            "title": thread.title,
            "url": thread.get_absolute_url(),
            "date": thread.last_activity_at,
            "context": thread.category.name,
        }
        for thread in threads
    ]
