"""Registry of personal data per module, for the right of access and for erasure.

Every module that stores data about a person registers a provider in its
``AppConfig.ready``: ``export`` returns what it holds (plain JSON-ready data) and
``erase`` removes the identifying parts while keeping what anonymous figures need. The
people services call every provider, so a new module cannot be forgotten by the export
without also being absent from this list (which its tests check).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PersonalDataProvider:
    key: str  # e.g. "loans"
    label: str  # shown in the printable export, translatable: e.g. _("Loans of devices")
    export: Callable[[Any], Any]
    erase: Callable[[Any], None]
    # Personal details a module keeps without a registered person (e.g. a partner's
    # referral not yet linked): cleared by the retention run, ``(digibank, cutoff) -> n``.
    expire: Callable[..., int] | None = None
    # What still runs for people (an open loan, a place on a waiting list, an appointment
    # to come): ``() -> [(label, queryset of rows with a person)]``. The retention run leaves these
    # people alone, however long ago their last activity was; erasing asks to check first.
    ongoing: Callable[[], list[tuple[Any, Any]]] | None = None


_providers: dict[str, PersonalDataProvider] = {}


def register(provider: PersonalDataProvider) -> None:
    _providers[provider.key] = provider


def providers() -> list[PersonalDataProvider]:
    return list(_providers.values())


def ongoing_querysets() -> list[tuple[Any, Any]]:
    return [pair for p in _providers.values() if p.ongoing for pair in p.ongoing()]


def register_core_providers() -> None:
    from digibank.people import services

    register(
        PersonalDataProvider(
            key="activities",
            label=_("Help received"),
            export=services.export_activities,
            erase=lambda person: None,  # activities hold no identifying data
        )
    )
