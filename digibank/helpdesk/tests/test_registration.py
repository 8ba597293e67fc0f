"""Registering a contact through the pages: two screens and a result, the volunteer
rule by list and by URL, and bad input."""

import pytest
from django.urls import reverse

from digibank.helpdesk.models import Contact, Handover
from digibank.helpdesk.tests.factories import ContactFactory, topic
from digibank.testing import factories as f

pytestmark = pytest.mark.django_db


def _step1(client, **data):
    payload = {"step": "1", "occurred_on": "", "channel": "face", "who": "walk_in"}
    payload.update(data)
    if not payload["occurred_on"]:
        from django.utils import timezone

        payload["occurred_on"] = timezone.localdate().isoformat()
    return client.post(reverse("helpdesk:contact_create"), payload)


def _step2(client, response, **data):
    payload = {
        "step": "2",
        "step1": response.context["step1_token"],
        "help_kind": "together",
        "minutes": "20",
        "outcome": "solved",
        "helped_by": str(response.context["form"].fields["helped_by"].initial),
    }
    payload.update(data)
    return client.post(reverse("helpdesk:contact_create"), payload)


def test_a_walk_in_is_registered_in_three_screens(client, world):
    client.force_login(world.volunteer_a)
    screen1 = client.get(reverse("helpdesk:contact_create"))
    assert screen1.status_code == 200
    screen2 = _step1(client, municipality="31043", target_group="senior")
    assert screen2.status_code == 200
    assert "helpdesk/contact_step2.html" in [t.name for t in screen2.templates]
    done = _step2(client, screen2, topics=[topic("smartphone").pk], can_do_alone="on")
    contact = Contact.objects.get()
    assert done.status_code == 302
    assert done.url == reverse("helpdesk:registered", args=[contact.pk])
    screen3 = client.get(done.url)
    assert screen3.status_code == 200
    assert contact.person is None
    assert contact.walk_in_municipality_id == "31043"
    assert contact.walk_in_target_group_id == "senior"
    assert contact.can_do_alone and contact.by_volunteer


def test_a_registered_person_is_found_by_reference(client, world):
    client.force_login(world.staff_a)
    screen2 = _step1(client, who="person", person_query=world.person_a.reference)
    assert screen2.context["person"] == world.person_a
    _step2(client, screen2, topics=[topic("itsme").pk], notes="Kaartlezer werkte niet")
    contact = Contact.objects.get()
    assert contact.person == world.person_a
    assert world.person_a.activities.filter(service="support").exists()


def test_several_matches_ask_to_choose_one(client, world):
    f.PersonFactory(digibank=world.digibank_a, name="Maria Peeters-Janssens")
    client.force_login(world.staff_a)
    response = _step1(client, who="person", person_query="maria")
    assert response.status_code == 200
    assert "helpdesk/contact_step1.html" in [t.name for t in response.templates]
    assert len(response.context["form"].fields["person"].choices) == 2
    screen2 = _step1(client, who="person", person_query="maria", person=str(world.person_a.pk))
    assert screen2.context["person"] == world.person_a


def test_a_person_of_another_digibank_is_not_found(client, world):
    client.force_login(world.staff_a)
    response = _step1(client, who="person", person_query=world.person_b.reference)
    assert "Niemand gevonden" in response.content.decode()


def test_bad_input_gets_a_message_not_an_error(client, world):
    client.force_login(world.volunteer_a)
    response = _step1(client, occurred_on="2999-01-01")
    assert response.status_code == 200
    assert response.context["form"].errors
    screen2 = _step1(client)
    response = _step2(client, screen2, minutes="0")
    assert response.status_code == 200
    assert "topics" in response.context["form"].errors
    assert "minutes" in response.context["form"].errors
    tampered = client.post(
        reverse("helpdesk:contact_create"), {"step": "2", "step1": "forged", "minutes": "5"}
    )
    assert tampered.status_code == 302
    assert not Contact.objects.exists()


