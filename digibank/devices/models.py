"""Devices that a digibank collects, wipes, refurbishes and lends: the Access service.

A ``Donation`` brings one or more ``Device`` rows. Every device carries an asset tag
that is unique across the installation (``AssetTagCounter`` hands them out) and a
serial number that is unique in the database. A device moves through explicit states;
the one table of allowed moves and the wipe rule live in ``services.py``, and the
database refuses a device outside the stock without a passed wipe (a check constraint
on ``state`` and ``wipe_status``), so no route (form, admin, import, another app) can
bypass it.
"""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.core.ids import parse_id
from digibank.core.tenancy import TenantQuerySet
from digibank.core.validators import validate_phone


class DeviceKind(models.TextChoices):
    LAPTOP = "laptop", _("Laptop")
    DESKTOP = "desktop", _("Desktop computer")
    TABLET = "tablet", _("Tablet")
    SMARTPHONE = "smartphone", _("Smartphone")
    SCREEN = "screen", _("Screen")
    OTHER = "other", _("Other")


# Phones and tablets get the mobile checklist when they are wiped.
MOBILE_KINDS = frozenset({DeviceKind.TABLET, DeviceKind.SMARTPHONE})


class DeviceState(models.TextChoices):
    RECEIVED = "received", _("Received")
    WIPED = "wiped", _("Wiped")
    IN_REPAIR = "in_repair", _("In repair")
    READY = "ready", _("Ready")
    ON_LOAN = "on_loan", _("On loan")
    RETURNED = "returned", _("Returned")
    GIVEN_AWAY = "given_away", _("Given away")
    SOLD = "sold", _("Sold")
    RECYCLED = "recycled", _("Recycled")
    DESTROYED = "destroyed", _("Destroyed")
    LOST = "lost", _("Lost or stolen")


# States in which a device is outside the digibank's hands with somebody's trust in the wipe.
LEFT_STOCK_STATES = (DeviceState.ON_LOAN, DeviceState.GIVEN_AWAY, DeviceState.SOLD)
# States from which a device never comes back.
FINAL_STATES = (
    DeviceState.GIVEN_AWAY,
    DeviceState.SOLD,
    DeviceState.RECYCLED,
    DeviceState.DESTROYED,
)
# In stock: the digibank holds it and it counts in "stock per location".
IN_STOCK_STATES = (
    DeviceState.RECEIVED,
    DeviceState.WIPED,
    DeviceState.IN_REPAIR,
    DeviceState.READY,
    DeviceState.RETURNED,
)


class WipeStatus(models.TextChoices):
    """The wipe situation since the device last came in (donation or return)."""

    NEEDED = "needed", _("Wipe needed")
    PASSED = "passed", _("Wipe passed")
    FAILED = "failed", _("Wipe failed: blocked")


class Condition(models.TextChoices):
    GOOD = "good", _("Good: works, little wear")
    FAIR = "fair", _("Fair: works, visible wear")
    POOR = "poor", _("Poor: needs repair")
    BROKEN = "broken", _("Broken or does not start")


class Grade(models.TextChoices):
    A = "A", _("A: as good as new")
    B = "B", _("B: light signs of use")
    C = "C", _("C: clear signs of use, works well")


class StorageKind(models.TextChoices):
    SSD = "ssd", _("SSD")
    HDD = "hdd", _("Hard disk (HDD)")
    EMMC = "emmc", _("Built-in flash (eMMC, phone or tablet)")
    NONE = "none", _("No storage")


class DonorKind(models.TextChoices):
    PERSON = "person", _("Private person")
    COMPANY = "company", _("Company")
    ORGANISATION = "organisation", _("Organisation or government")


def normalise_serial(value: str) -> str:
    """The comparable form of a serial number: upper case, no spaces, dashes or dots."""
    return re.sub(r"[\s\-./_:]", "", value or "").upper()


