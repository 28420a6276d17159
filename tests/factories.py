"""factory_boy factories. Partners, the home page and the role groups come from migrations."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page

from partners.models import Partner
from theme.models import StandardPage

DEFAULT_PASSWORD = "korrekt-Pferd-Batterie-42"  # noqa: S105


def partner(slug: str) -> Partner:
    """One of the twelve seeded partners, by slug (e.g. "duelmen")."""
    return Partner.objects.get(slug=slug)


class UserFactory(factory.django.DjangoModelFactory):
    """A member who has verified their address and can log in."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    class Params:
        partner_slug = "duelmen"

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(
        lambda o: f"{o.username}@{partner(o.partner_slug).email_domains[0]}"
    )
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if not create:
            return
        self.save()
        EmailAddress.objects.get_or_create(
            user=self,
            email=self.email,
            defaults={"verified": extracted is not False, "primary": True},
        )
        profile = self.profile
        profile.display_name = profile.display_name or self.username.replace(".", " ").title()
        profile.partner = Partner.objects.for_email(self.email).first()
        profile.save()

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))


def home_page(language: str = "de") -> Page:
    return Page.objects.get(depth=2, locale__language_code=language).specific


class StandardPageFactory(factory.django.DjangoModelFactory):
    """A published text page below the German home page."""

    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Seite {n}")
    slug = factory.Sequence(lambda n: f"seite-{n}")
    body = "<p>Text der Seite.</p>"

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        page = model_class(**kwargs)
        (parent or home_page()).add_child(instance=page)
        page.save_revision().publish()
        return page


def publish_under(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "kb.Topic"
        django_get_or_create = ["slug", "locale"]

    name = factory.Sequence(lambda n: f"Handlungsfeld {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="de"))


def library_structure():
    """The library, the partner index and a PartnerPage for every partner (German)."""
    from kb.models import LibraryIndexPage, PartnerIndexPage, PartnerPage

    home = home_page()
    library = LibraryIndexPage.objects.filter(slug="bibliothek").first() or publish_under(
        home, LibraryIndexPage(title="Wissensbibliothek", slug="bibliothek")
    )
    index = PartnerIndexPage.objects.filter(slug="partner").first() or publish_under(
        home, PartnerIndexPage(title="Partner", slug="partner")
    )
    sections = {}
    for each in Partner.objects.all():
        sections[each.slug] = PartnerPage.objects.filter(
            partner=each, locale=home.locale
        ).first() or (
            publish_under(index, PartnerPage(title=each.name, slug=each.slug, partner=each))
        )
    return library, index, sections


def partner_page(slug: str):
    from kb.models import PartnerPage

    return PartnerPage.objects.get(partner__slug=slug, locale__language_code="de")


class KnowledgePageFactoryMixin:
    @classmethod
    def _create(cls, model_class, *args, partner="duelmen", topics=(), tags=(), **kwargs):
        page = model_class(**kwargs)
        publish_under(partner_page(partner), page)
        if topics or tags:
            if topics:
                page.topics.set(topics)
            page.tags.set(list(tags))
            page.save_revision().publish()
        return page


class ArticlePageFactory(KnowledgePageFactoryMixin, factory.django.DjangoModelFactory):
    """A published article in a partner's section (library_structure() must exist)."""

    class Meta:
        model = "kb.ArticlePage"

    title = factory.Sequence(lambda n: f"Praxisbeitrag {n}")
    slug = factory.Sequence(lambda n: f"praxisbeitrag-{n}")
    summary = "Wie eine Kommune ein Verfahren digitalisiert hat."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Text des Beitrags.</p>")])


class ProjectPageFactory(KnowledgePageFactoryMixin, factory.django.DjangoModelFactory):
    class Meta:
        model = "kb.ProjectPage"

    title = factory.Sequence(lambda n: f"Projekt {n}")
    slug = factory.Sequence(lambda n: f"projekt-{n}")
    summary = "Ein Umsetzungsprojekt der Digitalstrategie."
    goal = "Bürgerinnen und Bürger erledigen den Antrag online."
    description = "<p>Beschreibung des Projekts.</p>"
    status = "umsetzung"


class QueryStatFactory(factory.django.DjangoModelFactory):
    """A query as the search report counts it: asked today, found something."""

    class Meta:
        model = "search.QueryStat"

    query = factory.Sequence(lambda n: f"suchbegriff {n}")
    day = factory.LazyFunction(timezone.localdate)
    count = 1
    results = 3


class WantedArticleFactory(factory.django.DjangoModelFactory):
    """An open wanted article on the editors' to-do list."""

    class Meta:
        model = "search.WantedArticle"

    title = factory.Sequence(lambda n: f"Wunschartikel {n}")
    query = factory.LazyAttribute(lambda o: o.title.lower())