def test_a_volunteer_picking_a_sensitive_topic_is_routed(client, world):
    client.force_login(world.volunteer_a)
    screen2 = _step1(client, who="person", person_query=world.person_a.reference)
    done = _step2(
        client, screen2, topics=[topic("tax-on-web").pk], notes="Aanslagbiljet: 1.234 euro terug"
    )
    contact = Contact.objects.get()
    assert Handover.objects.get(contact=contact).status == "open"
    screen3 = client.get(done.url).content.decode()
    assert "professional" in screen3
    assert "1.234" not in screen3
    # Not in the list ...
    listing = client.get(reverse("helpdesk:contacts")).content.decode()
    assert contact.reference in listing
    assert "1.234" not in listing
    # ... and not by URL.
    assert client.get(reverse("helpdesk:contact", args=[contact.pk])).status_code == 403
    # Staff see the notes.
    client.force_login(world.staff_a)
    page = client.get(reverse("helpdesk:contact", args=[contact.pk])).content.decode()
    assert "1.234" in page
    assert contact.reference in client.get(reverse("helpdesk:handovers")).content.decode()


def test_a_volunteer_can_open_a_technical_contact(client, world):
    contact = ContactFactory(digibank=world.digibank_a, notes="Wifi ingesteld")
    client.force_login(world.volunteer_a)
    page = client.get(reverse("helpdesk:contact", args=[contact.pk])).content.decode()
    assert "Wifi ingesteld" in page


def test_professionals_take_and_close_handovers(client, world):
    from digibank.helpdesk import services

    result = services.register_contact(
        digibank=world.digibank_a,
        by=world.volunteer_a,
        topics=[topic("ehealth")],
        channel="face",
    )
    handover = result.handover
    client.force_login(world.volunteer_a)
    assert client.post(reverse("helpdesk:handover_take", args=[handover.pk])).status_code == 404
    client.force_login(world.staff_a)
    client.post(reverse("helpdesk:handover_take", args=[handover.pk]))
    handover.refresh_from_db()
    assert handover.status == "taken" and handover.taken_by == world.staff_a
    client.post(
        reverse("helpdesk:handover_close", args=[handover.pk]),
        {"outcome": "solved", "can_do_alone": "on"},
    )
    handover.refresh_from_db()
    result.contact.refresh_from_db()
    assert handover.status == "done"
    assert result.contact.outcome == "solved" and result.contact.can_do_alone


def test_the_contact_list_keeps_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.staff_a)
    for _n in range(3):
        ContactFactory(digibank=world.digibank_a, person=world.person_a)
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("helpdesk:contacts"))
    for _n in range(20):
        ContactFactory(
            digibank=world.digibank_a,
            person=f.PersonFactory(digibank=world.digibank_a),
            topics=[topic("email"), topic("vdab")],
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("helpdesk:contacts"))
    assert response.status_code == 200


def test_the_handover_list_keeps_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    from digibank.helpdesk import services

    def routed():
        services.register_contact(
            digibank=world.digibank_a,
            by=world.volunteer_a,
            person=f.PersonFactory(digibank=world.digibank_a),
            topics=[topic("banking"), topic("ehealth")],
            channel="face",
        )

    routed()
    client.force_login(world.staff_a)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("helpdesk:handovers"))
    for _n in range(15):
        routed()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("helpdesk:handovers"))
    assert response.status_code == 200


def test_a_double_submit_of_screen_two_saves_one_contact(client, world):
    client.force_login(world.volunteer_a)
    screen2 = _step1(client, who="person", person_query=world.person_a.reference)
    first = _step2(client, screen2, topics=[topic("email").pk])
    second = _step2(client, screen2, topics=[topic("email").pk])
    contact = Contact.objects.get()
    assert first.status_code == second.status_code == 302
    assert first.url == second.url == reverse("helpdesk:registered", args=[contact.pk])
    # A new form (screen 1 again) is a new contact.
    again = _step1(client, who="person", person_query=world.person_a.reference)
    _step2(client, again, topics=[topic("email").pk])
    assert Contact.objects.count() == 2


