"""Login with e-mail, throttling, two-factor login, and the team page."""

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from digibank.accounts.models import Membership, User
from digibank.accounts.roles import Role
from digibank.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def login(client, email, password=TEST_PASSWORD):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def test_login_with_email_lands_on_start_page(client, world):
    response = login(client, "Volunteer.A@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    page = client.get(reverse("core:home")).content.decode()
    assert "Digibank Brugge Noord" in page


def test_wrong_password_gets_a_clear_message(client, world):
    response = login(client, "volunteer.a@example.org", "wrong")
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()


def test_login_is_throttled_after_five_failures(client, world):
    for _ in range(5):
        login(client, "volunteer.a@example.org", "wrong")
    response = login(client, "volunteer.a@example.org")  # even the right password now
    assert response.status_code == 429
    assert "15" in response.content.decode()


def test_changing_the_case_of_the_address_gets_no_extra_tries(client, world):
    # Login ignores case, so the throttle must count these as one address.
    for variant in (
        "volunteer.a@example.org",
        "Volunteer.A@example.org",
        "VOLUNTEER.A@EXAMPLE.ORG",
        " volunteer.a@Example.org",
        "vOlunteer.a@example.org",
    ):
        login(client, variant, "wrong")
    assert login(client, "Volunteer.a@EXAMPLE.org").status_code == 429


def code_for(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_two_factor_setup_and_login(client, world):
    client.force_login(world.staff_a)
    page = client.get(reverse("accounts:two_factor_setup"))
    assert "data:image/svg+xml;base64," in page.content.decode()
    device = TOTPDevice.objects.get(user=world.staff_a, confirmed=False)
    response = client.post(reverse("accounts:two_factor_setup"), {"token": "000000"})
    assert response.status_code == 200  # wrong code: stays on the page
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the next try wait a moment
    response = client.post(reverse("accounts:two_factor_setup"), {"token": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed

    client.logout()
    response = login(client, "staff.a@example.org")
    assert response["Location"] == reverse("accounts:login_token")
    assert "_auth_user_id" not in client.session  # not logged in before the code
    device.refresh_from_db()
    device.last_t = -1
    device.save()
    response = client.post(reverse("accounts:login_token"), {"token": code_for(device)})
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200


def test_two_factor_required_for_coordinators_when_configured(client, world, settings):
    settings.REQUIRE_2FA = True
    client.force_login(world.coordinator_a)
    response = client.get(reverse("people:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two_factor_setup")
    # A volunteer is not forced.
    client.force_login(world.volunteer_a)
    assert client.get(reverse("people:list")).status_code == 200


def test_coordinator_adds_a_team_member_who_gets_an_invitation(client, world):
    client.force_login(world.coordinator_a)
    response = client.post(
        reverse("accounts:members"),
        {"email": "nieuw@example.org", "first_name": "Nieuw", "role": Role.VOLUNTEER},
    )
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.org")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).digibank == world.digibank_a
    assert len(mail.outbox) == 1
    assert "/accounts/password/new/" in mail.outbox[0].body


def test_partner_referrer_needs_an_organisation(client, world):
    client.force_login(world.coordinator_a)
    response = client.post(
        reverse("accounts:members"),
        {"email": "p@example.org", "first_name": "P", "role": Role.PARTNER},
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="p@example.org").exists()


def test_coordinator_cannot_change_own_role(client, world):
    client.force_login(world.coordinator_a)
    own = world.coordinator_a.memberships.get()
    response = client.post(
        reverse("accounts:member_edit", args=[own.pk]), {"role": Role.VOLUNTEER, "is_active": "on"}
    )
    assert response.status_code == 200
    own.refresh_from_db()
    assert own.role == Role.COORDINATOR


def test_membership_constraints_live_in_the_database(world):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=world.stranger, digibank=None, role=Role.STAFF)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=world.stranger, digibank=world.digibank_a, role=Role.PARTNER)


def test_after_login_pages_come_in_the_users_language(client, world):
    world.volunteer_a.language = "fr"
    world.volunteer_a.save()
    login(client, "volunteer.a@example.org")
    assert '<html lang="fr">' in client.get(reverse("core:home")).content.decode()
