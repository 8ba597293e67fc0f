from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.devices.models import (
    Device,
    DeviceState,
    Donation,
    Grade,
    RepairEntry,
    Verification,
    WipeMethod,
    WipeRecord,
    WipeResult,
)
from digibank.devices.wipelog import MAX_BYTES


def _locations(digibank):
    from digibank.digibanks.models import Location

    return Location.objects.filter(digibank=digibank, is_active=True).order_by("name")


class DonationForm(forms.ModelForm):
    class Meta:
        model = Donation
        fields = [
            "donor_kind", "donor_name", "organisation", "contact_name", "contact_email",
            "contact_phone", "consent_contact", "consent_public", "received_on", "location",
            "notes",
        ]  # fmt: skip
        widgets = {
            "donor_kind": forms.RadioSelect,
            "received_on": forms.DateInput(attrs={"type": "date"}),
            "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, digibank, **kwargs):
        super().__init__(*args, **kwargs)
        from digibank.digibanks.models import Organisation

        self.fields["location"].queryset = _locations(digibank)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            partnerships__digibank=digibank
        ).order_by("name")

    def clean(self):
        data = super().clean()
        if not data.get("donor_name") and not data.get("organisation"):
            self.add_error("donor_name", _("Give the donor's name or choose a known organisation."))
        received = data.get("received_on")
        if received and received > timezone.localdate():
            self.add_error("received_on", _("The date cannot be in the future."))
        return data


class DeviceForm(forms.ModelForm):
    class Meta:
        model = Device
        fields = [
            "kind", "brand", "model_name", "serial_number", "made_year", "processor",
            "memory_gb", "storage_gb", "storage_kind", "battery_health", "accessories",
            "condition", "arrival_notes",
        ]  # fmt: skip
        widgets = {
            "arrival_notes": forms.Textarea(attrs={"rows": 2}),
            "serial_number": forms.TextInput(attrs={"autocomplete": "off"}),
            "made_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }

    def clean_serial_number(self):
        from digibank.devices.models import normalise_serial

        serial = self.cleaned_data["serial_number"].strip()
        key = normalise_serial(serial)
        if key:
            clash = Device.objects.filter(serial_key=key)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                raise forms.ValidationError(
                    _("A device with this serial number is already registered.")
                )
        return serial


class RefurbishForm(forms.Form):
    grade = forms.ChoiceField(label=_("Grade"), choices=[("", "–"), *Grade.choices], required=False)
    os_installed = forms.CharField(
        label=_("Operating system installed"),
        max_length=100,
        required=False,
        help_text=_("For example: Linux Mint 22, Windows 11, Android 14."),
    )


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(label=_("New state"), choices=DeviceState.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    handed_to = forms.CharField(
        label=_("Handed to"),
        max_length=200,
        required=False,
        help_text=_(
            "For recycling, destruction, or a device given or sold to an organisation: who took it."
        ),
    )
    reference = forms.CharField(
        label=_("Reference"),
        max_length=100,
        required=False,
        help_text=_("For example the number on the recycler's receipt."),
    )

    def __init__(self, *args, allowed, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_state"].choices = [(s, DeviceState(s).label) for s in allowed]


class WipeForm(forms.Form):
    method = forms.ChoiceField(
        label=_("Method (NIST SP 800-88)"), choices=WipeMethod.choices, widget=forms.RadioSelect
    )
    tool = forms.CharField(
        label=_("Tool"),
        max_length=100,
        help_text=_("For example: nwipe 0.37, ShredOS, hdparm secure erase, factory reset."),
    )
    wiped_on = forms.DateField(
        label=_("Date"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )
    result = forms.ChoiceField(
        label=_("Result"), choices=WipeResult.choices, widget=forms.RadioSelect
    )
    verification = forms.ChoiceField(
        label=_("Verification"), choices=Verification.choices, widget=forms.RadioSelect
    )
    checklist = forms.MultipleChoiceField(
        label=_("Checklist for phones and tablets"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A phone or tablet passes only when everything is done."),
    )
    log_file = forms.FileField(
        label=_("Wipe log (optional)"),
        required=False,
        help_text=_("The log file of the tool, for example nwipe's log. Text, at most 2 MB."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, mobile: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if mobile:
            self.fields["checklist"].choices = [
                (f, WipeRecord._meta.get_field(f).verbose_name) for f in WipeRecord.MOBILE_CHECKLIST
            ]
        else:
            del self.fields["checklist"]

    def clean_log_file(self):
        upload = self.cleaned_data.get("log_file")
        if upload and upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The log file is too large (at most 2 MB)."))
        return upload


class RepairForm(forms.ModelForm):
    trainee = forms.ModelChoiceField(
        label=_("Trainee"),
        queryset=None,
        required=False,
        help_text=_("A trainee of a technical-skills training who did (part of) the work."),
    )

    class Meta:
        model = RepairEntry
        fields = ["done_on", "work", "parts", "minutes", "trainee"]
        widgets = {"done_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, digibank, **kwargs):
        super().__init__(*args, **kwargs)
        from digibank.devices.services import technical_trainees

        trainees = technical_trainees(digibank).order_by("search_name")
        self.fields["trainee"].queryset = trainees


class MoveForm(forms.Form):
    to_location = forms.ModelChoiceField(label=_("New location"), queryset=None)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, digibank, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        locations = _locations(digibank)
        if current is not None:
            locations = locations.exclude(pk=current.pk)
        self.fields["to_location"].queryset = locations


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or Excel)"),
        help_text=_("A .csv or .xlsx file with one device per row and a header row."),
    )
    location = forms.ModelChoiceField(
        label=_("Location of these devices"),
        queryset=None,
        help_text=_("Used for rows without a location column."),
    )

    def __init__(self, *args, digibank, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = _locations(digibank)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."))
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("The file is too large (at most 10 MB)."))
        return upload


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, I am sure."), required=True)
