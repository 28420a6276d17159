"""The abbreviations of German public administration with their long forms, as the first
entries of the synonym list; editors change or delete them in the admin like any other."""

from django.core.cache import cache
from django.db import migrations

CURATED = [
    "OZG, Onlinezugangsgesetz",
    "EfA, Einer-für-Alle",
    "FIM, Föderales Informationsmanagement",
    "SDG, Single Digital Gateway",
    "EGovG, E-Government-Gesetz",
    "DMS, Dokumentenmanagementsystem",
    "E-Akte, elektronische Akte",
    "RIS, Ratsinformationssystem",
    "GIS, Geoinformationssystem",
    "KI, künstliche Intelligenz",
    "IT, Informationstechnik",
    "IKT, Informations- und Kommunikationstechnik",
    "ISMS, Informationssicherheitsmanagementsystem",
    "BSI, Bundesamt für Sicherheit in der Informationstechnik",
    "KRITIS, kritische Infrastruktur",
    "DSGVO, Datenschutz-Grundverordnung",
    "BITV, Barrierefreie-Informationstechnik-Verordnung",
    "eID, Online-Ausweis, elektronischer Personalausweis",
    "WLAN, WiFi, drahtloses Netzwerk",
    "VPN, virtuelles privates Netzwerk",
    "FTTH, Glasfaser bis ins Haus",
    "ÖPNV, öffentlicher Personennahverkehr",
    "ÖGD, öffentlicher Gesundheitsdienst",
    "VHS, Volkshochschule",
    "IHK, Industrie- und Handelskammer",
]
# search.services.SYNONYMS_CACHE_KEY: rows written here send no signal that would forget it.
SYNONYMS_CACHE_KEY = "search:synonyms"


def _terms(value: str) -> set[str]:
    return {term.strip().casefold() for term in value.split(",") if term.strip()}


def add_curated_synonyms(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    known = set().union(*(_terms(s.terms) for s in Synonym.objects.all()))
    Synonym.objects.bulk_create(
        Synonym(terms=entry) for entry in CURATED if not _terms(entry) & known
    )
    cache.delete(SYNONYMS_CACHE_KEY)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_pending_index_update")]

    operations = [migrations.RunPython(add_curated_synonyms, migrations.RunPython.noop)]
