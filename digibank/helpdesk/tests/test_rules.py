"""Domain rules of the helpdesk: the taxonomy, registration, the volunteer rule."""

import datetime

import pytest
from django.utils import timezone

from digibank.helpdesk import services
from digibank.helpdesk.models import Contact, Handover, Outcome, Topic
from digibank.helpdesk.tests.factories import topic
from digibank.people.models import ServiceActivity, TargetGroup
from digibank.testing import factories as f

pytestmark = pytest.mark.django_db


def test_the_common_taxonomy_is_seeded_in_three_languages():
    codes = set(Topic.objects.filter(digibank=None).values_list("code", flat=True))
    assert {"itsme", "tax-on-web", "csam-ebox", "ehealth", "vdab", "other"} <= codes
    assert len(codes) == 14
    for t in Topic.objects.filter(digibank=None):
        assert t.name_nl and t.name_fr and t.name_en
    assert topic("tax-on-web").is_sensitive
    assert not topic("smartphone").is_sensitive


def test_a_registered_persons_contact_counts_in_reach(world):
    result = services.register_contact(
        digibank=world.digibank_a,
        by=world.staff_a,
        person=world.person_a,
        topics=[topic("itsme")],
        channel="face",
        minutes=25,
        outcome=Outcome.SOLVED,
        can_do_alone=True,
    )
    assert result.handover is None
    activity = ServiceActivity.objects.get(person=world.person_a)
    assert activity.service == "support"
    assert activity.source_id == str(result.contact.pk)


def test_an_anonymous_walk_in_keeps_only_municipality_and_target_group(world):
    result = services.register_contact(
        digibank=world.digibank_a,
        by=world.volunteer_a,
        walk_in_municipality=f.municipality("31043"),
        walk_in_target_group=TargetGroup.objects.get(code="senior"),
        topics=[topic("smartphone")],
        channel="face",
    )
    contact = result.contact
    assert contact.person is None and contact.is_walk_in
    assert contact.by_volunteer
    assert not ServiceActivity.objects.exists()


def test_a_volunteer_with_a_sensitive_topic_is_routed_to_a_professional(world):
    result = services.register_contact(
        digibank=world.digibank_a,
        by=world.volunteer_a,
        person=world.person_a,
        topics=[topic("smartphone"), topic("tax-on-web")],
        channel="face",
        outcome=Outcome.SOLVED,
        can_do_alone=True,
        notes="Aanslagbiljet 2025 bekeken",
    )
    assert [t.code for t in result.routed_topics] == ["tax-on-web"]
    assert result.handover.status == "open"
    contact = result.contact
    assert contact.is_sensitive
    assert contact.outcome == Outcome.REFERRED and not contact.can_do_alone
    volunteer_view = Contact.objects.for_user(world.volunteer_a).with_visible_notes(
        world.volunteer_a
    )
    assert volunteer_view.get(pk=contact.pk).visible_notes == ""
    assert not Contact.objects.readable_by(world.volunteer_a).filter(pk=contact.pk).exists()
    staff_view = Contact.objects.for_user(world.staff_a).with_visible_notes(world.staff_a)
    assert staff_view.get(pk=contact.pk).visible_notes == "Aanslagbiljet 2025 bekeken"


def test_staff_take_sensitive_questions_themselves(world):
    result = services.register_contact(
        digibank=world.digibank_a,
        by=world.staff_a,
        person=world.person_a,
        topics=[topic("tax-on-web")],
        channel="phone",
        outcome=Outcome.SOLVED,
    )
    assert result.handover is None
    assert result.contact.outcome == Outcome.SOLVED
    assert result.contact.is_sensitive


def test_mark_referred_closes_the_handover(world):
    result = services.register_contact(
        digibank=world.digibank_a,
        by=world.volunteer_a,
        topics=[topic("ehealth")],
        channel="face",
    )
    services.mark_referred(contact=result.contact, by=world.staff_a)
    services.mark_referred(contact=result.contact, by=world.staff_a)
    result.contact.refresh_from_db()
    assert result.contact.referred_at is not None
    assert Handover.objects.get().status == "done"


