from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import MunicipalityField
from digibank.core.validators import validate_postcode
from digibank.people.models import (
    ConsentPurpose,
    ContactChannel,
    Language,
    Person,
    TargetGroupCode,
)


class PersonForm(forms.ModelForm):
    """Registration and changes. Volunteers get the form without the sensitive fields."""

    municipality = MunicipalityField(
        label=_("Municipality"), help_text=_("Where the person lives. Type a name or a postcode.")
    )
    year_of_birth = forms.IntegerField(
        label=_("Year of birth"),
        required=False,
        help_text=_("Four digits, for example 1956. Leave empty if the person does not say."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        required=False,
        choices=TargetGroupCode.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only for anonymous figures. Tick only what the person told you."),
    )
    consents = forms.MultipleChoiceField(
        label=_("The person agrees to:"),
        required=False,
        choices=ConsentPurpose.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Read these out. Tick only what the person agrees to."),
    )
    confirm_new = forms.BooleanField(
        label=_("I checked: this is another person. Register anyway."), required=False
    )

    class Meta:
        model = Person
        fields = [
            "name", "is_pseudonym", "year_of_birth", "municipality", "language",
            "contact_channel", "phone", "email", "street", "postcode", "notes",
        ]  # fmt: skip
        widgets = {
            "contact_channel": forms.RadioSelect,
            "name": forms.TextInput(attrs={"autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, sensitive: bool, creating: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.sensitive = sensitive
        self.fields["name"].required = True
        self.fields["language"].choices = Language.choices
        if "postcode" in self.fields:
            # Every malformed postcode gets the one Belgian-postcode message, not Django's
            # generic "at most 4 characters" first.
            postcode = self.fields["postcode"]
            postcode.max_length = None
            postcode.validators = [
                v for v in postcode.validators if not isinstance(v, MaxLengthValidator)
            ]
            postcode.widget.attrs.pop("maxlength", None)
        if not sensitive:
            for name in ("target_groups", "notes", "street", "postcode"):
                del self.fields[name]
            self.fields["contact_channel"].choices = [
                c for c in ContactChannel.choices if c[0] != ContactChannel.POST
            ]
            if not creating:
                del self.fields["consents"]
        if not creating:
            del self.fields["confirm_new"]
        if self.instance.pk and sensitive:
            self.initial.setdefault(
                "target_groups", list(self.instance.target_groups.values_list("code", flat=True))
            )
            self.initial.setdefault(
                "consents",
                list(
                    self.instance.consents.filter(withdrawn_on__isnull=True).values_list(
                        "purpose", flat=True
                    )
                ),
            )

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_postcode(self):
        postcode = self.cleaned_data.get("postcode", "").strip()
        if postcode:
            validate_postcode(postcode)
        return postcode

    def clean_year_of_birth(self):
        year = self.cleaned_data.get("year_of_birth")
        if year is None:
            return None
        this_year = timezone.localdate().year
        if year > this_year:
            raise forms.ValidationError(_("The year of birth cannot be in the future."))
        if year < 1000:
            raise forms.ValidationError(_("Type the year with four digits, for example 1956."))
        if year < 1900:
            raise forms.ValidationError(
                _("A year of birth before 1900 is not possible. Check the year.")
            )
        return year

    def clean(self):
        data = super().clean()
        channel = data.get("contact_channel")

        def missing(field: str) -> bool:
            # A field that is already wrong (a malformed postcode) keeps its one message.
            return not data.get(field) and field not in self.errors

        if channel == ContactChannel.PHONE and missing("phone"):
            self.add_error(
                "phone", _("Type a phone number, or choose another way to reach the person.")
            )
        if channel == ContactChannel.EMAIL and missing("email"):
            self.add_error(
                "email", _("Type an e-mail address, or choose another way to reach the person.")
            )
        if channel == ContactChannel.POST:
            if missing("street"):
                self.add_error("street", _("Type the street and number for letters."))
            if missing("postcode"):
                self.add_error("postcode", _("Type the postcode for letters."))
        postcode, municipality = data.get("postcode"), data.get("municipality")
        if (
            channel == ContactChannel.POST
            and postcode
            and municipality
            and not municipality.postcodes.filter(postcode=postcode).exists()
        ):
            self.add_error(
                "postcode",
                _("Postcode %(postcode)s is not a postcode of %(municipality)s.")
                % {"postcode": postcode, "municipality": municipality.name},
            )
        return data

    def person_data(self) -> dict:
        return {f: self.cleaned_data[f] for f in self._meta.fields if f in self.cleaned_data}


class PersonFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, phone or reference"), required=False, max_length=100)
    municipality = MunicipalityField(label=_("Municipality"), required=False)
    target_group = forms.ChoiceField(
        label=_("Target group"),
        required=False,
        choices=[("", _("All")), *TargetGroupCode.choices],
    )
    show_anonymised = forms.BooleanField(label=_("Also show anonymised people"), required=False)

    def __init__(self, *args, sensitive: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not sensitive:
            del self.fields["target_group"]


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand: the name, contact details and notes are deleted for good."),
        error_messages={"required": _("Tick the box to confirm.")},
    )
    reason = forms.CharField(
        label=_("Why (without names)"),
        required=False,
        max_length=200,
        help_text=_("For example: asked by the person on 3 March."),
    )
