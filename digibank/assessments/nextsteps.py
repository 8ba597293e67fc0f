"""From a Digiscan's results to concrete next steps, by fixed rules.

The rules read the unscored context (devices, internet, subscriptions, eID, card
reader, itsme) and the area bands. They are written out for people in
``docs/assessments-scoring.md``; keep both in step. Every rule gives at most one step,
and steps come in the order of ``NextStep``.
"""

from collections.abc import Mapping

from django.db import models
from django.utils.translation import gettext_lazy as _


class NextStep(models.TextChoices):
    LEND_LAPTOP = "lend_laptop", _("A laptop or tablet from the lending service")
    INTERNET_AT_HOME = "internet_at_home", _("Look together for internet at home")
    SOCIAL_TARIFF = "social_tariff", _("Check whether you can get the social tariff")
    EID_PIN = "eid_pin", _("Ask the municipality for a new PIN code for your eID")
    SETUP_ITSME = "setup_itsme", _("Set up itsme together")
    CARD_READER = "card_reader", _("Get a card reader for your eID")
    BASIC_COURSE = "basic_course", _("Take a course in basic digital skills")
    SAFETY_COURSE = "safety_course", _("Take a course on staying safe online")
    E_GOVERNMENT = "e_government", _("Practise online government services with a helper")
    PRACTISE_ALONE = "practise_alone", _("Keep practising; you can help others too")


def _as_list(value) -> list:
    if isinstance(value, list):
        return value
    return [value] if value else []


def next_steps(answers: Mapping[str, object], bands: Mapping[str, str | None]) -> list[str]:
    """The next steps for these answers and area bands (band codes per area)."""
    devices = set(_as_list(answers.get("devices")))
    subscriptions = set(_as_list(answers.get("subscriptions")))
    internet = answers.get("internet")
    steps = set()

    has_computer = bool(devices & {"computer", "tablet"})
    if devices and not has_computer:
        steps.add(NextStep.LEND_LAPTOP)
    if internet == "none":
        steps.add(NextStep.INTERNET_AT_HOME)
    if (
        internet in {"none", "mobile_only"} or answers.get("costs_hard") == "yes"
    ) and "social_tariff" not in subscriptions:
        steps.add(NextStep.SOCIAL_TARIFF)
    if answers.get("eid") == "no_pin":
        steps.add(NextStep.EID_PIN)
    if answers.get("itsme") in {"not_active", "dont_know"} and "smartphone" in devices:
        steps.add(NextStep.SETUP_ITSME)
    if (
        answers.get("card_reader") == "no"
        and "computer" in devices
        and answers.get("itsme") != "active"
    ):
        steps.add(NextStep.CARD_READER)

    scored = {area: band for area, band in bands.items() if band}
    low = {area for area, band in scored.items() if band in {"low", "foundation"}}
    if len(low) >= 2 or any(band == "low" for band in scored.values()):
        steps.add(NextStep.BASIC_COURSE)
    if scored.get("safety") in {"low", "foundation"}:
        steps.add(NextStep.SAFETY_COURSE)
    if scored.get("problem_solving") in {"low", "foundation"} or answers.get("eid") == "none":
        steps.add(NextStep.E_GOVERNMENT)
    if scored and all(band in {"intermediate", "advanced"} for band in scored.values()):
        steps.add(NextStep.PRACTISE_ALONE)
    return [step.value for step in NextStep if step in steps]
