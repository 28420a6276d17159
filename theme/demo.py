"""Demo pages: the home page (German and English), the legal pages and Leichte Sprache."""

from wagtail.models import Locale, Page, Site

from .models import AccessibilityStatementPage, HomePage, SiteSettings, StandardPage

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

IMPRINT = """
<h2>Angaben gemäß § 5 Digitale-Dienste-Gesetz</h2>
<p>Kreis Coesfeld<br>Der Landrat<br>Friedrich-Ebert-Straße 7<br>48653 Coesfeld</p>
<p>Telefon: 02541 18-0<br>E-Mail: <a href="mailto:digitalagentur@kreis-coesfeld.de">digitalagentur@kreis-coesfeld.de</a></p>
<h2>Vertretungsberechtigt</h2>
<p>Der Kreis Coesfeld ist eine Körperschaft des öffentlichen Rechts. Er wird durch den Landrat vertreten.</p>
<h2>Verantwortlich für den Inhalt</h2>
<p>Digitalagentur des Kreises Coesfeld, Anschrift wie oben. Für Beiträge im Forum sind ihre Verfasserinnen und Verfasser verantwortlich.</p>
<h2>Aufsichtsbehörde</h2>
<p>Bezirksregierung Münster</p>
"""

PRIVACY = """
<h2>Wer ist verantwortlich?</h2>
<p>Verantwortlich für die Verarbeitung personenbezogener Daten auf dieser Website ist der Kreis Coesfeld (Anschrift im Impressum). Die behördliche Datenschutzbeauftragte erreichen Sie unter derselben Anschrift.</p>
<h2>Was wir speichern, wenn Sie die Seiten lesen</h2>
<p>Der Server speichert bei jedem Aufruf technisch notwendige Angaben (Datum, Uhrzeit, aufgerufene Adresse, gekürzte IP-Adresse) für höchstens sieben Tage, um Angriffe abwehren zu können.</p>
<h2>Cookies</h2>
<p>Wir setzen nur Cookies, die technisch notwendig sind: ein Sitzungs-Cookie, solange Sie angemeldet sind, und ein Cookie zum Schutz von Formularen vor Missbrauch (CSRF). Es gibt keine Analyse- oder Werbe-Cookies, kein Tracking und keine Inhalte von Drittanbietern. Deshalb fragen wir nicht nach einer Einwilligung.</p>
<h2>Ihr Konto</h2>
<p>Wenn Sie ein Konto anlegen, speichern wir Ihre E-Mail-Adresse, Ihren Namen und die Angaben, die Sie in Ihrem Profil machen. Rechtsgrundlage ist Art. 6 Abs. 1 lit. e DSGVO in Verbindung mit der Zusammenarbeit der Kommunen im Kreis Coesfeld. Sie können Ihr Konto jederzeit löschen.</p>
<h2>Ihre Rechte</h2>
<p>Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung und Widerspruch (Art. 15 bis 21 DSGVO). Sie können sich außerdem bei der Landesbeauftragten für Datenschutz und Informationsfreiheit Nordrhein-Westfalen beschweren.</p>
"""

ACCESSIBILITY = """
<p>Der Kreis Coesfeld ist bemüht, das Wissensnetz im Einklang mit dem Behindertengleichstellungsgesetz Nordrhein-Westfalen (BGG NRW) und der Barrierefreie-Informationstechnik-Verordnung Nordrhein-Westfalen (BITV NRW) barrierefrei zugänglich zu machen.</p>
<h2>Stand der Vereinbarkeit mit den Anforderungen</h2>
<p>Diese Website ist weitgehend mit den Anforderungen der BITV 2.0 und der Norm EN 301 549 vereinbar. Jede Seitenart wird automatisch mit axe-core geprüft; alle Funktionen sind mit der Tastatur und ohne JavaScript bedienbar.</p>
<h2>Nicht barrierefreie Inhalte</h2>
<ul>
<li>Dokumente (zum Beispiel PDF-Dateien), die Partner hochladen, sind nicht immer barrierefrei. Auf Anfrage stellen wir die Inhalte in einer zugänglichen Form bereit.</li>
<li>Beiträge im Forum schreiben Mitglieder selbst. Bilder darin haben nicht immer einen Alternativtext.</li>
</ul>
<h2>Erstellung dieser Erklärung</h2>
<p>Diese Erklärung wurde am 26. November 2026 auf Grundlage einer Selbstbewertung erstellt.</p>
<h2>Durchsetzungsverfahren</h2>
<p>Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, können Sie sich an die Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen wenden (bei der Landesbeauftragten für Menschen mit Behinderung, Fürstenwall 25, 40219 Düsseldorf).</p>
"""

ACCESSIBILITY_FEEDBACK = """
<p>Sind Ihnen Mängel beim barrierefreien Zugang zu Inhalten aufgefallen? Schreiben Sie uns über dieses Formular. Wir bestätigen den Eingang per E-Mail und antworten spätestens innerhalb von sechs Wochen.</p>
"""

EASY_LANGUAGE = """
<h2>Was ist das Wissensnetz?</h2>
<p>Das Wissensnetz ist eine Internet-Seite.</p>
<p>Auf der Seite schreiben Mitarbeiterinnen und Mitarbeiter von Städten und Gemeinden.</p>
<p>Die Städte und Gemeinden liegen im Kreis Coesfeld.</p>
<h2>Worum geht es?</h2>
<p>Es geht um Digitalisierung.</p>
<p>Digitalisierung heißt: Mehr Arbeit wird mit dem Computer gemacht.</p>
<p>Zum Beispiel: Sie können einen Antrag im Internet stellen.</p>
<p>Sie müssen dann nicht zum Amt gehen.</p>
<h2>Was steht auf der Seite?</h2>
<ul>
<li>Berichte: Eine Stadt erzählt, was gut geklappt hat.</li>
<li>Projekte: Hier steht, woran die Städte gerade arbeiten.</li>
<li>Ein Forum: Dort stellen Mitarbeiter Fragen. Andere Mitarbeiter antworten.</li>
</ul>
<h2>Wer kann mitmachen?</h2>
<p>Alle können die Seite lesen.</p>
<p>Mitarbeiter der Städte und Gemeinden können auch schreiben.</p>
<p>Dafür brauchen sie ein Konto.</p>
<h2>Sie brauchen Hilfe?</h2>
<p>Schreiben Sie eine E-Mail an: <a href="mailto:digitalagentur@kreis-coesfeld.de">digitalagentur@kreis-coesfeld.de</a></p>
"""


def load(command):
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
