"""The knowledge base: step-by-step guides in clear language, for helpers and citizens.

A guide belongs to one digibank (it describes how *they* help). Staff publish it; every
change to a published guide keeps a version, and every guide shows when someone last
checked that it is still right, because online services change their screens often.
Volunteers suggest changes, which staff review.
"""

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from digibank.core.tenancy import TenantQuerySet
from digibank.knowledge.validators import validate_guide_image


class Audience(models.TextChoices):
    HELPERS = "helpers", _("Helpers (staff and volunteers)")
    CITIZENS = "citizens", _("Citizens")
    BOTH = "both", _("Helpers and citizens")


class GuideLanguage(models.TextChoices):
    DUTCH = "nl", _("Dutch")
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")


class GuideStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class GuideQuerySet(TenantQuerySet):
    def published(self):
        return self.filter(status=GuideStatus.PUBLISHED)

    def for_citizens(self):
        return self.filter(audience__in=[Audience.CITIZENS, Audience.BOTH])

    def public(self):
        """What anyone may read without logging in: published guides for citizens."""
        return self.published().for_citizens().filter(digibank__is_active=True)


class Guide(models.Model):
    """One step-by-step guide, e.g. "Install itsme", in one language."""

    view_action = "knowledge.view"

    digibank = models.ForeignKey(
        "digibanks.Digibank",
        on_delete=models.CASCADE,
        related_name="guides",
        verbose_name=_("digibank"),
    )
    title = models.CharField(
        _("title"),
        max_length=150,
        help_text=_("Say what the person can do after reading, e.g. “Install itsme”."),
    )
    summary = models.TextField(
        _("introduction"),
        blank=True,
        max_length=2000,
        help_text=_("Who is this for and what do you need before you start? Short sentences."),
    )
    audience = models.CharField(
        _("for whom"), max_length=10, choices=Audience.choices, default=Audience.HELPERS
    )
    language = models.CharField(
        _("language"), max_length=2, choices=GuideLanguage.choices, default=GuideLanguage.DUTCH
    )
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        verbose_name=_("translation of"),
        help_text=_("If this guide translates another guide, choose the original."),
    )
    topics = models.ManyToManyField(
        "helpdesk.Topic",
        blank=True,
        related_name="guides",
        verbose_name=_("topics"),
        help_text=_("The helpdesk topics this guide helps with."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=GuideStatus.choices, default=GuideStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    last_checked_on = models.DateField(_("last checked on"), null=True, blank=True)
    last_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last checked by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    objects = GuideQuerySet.as_manager()

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")
        ordering = ["title", "pk"]
        indexes = [
            models.Index(fields=["digibank", "status", "title"], name="guide_digibank_status_idx"),
            models.Index(fields=["status", "audience"], name="guide_public_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(version__gte=1),
                name="guide_published_has_version",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == GuideStatus.PUBLISHED

    @property
    def is_for_citizens(self) -> bool:
        return self.audience in {Audience.CITIZENS, Audience.BOTH}

    def family(self):
        """This guide and its translations (published), for the language links."""
        root_id = self.translation_of_id or self.pk
        return (
            Guide.objects.published()
            .filter(models.Q(pk=root_id) | models.Q(translation_of_id=root_id))
            .exclude(pk=self.pk)
            .order_by("language")
        )


class GuideStep(models.Model):
    """One step: a short text and, if it helps, a picture (with a text alternative)."""

    guide = models.ForeignKey(
        Guide, on_delete=models.CASCADE, related_name="steps", verbose_name=_("guide")
    )
    position = models.PositiveSmallIntegerField(_("step number"), default=1)
    text = models.TextField(
        _("what to do"),
        max_length=4000,
        help_text=_(
            "Short sentences. A line starting with “- ” becomes a list; **words** between "
            "two stars are printed bold."
        ),
    )
    image = models.ImageField(
        _("picture"),
        upload_to="guides/%Y/%m/",
        blank=True,
        validators=[
            FileExtensionValidator(["jpg", "jpeg", "png", "webp", "gif"]),
            validate_guide_image,
        ],
        help_text=_("A screenshot or photo: JPEG, PNG, WebP or GIF, at most 3 MB."),
    )
    image_alt = models.CharField(
        _("what the picture shows"),
        max_length=250,
        blank=True,
        help_text=_("For people who cannot see the picture. Required with a picture."),
    )

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["guide", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(image="") | ~models.Q(image_alt=""),
                name="guide_step_image_has_alt",
            )
        ]

    def __str__(self) -> str:
        return f"{self.guide} – {self.position}"


class GuideVersion(models.Model):
    """What a published guide said, each time it changed: who, when, and why."""

    guide = models.ForeignKey(
        Guide, on_delete=models.CASCADE, related_name="versions", verbose_name=_("guide")
    )
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("published at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    note = models.CharField(_("what changed"), max_length=250, blank=True)
    content = models.JSONField(_("content"), default=dict)

    class Meta:
        verbose_name = _("guide version")
        verbose_name_plural = _("guide versions")
        ordering = ["guide", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["guide", "number"], name="guide_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.guide} v{self.number}"


class SuggestionStatus(models.TextChoices):
    OPEN = "open", _("Waiting for review")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class SuggestionQuerySet(TenantQuerySet):
    def open(self):
        return self.filter(status=SuggestionStatus.OPEN)


class Suggestion(models.Model):
    """A volunteer's proposal to change a guide (a step's text, or a remark)."""

    view_action = "knowledge.publish"

    digibank = models.ForeignKey(
        "digibanks.Digibank",
        on_delete=models.CASCADE,
        related_name="guide_suggestions",
        verbose_name=_("digibank"),
    )
    guide = models.ForeignKey(
        Guide, on_delete=models.CASCADE, related_name="suggestions", verbose_name=_("guide")
    )
    step = models.ForeignKey(
        GuideStep,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
        verbose_name=_("step"),
    )
    proposed_text = models.TextField(_("proposed text"), max_length=4000, blank=True)
    reason = models.TextField(_("why"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN
    )
    created_at = models.DateTimeField(_("suggested at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("suggested by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    review_note = models.CharField(_("answer"), max_length=500, blank=True)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["digibank", "status", "-created_at"], name="suggestion_open_idx")
        ]

    def __str__(self) -> str:
        return f"{self.guide}: {self.get_status_display()}"
