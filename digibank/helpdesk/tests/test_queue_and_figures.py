"""The live queue (with and without JavaScript), topics kept by staff, figures."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from digibank.helpdesk import services
from digibank.helpdesk.models import QueueEntry, Topic
from digibank.helpdesk.tests.factories import ContactFactory, LocalTopicFactory, topic
from digibank.testing import factories as f

pytestmark = pytest.mark.django_db


def test_the_queue_works_with_plain_forms(client, world):
    location = f.LocationFactory(digibank=world.digibank_a, offers_helpdesk=True)
    client.force_login(world.volunteer_a)
    url = reverse("helpdesk:queue")
    for label in ("Anna", "Bert"):
        response = client.post(
            reverse("helpdesk:queue_join"),
            {"location": location.pk, "label": label, "topic": topic("email").pk},
        )
        assert response.status_code == 302
    anna, bert = QueueEntry.objects.order_by("number")
    assert (anna.number, bert.number) == (1, 2)
    client.post(reverse("helpdesk:queue_move", args=[anna.pk]), {"status": "helping"})
    page = client.get(url, {"location": location.pk}).content.decode()
    assert "Anna" in page and "Bert" in page
    anna.refresh_from_db()
    assert anna.status == "helping" and anna.helper == world.volunteer_a
    # Someone else already helps Anna: a second click explains instead of failing.
    response = client.post(
        reverse("helpdesk:queue_move", args=[anna.pk]), {"status": "helping"}, follow=True
    )
    assert response.status_code == 200
    done = client.post(
        reverse("helpdesk:queue_move", args=[anna.pk]), {"status": "done", "register": "1"}
    )
    assert done.url == reverse("helpdesk:contact_create")


def test_htmx_gets_only_the_live_part(client, world):
    location = f.LocationFactory(digibank=world.digibank_a)
    services.join_queue(location=location, by=world.staff_a, label="Chris")
    client.force_login(world.staff_a)
    response = client.get(
        reverse("helpdesk:queue"), {"location": location.pk}, HTTP_HX_REQUEST="true"
    )
    assert "helpdesk/_queue.html" in [t.name for t in response.templates]
    assert "<html" not in response.content.decode()
    assert "Chris" in response.content.decode()


def test_another_digibanks_location_is_not_found(client, world):
    location_b = f.LocationFactory(digibank=world.digibank_b)
    client.force_login(world.staff_a)
    assert client.get(reverse("helpdesk:queue"), {"location": location_b.pk}).status_code == 404


def test_staff_keep_local_topics_but_not_the_common_ones(client, world):
    client.force_login(world.coordinator_a)
    response = client.post(
        reverse("helpdesk:topic_create"),
        {
            "name_nl": "Parkeerkaart",
            "name_fr": "Carte de stationnement",
            "name_en": "Parking card",
            "sensitivity": "sensitive",
            "position": 200,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    local = Topic.objects.get(name_nl="Parkeerkaart")
    assert local.digibank == world.digibank_a and local.is_sensitive
    edit = client.post(
        reverse("helpdesk:topic_edit", args=[local.pk]),
        {"name_nl": "Parkeerkaart bewoners", "name_fr": "x", "name_en": "y",
         "sensitivity": "sensitive", "position": 5},
    )  # fmt: skip
    assert edit.status_code == 302
    common = topic("itsme")
    assert client.get(reverse("helpdesk:topic_edit", args=[common.pk])).status_code == 404
    client.force_login(world.coordinator_b)
    assert client.get(reverse("helpdesk:topic_edit", args=[local.pk])).status_code == 404


def test_figures_and_the_export_hide_small_groups(client, world):
    for _ in range(6):
        ContactFactory(digibank=world.digibank_a, topics=[topic("tax-on-web")], outcome="solved")
    ContactFactory(digibank=world.digibank_a, topics=[topic("vdab")], by_volunteer=True)
    ContactFactory(digibank=world.digibank_b, topics=[topic("vdab")])
    ContactFactory(
        digibank=world.digibank_a, person=world.person_a, topics=[topic("email")], minutes=90
    )
    client.force_login(world.staff_a)
    page = client.get(reverse("helpdesk:figures"))
    figures = page.context["figures"]
    assert figures.contacts == 8
    assert figures.walk_ins == 7
    assert figures.new_people == 1
    assert figures.new_shown == "<5"
    assert figures.volunteer_minutes == 20
    services_rows = {r.topic.code: r for r in figures.services}
    assert services_rows["tax-on-web"].contacts_shown == "6"
    assert services_rows["vdab"].contacts_shown == "<5"

    export = client.get(reverse("helpdesk:figures_export"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    counts = {row[0]: row[2] for row in rows[1:] if len(row) > 2}
    assert "<5" in counts.values() and "6" in counts.values()
    xlsx = client.get(reverse("helpdesk:figures_export"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [row[2] for row in sheet.iter_rows(min_row=2, max_row=3, values_only=True)]
    assert 6 in values and None in values
    assert client.get(reverse("helpdesk:figures_export"), {"format": "pdf"}).status_code == 404
    bad = client.get(reverse("helpdesk:figures"), {"start": "2026-05-01", "end": "2026-01-01"})
    assert bad.status_code == 200 and bad.context["form"].errors


@pytest.mark.parametrize("name", ["itsme", "ITSME", "Parkeerkaart", "parkéerkaart"])
def test_a_topic_with_a_name_that_exists_is_refused(client, world, name):
    Topic.objects.create(
        digibank=world.digibank_a, code="parking", name_nl="Parkeerkaart", position=200
    )
    client.force_login(world.coordinator_a)
    before = Topic.objects.count()
    response = client.post(
        reverse("helpdesk:topic_create"),
        {
            "name_nl": name,
            "name_fr": "Nouveau",
            "name_en": "New",
            "sensitivity": "technical",
            "position": 300,
            "is_active": "on",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert Topic.objects.count() == before
    # The same name in another digibank is that digibank's own business.
    client.force_login(world.coordinator_b)
    response = client.post(
        reverse("helpdesk:topic_create"),
        {
            "name_nl": "Parkeerkaart",
            "name_fr": "Carte de stationnement",
            "name_en": "Parking card",
            "sensitivity": "technical",
            "position": 300,
        },
    )
    assert response.status_code == 302


def test_a_local_topic_of_another_digibank_cannot_be_used(world):
    foreign = LocalTopicFactory(digibank=world.digibank_b)
    with pytest.raises(services.HelpdeskError):
        services.register_contact(
            digibank=world.digibank_a, by=world.staff_a, topics=[foreign], channel="face"
        )


def test_a_volunteer_cannot_take_a_sensitive_question_from_the_queue(client, world):
    location = f.LocationFactory(digibank=world.digibank_a, offers_helpdesk=True)
    tax = services.join_queue(
        location=location, by=world.volunteer_a, label="Dora", topic=topic("tax-on-web")
    )
    mail_ = services.join_queue(
        location=location, by=world.volunteer_a, label="Emiel", topic=topic("email")
    )
    with pytest.raises(services.HelpdeskError, match="Vrijwilligers geven alleen technische hulp"):
        services.move_in_queue(entry=tax, by=world.volunteer_a, status="helping")
    client.force_login(world.volunteer_a)
    page = client.get(reverse("helpdesk:queue"), {"location": location.pk}).content.decode()
    assert "(professional)" in page
    assert "Help nummer 1" not in page and "Help nummer 2" in page
    response = client.post(
        reverse("helpdesk:queue_move", args=[tax.pk]), {"status": "helping"}, follow=True
    )
    assert "Vrijwilligers geven alleen technische hulp" in response.content.decode()
    tax.refresh_from_db()
    assert tax.status == "waiting" and tax.helper is None
    # A technical question, and a professional for the sensitive one.
    services.move_in_queue(entry=mail_, by=world.volunteer_a, status="helping")
    services.move_in_queue(entry=tax, by=world.staff_a, status="helping")
    tax.refresh_from_db()
    assert tax.status == "helping" and tax.helper == world.staff_a


def test_queue_moves_are_in_the_audit_log(world):
    from digibank.audit.models import AuditEvent

    location = f.LocationFactory(digibank=world.digibank_a)
    entry = services.join_queue(location=location, by=world.staff_a, label="Fien")
    services.move_in_queue(entry=entry, by=world.staff_a, status="helping")
    services.move_in_queue(entry=entry, by=world.staff_a, status="done")
    events = AuditEvent.objects.filter(target_type="helpdesk.queueentry", target_id=str(entry.pk))
    assert sorted(e.fields[0] for e in events) == ["queue_done", "queue_helping"]
    assert all(e.actor == world.staff_a for e in events)


def test_the_queue_refreshes_politely_and_without_javascript(client, world, settings):
    settings.HELPDESK_QUEUE_REFRESH_SECONDS = 3
    location = f.LocationFactory(digibank=world.digibank_a)
    services.join_queue(location=location, by=world.staff_a, label="Gert")
    client.force_login(world.staff_a)
    page = client.get(reverse("helpdesk:queue"), {"location": location.pk}).content.decode()
    assert 'hx-trigger="every 3s"' in page and "data-keep-focus" in page
    assert 'aria-live="polite"' in page
    assert 'data-summary="Wachtrij: wachtend 1, aan de beurt 0."' in page
    assert '<meta http-equiv="refresh"' not in page
    assert f'href="{reverse("helpdesk:queue")}?location={location.pk}"' in page  # refresh link


def test_returning_people_count_those_who_came_back(client, world):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    long_ago = today - datetime.timedelta(days=500)
    twice, once, before = (f.PersonFactory(digibank=world.digibank_a) for _ in range(3))
    for day in (today, today - datetime.timedelta(days=3)):
        ContactFactory(digibank=world.digibank_a, person=twice, occurred_on=day)
    ContactFactory(digibank=world.digibank_a, person=once, occurred_on=today)
    ContactFactory(digibank=world.digibank_a, person=before, occurred_on=long_ago)
    ContactFactory(digibank=world.digibank_a, person=before, occurred_on=today)
    from digibank.helpdesk import figures

    start = today - datetime.timedelta(days=30)
    data = figures.compute(digibank=world.digibank_a, start=start, end=today)
    assert data.people == 3
    assert data.new_people == 2  # twice and once
    assert data.returning_people == 2  # twice (two in the period) and before
    client.force_login(world.staff_a)
    page = client.get(reverse("helpdesk:figures")).content.decode()
    assert "meer dan één contact" in page


def test_figures_per_kind_of_help_and_as_a_workbook(client, world):
    for _ in range(5):
        ContactFactory(digibank=world.digibank_a, topics=[topic("itsme")], help_kind="together")
    ContactFactory(digibank=world.digibank_a, topics=[topic("email")], help_kind="lesson")
    ContactFactory(digibank=world.digibank_a, person=world.person_a, help_kind="fix")
    ContactFactory(digibank=world.digibank_b, help_kind="lesson")
    client.force_login(world.staff_a)
    page = client.get(reverse("helpdesk:figures"), HTTP_ACCEPT_LANGUAGE="nl")
    kinds = dict(page.context["figures"].by_help_kind)
    assert sum(kinds.values()) == 7
    assert sorted(kinds.values()) == [0, 0, 0, 1, 1, 5]
    assert "Contacten per soort hulp" in page.content.decode()
    response = client.get(
        reverse("helpdesk:figures"), {"format": "xlsx"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 5
    per_kind = book.worksheets[3]
    counts = [row[1] for row in per_kind.iter_rows(min_row=2, max_row=7, values_only=True)]
    # Contacts in full, as on the page; the few people helped are not shown.
    assert sorted(counts) == [0, 0, 0, 1, 1, 5]
    totals = {row[0]: row[1] for row in book.worksheets[0].iter_rows(values_only=True)}
    assert totals["Contacts"] == 7 and totals["People helped (each once)"] is None


def test_a_wrong_period_gives_no_workbook(client, world):
    client.force_login(world.staff_a)
    wrong = {"start": "2026-05-01", "end": "2026-01-01"}
    response = client.get(reverse("helpdesk:figures"), {**wrong, "format": "xlsx"})
    assert response.status_code == 200 and response.context["form"].errors
    response = client.get(reverse("helpdesk:figures_export"), {**wrong, "format": "csv"})
    assert response.status_code == 302 and "start=2026-05-01" in response["Location"]