def test_a_volunteer_naming_the_coordinator_as_helper_is_still_routed(client, world):
    client.force_login(world.volunteer_a)
    screen2 = _step1(client, who="person", person_query=world.person_a.reference)
    done = _step2(
        client,
        screen2,
        topics=[topic("tax-on-web").pk],
        helped_by=str(world.coordinator_a.pk),
        notes="Aanslagbiljet: 1.234 euro terug",
    )
    contact = Contact.objects.get()
    assert Handover.objects.filter(contact=contact).exists()
    assert "1.234" not in client.get(done.url).content.decode()
    assert client.get(reverse("helpdesk:contact", args=[contact.pk])).status_code == 403


def test_taking_and_closing_a_handover_is_in_the_audit_log(client, world):
    from digibank.audit.models import AuditEvent
    from digibank.helpdesk import services

    handover = services.register_contact(
        digibank=world.digibank_a, by=world.volunteer_a, topics=[topic("ehealth")], channel="face"
    ).handover
    client.force_login(world.staff_a)
    client.post(reverse("helpdesk:handover_take", args=[handover.pk]))
    client.post(reverse("helpdesk:handover_close", args=[handover.pk]), {"outcome": "solved"})
    events = AuditEvent.objects.filter(
        target_type="helpdesk.contact", target_id=str(handover.contact_id), actor=world.staff_a
    ).order_by("pk")
    assert [e.fields for e in events] == [
        ["handover_taken"],
        ["can_do_alone", "handover_closed", "outcome"],
    ]


def test_the_next_contact_starts_at_the_same_desk(client, world):
    location = f.LocationFactory(digibank=world.digibank_a, name="Digipunt Markt")
    client.force_login(world.volunteer_a)
    screen2 = _step1(client, channel="phone", location=str(location.pk), municipality="31043")
    _step2(client, screen2, topics=[topic("smartphone").pk])
    form = client.get(reverse("helpdesk:contact_create")).context["form"]
    assert form["channel"].value() == "phone"
    assert str(form["location"].value()) == str(location.pk)


def test_a_walk_in_from_outside_the_area_keeps_their_municipality(client, world):
    client.force_login(world.volunteer_a)
    screen2 = _step1(client, other_municipality="8000")  # Brugge: not in digibank A's area
    _step2(client, screen2, topics=[topic("smartphone").pk])
    assert Contact.objects.get().walk_in_municipality_id == "31005"
    response = _step1(client, other_municipality="Nergenshuizen")
    assert "We do not know the municipality" in response.content.decode() or (
        "kennen de gemeente" in response.content.decode()
    )


def test_the_saved_contact_offers_the_guides_for_its_topics(client, world):
    from digibank.knowledge.tests.factories import GuideFactory, published_guide

    itsme = topic("itsme")
    guide = published_guide(world.digibank_a, title="itsme installeren")
    guide.topics.add(itsme)
    draft = GuideFactory(digibank=world.digibank_a, title="itsme: nog niet klaar")
    draft.topics.add(itsme)
    elsewhere = published_guide(world.digibank_b, title="itsme in Brugge West")
    elsewhere.topics.add(itsme)
    client.force_login(world.volunteer_a)
    screen2 = _step1(client, municipality="31043")
    done = _step2(client, screen2, topics=[itsme.pk])
    page = client.get(done.url).content.decode()
    assert "itsme installeren" in page and reverse("knowledge:print", args=[guide.pk]) in page
    assert "nog niet klaar" not in page and "Brugge West" not in page
    contact = Contact.objects.get()
    detail = client.get(reverse("helpdesk:contact", args=[contact.pk])).content.decode()
    assert "itsme installeren" in detail
