"""Team membership: adding people to a digibank and changing their role."""

import secrets

from django.contrib.auth.forms import PasswordResetForm
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from digibank.accounts import permissions
from digibank.accounts.models import Membership, User
from digibank.accounts.roles import Role


class MembershipError(Exception):
    """A rule about memberships said no; the message is for the user."""


@transaction.atomic
def add_member(
    *,
    digibank,
    by,
    email: str,
    first_name: str,
    last_name: str = "",
    role: str,
    organisation=None,
    municipality=None,
    invite_domain: str = "",
    use_https: bool = True,
) -> Membership:
    """Give ``email`` a role in ``digibank``; create the account if needed and invite them."""
    if role == Role.FUNDER:
        raise MembershipError(_("Only platform administrators add funders."))
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = User(email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.save()
    if Membership.objects.filter(user=user, digibank=digibank).exists():
        raise MembershipError(_("This person is already in the team of this digibank."))
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user,
                digibank=digibank,
                role=role,
                organisation=organisation if role == Role.PARTNER else None,
                municipality=municipality if role == Role.LOCAL_OFFICER else None,
            )
    except IntegrityError as exc:
        raise MembershipError(
            _("This role cannot be given: check the organisation or the municipality.")
        ) from exc
    if created and invite_domain:
        form = PasswordResetForm({"email": email})
        form.is_valid()
        # Django only mails users with a usable password; an invitation is the exception.
        form.get_users = lambda _email: [user]
        form.save(
            domain_override=invite_domain,
            use_https=use_https,
            subject_template_name="accounts/email/invitation_subject.txt",
            email_template_name="accounts/email/invitation.txt",
            extra_email_context={"digibank": digibank, "invited_by": by},
        )
    permissions.forget(user)
    return membership


@transaction.atomic
def change_membership(*, membership: Membership, by, role: str, is_active: bool) -> Membership:
    if role == Role.FUNDER:
        raise MembershipError(_("Only platform administrators add funders."))
    if membership.user_id == by.pk and (role != membership.role or not is_active):
        raise MembershipError(_("You cannot change your own role. Ask another coordinator."))
    if role == Role.PARTNER and not membership.organisation_id:
        raise MembershipError(
            _("A partner referrer needs an organisation: remove them and add them again with one.")
        )
    if role == Role.LOCAL_OFFICER and not membership.municipality_id:
        raise MembershipError(
            _("An officer needs a municipality: remove them and add them again with one.")
        )
    membership.role = role
    membership.is_active = is_active
    membership.save(update_fields=["role", "is_active"])
    permissions.forget(membership.user)
    return membership


# --- Two-factor login ---------------------------------------------------------------------

BACKUP_CODES = 10


def make_backup_codes(user) -> list[str]:
    """Ten one-time codes for when the phone is lost or broken; earlier ones stop working.

    Eight digits each, so they go into the same field as the app's code. Only their use is
    stored by django-otp (a used code is deleted); we show them once."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify_second_factor(user, token: str):
    """The confirmed device that accepts ``token`` (the app's code or a backup code, which
    is then used up), or None. Devices that were tried too often wait a moment."""
    from django_otp import devices_for_user

    for device in devices_for_user(user, confirmed=True):
        allowed, _info = device.verify_is_allowed()
        if allowed and device.verify_token(token):
            return device
    return None


def switch_off_two_factor(user) -> None:
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