class AssetTagCounter(models.Model):
    """One row that hands out asset-tag numbers for the whole installation.

    A counter row under ``select_for_update`` instead of the primary key: tags can be
    reserved in bulk (import, benchmarks) and are known before the device row is written.
    """

    key = models.CharField(max_length=20, primary_key=True, default="device")
    last_number = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("asset tag counter")
        verbose_name_plural = _("asset tag counters")

    def __str__(self) -> str:
        return f"{self.key}: {self.last_number}"


class DonationQuerySet(TenantQuerySet):
    def search(self, text: str):
        text = (text or "").strip()
        if not text:
            return self
        if text.upper().startswith("D-") and parse_id(text[2:]) is not None:
            return self.filter(pk=parse_id(text[2:]))
        return self.filter(
            models.Q(donor_name__icontains=text) | models.Q(organisation__name__icontains=text)
        )


class Donation(models.Model):
    """One handover of devices by a donor, with the donor's contact and consent.

    A private donor's name and contact are personal data: kept only for the receipt and
    the wipe certificate, erasable on request (see ``services.erase_donor``).
    """

    view_action = "device.view"

    digibank = models.ForeignKey(
        "digibanks.Digibank",
        on_delete=models.PROTECT,
        related_name="donations",
        verbose_name=_("digibank"),
    )
    donor_kind = models.CharField(
        _("donor is a"), max_length=20, choices=DonorKind.choices, default=DonorKind.PERSON
    )
    donor_name = models.CharField(
        _("donor name"),
        max_length=200,
        blank=True,
        help_text=_("The person, company or organisation that gives the devices."),
    )
    organisation = models.ForeignKey(
        "digibanks.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="donations",
        verbose_name=_("known organisation"),
        help_text=_("Choose it if the donor is already known as an organisation."),
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(
        _("contact phone"), max_length=30, blank=True, validators=[validate_phone]
    )
    consent_contact = models.BooleanField(
        _("the donor agrees that we contact them about this donation"), default=False
    )
    consent_public = models.BooleanField(
        _("the donor agrees to be named as a donor in public"), default=False
    )
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    location = models.ForeignKey(
        "digibanks.Location",
        on_delete=models.PROTECT,
        related_name="donations",
        verbose_name=_("received at"),
    )
    notes = models.TextField(_("notes"), blank=True)
    donor_erased_at = models.DateTimeField(_("donor details erased at"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )

    objects = DonationQuerySet.as_manager()

    class Meta:
        verbose_name = _("donation")
        verbose_name_plural = _("donations")
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["digibank", "received_on"], name="donation_received_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(donor_name="")
                | models.Q(organisation__isnull=False)
                | models.Q(donor_erased_at__isnull=False),
                name="donation_has_donor",
            ),
            models.CheckConstraint(
                condition=models.Q(donor_erased_at__isnull=True)
                | models.Q(donor_name="", contact_name="", contact_email="", contact_phone=""),
                name="donation_erased_has_no_contact",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.donor_display}"

    def get_absolute_url(self) -> str:
        return reverse("devices:donation", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"D-{self.pk:06d}"

    @property
    def audit_label(self) -> str:
        return self.reference

    @property
    def donor_display(self) -> str:
        if self.donor_erased_at:
            return str(_("Donor details erased"))
        if self.organisation_id and not self.donor_name:
            return self.organisation.name
        return self.donor_name


class DeviceQuerySet(TenantQuerySet):
    def in_stock(self):
        return self.filter(state__in=IN_STOCK_STATES)

    def available(self):
        """Ready to go out: in the ready state with a passed wipe since it came in."""
        return self.filter(state=DeviceState.READY, wipe_status=WipeStatus.PASSED)

    def at(self, location):
        return self.filter(location=location)

    def search(self, text: str):
        text = (text or "").strip()
        if not text:
            return self
        key = normalise_serial(text)
        return self.filter(
            models.Q(tag=text.upper())
            | models.Q(serial_key__startswith=key)
            | models.Q(tag__endswith=key)
        )


class Device(models.Model):
    """One laptop, phone, screen... from arrival to its exit (loan, gift, recycling)."""

    view_action = "device.view"

    digibank = models.ForeignKey(
        "digibanks.Digibank",
        on_delete=models.PROTECT,
        related_name="devices",
        verbose_name=_("digibank"),
    )
    donation = models.ForeignKey(
        Donation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="devices",
        verbose_name=_("donation"),
    )
    tag = models.CharField(
        _("asset tag"),
        max_length=20,
        unique=True,
        editable=False,
        help_text=_("Given automatically; unique in the whole installation."),
    )
    kind = models.CharField(_("type"), max_length=20, choices=DeviceKind.choices)
    brand = models.CharField(_("brand"), max_length=60, blank=True)
    model_name = models.CharField(_("model"), max_length=120, blank=True)
    serial_number = models.CharField(
        _("serial number"),
        max_length=60,
        blank=True,
        help_text=_("As printed on the device. For a phone the IMEI is fine."),
    )
    serial_key = models.CharField(max_length=60, blank=True, editable=False)
    made_year = models.PositiveSmallIntegerField(
        _("year of manufacture"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("Approximately is fine. Used for the age filter."),
    )
    processor = models.CharField(_("processor"), max_length=100, blank=True)
    memory_gb = models.PositiveSmallIntegerField(
        _("memory (GB)"), null=True, blank=True, validators=[MaxValueValidator(4096)]
    )
    storage_gb = models.PositiveIntegerField(
        _("storage (GB)"), null=True, blank=True, validators=[MaxValueValidator(100_000)]
    )
    storage_kind = models.CharField(
        _("storage type"), max_length=10, choices=StorageKind.choices, blank=True
    )
    battery_health = models.PositiveSmallIntegerField(
        _("battery health (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Only for devices with a battery."),
    )
    accessories = models.CharField(
        _("accessories"),
        max_length=250,
        blank=True,
        help_text=_("For example: charger, bag, mouse."),
    )
    condition = models.CharField(
        _("condition on arrival"), max_length=10, choices=Condition.choices
    )
    arrival_notes = models.TextField(_("notes on arrival"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=DeviceState.choices, default=DeviceState.RECEIVED
    )
    state_changed_at = models.DateTimeField(_("state since"), default=timezone.now)
    wipe_status = models.CharField(
        _("wipe"), max_length=10, choices=WipeStatus.choices, default=WipeStatus.NEEDED
    )
    location = models.ForeignKey(
        "digibanks.Location",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="devices",
        verbose_name=_("location"),
    )
    grade = models.CharField(_("grade"), max_length=1, choices=Grade.choices, blank=True)
    os_installed = models.CharField(
        _("operating system installed"),
        max_length=100,
        blank=True,
        help_text=_("For example: Linux Mint 22, Windows 11, Android 14."),
    )
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    objects = DeviceQuerySet.as_manager()

    class Meta:
        verbose_name = _("device")
        verbose_name_plural = _("devices")
        ordering = ["-pk"]
        indexes = [
            models.Index(fields=["digibank", "state", "kind"], name="device_state_kind_idx"),
            models.Index(fields=["digibank", "kind"], name="device_kind_idx"),
            models.Index(fields=["digibank", "location", "state"], name="device_location_idx"),
            models.Index(fields=["digibank", "grade"], name="device_grade_idx"),
            models.Index(fields=["digibank", "made_year"], name="device_made_year_idx"),
            models.Index(fields=["serial_key"], name="device_serial_key_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["serial_key"],
                condition=~models.Q(serial_key=""),
                name="device_serial_unique",
            ),
            # The promise to donors, in the database: no device is lent, given or sold
            # without a passed wipe since it last came in.
            models.CheckConstraint(
                condition=~models.Q(state__in=[s.value for s in LEFT_STOCK_STATES])
                | models.Q(wipe_status=WipeStatus.PASSED),
                name="device_leaves_stock_only_wiped",
            ),
            models.CheckConstraint(
                condition=~models.Q(state__in=[DeviceState.READY, DeviceState.WIPED])
                | models.Q(wipe_status=WipeStatus.PASSED),
                name="device_ready_only_wiped",
            ),
            models.CheckConstraint(
                condition=models.Q(battery_health__isnull=True) | models.Q(battery_health__lte=100),
                name="device_battery_health_percent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tag} {self.label}".strip()

    def save(self, *args, **kwargs):
        self.serial_key = normalise_serial(self.serial_number)
        if not self.tag:
            from digibank.devices.services import allocate_tags

            self.tag = allocate_tags(1)[0]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("devices:detail", args=[self.pk])

    @property
    def audit_label(self) -> str:
        return self.tag

    @property
    def label(self) -> str:
        return " ".join(p for p in (self.brand, self.model_name) if p) or str(
            self.get_kind_display()
        )

    @property
    def is_mobile(self) -> bool:
        return self.kind in MOBILE_KINDS

    @property
    def in_stock(self) -> bool:
        return self.state in IN_STOCK_STATES

    def age_years(self, today: datetime.date | None = None) -> int | None:
        if not self.made_year:
            return None
        return (today or timezone.localdate()).year - self.made_year


class WipeMethod(models.TextChoices):
    """The three sanitisation levels of NIST SP 800-88 Rev. 1."""

    CLEAR = "clear", _("Clear: overwrite with software (e.g. one pass, or a factory reset)")
    PURGE = "purge", _("Purge: secure erase or crypto erase by the drive or device")
    DESTROY = "destroy", _("Destroy: the storage is shredded, drilled or melted")


class WipeResult(models.TextChoices):
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")


class Verification(models.TextChoices):
    FULL = "full", _("Full verification: every sector read back")
    SAMPLE = "sample", _("Sample verification: a representative part read back")
    VISUAL = "visual", _("Visual check (for destruction or a factory reset)")
    NONE = "none", _("Not verified")


def wipe_log_path(instance, filename: str) -> str:
    return f"devices/wipe-logs/{instance.device.digibank_id}/{instance.device.tag}-{filename}"


class WipeRecord(models.Model):
    """One attempt to sanitise a device's storage, after NIST SP 800-88 Rev. 1.

    A failed attempt blocks the device (``Device.wipe_status``) until a later attempt
    passes or the storage is destroyed. Phones and tablets carry the mobile checklist.
    """

    device = models.ForeignKey(
        Device, on_delete=models.CASCADE, related_name="wipes", verbose_name=_("device")
    )
    method = models.CharField(
        _("method (NIST SP 800-88)"), max_length=10, choices=WipeMethod.choices
    )
    tool = models.CharField(
        _("tool"),
        max_length=100,
        help_text=_("For example: nwipe 0.37, ShredOS, hdparm secure erase, factory reset."),
    )
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("operator"),
    )
    wiped_on = models.DateField(_("date"), default=timezone.localdate)
    # Where the device was when it was wiped (the figures count wipes per location).
    location = models.ForeignKey(
        "digibanks.Location",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("location"),
    )
    result = models.CharField(_("result"), max_length=10, choices=WipeResult.choices)
    verification = models.CharField(_("verification"), max_length=10, choices=Verification.choices)
    notes = models.TextField(_("notes"), blank=True)
    # Mobile checklist (phones and tablets).
    encryption_on = models.BooleanField(_("encryption was on before the reset"), default=False)
    factory_reset = models.BooleanField(_("factory reset done"), default=False)
    accounts_removed = models.BooleanField(
        _("accounts removed (Google, Apple, Samsung...)"), default=False
    )
    activation_lock_removed = models.BooleanField(
        _("activation lock removed (Find My, FRP)"), default=False
    )
    management_removed = models.BooleanField(_("device management (MDM) removed"), default=False)
    sim_removed = models.BooleanField(_("SIM card taken out (or there was none)"), default=False)
    memory_card_removed = models.BooleanField(
        _("memory card taken out (or there was none)"), default=False
    )
    # The tool's own log, and what we read from it.
    log_file = models.FileField(_("wipe log"), upload_to=wipe_log_path, blank=True)
    log_serial = models.CharField(_("serial number in the log"), max_length=100, blank=True)
    log_result = models.CharField(_("result in the log"), max_length=40, blank=True)
    serial_mismatch = models.BooleanField(_("serial number in the log differs"), default=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    MOBILE_CHECKLIST = (
        "encryption_on",
        "factory_reset",
        "accounts_removed",
        "activation_lock_removed",
        "management_removed",
        "sim_removed",
        "memory_card_removed",
    )

    class Meta:
        verbose_name = _("wipe record")
        verbose_name_plural = _("wipe records")
        ordering = ["-wiped_on", "-pk"]
        indexes = [models.Index(fields=["wiped_on"], name="wipe_date_idx")]

    def __str__(self) -> str:
        return f"{self.device.tag} {self.get_method_display()} {self.wiped_on}"


class DeviceEvent(models.Model):
    """One change of state, with who, when, where and why: the history and the figures.

    Written only by ``services.transition``. ``location`` is where the device was at that
    moment, so figures per location stay right after moves.
    """

    device = models.ForeignKey(
        Device, on_delete=models.CASCADE, related_name="events", verbose_name=_("device")
    )
    digibank = models.ForeignKey(
        "digibanks.Digibank", on_delete=models.PROTECT, related_name="+", verbose_name=_("digibank")
    )
    from_state = models.CharField(_("from"), max_length=20, choices=DeviceState.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=20, choices=DeviceState.choices)
    location = models.ForeignKey(
        "digibanks.Location",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("location"),
    )
    occurred_on = models.DateField(_("date"), default=timezone.localdate)
    at = models.DateTimeField(_("registered at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    handed_to = models.CharField(
        _("handed to"),
        max_length=200,
        blank=True,
        help_text=_("For recycling or destruction: the firm or place that took it."),
    )
    reference = models.CharField(
        _("reference"),
        max_length=100,
        blank=True,
        help_text=_("For example the number on the recycler's receipt."),
    )

    objects = TenantQuerySet.as_manager()
    view_action = "device.view"

    class Meta:
        verbose_name = _("device event")
        verbose_name_plural = _("device events")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(
                fields=["digibank", "occurred_on", "to_state", "location"],
                name="device_event_figures_idx",
            ),
            models.Index(fields=["device", "at"], name="device_event_device_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.device_id}: {self.from_state} → {self.to_state}"


class RepairEntry(models.Model):
    """Work done on a device: what, which parts, how long, by whom (and which trainee)."""

    device = models.ForeignKey(
        Device, on_delete=models.CASCADE, related_name="repairs", verbose_name=_("device")
    )
    done_on = models.DateField(_("date"), default=timezone.localdate)
    work = models.CharField(_("what was done"), max_length=300)
    parts = models.CharField(
        _("parts used"), max_length=300, blank=True, help_text=_("For example: 8 GB RAM, SSD.")
    )
    minutes = models.PositiveIntegerField(
        _("minutes spent"), validators=[MinValueValidator(1), MaxValueValidator(10_000)]
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    trainee = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="device_repairs",
        verbose_name=_("trainee"),
        help_text=_("A trainee of a technical-skills training who did (part of) the work."),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("repair entry")
        verbose_name_plural = _("repair entries")
        ordering = ["-done_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(minutes__gte=1), name="repair_minutes_min")
        ]

    def __str__(self) -> str:
        return f"{self.device_id} {self.done_on}: {self.work}"


class Move(models.Model):
    """A device moved from one location of the digibank to another."""

    device = models.ForeignKey(
        Device, on_delete=models.CASCADE, related_name="moves", verbose_name=_("device")
    )
    from_location = models.ForeignKey(
        "digibanks.Location",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from"),
    )
    to_location = models.ForeignKey(
        "digibanks.Location", on_delete=models.PROTECT, related_name="+", verbose_name=_("to")
    )
    moved_on = models.DateField(_("date"), default=timezone.localdate)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("move")
        verbose_name_plural = _("moves")
        ordering = ["-moved_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.device_id}: {self.from_location_id} → {self.to_location_id}"
