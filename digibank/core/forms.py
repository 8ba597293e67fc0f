"""Form pieces shared by every module: the accessible renderer, the municipality field
and the period filter of the figures pages."""

import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models, router
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _

from digibank.geo.models import Municipality


class DigibankFormRenderer(DjangoTemplates):
    """Fields with label, help text and error tied to the input (aria-describedby),
    and an error summary at the top of every form that has errors."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


def _outside_db_range(queryset, key: str | None, value) -> bool:
    """True for an integer id the database cannot even compare (e.g. 99999999999999999999).

    Django passes such a number straight to the query: SQLite raises OverflowError and
    PostgreSQL a DataError, a 500 instead of the normal "invalid choice" message.
    """
    model = queryset.model
    field = model._meta.pk if key in (None, "pk") else model._meta.get_field(key)
    field = getattr(field, "target_field", field)
    if not isinstance(field, models.IntegerField | models.AutoField):
        return False
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return False  # Django's own validation answers "invalid choice"
    connection = connections[router.db_for_read(model)]
    low, high = connection.ops.integer_field_range(field.get_internal_type())
    return (low is not None and number < low) or (high is not None and number > high)


class SafeModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that answers "invalid choice" to an id too large for the database."""

    def to_python(self, value):
        if value not in self.empty_values and _outside_db_range(
            self.queryset, self.to_field_name, value
        ):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that answers "invalid choice" to ids too large for the
    database (Django queries ``pk__in`` with them, which crashes)."""

    def _check_values(self, value):
        try:
            values = frozenset(value)
        except TypeError:
            return super()._check_values(value)
        for item in values:
            if _outside_db_range(self.queryset, self.to_field_name, item):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)


class MunicipalityInput(forms.TextInput):
    """A text box for a municipality name or postcode, with browser suggestions."""

    def __init__(self, attrs=None):
        base = {"list": "municipality-names", "autocomplete": "off", "spellcheck": "false"}
        super().__init__({**base, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Municipality):
            return value.name
        if value and isinstance(value, str) and value.isdigit() and len(value) == 5:
            found = Municipality.objects.filter(code=value).first()
            return found.name if found else value
        return super().format_value(value)


class MunicipalityField(forms.Field):
    """Accepts "Knokke heist", "knokke-heist", "Bruges", "8000" or a REFNIS code.

    A former municipality (merged in 2025) resolves to its successor. An ambiguous
    postcode or an unknown name gets a message that says what to type instead.
    """

    widget = MunicipalityInput
    default_error_messages = {
        "unknown": _(
            "We do not know the municipality “%(value)s”. Type its name or postcode, "
            "for example Brugge or 8000."
        ),
        "ambiguous": _(
            "Postcode %(value)s belongs to more than one municipality (%(names)s). "
            "Type the name instead."
        ),
        "too_long": _("Type at most 100 characters."),
    }

    def to_python(self, value):
        if isinstance(value, Municipality):
            return value
        value = (value or "").strip()
        if not value:
            return None
        if len(value) > 100:
            raise forms.ValidationError(self.error_messages["too_long"], code="too_long")
        matches = list(Municipality.objects.lookup(value)[:5])
        if not matches:
            raise forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"value": value}
            )
        if len(matches) > 1:
            raise forms.ValidationError(
                self.error_messages["ambiguous"],
                code="ambiguous",
                params={"value": value, "names": ", ".join(m.name for m in matches)},
            )
        return matches[0]

    def prepare_value(self, value):
        if isinstance(value, Municipality):
            return value.name
        return value


# Periods of figures lie in these years. Beyond them nothing happened, and date arithmetic
# at the ends of the calendar (9999-12-31 plus a day) overflows instead of answering.
PERIOD_EARLIEST = datetime.date(2000, 1, 1)
PERIOD_LATEST = datetime.date(2099, 12, 31)
PERIOD_OUT_OF_RANGE = _("Choose a date between 1 January 2000 and 31 December 2099.")


def period_date_field(label) -> forms.DateField:
    """An optional date of a period filter, refused outside the years figures cover."""
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(
            attrs={
                "type": "date",
                "min": PERIOD_EARLIEST.isoformat(),
                "max": PERIOD_LATEST.isoformat(),
            },
            format="%Y-%m-%d",
        ),
        validators=[
            MinValueValidator(PERIOD_EARLIEST, message=PERIOD_OUT_OF_RANGE),
            MaxValueValidator(PERIOD_LATEST, message=PERIOD_OUT_OF_RANGE),
        ],
    )


class PeriodForm(forms.Form):
    """A period filter (from – to), shared by the figures pages."""

    start = period_date_field(_("From"))
    end = period_date_field(_("Until"))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The end date comes before the start date."))
        return data
