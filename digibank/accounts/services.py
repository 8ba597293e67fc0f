"""Team membership: adding people to a digibank and changing their role."""

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
