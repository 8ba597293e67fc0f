"""Warm referrals both ways: consent, what is shared, partners see only their own."""

import csv
import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from digibank.audit.models import AuditEvent
from digibank.helpdesk.tests.factories import ContactFactory
from digibank.people import services as people_services
from digibank.referrals import figures, services
from digibank.referrals.models import Referral
from digibank.referrals.tests.factories import FromPartnerFactory, ReferralFactory
from digibank.testing import factories as f

pytestmark = pytest.mark.django_db


def referral_post(world, **overrides):
    data = {
        "person": world.person_a.reference,
        "organisation": world.partner_org_a.pk,
        "topic": "",
        "reason": "Schuldbemiddeling: brief van de deurwaarder.",
        "shared_fields": ["name", "municipality"],
        "contact_name": "Els",
        "contact_email": "els@ocmw.example.org",
        "contact_phone": "",
        "consent_given": "on",
        "consent_on": timezone.localdate().isoformat(),
    }
    data.update(overrides)
    return data


@pytest.fixture
def other_org(world):
    return f.PartnershipFactory(
        digibank=world.digibank_a, organisation__name="CAW Noord"
    ).organisation


def test_staff_refer_with_consent_and_the_partner_sees_only_what_is_shared(client, world):
    world.person_a.phone = "050 11 22 33"
    world.person_a.save()
    client.force_login(world.staff_a)
    response = client.post(reverse("referrals:create"), referral_post(world))
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert referral.shared_fields == ["name", "municipality"]
    assert referral.consent_on == timezone.localdate()
    assert referral.consent_recorded_by == world.staff_a
    assert AuditEvent.objects.filter(action="create", target_label=referral.reference).exists()

    client.force_login(world.partner_a)
    page = client.get(referral.get_absolute_url()).content.decode()
    assert "Maria Peeters" in page and "Knokke-Heist" in page
    assert "050 11 22 33" not in page  # phone was not ticked
    assert "Needs help with itsme" not in page  # the person's notes never travel
    assert world.person_a.reference not in page
    assert AuditEvent.objects.filter(
        action="view", actor=world.partner_a, target_label=referral.reference
    ).exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"consent_given": ""},
        {"consent_on": ""},
        {"consent_on": (timezone.localdate() + datetime.timedelta(days=2)).isoformat()},
        {"shared_fields": []},
        {"person": "P-999999"},
    ],
)
def test_no_referral_without_consent_or_details(client, world, overrides):
    client.force_login(world.staff_a)
    response = client.post(reverse("referrals:create"), referral_post(world, **overrides))
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not Referral.objects.exists()


def test_the_service_refuses_without_consent(world):
    with pytest.raises(services.ReferralError):
        services.refer_to_partner(
            digibank=world.digibank_a,
            by=world.staff_a,
            person=world.person_a,
            organisation=world.partner_org_a,
            reason="x",
            shared_fields=["name"],
            consent_given=False,
            consent_on=None,
        )


def test_only_partners_of_the_digibank_receive_referrals(world):
    stranger_org = f.OrganisationFactory()
    with pytest.raises(services.ReferralError):
        services.refer_to_partner(
            digibank=world.digibank_a,
            by=world.staff_a,
            person=world.person_a,
            organisation=stranger_org,
            reason="x",
            shared_fields=["name"],
            consent_given=True,
            consent_on=timezone.localdate(),
        )


