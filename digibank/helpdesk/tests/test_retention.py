"""Retention: free text the helpdesk keeps without a person to erase goes with the cut-off."""

import datetime

import pytest
from django.utils import timezone

from digibank.helpdesk import services
from digibank.helpdesk.models import Contact, Handover
from digibank.helpdesk.tests.factories import ContactFactory, topic
from digibank.people.services import apply_retention, retention_cutoff

pytestmark = pytest.mark.django_db


def test_old_walk_in_notes_and_handover_reasons_are_cleared(world):
    cutoff = retention_cutoff(world.digibank_a)
    old_day = cutoff - datetime.timedelta(days=10)
    old_walk_in = ContactFactory(digibank=world.digibank_a, occurred_on=old_day, notes="Oud")
    new_walk_in = ContactFactory(digibank=world.digibank_a, notes="Nieuw")
    other_bank = ContactFactory(digibank=world.digibank_b, occurred_on=old_day, notes="Ander")
    routed = services.register_contact(
        digibank=world.digibank_a,
        by=world.volunteer_a,
        topics=[topic("ehealth")],
        channel="face",
        notes="Oude vraag",
    )
    Contact.objects.filter(pk=routed.contact.pk).update(occurred_on=old_day)
    recent_routed = services.register_contact(
        digibank=world.digibank_a, by=world.volunteer_a, topics=[topic("ehealth")], channel="face"
    )

    apply_retention(digibank=world.digibank_a)

    old_walk_in.refresh_from_db()
    new_walk_in.refresh_from_db()
    other_bank.refresh_from_db()
    assert old_walk_in.notes == "" and new_walk_in.notes == "Nieuw"
    assert other_bank.notes == "Ander"  # another digibank's own retention run decides
    assert Contact.objects.get(pk=routed.contact.pk).notes == ""
    assert Handover.objects.get(pk=routed.handover.pk).reason == ""
    assert Handover.objects.get(pk=recent_routed.handover.pk).reason != ""
    # The contacts stay for the figures.
    assert Contact.objects.filter(digibank=world.digibank_a).count() == 4


def test_the_expire_hook_returns_what_it_changed(world):
    cutoff = timezone.localdate()
    ContactFactory(
        digibank=world.digibank_a, occurred_on=cutoff - datetime.timedelta(days=1), notes="x"
    )
    assert services.expire_free_text(digibank=world.digibank_a, cutoff=cutoff) == 1
    assert services.expire_free_text(digibank=world.digibank_a, cutoff=cutoff) == 0
