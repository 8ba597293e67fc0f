"""Users of the platform and their memberships (role per digibank)."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from digibank.accounts.roles import Role


class DigibankUserManager(UserManager):
    """Users log in with their e-mail address; the username is that address too."""

    def _create_user(self, username, email, password, **extra_fields):
        email = self.normalize_email(email or username)
        return super()._create_user(email, email, password, **extra_fields)

    def create_user(self, email=None, password=None, **extra_fields):
        return super().create_user(email, email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        return super().create_superuser(email, email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(username__iexact=username)


class User(AbstractUser):
    """Someone who works with the platform: staff, volunteer, partner, officer, funder.

    Citizens helped by a digibank are not users: they are ``people.Person`` records.
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(
        _("language"),
        max_length=5,
        default="nl",
        choices=[("nl", "Nederlands"), ("fr", "Français"), ("en", "English")],
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    USERNAME_FIELD = "username"
    REQUIRED_FIELDS = ["email"]
    objects = DigibankUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["first_name", "last_name"]

    def save(self, *args, **kwargs):
        # The e-mail address is the login name: keep them equal and lower-case.
        self.email = (self.email or self.username or "").strip().lower()
        self.username = self.email
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Membership(models.Model):
    """A user's role in one digibank, or (funders only) in all of them.

    A partner referrer works for an organisation; a local-government officer reads the
    figures of one municipality. The database refuses memberships that lack these.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    digibank = models.ForeignKey(
        "digibanks.Digibank",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("digibank"),
        help_text=_("Empty only for a funder who follows all digibanken."),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "digibanks.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("organisation"),
        help_text=_("For a partner referrer: the organisation they work for."),
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officers",
        verbose_name=_("municipality"),
        help_text=_("For a local-government officer: the municipality whose figures they read."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["digibank__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "digibank"], name="membership_one_role_per_digibank"
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(digibank__isnull=True),
                name="membership_one_installation_role",
            ),
            models.CheckConstraint(
                condition=models.Q(digibank__isnull=False) | models.Q(role=Role.FUNDER),
                name="membership_digibank_required",
            ),
            models.CheckConstraint(
                condition=~models.Q(role=Role.PARTNER) | models.Q(organisation__isnull=False),
                name="membership_partner_has_organisation",
            ),
            models.CheckConstraint(
                condition=~models.Q(role=Role.LOCAL_OFFICER) | models.Q(municipality__isnull=False),
                name="membership_officer_has_municipality",
            ),
        ]

    def __str__(self) -> str:
        where = self.digibank or _("all digibanken")
        return f"{self.user} – {self.get_role_display()} – {where}"
