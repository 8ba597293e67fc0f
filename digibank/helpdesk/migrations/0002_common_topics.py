"""The common topic taxonomy: the questions people bring to every Belgian digibank.

Each topic is technical (a volunteer may help) or content/privacy-sensitive (a
professional or a partner takes it), with the organisation that runs the online service
so that anonymous counts can be sent to it.
"""

from django.db import migrations

# (code, nl, fr, en, sensitivity, organisation that runs the service)
TOPICS = [
    ("itsme", "itsme", "itsme", "itsme", "technical", "Belgian Mobile ID"),
    (
        "tax-on-web",
        "Tax-on-web en MyMinfin",
        "Tax-on-web et MyMinfin",
        "Tax-on-web and MyMinfin",
        "sensitive",
        "FOD Financiën",
    ),
    (
        "burgerprofiel",
        "Mijn Burgerprofiel",
        "Mijn Burgerprofiel (profil citoyen flamand)",
        "Mijn Burgerprofiel (Flemish citizen profile)",
        "sensitive",
        "Digitaal Vlaanderen",
    ),
    (
        "csam-ebox",
        "CSAM en eBox",
        "CSAM et eBox",
        "CSAM and eBox",
        "sensitive",
        "FOD BOSA",
    ),
    (
        "banking",
        "Bankapps",
        "Applications bancaires",
        "Banking apps",
        "sensitive",
        "",
    ),
    (
        "ehealth",
        "eHealth en Mijn Gezondheid",
        "eHealth et Ma Santé",
        "eHealth and Mijn Gezondheid",
        "sensitive",
        "eHealth-platform",
    ),
    (
        "vdab",
        "VDAB en werk zoeken",
        "VDAB et recherche d'emploi",
        "VDAB and job search",
        "sensitive",
        "VDAB",
    ),
    ("email", "E-mail", "E-mail", "E-mail", "technical", ""),
    (
        "smartphone",
        "Smartphone: de basis",
        "Smartphone : les bases",
        "Smartphone basics",
        "technical",
        "",
    ),
    (
        "laptop",
        "Laptop en computer: de basis",
        "Ordinateur portable : les bases",
        "Laptop basics",
        "technical",
        "",
    ),
    (
        "safety",
        "Veilig online en phishing",
        "Sécurité en ligne et hameçonnage",
        "Online safety and phishing",
        "technical",
        "",
    ),
    (
        "internet",
        "Internet en sociaal tarief",
        "Internet et tarif social",
        "Internet and social tariff",
        "sensitive",
        "BIPT",
    ),
    (
        "local-eservices",
        "E-loket van de gemeente",
        "Guichet en ligne de la commune",
        "Local government's e-services",
        "sensitive",
        "",
    ),
    ("other", "Andere vraag", "Autre question", "Other", "technical", ""),
]


def seed(apps, schema_editor):
    Topic = apps.get_model("helpdesk", "Topic")
    for position, (code, nl, fr, en, sensitivity, owner) in enumerate(TOPICS, start=1):
        Topic.objects.update_or_create(
            digibank=None,
            code=code,
            defaults={
                "name_nl": nl,
                "name_fr": fr,
                "name_en": en,
                "sensitivity": sensitivity,
                "service_owner": owner,
                "position": position * 10,
            },
        )


def unseed(apps, schema_editor):
    Topic = apps.get_model("helpdesk", "Topic")
    Topic.objects.filter(digibank=None, code__in=[t[0] for t in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("helpdesk", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
