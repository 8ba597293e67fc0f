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


_providers: dict[str, PersonalDataProvider] = {}


def register(provider: PersonalDataProvider) -> None:
    _providers[provider.key] = provider


def providers() -> list[PersonalDataProvider]:
    return list(_providers.values())


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
