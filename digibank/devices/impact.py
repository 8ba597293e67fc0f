"""Environmental factors per device type: kilograms of e-waste and CO2e avoided by reuse.

Every factor names its source and how sure we are of it; the figures page shows this
table next to the totals. These are estimates for reporting, not measurements: a funder
should read them as an order of magnitude. Replace a factor when a better source exists
(and say so in the ``source`` field); never mix methods without saying it.

Method: a device counts once, in the period in which it first goes to a person (first
loan, gift or sale). Reusing it postpones the moment it becomes e-waste (its weight) and,
if it replaces the purchase of a new device, avoids the emissions of making one.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from digibank.devices.models import DeviceKind

PUC_URL = "https://www.puc.be/2019/12/15/c02-uitstoot/"
PUC_SOURCE = _(
    "PUC (Belgian social-economy IT reuse firm), “CO2-uitstoot” (2019): avoided emissions "
    "per reused device, from the model of TU Berlin (Energie- und CO2-Bilanz von PCs, 2005) "
    "and the EU Ecodesign preparatory study TREN/D1/40-2005 Lot 3 (2007). It compares three "
    "years of reuse with buying a new device."
)


@dataclass(frozen=True)
class Factor:
    kind: str
    kg: Decimal | None  # kilograms of e-waste postponed per reused device
    kg_source: str | Promise
    kg_url: str
    co2e: Decimal | None  # kilograms CO2e avoided per reused device
    co2e_source: str | Promise
    co2e_url: str
    note: str | Promise = ""


NO_SOURCE = _("No published factor chosen: not counted.")

FACTORS: dict[str, Factor] = {
    DeviceKind.LAPTOP: Factor(
        DeviceKind.LAPTOP,
        Decimal("2.0"),
        _(
            "ADEME (French environment agency), 2018, uses a computer of 2 kg as its example "
            "(800 kg of raw materials). Quoted from a secondary source; typical 13–15 inch "
            "laptops weigh 1.3–2.5 kg."
        ),
        "https://www.epsi.fr/actualites/energie-environnement-numerique",
        Decimal("69"),
        PUC_SOURCE,
        PUC_URL,
    ),
    DeviceKind.DESKTOP: Factor(
        DeviceKind.DESKTOP,
        Decimal("9.0"),
        _(
            "Our own estimate for a desktop computer without screen (office towers and small "
            "desktops weigh about 5–12 kg). No published average was checked: weigh your "
            "devices to replace it."
        ),
        "",
        Decimal("109"),
        PUC_SOURCE,
        PUC_URL,
    ),
    DeviceKind.SCREEN: Factor(
        DeviceKind.SCREEN,
        Decimal("4.5"),
        _(
            "Our own estimate for a 22–24 inch flat screen (about 3–6 kg). No published "
            "average was checked: weigh your devices to replace it."
        ),
        "",
        Decimal("41"),
        PUC_SOURCE,
        PUC_URL,
    ),
    DeviceKind.SMARTPHONE: Factor(
        DeviceKind.SMARTPHONE,
        Decimal("0.15"),
        _(
            "Knowledge at Wharton (Spanish edition), “Meeting the E-waste Challenge”: an "
            "average smartphone weighs about 150 g."
        ),
        "http://www.knowledgeatwharton.com.es/",
        Decimal("27"),
        PUC_SOURCE,
        PUC_URL,
    ),
    DeviceKind.TABLET: Factor(
        DeviceKind.TABLET,
        Decimal("0.5"),
        _(
            "Our own estimate for a 10 inch tablet (0.45–0.55 kg in manufacturers' "
            "specifications). Knowledge at Wharton only says “a little under 1 kg”."
        ),
        "http://www.knowledgeatwharton.com.es/",
        None,
        NO_SOURCE,
        "",
        _("PUC publishes no factor for tablets; we do not borrow the smartphone's."),
    ),
    DeviceKind.OTHER: Factor(DeviceKind.OTHER, None, NO_SOURCE, "", None, NO_SOURCE, ""),
}
