from .activity import ForumSettings, Notification, Reaction, ReadMarker, Watch
from .attachments import Attachment
from .categories import Category, GroupMembership, WorkingGroup
from .moderation import Flag, ModerationLogEntry
from .threads import Post, PostRevision, Thread, ThreadTag, shown_post_q, visible_post_q

__all__ = [
    "Attachment",
    "Category",
    "Flag",
    "ForumSettings",
    "GroupMembership",
    "ModerationLogEntry",
    "Notification",
    "Post",
    "PostRevision",
    "Reaction",
    "ReadMarker",
    "Thread",
    "ThreadTag",
    "Watch",
    "WorkingGroup",
    "shown_post_q",
    "visible_post_q",
]
