from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import MunicipalityField
from digibank.core.validators import normalise_enterprise_number, validate_enterprise_number
from digibank.digibanks.models import (
    Digibank,
    Location,
    OpeningHours,
    OrganisationKind,
    PartnerRole,
    Partnership,
)


class DigibankForm(forms.ModelForm):
    class Meta:
        model = Digibank
        fields = ["description", "email", "phone", "website", "retention_months"]

    def clean_retention_months(self):
        # A digibank may keep personal data shorter than the installation says, not longer.
        months = self.cleaned_data.get("retention_months")
        limit = settings.PERSON_RETENTION_MONTHS
        if months and months > limit:
            raise forms.ValidationError(
                _("Keep personal data at most %(months)s months, the limit of this installation.")
                % {"months": limit}
            )
        return months


class PartnerForm(forms.Form):
    """A partner of the digibank; the organisation is found by enterprise number or created."""

    name = forms.CharField(label=_("Name of the organisation"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=OrganisationKind.choices)
    enterprise_number = forms.CharField(
        label=_("Enterprise number"),
        required=False,
        max_length=20,
        help_text=_("KBO number, for example 0207.451.227. Leave empty if you do not know it."),
    )
    municipality = MunicipalityField(label=_("Municipality"), required=False)
    role = forms.ChoiceField(label=_("Role in the partnership"), choices=PartnerRole.choices)
    contact_name = forms.CharField(label=_("Contact person"), max_length=150, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=30, required=False)
    since = forms.DateField(
        label=_("Partner since"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_enterprise_number(self):
        value = self.cleaned_data["enterprise_number"].strip()
        if not value:
            return ""
        validate_enterprise_number(value)
        return normalise_enterprise_number(value)

    def clean_contact_phone(self):
        from digibank.core.validators import validate_phone

        value = self.cleaned_data["contact_phone"].strip()
        if value:
            validate_phone(value)
        return value


class PartnershipForm(forms.ModelForm):
    class Meta:
        model = Partnership
        fields = ["role", "contact_name", "contact_email", "contact_phone", "since", "until"]
        widgets = {
            "since": forms.DateInput(attrs={"type": "date"}),
            "until": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", _("The end date comes before the start date."))
        return data


class LocationForm(forms.ModelForm):
    municipality = MunicipalityField(label=_("Municipality"))

    class Meta:
        model = Location
        fields = [
            "name", "kind", "street", "postcode", "municipality", "phone", "email",
            "opening_hours_note", "step_free_access", "accessible_toilet", "hearing_loop",
            "accessibility_notes", "offers_lending", "offers_collection", "offers_training",
            "offers_helpdesk", "offers_computer_room", "is_active",
        ]  # fmt: skip
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, digibank, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.digibank = digibank

    def clean_name(self):
        name = self.cleaned_data["name"]
        # The database holds one name per digibank; say so before it refuses.
        taken = Location.objects.filter(digibank=self.instance.digibank, name__iexact=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("This digibank already has a location with this name. Choose another name.")
            )
        return name

    def clean(self):
        data = super().clean()
        postcode, municipality = data.get("postcode"), data.get("municipality")
        if (
            postcode
            and municipality
            and not municipality.postcodes.filter(postcode=postcode).exists()
        ):
            self.add_error(
                "postcode",
                _("Postcode %(postcode)s is not a postcode of %(municipality)s.")
                % {"postcode": postcode, "municipality": municipality.name},
            )
        return data


class OpeningHoursForm(forms.ModelForm):
    class Meta:
        model = OpeningHours
        fields = ["weekday", "opens", "closes"]
        widgets = {
            "opens": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean(self):
        data = super().clean()
        if data.get("opens") and data.get("closes") and data["closes"] <= data["opens"]:
            self.add_error("closes", _("The closing time must be after the opening time."))
        return data


OpeningHoursFormSet = forms.inlineformset_factory(
    Location, OpeningHours, form=OpeningHoursForm, extra=3, can_delete=True, max_num=21
)
