"""Demo pages: the home page (German and English), the legal pages and Leichte Sprache."""

from pathlib import Path

from wagtail.models import Locale, Page, Site

from .models import AccessibilityStatementPage, HomePage, SiteSettings, StandardPage
from .site_address import base_url, keep_site_records_in_step

CONTENT_DIR = Path(__file__).parent / "demo_content"


def _content(name: str) -> str:
    return (CONTENT_DIR / f"{name}.html").read_text(encoding="utf-8")


HOME_DE = {
    "title": "Wissensnetz Kreis Coesfeld",
    "intro": (
        "<p>Im Wissensnetz teilen der Kreis Coesfeld und seine elf Städte und Gemeinden, "
        "was sie bei der Digitalisierung gelernt haben: Praxisbeiträge, Projektsteckbriefe "
        "und ein Forum für den Austausch unter Kolleginnen und Kollegen.</p>"
    ),
    "entry_points": [
        {
            "title": "Suchen",
            "text": "Finden Sie heraus, was eine andere Kommune schon gelöst hat.",
            "section": "search",
        },
        {
            "title": "Mitmachen",
            "text": "Mit Ihrer dienstlichen E-Mail-Adresse legen Sie in zwei Minuten ein Konto an.",
            "section": "signup",
        },
    ],
    "about": (
        "<p>„Coesfeld 12.0 – Im Kreis gemeinsam digital“ ist die interkommunale "
        "Digitalstrategie des Kreises Coesfeld und der Städte und Gemeinden Ascheberg, "
        "Billerbeck, Coesfeld, Dülmen, Havixbeck, Lüdinghausen, Nordkirchen, Nottuln, Olfen, "
        "Rosendahl und Senden. Die Digitalagentur koordiniert die Umsetzungsprojekte; dieses "
        "Wissensnetz sorgt dafür, dass Erfahrungen aus einem Projekt allen zwölf Partnern "
        "zugutekommen.</p>"
    ),
}

HOME_EN = {
    "title": "Knowledge network Kreis Coesfeld",
    "intro": (
        "<p>In the knowledge network, Kreis Coesfeld and its eleven towns and municipalities "
        "share what they have learned about going digital: best-practice articles, project "
        "profiles and a forum where colleagues help each other.</p>"
    ),
    "entry_points": [
        {
            "title": "Search",
            "text": "Find out what another municipality has already solved.",
            "section": "search",
        },
        {
            "title": "Join",
            "text": "Sign up with your work email address in two minutes.",
            "section": "signup",
        },
    ],
    "about": (
        "<p>“Coesfeld 12.0 – digital together across the district” is the joint digital "
        "strategy of Kreis Coesfeld and its eleven towns and municipalities. The "
        "Digitalagentur coordinates the projects; this network makes sure that what one "
        "partner learns benefits all twelve.</p>"
    ),
}

IMPRINT = _content("impressum")

PRIVACY = _content("datenschutz")

ACCESSIBILITY = _content("barrierefreiheit")

ACCESSIBILITY_FEEDBACK = _content("barrierefreiheit_rueckmeldung")

EASY_LANGUAGE = _content("leichte_sprache")


def load(command):
    keep_site_records_in_step()
    command.report(f"Site address: {base_url()}")
    home = HomePage.objects.filter(depth=2, locale__language_code="de").first()
    if home is None:
        command.report("No German home page: run the migrations first.")
        return
    if home.latest_revision_id is None:
        _fill(home, HOME_DE)
        command.report("Home page (de)")
    _translate_home(command, home)

    imprint = _child(command, home, StandardPage, "impressum", "Impressum", body=IMPRINT)
    privacy = _child(command, home, StandardPage, "datenschutz", "Datenschutz", body=PRIVACY)
    accessibility = _child(
        command,
        home,
        AccessibilityStatementPage,
        "barrierefreiheit",
        "Erklärung zur Barrierefreiheit",
        body=ACCESSIBILITY,
        feedback_intro=ACCESSIBILITY_FEEDBACK,
    )
    easy = _child(
        command,
        home,
        StandardPage,
        "leichte-sprache",
        "Leichte Sprache",
        intro="Hier erklären wir das Wissensnetz in Leichter Sprache.",
        body=EASY_LANGUAGE,
    )

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    if site_settings.imprint_page_id is None:
        site_settings.imprint_page = imprint
        site_settings.privacy_page = privacy
        site_settings.accessibility_page = accessibility
        site_settings.easy_language_page = easy
        site_settings.contact_email = "digitalagentur@kreis-coesfeld.de"
        site_settings.save()
        command.report("Site settings: legal pages and contact address")


def _fill(page: Page, values: dict) -> None:
    for field, value in values.items():
        if field == "entry_points":
            value = [("entry_point", entry) for entry in value]
        setattr(page, field, value)
    page.draft_title = page.title
    page.save_revision().publish()


def _translate_home(command, home: HomePage) -> None:
    english = Locale.objects.get(language_code="en")
    if home.get_translation_or_none(english) is not None:
        return
    translation = home.copy_for_translation(english)
    _fill(translation, HOME_EN)
    command.report("Home page (en)")


def _child(command, parent: Page, page_class, slug: str, title: str, **fields) -> Page:
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing
    page = page_class(title=title, slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    command.report(f"Page {title}")
    return page
