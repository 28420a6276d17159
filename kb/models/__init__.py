from .knowledge import (
    ArticlePage,
    Attachment,
    KnowledgePage,
    KnowledgePageTag,
    Milestone,
    ProjectPage,
    RelatedPage,
)
from .library import CollectionPage, LibraryIndexPage
from .links import LinkCheck
from .partners import PartnerIndexPage, PartnerPage
from .reuse import Reuse
from .topics import Topic

__all__ = [
    "ArticlePage",
    "Attachment",
    "CollectionPage",
    "KnowledgePage",
    "KnowledgePageTag",
    "LibraryIndexPage",
    "LinkCheck",
    "Milestone",
    "PartnerIndexPage",
    "PartnerPage",
    "ProjectPage",
    "RelatedPage",
    "Reuse",
    "Topic",
]
