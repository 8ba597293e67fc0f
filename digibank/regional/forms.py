from django import forms
from django.utils.translation import gettext_lazy as _

from digibank.geo.models import Municipality, Province
from digibank.programmes.models import Programme
from digibank.regional.models import Region, Subscriber


class MapFilterForm(forms.Form):
    programme = forms.ModelChoiceField(
        Programme.objects.order_by("name"),
        required=False,
        to_field_name="slug",
        label=_("Programme"),
        empty_label=_("All programmes"),
    )
    province = forms.ModelChoiceField(
        Province.objects.order_by("code"),
        required=False,
        label=_("Province"),
        empty_label=_("All provinces"),
    )


class RegisterFilterForm(MapFilterForm):
    pass


class SubscribeForm(forms.ModelForm):
    class Meta:
        model = Subscriber
        fields = ["email", "language", "province"]
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "email"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = Province.objects.order_by("code")
        self.fields["province"].empty_label = _("All of Belgium")

    def validate_unique(self):
        """An address that is already known is handled by the service, without telling."""


class RegionForm(forms.ModelForm):
    member_list = forms.CharField(
        label=_("Member municipalities"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One per line or separated by commas: a name, a postcode or a REFNIS code. "
            "A former name (before the 2025 mergers) finds the new municipality."
        ),
    )

    class Meta:
        model = Region
        fields = ["name"]

    def __init__(self, *args, owner, **kwargs):
        self.owner = owner
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["member_list"].initial = "\n".join(
                m.name for m in self.instance.municipalities.order_by("name_nl")
            )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = Region.objects.filter(owner=self.owner, name__iexact=name)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("You already have a region with this name."))
        return name

    def clean_member_list(self):
        found, unknown, ambiguous = [], [], []
        text = self.cleaned_data["member_list"].replace(";", "\n").replace(",", "\n")
        for item in (line.strip() for line in text.splitlines()):
            if not item:
                continue
            matches = list(Municipality.objects.lookup(item)[:2])
            if not matches:
                unknown.append(item)
            elif len(matches) > 1:
                ambiguous.append(item)
            else:
                found.extend(matches)
        errors = []
        if unknown:
            errors.append(
                _("We do not know these municipalities: %(names)s.") % {"names": ", ".join(unknown)}
            )
        if ambiguous:
            errors.append(
                _("These names match more than one municipality; use the postcode: %(names)s.")
                % {"names": ", ".join(ambiguous)}
            )
        if errors:
            raise forms.ValidationError(errors)
        if not found:
            raise forms.ValidationError(_("Name at least one municipality."))
        return list({m.code: m for m in found}.values())

    def save(self, commit=True):
        region = super().save(commit=False)
        region.owner = self.owner
        region.save()
        region.municipalities.set(self.cleaned_data["member_list"])
        return region
