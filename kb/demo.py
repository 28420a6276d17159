"""Demo library: topics, the library and partner pages, 30+ articles and project profiles.

The texts are in demo_content/library.json; images and PDF checklists are generated here.
Idempotent: pages, topics and people that exist are left alone.
"""

import datetime
import io
import json
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction

from partners.models import Partner
from theme.models import HomePage

from .demo_media import checklist_pdf, teaser_description, teaser_png
from .models import (
    ArticlePage,
    Attachment,
    CollectionPage,
    LibraryIndexPage,
    Milestone,
    PartnerIndexPage,
    PartnerPage,
    ProjectPage,
    Reuse,
    Topic,
)
from .models.knowledge import add_months
from .permissions import editor_group

CONTENT = Path(__file__).parent / "demo_content" / "library.json"
DEMO_PASSWORD = "Wissensnetz-Demo-2026"  # noqa: S105  (the README's demo password; dev only)

CONTACTS = {
    # partner slug: (name, email local part, department)
    "kreis-coesfeld": ("Sabine Hülsmann", "s.huelsmann", "Digitalagentur"),
    "ascheberg": ("Thomas Brüning", "t.bruening", "Zentrale Dienste"),
    "billerbeck": ("Anke Schulze-Wierling", "a.schulze-wierling", "Bürgerbüro"),
    "coesfeld": ("Markus Tenhagen", "m.tenhagen", "IT-Service"),
    "duelmen": ("Jana Berghoff", "j.berghoff", "Stabsstelle Digitalisierung"),
    "havixbeck": ("Peter Lammers", "p.lammers", "Hauptamt"),
    "luedinghausen": ("Claudia Reher", "c.reher", "Organisation und IT"),
    "nordkirchen": ("Stefan Wessels", "s.wessels", "Bauamt"),
    "nottuln": ("Birgit Osthues", "b.osthues", "Schulverwaltung"),
    "olfen": ("Frank Höing", "f.hoeing", "Digitalisierung"),
    "rosendahl": ("Martina Kemper", "m.kemper", "Wirtschaftsförderung"),
    "senden": ("Jörg Niehues", "j.niehues", "IT und Organisation"),
}
PARTNER_EDITOR = ("redaktion@olfen.de", "ole.redakteur", "Ole Redakteur", "olfen")


def load(command):
    if not CONTENT.exists():
        command.report("No demo library content found.")
        return
    data = json.loads(CONTENT.read_text(encoding="utf-8"))
    german = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(depth=2, locale=german)
    topics = {item["slug"]: _topic(command, item, german, english) for item in data["topics"]}

    library = _child(
        command,
        home,
        LibraryIndexPage,
        slug="bibliothek",
        title="Wissensbibliothek",
        show_in_menus=True,
        intro="<p>Praxisbeiträge und Projektsteckbriefe aller zwölf Partner: filtern Sie nach "
        "Handlungsfeld, Partner, Art, Projektstand oder Schlagwort.</p>",
    )
    partner_index = _child(
        command,
        home,
        PartnerIndexPage,
        slug="partner",
        title="Partner",
        show_in_menus=True,
        intro="<p>Der Kreis Coesfeld und seine elf Städte und Gemeinden: ihre Beiträge, "
        "Projekte und Ansprechpersonen.</p>",
    )
    _translate(
        command,
        library,
        english,
        title="Library",
        slug="library",
        intro="<p>Best-practice articles and project profiles of all twelve partners.</p>",
    )
    _translate(
        command,
        partner_index,
        english,
        title="Partners",
        slug="partners",
        intro="<p>Kreis Coesfeld and its eleven towns and municipalities.</p>",
    )

    partner_pages = {
        partner.slug: _child(
            command,
            partner_index,
            PartnerPage,
            slug=partner.slug,
            title=partner.name,
            partner=partner,
            intro=f"<p>Beiträge, Projekte und Ansprechpersonen aus {partner.name}.</p>",
        )
        for partner in Partner.objects.all()
    }
    contacts = _people(command)
    owner = get_user_model().objects.filter(groups__name="Digitalagentur").first()

    for number, item in enumerate(data["articles"]):
        _knowledge_page(
            command, ArticlePage, item, number, partner_pages, topics, contacts, owner, english
        )
    for number, item in enumerate(data["projects"], start=100):
        _knowledge_page(
            command, ProjectPage, item, number, partner_pages, topics, contacts, owner, english
        )

    all_projects = _child(
        command,
        library,
        CollectionPage,
        slug="projekte",
        title="Alle Projektsteckbriefe",
        intro="<p>Alle Umsetzungsprojekte der Digitalstrategie, die neuesten zuerst.</p>",
        page_types=["project"],
        limit=100,
    )
    mobility = _child(
        command,
        library,
        CollectionPage,
        slug="mobilitaet",
        title="Mobilität im Kreis",
        intro="<p>Was die Partner für Bus, Rad und Bürgerbus digital gelöst haben.</p>",
        limit=20,
    )
    if not mobility.topics.exists() and "mobilitaet" in topics:
        mobility.topics.set([topics["mobilitaet"]])
        mobility.save_revision().publish()
    _home_entry_points(command, home, library, all_projects, partner_index)