@pytest.mark.parametrize(
    "change, message",
    [
        ({"topics": []}, "minstens één onderwerp"),
        ({"minutes": 0}, "tussen 1 en 600"),
        ({"occurred_on": timezone.localdate() + datetime.timedelta(days=1)}, "toekomst"),
    ],
)
def test_bad_registrations_get_a_message(world, change, message):
    data = {
        "digibank": world.digibank_a,
        "by": world.staff_a,
        "topics": [topic("email")],
        "channel": "face",
    }
    data.update(change)
    with pytest.raises(services.HelpdeskError, match=message):
        services.register_contact(**data)


def test_a_person_of_another_digibank_is_refused(world):
    with pytest.raises(services.HelpdeskError):
        services.register_contact(
            digibank=world.digibank_a,
            by=world.staff_a,
            person=world.person_b,
            topics=[topic("email")],
            channel="face",
        )


def test_a_volunteer_cannot_bypass_the_rule_by_naming_a_professional_as_helper(world):
    result = services.register_contact(
        digibank=world.digibank_a,
        by=world.volunteer_a,
        helped_by=world.coordinator_a,
        person=world.person_a,
        topics=[topic("tax-on-web")],
        channel="face",
        outcome=Outcome.SOLVED,
        notes="Aanslagbiljet bekeken",
    )
    assert [t.code for t in result.routed_topics] == ["tax-on-web"]
    assert result.handover is not None and result.handover.status == "open"
    contact = result.contact
    assert contact.outcome == Outcome.REFERRED
    # The routed question is not put on the professional's name.
    assert contact.helped_by == world.volunteer_a and contact.by_volunteer
    assert not Contact.objects.readable_by(world.volunteer_a).filter(pk=contact.pk).exists()


def test_a_professional_registering_for_a_volunteer_helper_is_routed_too(world):
    result = services.register_contact(
        digibank=world.digibank_a,
        by=world.staff_a,
        helped_by=world.volunteer_a,
        topics=[topic("ehealth")],
        channel="face",
    )
    assert result.handover is not None
    assert result.contact.helped_by == world.volunteer_a


def test_a_professional_may_name_another_professional_as_helper(world):
    result = services.register_contact(
        digibank=world.digibank_a,
        by=world.staff_a,
        helped_by=world.coordinator_a,
        topics=[topic("tax-on-web")],
        channel="face",
    )
    assert result.handover is None
    assert result.contact.helped_by == world.coordinator_a


def test_the_same_registration_form_saved_twice_gives_one_contact(world):
    data = {
        "digibank": world.digibank_a,
        "by": world.volunteer_a,
        "person": world.person_a,
        "topics": [topic("email")],
        "channel": "face",
        "registration_key": "form-1",
    }
    first = services.register_contact(**data)
    second = services.register_contact(**data)
    assert not first.replayed and second.replayed
    assert second.contact == first.contact
    assert Contact.objects.count() == 1
    assert ServiceActivity.objects.count() == 1
    other = services.register_contact(**{**data, "registration_key": "form-2"})
    assert other.contact != first.contact


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_double_click_at_the_same_moment_saves_one_contact(world):
    import threading

    from django.db import connection

    from digibank.helpdesk.tests.factories import seed_common_topics

    seed_common_topics()
    barrier = threading.Barrier(2)
    results = []

    def save():
        try:
            barrier.wait()
            result = services.register_contact(
                digibank=world.digibank_a,
                by=world.volunteer_a,
                person=world.person_a,
                topics=[topic("email")],
                channel="face",
                registration_key="same-form",
            )
            results.append(result.contact.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=save) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 2 and results[0] == results[1]
    assert Contact.objects.count() == 1
    assert ServiceActivity.objects.count() == 1
