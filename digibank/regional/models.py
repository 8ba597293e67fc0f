"""What a regional coordinator follows, and who receives the "Digi-weetjes" digest.

* ``Region``: the member municipalities a regional coordinator follows (a regional
  partnership of local governments, say). It belongs to the user who made it; the calls
  tracker shows which of its municipalities applied to which call, with which partners.
* ``Subscriber``: an e-mail address that asked for the digest. It only receives mail
  after confirming with a signed, expiring link (double opt-in); unsubscribing deletes it.
* ``Digest`` and ``Delivery``: one issue of the digest per period, and one row per
  subscriber it went to. The unique (digest, subscriber) pair is what guarantees that
  nobody gets the same issue twice, even when two senders run at once.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class RegionQuerySet(models.QuerySet):
    def for_user(self, user):
        """A region is its owner's working list; nobody else reads it."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(owner=user)


class Region(models.Model):
    """The municipalities a regional coordinator follows calls for."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="regions",
        verbose_name=_("owner"),
    )
    name = models.CharField(
        _("name"), max_length=150, help_text=_("For example: Regio Brugge, 10 local governments.")
    )
    municipalities = models.ManyToManyField(
        "geo.Municipality",
        related_name="regions",
        verbose_name=_("member municipalities"),
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="regional_region_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class Subscriber(models.Model):
    """An address that asked for the digest. Personal data: kept only while subscribed."""

    email = models.EmailField(_("e-mail address"), max_length=254)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="nl"
    )
    province = models.ForeignKey(
        "geo.Province",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
        help_text=_("Only news about subsidies in this province. Empty: all of Belgium."),
    )
    created_at = models.DateTimeField(_("subscribed at"), auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent at"), null=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("digest subscriber")
        verbose_name_plural = _("digest subscribers")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="regional_subscriber_email_unique")
        ]

    def __str__(self) -> str:
        return self.email


class Digest(models.Model):
    """One issue of the digest: the news of one period."""

    key = models.CharField(
        _("issue"), max_length=20, unique=True, help_text=_("For example 2026-W49 or 2026-12.")
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        ordering = ["-period_start"]

    def __str__(self) -> str:
        return self.key


class Delivery(models.Model):
    """A digest claimed for one subscriber; ``sent_at`` once the mail server took it."""

    digest = models.ForeignKey(
        Digest, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("digest")
    )
    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("subscriber"),
    )
    claimed_at = models.DateTimeField(_("claimed at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["digest", "subscriber"], name="regional_delivery_once")
        ]

    def __str__(self) -> str:
        return f"{self.digest} → {self.subscriber}"