def _topic(command, item, german, english) -> Topic:
    topic = Topic.objects.filter(slug=item["slug"], locale=german).first()
    if topic is None:
        topic = Topic.objects.create(
            slug=item["slug"],
            name=item["name_de"],
            description=item["description_de"],
            locale=german,
        )
        command.report(f"Topic {topic.name}")
    if topic.get_translation_or_none(english) is None:
        translation = topic.copy_for_translation(english)
        translation.name = item["name_en"]
        translation.description = item["description_en"]
        translation.slug = slugify(item["name_en"])
        translation.save()
    return topic


def _child(command, parent: Page, page_class, *, slug: str, title: str, **fields) -> Page:
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = page_class(title=title, slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    command.report(f"Page {title}")
    return page


def _translate(command, page: Page, locale: Locale, **fields) -> Page:
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translation = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    command.report(f"Translation {translation.title}")
    return translation


def _people(command) -> dict:
    """One contact person per partner who chose to be listed, and a partner editor."""
    User = get_user_model()
    contacts = {}
    for slug, (name, local_part, department) in CONTACTS.items():
        partner = Partner.objects.get(slug=slug)
        email = f"{local_part}@{partner.email_domains[0]}"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(username=slugify(name).replace("-", "."), email=email)
            user.set_unusable_password()
            user.save()
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            profile = user.profile
            profile.display_name, profile.partner, profile.department = name, partner, department
            profile.is_public = True
            profile.save()
            command.report(f"Contact person {name} ({partner.name})")
        contacts[slug] = user.profile
    if getattr(settings, "DEMO_ACCOUNTS_ENABLED", False):
        email, username, name, slug = PARTNER_EDITOR
        if not User.objects.filter(email=email).exists():
            editor = User(username=username, email=email)
            editor.set_password(DEMO_PASSWORD)
            editor.save()
            EmailAddress.objects.create(user=editor, email=email, verified=True, primary=True)
            partner = Partner.objects.get(slug=slug)
            editor.profile.display_name, editor.profile.partner = name, partner
            editor.profile.department = "Öffentlichkeitsarbeit"
            editor.profile.save()
            editor.groups.add(editor_group(partner))
            command.report(f"Account {email} ({name}, partner editor)")
    return contacts


def _image(title: str, seed: int):
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    image = Image(
        title=title,
        description=teaser_description(seed),
        file=ImageFile(io.BytesIO(teaser_png(seed)), name=f"demo-{seed}.png"),
    )
    image.save()
    return image


def _checklist(item) -> object:
    Document = get_document_model()
    title = f"Checkliste: {item['title']}"
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    lines = [
        "Diese Checkliste fasst zusammen, worauf es bei der Nachnutzung ankommt.",
        "",
        item["summary"],
        "",
        "1. Zuständigkeit klären und Projektverantwortliche benennen.",
        "2. Personalrat und Datenschutz früh einbinden.",
        "3. Kosten, Lizenzen und Förderung prüfen.",
        "4. Mit der Ansprechperson des Partners sprechen.",
    ]
    document = Document(title=title)
    document.file.save(f"{item['slug']}.pdf", ContentFile(checklist_pdf(title, lines)), save=False)
    document.save()
    return document


def _knowledge_page(
    command, page_class, item, number, partner_pages, topics, contacts, owner, english
):
    parent = partner_pages[item["partner"]]
    if parent.get_children().filter(slug=item["slug"]).exists():
        return
    today = timezone.localdate()
    published = datetime.date.fromisoformat(item["published"])
    last_reviewed = (
        add_months(today, -14)
        if item.get("review_overdue")
        else max(published, add_months(today, -3))
    )
    fields = _fields(page_class, item)
    page = page_class(
        title=item["title"],
        slug=item["slug"],
        summary=item["summary"],
        contact=contacts.get(item["partner"]),
        owner=owner,
        last_reviewed=last_reviewed,
        review_interval=12,
        image=_image(item["title"], number) if item.get("with_image") else None,
        **fields,
    )
    parent.add_child(instance=page)
    page.topics.set([topics[slug] for slug in item["topics"]])
    page.participating_partners.set(Partner.objects.filter(slug__in=item.get("participating", [])))
    page.tags.set(item.get("tags", []))
    if page_class is ProjectPage:
        page.milestones = [
            Milestone(title=m["title"], date=datetime.date.fromisoformat(m["date"]), done=m["done"])
            for m in item.get("milestones", [])
        ]
    if item.get("with_attachment"):
        page.attachments = [Attachment(document=_checklist(item))]
    page.save_revision(user=owner).publish(user=owner)
    moment = timezone.make_aware(datetime.datetime.combine(published, datetime.time(9, 30)))
    page_class.objects.filter(pk=page.pk).update(
        first_published_at=moment, last_published_at=moment
    )
    if item.get("members_only"):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    for declaration in item.get("reuse", []):
        Reuse.objects.get_or_create(
            page=page,
            partner=Partner.objects.get(slug=declaration["partner"]),
            defaults={"stage": declaration["stage"], "note": declaration.get("note", "")},
        )
    if item.get("translation_en"):
        _translate_item(page, item["translation_en"], english)
    command.report(f"{page_class._meta.verbose_name.title()}: {page.title}")


def _fields(page_class, item) -> dict:
    if page_class is ArticlePage:
        return {
            "starting_point": item.get("starting_point", ""),
            "solution": item.get("solution", ""),
            "costs": item.get("costs", ""),
            "products": item.get("products", ""),
            "ozg_service": item.get("ozg_service", ""),
            "data_protection": item.get("data_protection", ""),
            "lessons_learned": item.get("lessons_learned", ""),
            "body": _body(item["body"]),
        }
    return {
        "goal": item["goal"],
        "description": item["description"],
        "status": item["status"],
        "start_date": datetime.date.fromisoformat(item["start"]) if item.get("start") else None,
        "end_date": datetime.date.fromisoformat(item["end"]) if item.get("end") else None,
        "budget": int(item["budget"]) if item.get("budget") else None,
        "funding": item.get("funding", ""),
        "results": item.get("results", ""),
        "lessons_learned": item.get("lessons_learned", ""),
    }


def _body(blocks: list) -> list:
    return [(block["type"], block["value"]) for block in blocks]


def _translate_item(page, translated: dict, english):
    translation = page.copy_for_translation(english, copy_parents=True)
    for name, value in translated.items():
        setattr(translation, name, _body(value) if name == "body" else value)
    translation.save_revision().publish()
    for ancestor in translation.get_ancestors().filter(depth__gt=2).specific():
        if not ancestor.live:
            ancestor.save_revision().publish()


def _home_entry_points(command, home, library, projects, partner_index):
    present = {block.value.get("page").pk for block in home.entry_points if block.value.get("page")}
    wanted = [
        (library, "Wissensbibliothek", "Praxisbeiträge und Projektsteckbriefe aller Partner."),
        (projects, "Projekte", "Woran die zwölf Partner gerade arbeiten – und was schon läuft."),
        (partner_index, "Partner", "Der Kreis und seine elf Städte und Gemeinden."),
    ]
    missing = [(page, title, text) for page, title, text in wanted if page.pk not in present]
    if not missing:
        return
    entries = [
        ("entry_point", {"title": title, "text": text, "page": page, "section": ""})
        for page, title, text in missing
    ]
    home.entry_points = entries + [(block.block_type, block.value) for block in home.entry_points]
    home.save_revision().publish()
    command.report("Home page entry points for the library")
