"""Who viewed, changed, exported or erased personal data, and when."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from digibank.core.tenancy import TenantQuerySet


class AuditAction(models.TextChoices):
    VIEW = "view", _("viewed")
    CREATE = "create", _("created")
    CHANGE = "change", _("changed")
    EXPORT = "export", _("exported")
    ERASE = "erase", _("erased")
    ANONYMISE = "anonymise", _("anonymised (retention)")


class AuditEvent(models.Model):
    """One access to personal data. Holds no personal data itself.

    ``target_label`` is a reference such as "P-000123", never a name, and ``fields``
    lists the names of changed fields, never their values: the log must not become a
    second copy of what it protects, and must survive the erasure of the person.
    """

    view_action = "audit.view"

    digibank = models.ForeignKey(
        "digibanks.Digibank",
        on_delete=models.CASCADE,
        related_name="audit_events",
        verbose_name=_("digibank"),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_label = models.CharField(_("who (as logged)"), max_length=254)
    action = models.CharField(_("what"), max_length=10, choices=AuditAction.choices)
    target_type = models.CharField(_("kind of record"), max_length=60)
    target_id = models.CharField(_("record"), max_length=40)
    target_label = models.CharField(_("reference"), max_length=60)
    fields = models.JSONField(_("fields"), default=list, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["digibank", "-at"], name="audit_digibank_at_idx"),
            models.Index(fields=["target_type", "target_id"], name="audit_target_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_label}"
