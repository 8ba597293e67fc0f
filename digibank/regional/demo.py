"""Demo data of the regional module: one region the demo funder follows.

The Bruges-region example of the sources: a regional partnership that follows calls for
its member local governments (the three Bruges digibank files cover these ten).
Subscribers are not demo data: nobody should receive mail from a demo.
"""

from digibank.accounts.models import User
from digibank.geo.models import Municipality
from digibank.regional.models import Region

REGION_NAME = "Regio Brugge (demo)"
# Blankenberge, Damme, Knokke-Heist, Zuienkerke, Brugge, Beernem, Jabbeke, Oostkamp,
# Torhout, Zedelgem.
MEMBERS = (
    "31004", "31006", "31043", "31042", "31005",
    "31003", "31012", "31022", "31033", "31040",
)  # fmt: skip


def load(out, context: dict) -> dict:
    owner = User.objects.filter(email="funder@digibank.invalid").first()
    if owner is None:
        return {}
    region, _created = Region.objects.get_or_create(owner=owner, name=REGION_NAME)
    region.municipalities.set(Municipality.objects.filter(code__in=MEMBERS))
    out.write(
        f"Regional: region {region.name} with {region.municipalities.count()} municipalities."
    )
    return {"region": region}
