from .categories import Category, GroupMembership, WorkingGroup
from .threads import Post, PostRevision, Thread, ThreadTag

__all__ = [
    "Category",
    "GroupMembership",
    "Post",
    "PostRevision",
    "Thread",
    "ThreadTag",
    "WorkingGroup",
]
