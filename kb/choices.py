from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    """The stages of a project profile, as the strategy names them."""

    IDEA = "idee", _("Idea")
    PLANNING = "planung", _("Planning")
    IMPLEMENTATION = "umsetzung", _("Implementation")
    OPERATION = "betrieb", _("In operation")
    COMPLETED = "abgeschlossen", _("Completed")


class ReuseStage(models.TextChoices):
    """How far another partner has got with reusing a solution ("Nachnutzung")."""

    INTEREST = "interesse", _("Interested")
    PLANNED = "geplant", _("Planned")
    IMPLEMENTING = "umsetzung", _("Implementing")
    PRODUCTIVE = "produktiv", _("In production")


class CalloutKind(models.TextChoices):
    TIP = "tip", _("Tip")
    NOTE = "note", _("Note")


class KnowledgeType(models.TextChoices):
    """The kinds of pages the library lists; the value is the URL's ?type=."""

    ARTICLE = "article", _("Best-practice article")
    PROJECT = "project", _("Project profile")


class LibrarySort(models.TextChoices):
    NEWEST = "newest", _("Newest first")
    UPDATED = "updated", _("Recently updated")
    TITLE = "title", _("Title A–Z")
