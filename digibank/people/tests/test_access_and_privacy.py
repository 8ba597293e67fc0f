"""Tenancy, sensitive fields, audit, export, erasure and retention."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from digibank.audit.models import AuditEvent
from digibank.people import gdpr, services
from digibank.people.models import ServiceActivity
from digibank.testing import factories as f

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def test_volunteer_of_another_digibank_gets_404(client, world):
    client.force_login(world.volunteer_b)
    for name in ("people:detail", "people:edit", "people:export", "people:erase"):
        assert client.get(reverse(name, args=[world.person_a.pk])).status_code == 404


def test_volunteer_never_sees_sensitive_fields(client, world):
    world.person_a.target_groups.set(["low_income"])
    client.force_login(world.volunteer_a)
    page = client.get(world.person_a.get_absolute_url()).content.decode()
    assert "Maria Peeters" in page
    assert "Needs help with itsme" not in page
    assert "OCMW" not in page
    client.force_login(world.staff_a)
    page = client.get(world.person_a.get_absolute_url()).content.decode()
    assert "Needs help with itsme" in page


def test_viewing_a_person_is_audited_and_coordinators_read_the_log(client, world):
    client.force_login(world.volunteer_a)
    client.get(world.person_a.get_absolute_url())
    event = AuditEvent.objects.get(action="view")
    assert event.actor == world.volunteer_a
    assert event.target_label == world.person_a.reference
    assert "Maria" not in event.target_label
    client.force_login(world.coordinator_a)
    log = client.get(reverse("audit:list")).content.decode()
    assert world.person_a.reference in log and "volunteer.a@example.org" in log
    client.force_login(world.coordinator_b)
    assert world.person_a.reference not in client.get(reverse("audit:list")).content.decode()


def test_changes_are_audited_with_field_names_only(client, world):
    client.force_login(world.staff_a)
    response = client.post(
        reverse("people:edit", args=[world.person_a.pk]),
        {
            "name": "Maria Peeters",
            "year_of_birth": "1960",
            "municipality": "31043",
            "language": "fr",
            "contact_channel": "phone",
            "phone": world.person_a.phone,
            "notes": "Needs help with itsme.",
            "consents": ["service", "contact"],
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="change")
    assert set(event.fields) == {"language", "consents"}
    assert "fr" not in json.dumps(event.fields)


def test_volunteer_cannot_blank_sensitive_fields_through_a_change(world):
    world.person_a.target_groups.set(["senior"])
    services.update_person(person=world.person_a, by=world.staff_a, data={"phone": "050 11 11 11"})
    world.person_a.refresh_from_db()
    assert world.person_a.notes == "Needs help with itsme."
    assert world.person_a.target_groups.count() == 1


def test_export_contains_everything_and_is_audited(client, world):
    services.record_activity(
        person=world.person_a,
        service="support",
        kind="contact",
        occurred_on=datetime.date(2026, 3, 1),
        source=world.person_a,
    )
    client.force_login(world.coordinator_a)
    response = client.post(reverse("people:export", args=[world.person_a.pk]))
    data = json.loads(response.content)
    assert data["name"] == "Maria Peeters"
    assert data["notes"] == "Needs help with itsme."
    assert data["activities"] == [{"date": "2026-03-01", "service": "support", "kind": "contact"}]
    for provider in gdpr.providers():
        assert provider.key in data
    assert AuditEvent.objects.filter(action="export").count() == 1


def test_erasure_keeps_anonymous_figures_right(client, world):
    person = world.person_a
    person.target_groups.set(["senior"])
    services.record_activity(
        person=person,
        service="access",
        kind="loan",
        occurred_on=datetime.date(2026, 2, 1),
        source=person,
    )
    from digibank.people.services import reach

    before = reach(activities=ServiceActivity.objects.filter(digibank=world.digibank_a))
    client.force_login(world.coordinator_a)
    response = client.post(
        reverse("people:erase", args=[person.pk]), {"confirm": "on", "reason": "asked"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_anonymised
    assert (person.name, person.phone, person.notes) == ("", "", "")
    assert not person.consents.exists()
    after = reach(activities=ServiceActivity.objects.filter(digibank=world.digibank_a))
    assert after == before
    assert AuditEvent.objects.filter(action="erase", target_label=person.reference).exists()
    # Anonymised people cannot be changed or erased twice.
    assert client.get(reverse("people:edit", args=[person.pk])).status_code == 302
    with pytest.raises(services.PersonError):
        services.erase_person(person=person, by=world.coordinator_a)


def test_erase_needs_confirmation(client, world):
    client.force_login(world.coordinator_a)
    response = client.post(reverse("people:erase", args=[world.person_a.pk]), {})
    assert response.status_code == 200
    world.person_a.refresh_from_db()
    assert not world.person_a.is_anonymised


def test_retention_command_anonymises_only_the_inactive(world):
    old = f.PersonFactory(
        digibank=world.digibank_a,
        last_activity_on=days_ago(4 * 365),
    )
    recent = f.PersonFactory(digibank=world.digibank_a)
    world.digibank_b.retention_months = 6
    world.digibank_b.save()
    b_old = f.PersonFactory(
        digibank=world.digibank_b,
        last_activity_on=days_ago(200),
    )
    call_command("apply_retention", "--dry-run", stdout=io.StringIO())
    old.refresh_from_db()
    assert not old.is_anonymised
    call_command("apply_retention", stdout=io.StringIO())
    for person in (old, recent, b_old):
        person.refresh_from_db()
    assert old.is_anonymised and b_old.is_anonymised and not recent.is_anonymised
    assert AuditEvent.objects.filter(action="anonymise", actor__isnull=True).count() == 2


def test_reach_counts_a_person_once_across_services(world):
    for index, service in enumerate(("access", "skills", "support", "support")):
        services.record_activity(
            person=world.person_a,
            service=service,
            kind=f"k{index}",
            occurred_on=datetime.date(2026, 1, 10 + index),
            source=world.person_a,
        )
    result = services.reach(activities=ServiceActivity.objects.all())
    assert result.people == 1
    assert result.by_service == {"access": 1, "skills": 1, "support": 1}
    assert result.activities == 4


def test_the_same_source_is_recorded_once(world):
    for _ in range(3):
        services.record_activity(
            person=world.person_a,
            service="support",
            kind="contact",
            occurred_on=datetime.date(2026, 1, 1),
            source=world.person_a,
        )
    assert ServiceActivity.objects.count() == 1


def test_person_list_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    client.force_login(world.staff_a)
    f.PersonFactory.create_batch(5, digibank=world.digibank_a)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("people:list"))
    f.PersonFactory.create_batch(40, digibank=world.digibank_a)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("people:list"))
    assert response.status_code == 200


def test_search_by_reference_jumps_to_the_person(client, world):
    client.force_login(world.volunteer_a)
    response = client.get(reverse("people:list"), {"q": world.person_a.reference})
    assert response.status_code == 302
    assert response["Location"] == world.person_a.get_absolute_url()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_activity_records_count_once(world):
    """Ten requests recording the same service at once: one row, thanks to the constraint."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    def record(_):
        try:
            services.record_activity(
                person=world.person_a,
                service="support",
                kind="contact",
                occurred_on=datetime.date(2026, 5, 1),
                source=world.person_a,
            )
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=10) as pool:
        list(pool.map(record, range(10)))
    assert ServiceActivity.objects.filter(person=world.person_a).count() == 1


def test_printable_export_for_the_person(client, world):
    client.force_login(world.coordinator_a)
    response = client.post(reverse("people:export", args=[world.person_a.pk]), {"format": "print"})
    assert response.status_code == 200
    assert "Needs help with itsme." in response.content.decode()
    assert AuditEvent.objects.filter(action="export").count() == 1
