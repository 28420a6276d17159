"""What search stores: one entry per searchable thing, plus the editors' word lists and reports.

``Entry`` is the database backend's index and the record every other backend is checked
against (``search_check``). The engine-specific full-text tables (an FTS5 table on SQLite, a
weighted tsvector with a GIN index on PostgreSQL) live beside it; the migrations create them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryKind(models.TextChoices):
    ARTICLE = "article", _("Article")
    PROJECT = "project", _("Project profile")
    PARTNER = "partner", _("Partner")
    THREAD = "thread", _("Forum thread")
    DOCUMENT = "document", _("Document")
    PERSON = "person", _("Person")


class Entry(models.Model):
    """One searchable thing as the index holds it, with who may see it.

    ``audience`` is a canonical string of access tokens ("public", "members", "wg:3",
    "pagegroup:4 pagegroup:7"); whoever holds one of them may see the entry
    (``search.audience``). ``body`` keeps the original text for snippets; the analysed terms
    live in the engine's own table.
    """

    key = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=EntryKind.choices)
    language = models.CharField(max_length=10, blank=True)
    translated_into = models.CharField(max_length=50, blank=True)
    audience = models.CharField(max_length=200, db_index=True)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    partner = models.CharField(max_length=100, blank=True)
    partner_name = models.CharField(max_length=100, blank=True)
    topics = models.CharField(max_length=500, blank=True)
    date = models.DateTimeField(null=True)
    solved = models.BooleanField(null=True)
    review_due_on = models.DateField(null=True)
    checksum = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [models.Index(fields=["date"])]

    def __str__(self):
        return self.key


class EntryFacet(models.Model):
    """One facet value of an entry (type, topic, partner, year, solved), counted per query."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="facets")
    name = models.CharField(max_length=20)
    value = models.CharField(max_length=100)
    label = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [models.Index(fields=["entry", "name", "value"])]

    def __str__(self):
        return f"{self.name}={self.value}"


class Term(models.Model):
    """A word of the index as written (case-folded), per audience, for "Meinten Sie …?"."""

    word = models.CharField(max_length=100)
    audience = models.CharField(max_length=200)
    frequency = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["word", "audience"], name="search_term_per_audience")
        ]

    def __str__(self):
        return self.word


class Synonym(models.Model):
    """Words and abbreviations that mean the same ("OZG, Onlinezugangsgesetz")."""

    terms = models.CharField(
        _("terms"),
        max_length=500,
        help_text=_(
            "Words or phrases with the same meaning, separated by commas, "
            "e.g. “OZG, Onlinezugangsgesetz”."
        ),
    )

    class Meta:
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")

    def __str__(self):
        return self.terms

    def term_list(self) -> list[str]:
        return [term.strip() for term in self.terms.split(",") if term.strip()]


class QueryStat(models.Model):
    """How often a query was asked on a day, and whether it found anything (for the report)."""

    query = models.CharField(max_length=200)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)
    results = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("search query")
        verbose_name_plural = _("search queries")
        constraints = [
            models.UniqueConstraint(fields=["query", "day"], name="search_querystat_per_day")
        ]

    def __str__(self):
        return self.query


class WantedArticle(models.Model):
    """An article readers searched for and did not find, on the editorial to-do list."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    title = models.CharField(_("title"), max_length=200)
    query = models.CharField(_("search query"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("wanted article")
        verbose_name_plural = _("wanted articles")
        ordering = ["status", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["query"],
                condition=models.Q(status__in=["open", "in_progress"]) & ~models.Q(query=""),
                name="search_wantedarticle_open_per_query",
                violation_error_message=_(
                    "There is already an unfinished wanted article for this search query."
                ),
            )
        ]

    def __str__(self):
        return self.title


class PendingIndexUpdate(models.Model):
    """A key whose entry changed and that the search engine may not have taken yet.

    Written in the transaction that makes the change (``search.indexing.schedule``), so no
    change commits without it. ``change`` is new with every change: delivery marks the row
    delivered only if it still holds the change it read, so a change made meanwhile stays
    pending. Delivered rows are kept for a day, for a rebuild to catch up on the changes made
    while it ran (``search.pending``).
    """

    key = models.CharField(max_length=100, unique=True)
    change = models.UUIDField()
    changed_at = models.DateTimeField(db_index=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    retry_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("pending index update")
        verbose_name_plural = _("pending index updates")
        indexes = [models.Index(fields=["delivered_at", "retry_at"])]

    def __str__(self):
        return self.key
