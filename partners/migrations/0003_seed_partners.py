"""The twelve partners of Coesfeld 12.0 and the email domains their staff use."""

from django.db import migrations

PARTNERS = [
    # name, slug, kind, website, email domains
    ("Kreis Coesfeld", "kreis-coesfeld", "kreis", "https://www.kreis-coesfeld.de", ["kreis-coesfeld.de"]),
    ("Ascheberg", "ascheberg", "gemeinde", "https://www.ascheberg.de", ["ascheberg.de"]),
    ("Billerbeck", "billerbeck", "stadt", "https://www.billerbeck.de", ["billerbeck.de"]),
    ("Coesfeld", "coesfeld", "stadt", "https://www.coesfeld.de", ["coesfeld.de"]),
    ("Dülmen", "duelmen", "stadt", "https://www.duelmen.de", ["duelmen.de"]),
    ("Havixbeck", "havixbeck", "gemeinde", "https://www.havixbeck.de", ["havixbeck.de"]),
    ("Lüdinghausen", "luedinghausen", "stadt", "https://www.luedinghausen.de", ["stadt-luedinghausen.de", "luedinghausen.de"]),
    ("Nordkirchen", "nordkirchen", "gemeinde", "https://www.nordkirchen.de", ["nordkirchen.de"]),
    ("Nottuln", "nottuln", "gemeinde", "https://www.nottuln.de", ["nottuln.de"]),
    ("Olfen", "olfen", "stadt", "https://www.olfen.de", ["olfen.de"]),
    ("Rosendahl", "rosendahl", "gemeinde", "https://www.rosendahl.de", ["rosendahl.de"]),
    ("Senden", "senden", "gemeinde", "https://www.senden-westfalen.de", ["senden-westfalen.de"]),
]


def seed_partners(apps, schema_editor):
    Partner = apps.get_model("partners", "Partner")
    PartnerDomain = apps.get_model("partners", "PartnerDomain")
    for name, slug, kind, website, domains in PARTNERS:
        partner, _created = Partner.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "website": website}
        )
        for order, domain in enumerate(domains):
            PartnerDomain.objects.get_or_create(
                domain=domain, defaults={"partner": partner, "sort_order": order}
            )


def remove_partners(apps, schema_editor):
    Partner = apps.get_model("partners", "Partner")
    Partner.objects.filter(slug__in=[slug for _name, slug, *_rest in PARTNERS]).delete()


class Migration(migrations.Migration):
    dependencies = [("partners", "0002_partners_and_profiles")]

    operations = [migrations.RunPython(seed_partners, remove_partners)]