def test_a_partner_sees_only_its_own_referrals_by_list_url_and_export(client, world, other_org):
    own = ReferralFactory(
        digibank=world.digibank_a, organisation=world.partner_org_a, person=world.person_a
    )
    inbound = FromPartnerFactory(digibank=world.digibank_a, organisation=world.partner_org_a)
    others = ReferralFactory(
        digibank=world.digibank_a, organisation=other_org, person__name="Geheim Persoon"
    )
    elsewhere = ReferralFactory(digibank=world.digibank_b, organisation=world.partner_org_a)
    client.force_login(world.partner_a)

    listing = client.get(reverse("referrals:partner_list")).content.decode()
    assert own.reference in listing and inbound.reference in listing
    assert others.reference not in listing and elsewhere.reference not in listing

    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(others.get_absolute_url()).status_code == 404
    assert client.get(elsewhere.get_absolute_url()).status_code == 404
    assert client.get(reverse("referrals:answer", args=[others.pk])).status_code == 404
    assert client.get(reverse("referrals:list")).status_code == 403

    response = client.get(reverse("referrals:export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    references = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert references == {own.reference, inbound.reference}
    names = {row[7] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert "Geheim Persoon" not in names

    response = client.get(reverse("referrals:export"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert {r[0] for r in rows[1:]} == {own.reference, inbound.reference}
    assert "Geheim Persoon" not in response.content.decode("utf-8-sig")
    assert AuditEvent.objects.filter(action="export", actor=world.partner_a).count() == 4


def test_staff_export_holds_every_referral_of_their_digibank(client, world, other_org):
    ReferralFactory(digibank=world.digibank_a, organisation=world.partner_org_a)
    ReferralFactory(digibank=world.digibank_a, organisation=other_org)
    ReferralFactory(digibank=world.digibank_b, organisation=world.partner_org_a)
    client.force_login(world.coordinator_a)
    sheet = load_workbook(io.BytesIO(client.get(reverse("referrals:export")).content)).active
    assert sheet.max_row == 3  # header and two rows


def test_the_partner_accepts_and_records_the_outcome(client, world):
    referral = ReferralFactory(
        digibank=world.digibank_a, organisation=world.partner_org_a, person=world.person_a
    )
    client.force_login(world.staff_a)
    assert client.get(reverse("referrals:answer", args=[referral.pk])).status_code == 403
    client.force_login(world.partner_a)
    client.post(reverse("referrals:answer", args=[referral.pk]), {"decision": "accept"})
    referral.refresh_from_db()
    assert referral.status == "accepted" and referral.answered_by == world.partner_a
    client.post(
        reverse("referrals:outcome", args=[referral.pk]), {"outcome": "helped", "note": "Plan ok"}
    )
    referral.refresh_from_db()
    assert referral.status == "closed" and referral.outcome == "helped"
    with pytest.raises(services.ReferralError):
        services.record_outcome(referral=referral, by=world.partner_a, outcome="partly")


def test_a_partner_refers_someone_to_the_digibank_inbox(client, world):
    client.force_login(world.partner_a)
    response = client.post(
        reverse("referrals:partner_create"),
        {
            "need": "training",
            "reason": "Wil leren mailen.",
            "person_name": "Yusuf",
            "person_phone": "0470 12 34 56",
            "person_email": "",
            "person_municipality": "Knokke-Heist",
            "contact_phone": "",
            "consent_given": "on",
            "consent_on": timezone.localdate().isoformat(),
        },
    )
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert referral.direction == "from_partner" and referral.organisation == world.partner_org_a
    assert referral.digibank == world.digibank_a and referral.need == "training"

    device = FromPartnerFactory(
        digibank=world.digibank_a, organisation=world.partner_org_a, need="device"
    )
    client.force_login(world.staff_a)
    page = client.get(reverse("referrals:inbox"), {"need": "training"}).content.decode()
    assert referral.reference in page and device.reference not in page
    client.post(reverse("referrals:pickup", args=[referral.pk]))
    referral.refresh_from_db()
    assert referral.status == "accepted" and referral.answered_by == world.staff_a
    # A second pick-up (by a colleague at the same time) changes nothing.
    with pytest.raises(services.ReferralError):
        services.answer(referral=referral, by=world.coordinator_a, accept=True)
    # The partner cannot answer its own referral to the digibank.
    client.force_login(world.partner_a)
    assert client.get(reverse("referrals:outcome", args=[referral.pk])).status_code == 403


def test_a_partner_referral_needs_consent_and_a_way_to_reach(client, world):
    client.force_login(world.partner_a)
    response = client.post(
        reverse("referrals:partner_create"),
        {"need": "help", "reason": "x", "person_name": "Yusuf", "consent_on": "2020-01-01"},
    )
    assert response.status_code == 200
    assert not Referral.objects.exists()


def test_a_referred_helpdesk_contact_becomes_a_referral(client, world):
    contact = ContactFactory(digibank=world.digibank_a, person=world.person_a, outcome="partly")
    client.force_login(world.staff_a)
    form = client.get(reverse("referrals:create"), {"contact": contact.pk}).content.decode()
    assert world.person_a.reference in form
    client.post(
        reverse("referrals:create") + f"?contact={contact.pk}",
        referral_post(world, contact=str(contact.pk)),
    )
    referral = Referral.objects.get()
    assert referral.helpdesk_contact == contact
    contact.refresh_from_db()
    assert contact.outcome == "referred" and contact.referred_at is not None
    other = ContactFactory(digibank=world.digibank_b, person=world.person_b)
    assert client.get(reverse("referrals:create"), {"contact": other.pk}).status_code == 404


def test_reminders_reach_who_must_act_and_come_back_until_answered(world, settings, other_org):
    settings.REFERRAL_REMINDER_DAYS = 10
    old = ReferralFactory(
        digibank=world.digibank_a,
        organisation=world.partner_org_a,
        contact_email="els@ocmw.example.org",
        created_by=world.staff_a,
    )
    recent = ReferralFactory(digibank=world.digibank_a, contact_email="x@example.org")
    closed = ReferralFactory(
        digibank=world.digibank_a, contact_email="y@example.org", status="closed", outcome="helped"
    )
    nobody = ReferralFactory(
        digibank=world.digibank_a, organisation=other_org, contact_email="", created_by=None
    )
    long_ago = timezone.now() - datetime.timedelta(days=11)
    Referral.objects.filter(pk__in=[old.pk, closed.pk, nobody.pk]).update(created_at=long_ago)
    out = io.StringIO()
    call_command("send_referral_reminders", stdout=out)
    assert len(mail.outbox) == 1
    # The partner's contact person, the partner's workers with an account, who referred.
    assert set(mail.outbox[0].to) == {
        "els@ocmw.example.org",
        world.partner_a.email,
        world.staff_a.email,
    }
    assert old.reference in mail.outbox[0].subject
    assert world.person_a.name not in mail.outbox[0].body
    call_command("send_referral_reminders", stdout=out)
    assert len(mail.outbox) == 1  # not again within the period
    assert Referral.objects.get(pk=old.pk).reminded_at is not None
    assert Referral.objects.get(pk=recent.pk).reminded_at is None
    # Nobody to write to: not marked as reminded, so the list keeps flagging it.
    assert Referral.objects.get(pk=nobody.pk).reminded_at is None
    assert Referral.objects.get(pk=nobody.pk).is_overdue
    Referral.objects.filter(pk=old.pk).update(reminded_at=long_ago)
    call_command("send_referral_reminders", stdout=out)
    assert len(mail.outbox) == 2  # still open after another period: reminded again


def test_overdue_referrals_are_flagged_in_the_list(client, world, settings):
    settings.REFERRAL_REMINDER_DAYS = 10
    referral = ReferralFactory(digibank=world.digibank_a, organisation=world.partner_org_a)
    Referral.objects.filter(pk=referral.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=12)
    )
    client.force_login(world.staff_a)
    assert "12 dagen open" in client.get(reverse("referrals:list")).content.decode()
    client.force_login(world.partner_a)
    assert "12 dagen open" in client.get(reverse("referrals:partner_list")).content.decode()


def test_figures_are_anonymous_and_small_groups_hidden(client, world, other_org):
    for _ in range(6):
        ReferralFactory(
            digibank=world.digibank_a,
            organisation=world.partner_org_a,
            status="closed",
            outcome="helped",
        )
    ReferralFactory(digibank=world.digibank_a, organisation=other_org)
    rows = {row["partner"]: row for row in figures.by_partner(digibank=world.digibank_a)}
    assert rows["OCMW Knokke-Heist"]["cells"][0] == "6"
    assert rows["OCMW Knokke-Heist"]["cells"][3] == "6"
    assert rows["CAW Noord"]["cells"][0] == "<5"
    client.force_login(world.coordinator_a)
    page = client.get(reverse("referrals:figures")).content.decode()
    assert "OCMW Knokke-Heist" in page and "&lt;5" in page
    assert "Maria" not in page
    bad = client.get(reverse("referrals:figures"), {"start": "2025-05-01", "end": "2024-01-01"})
    assert bad.status_code == 200 and "error-summary" in bad.content.decode()


def test_export_and_erasure_of_the_person_reach_referrals(world):
    referral = ReferralFactory(
        digibank=world.digibank_a, organisation=world.partner_org_a, person=world.person_a
    )
    data = people_services.export_person(person=world.person_a, by=world.coordinator_a)
    assert data["referrals"][0]["reference"] == referral.reference
    people_services.erase_person(person=world.person_a, by=world.coordinator_a)
    referral.refresh_from_db()
    assert referral.reason == "" and referral.shared_fields == []
    assert referral.organisation == world.partner_org_a  # figures stay right


def test_person_page_and_partner_start_page_show_referrals(client, world):
    referral = ReferralFactory(
        digibank=world.digibank_a, organisation=world.partner_org_a, person=world.person_a
    )
    client.force_login(world.staff_a)
    page = client.get(world.person_a.get_absolute_url()).content.decode()
    assert referral.reference in page
    client.force_login(world.volunteer_a)
    page = client.get(world.person_a.get_absolute_url()).content.decode()
    assert referral.reference not in page
    client.force_login(world.partner_a)
    page = client.get(reverse("core:home")).content.decode()
    assert referral.reference in page
    assert reverse("referrals:partner_list") in page  # the menu entry for partners


def test_staff_withdraw_and_partner_cannot(client, world):
    referral = ReferralFactory(digibank=world.digibank_a, organisation=world.partner_org_a)
    client.force_login(world.partner_a)
    client.post(reverse("referrals:withdraw", args=[referral.pk]))
    referral.refresh_from_db()
    assert referral.status == "new"
    client.force_login(world.staff_a)
    client.post(reverse("referrals:withdraw", args=[referral.pk]))
    referral.refresh_from_db()
    assert referral.status == "withdrawn"


def test_lists_keep_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    for _ in range(30):
        ReferralFactory(digibank=world.digibank_a, organisation=world.partner_org_a)
        FromPartnerFactory(digibank=world.digibank_a, organisation=world.partner_org_a)
    client.force_login(world.staff_a)
    for name in ("referrals:list", "referrals:inbox"):
        with django_assert_max_num_queries(14):
            assert client.get(reverse(name)).status_code == 200
    client.force_login(world.partner_a)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("referrals:partner_list")).status_code == 200


def test_staff_link_a_partner_referral_to_a_registered_person(client, world):
    referral = FromPartnerFactory(digibank=world.digibank_a, organisation=world.partner_org_a)
    client.force_login(world.partner_a)
    client.post(reverse("referrals:link_person", args=[referral.pk]), {"person": "Maria"})
    referral.refresh_from_db()
    assert referral.person is None  # partners cannot link
    client.force_login(world.staff_a)
    client.post(reverse("referrals:link_person", args=[referral.pk]), {"person": "Nobody"})
    referral.refresh_from_db()
    assert referral.person is None
    client.post(
        reverse("referrals:link_person", args=[referral.pk]), {"person": world.person_b.reference}
    )
    referral.refresh_from_db()
    assert referral.person is None  # someone of another digibank
    client.post(
        reverse("referrals:link_person", args=[referral.pk]), {"person": world.person_a.reference}
    )
    referral.refresh_from_db()
    assert referral.person == world.person_a
    people_services.erase_person(person=world.person_a, by=world.coordinator_a)
    referral.refresh_from_db()
    assert referral.person_name == "" and referral.person_phone == ""


def test_details_of_an_unlinked_partner_referral_go_with_the_retention_period(world):
    old = FromPartnerFactory(
        digibank=world.digibank_a, person_name="Jan Oud", person_phone="0470111111"
    )
    recent = FromPartnerFactory(
        digibank=world.digibank_a, person_name="Els Nieuw", person_phone="0470222222"
    )
    linked = FromPartnerFactory(digibank=world.digibank_a, person_name="Maria P.")
    linked.person = world.person_a
    linked.save()
    long_ago = timezone.now() - datetime.timedelta(days=365 * 6)
    Referral.objects.filter(pk__in=[old.pk, linked.pk]).update(created_at=long_ago)
    world.person_a.last_activity_on = timezone.localdate()
    world.person_a.save()
    people_services.apply_retention(digibank=world.digibank_a)
    old.refresh_from_db()
    recent.refresh_from_db()
    linked.refresh_from_db()
    assert (old.person_name, old.person_phone, old.reason) == ("", "", "")
    assert old.status and old.organisation_id  # the figures keep what happened
    assert recent.person_name == "Els Nieuw"
    assert linked.person_name == "Maria P."  # a linked referral follows its person instead


@pytest.mark.parametrize(
    ("need", "lands_on"),
    [
        ("device", "loans:request_create"),
        ("training", "trainings:sessions"),
        ("help", "helpdesk:slots"),
    ],
)
def test_a_picked_up_referral_from_a_partner_lands_in_the_right_module(
    client, world, need, lands_on
):
    referral = FromPartnerFactory(
        digibank=world.digibank_a, organisation=world.partner_org_a, need=need
    )
    client.force_login(world.staff_a)
    detail = reverse("referrals:detail", args=[referral.pk])
    assert "Next step" not in client.get(detail).content.decode()  # not picked up yet
    services.answer(referral=referral, by=world.staff_a, accept=True)
    services.link_person(referral=referral, by=world.staff_a, person=world.person_a)
    page = client.get(detail).content.decode()
    args = [world.person_a.pk] if lands_on == "loans:request_create" else []
    assert reverse(lands_on, args=args) in page
    client.force_login(world.volunteer_a)  # a volunteer may not act on it
    response = client.get(detail)
    assert response.status_code in (403, 404) or reverse(lands_on, args=args) not in (
        response.content.decode()
    )


def test_the_loan_request_form_takes_the_partner_from_the_referral(client, world):
    client.force_login(world.staff_a)
    url = reverse("loans:request_create", args=[world.person_a.pk])
    page = client.get(url, {"referrer": world.partner_org_a.pk}).content.decode()
    assert f'<option value="{world.partner_org_a.pk}" selected>' in page
    assert client.get(url, {"referrer": "99999999999999999999"}).status_code == 200


def test_the_receiver_of_a_new_referral_gets_a_mail_without_personal_details(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.staff_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("referrals:create"), referral_post(world))
    referral = Referral.objects.get()
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {"els@ocmw.example.org", world.partner_a.email}
    assert referral.reference in mail.outbox[0].subject
    assert world.person_a.name not in mail.outbox[0].body

    client.force_login(world.partner_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("referrals:partner_create"),
            {
                "need": "device",
                "reason": "Heeft een laptop nodig.",
                "person_name": "Yusuf",
                "person_phone": "0470 12 34 56",
                "person_municipality": "Knokke-Heist",
                "consent_given": "on",
                "consent_on": timezone.localdate().isoformat(),
            },
        )
    assert len(mail.outbox) == 2
    assert (
        world.coordinator_a.email in mail.outbox[1].to and world.staff_a.email in mail.outbox[1].to
    )
    assert world.partner_a.email not in mail.outbox[1].to  # who sent it
    assert "Yusuf" not in mail.outbox[1].body
