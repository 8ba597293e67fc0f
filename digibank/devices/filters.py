"""The inventory's filters (django-filter). Every filter has an index (see models.Meta)."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.devices.models import IN_STOCK_STATES, Device, DeviceKind, DeviceState, Grade

IN_STOCK = "in_stock"
AGE_CHOICES = (
    ("0-3", _("Less than 3 years")),
    ("3-5", _("3 to 5 years")),
    ("5-8", _("5 to 8 years")),
    ("8+", _("8 years or older")),
    ("unknown", _("Age unknown")),
)


class DeviceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Asset tag or serial number"),
        method="filter_search",
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "search"}),
        help_text=_("Type or scan a tag to open the device."),
    )
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=DeviceKind.choices)
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=[(IN_STOCK, _("In stock (all states)")), *DeviceState.choices],
        method="filter_state",
    )
    location = django_filters.ModelChoiceFilter(label=_("Location"), queryset=None)
    grade = django_filters.ChoiceFilter(label=_("Grade"), choices=Grade.choices)
    age = django_filters.ChoiceFilter(label=_("Age"), choices=AGE_CHOICES, method="filter_age")

    class Meta:
        model = Device
        fields = ["q", "kind", "state", "location", "grade", "age"]

    def __init__(self, *args, digibank, **kwargs):
        super().__init__(*args, **kwargs)
        from digibank.digibanks.models import Location

        self.filters["location"].queryset = Location.objects.filter(digibank=digibank).order_by(
            "name"
        )

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_state(self, queryset, name, value):
        if value == IN_STOCK:
            return queryset.filter(state__in=IN_STOCK_STATES)
        return queryset.filter(state=value)

    def filter_age(self, queryset, name, value):
        year = timezone.localdate().year
        if value == "unknown":
            return queryset.filter(made_year__isnull=True)
        if value == "8+":
            return queryset.filter(made_year__lte=year - 8)
        low, high = (int(v) for v in value.split("-"))
        # Age in whole years from the year of manufacture: low <= age < high.
        return queryset.filter(made_year__gt=year - high, made_year__lte=year - low)
