"""Demo forum: categories of each visibility, a working group, and a few discussions."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import Locale

from partners.models import Profile

from .choices import MembershipRole, MembershipStatus, ReactionKind, Visibility
from .models import Category, GroupMembership, Thread, WorkingGroup
from .posting import reply, start_thread
from .reactions import toggle_reaction
from .solutions import mark_solution

DEMO_PASSWORD = "Wissensnetz-Demo-2026"  # noqa: S105  (the README's demo password; dev only)

CATEGORIES = [
    # slug, German name, English name, description (de), description (en), visibility
    (
        "allgemeines",
        "Allgemeines",
        "General",
        "Fragen und Hinweise rund um die Digitalisierung im Kreis.",
        "Questions and news about going digital in the district.",
        Visibility.PUBLIC,
    ),
    (
        "fragen-antworten",
        "Fragen & Antworten",
        "Questions & answers",
        "Kolleginnen und Kollegen fragen, andere antworten – nur für Mitglieder.",
        "Colleagues ask, others answer – members only.",
        Visibility.MEMBERS,
    ),
    (
        "ak-informationssicherheit",
        "Arbeitskreis Informationssicherheit",
        "Working group information security",
        "Vertraulicher Austausch der Informationssicherheitsbeauftragten.",
        "Confidential exchange of the information security officers.",
        Visibility.GROUP,
    ),
]

THREADS = [
    # category slug, author email, title, question?, first post, replies [(author email, text)]
    # (extra facts — tags, solution, reactions — are in THREAD_EXTRAS by title)
    (
        "allgemeines",
        "digitalagentur@kreis-coesfeld.de",
        "Willkommen im Forum des Wissensnetzes",
        False,
        "Hier tauschen sich die Beschäftigten der zwölf Partner aus. Stellen Sie Fragen, "
        "berichten Sie von Erfahrungen und verweisen Sie auf **Praxisbeiträge** aus der "
        "Bibliothek.\n\n"
        "Bitte beachten Sie: Öffentliche Kategorien kann jeder lesen.",
        [
            (
                "mitglied@duelmen.de",
                "Danke für den Start! Wir in Dülmen freuen uns auf den Austausch.",
            )
        ],
    ),
    (
        "fragen-antworten",
        "mitglied@duelmen.de",
        "Welche Scanner nutzen Sie für die E-Akte im Bauamt?",
        True,
        "Wir stellen im Bauamt auf die E-Akte um und suchen einen Dokumentenscanner, der auch "
        "A3-Pläne schafft. Welche Geräte haben sich bei Ihnen bewährt?\n\n"
        "- Durchsatz: rund 2.000 Seiten am Tag\n- Anbindung an das DMS über einen Netzwerkordner",
        [
            (
                "redaktion@olfen.de",
                "In Olfen arbeiten wir mit einem A3-Flachbettscanner für Pläne und "
                "einem Einzugsscanner für den Rest. Wichtig war uns die "
                "**Stapeltrennung per Barcode**.",
            ),
            (
                "digitalagentur@kreis-coesfeld.de",
                "Die Digitalagentur hat einen Rahmenvertrag für Scanner "
                "vorbereitet; Details stehen im Praxisbeitrag zur E-Akte in Dülmen.",
            ),
        ],
    ),
    (
        "ak-informationssicherheit",
        "ak-sicherheit@senden-westfalen.de",
        "Notfallübung Ransomware im Frühjahr",
        False,
        "Wir planen für März eine gemeinsame Übung. Wer stellt ein Testsystem bereit?",
        [],
    ),
]


THREAD_EXTRAS = {
    "Welche Scanner nutzen Sie für die E-Akte im Bauamt?": {
        "tags": ["E-Akte", "Scanner"],
        "solution": 1,
        "helpful": ["mitglied@duelmen.de", "digitalagentur@kreis-coesfeld.de"],
    },
    "Onlinezugang für den Bewohnerparkausweis – wer hat Erfahrung?": {
        "tags": ["OZG", "Parken"],
        "helpful": ["redaktion@olfen.de"],
    },
}

MORE_THREADS = [
    (
        "fragen-antworten",
        "redaktion@olfen.de",
        "Onlinezugang für den Bewohnerparkausweis – wer hat Erfahrung?",
        True,
        "Wir möchten den Bewohnerparkausweis online anbieten (OZG-Leistung). "
        "Hat schon jemand das Formular mit Bezahlfunktion im Einsatz? "
        "@duelmen, Sie hatten das auf der letzten Sitzung erwähnt.",
        [
            (
                "mitglied@duelmen.de",
                "Ja, seit dem Sommer. Die Bezahlung läuft über ePayBL; wichtig war die "
                "Abstimmung mit der Kasse. Ich schicke Ihnen gern unsere Checkliste.",
            ),
        ],
    ),
    (
        "allgemeines",
        "mitglied@duelmen.de",
        "Erfahrungen mit Videosprechstunden im Bürgerbüro",
        False,
        "Seit drei Monaten bieten wir Termine per Video an, vor allem für Auskünfte zu "
        "Wohngeld und Meldeangelegenheiten. Die Nachfrage steigt langsam. "
        "Wie machen Sie das?",
        [],
    ),
]


def load(command):
    german = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    english = Locale.objects.get(language_code="en")
    group, _created = WorkingGroup.objects.get_or_create(
        slug="informationssicherheit",
        defaults={
            "name": "Arbeitskreis Informationssicherheit",
            "description": "Die Informationssicherheitsbeauftragten der zwölf Partner.",
        },
    )
    for slug, name_de, name_en, text_de, text_en, visibility in CATEGORIES:
        category = Category.objects.filter(slug=slug, locale=german).first()
        if category is None:
            category = Category.objects.create(
                slug=slug,
                name=name_de,
                description=text_de,
                visibility=visibility,
                working_group=group if visibility == Visibility.GROUP else None,
                locale=german,
            )
            command.report(f"Forum category {name_de}")
        if category.get_translation_or_none(english) is None:
            translation = category.copy_for_translation(english)
            translation.name, translation.description = name_en, text_en
            translation.save()
    if getattr(settings, "DEMO_ACCOUNTS_ENABLED", False):
        _group_member(command, group)
    _expertise()
    _threads(command)
    _home_entry_point(command)


EXPERTISE = {
    "redaktion@olfen.de": ["E-Akte", "Scanner"],
    "mitglied@duelmen.de": ["OZG", "Parken"],
}


def _expertise():
    """Demo colleagues who know something, so new questions reach them."""
    for email, topics in EXPERTISE.items():
        profile = Profile.objects.filter(user__email=email).first()
        if profile is not None and not profile.expertise.exists():
            profile.expertise.add(*topics)


def _home_entry_point(command):
    from theme.models import HomePage

    home = HomePage.objects.filter(depth=2, locale__language_code=settings.LANGUAGE_CODE).first()
    if home is None or any(block.value.get("section") == "forum" for block in home.entry_points):
        return
    entry = {
        "title": "Forum",
        "text": "Fragen stellen, Erfahrungen teilen: der Austausch unter Kolleginnen und Kollegen.",
        "page": None,
        "section": "forum",
    }
    home.entry_points = [
        *[(block.block_type, block.value) for block in home.entry_points],
        ("entry_point", entry),
    ]
    home.save_revision().publish()
    command.report("Home page entry point for the forum")


def _group_member(command, group):
    User = get_user_model()
    email = "ak-sicherheit@senden-westfalen.de"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(username="sven.sicher", email=email)
        user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        Profile.objects.filter(user=user).update(
            display_name="Sven Sicher", department="Informationssicherheit"
        )
        from partners.membership import join_partner_for_email

        join_partner_for_email(user, email)
        command.report(f"Account {email} (Sven Sicher, working-group member)")
    GroupMembership.objects.get_or_create(
        group=group,
        user=user,
        defaults={"role": MembershipRole.MODERATOR, "status": MembershipStatus.ACTIVE},
    )


def _threads(command):
    User = get_user_model()
    for slug, author_email, title, question, text, replies in THREADS + MORE_THREADS:
        author = User.objects.filter(email=author_email).first()
        if author is None or Thread.objects.filter(title=title).exists():
            continue
        extras = THREAD_EXTRAS.get(title, {})
        category = Category.objects.originals().get(slug=slug)
        thread = start_thread(
            category=category,
            author=author,
            title=title,
            source=text,
            is_question=question,
            tags=extras.get("tags", ()),
        )
        answers = []
        for reply_email, reply_text in replies:
            replier = User.objects.filter(email=reply_email).first()
            if replier is not None:
                answers.append(reply(thread, replier, reply_text))
        if answers and "solution" in extras:
            mark_solution(answers[extras["solution"] - 1], author)
        for email in extras.get("helpful", ()):
            fan = User.objects.filter(email=email).first()
            if fan is not None and answers and answers[0].author_id != fan.pk:
                toggle_reaction(answers[0], fan, ReactionKind.HELPFUL)
        command.report(f"Forum thread {title}")
