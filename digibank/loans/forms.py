import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.digibanks.models import Location, Organisation
from digibank.loans.models import (
    Condition,
    ConnectivityHelp,
    ConnectivityKind,
    LendingPolicy,
    LoanKind,
    LoanRequest,
    LoanStatus,
    RequestStatus,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LoanRequestForm(forms.ModelForm):
    class Meta:
        model = LoanRequest
        fields = ["wish", "purpose", "referrer", "proof", "proof_valid_until"]
        widgets = {"wish": forms.RadioSelect, "proof_valid_until": DATE}

    def __init__(self, *args, digibank, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referrer"].queryset = Organisation.objects.filter(
            partnerships__digibank=digibank
        ).order_by("name")
        self.fields["referrer"].empty_label = _("Not referred")


class CloseRequestForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Why does the request end?"),
        choices=[
            (RequestStatus.WITHDRAWN, _("The person no longer needs a device")),
            (RequestStatus.REFUSED, _("The request is refused")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)


class LendForm(forms.Form):
    tag = forms.CharField(
        label=_("Asset tag of the device"),
        max_length=20,
        help_text=_("Type or scan the tag on the device."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind of loan"), choices=LoanKind.choices, widget=forms.RadioSelect
    )
    due_on = forms.DateField(
        label=_("Bring back by"),
        required=False,
        widget=DATE,
        help_text=_("Only for a loan for a fixed period."),
    )
    condition_out = forms.ChoiceField(label=_("Condition when lent"), choices=Condition.choices)
    accessories = forms.CharField(
        label=_("Accessories"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to take the accessories recorded with the device."),
    )
    deposit = forms.DecimalField(
        label=_("Deposit (euro)"),
        required=False,
        min_value=0,
        max_digits=7,
        decimal_places=2,
        help_text=_("Leave empty when there is no deposit."),
    )
    location = forms.ModelChoiceField(
        label=_("Handed over at"), queryset=Location.objects.none(), required=False
    )

    def __init__(self, *args, digibank, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = Location.objects.filter(digibank=digibank)

    def clean(self):
        data = super().clean()
        if data.get("kind") == LoanKind.FIXED:
            due_on = data.get("due_on")
            if not due_on:
                self.add_error("due_on", _("Give the date by which the device must come back."))
            elif due_on < timezone.localdate():
                self.add_error("due_on", _("This date is in the past."))
        return data


class ExtendForm(forms.Form):
    new_due_on = forms.DateField(label=_("New date to bring it back"), widget=DATE)


class ReturnForm(forms.Form):
    returned_on = forms.DateField(label=_("Returned on"), widget=DATE)
    condition_in = forms.ChoiceField(
        label=_("Condition now"), choices=Condition.choices, widget=forms.RadioSelect
    )
    accessories_complete = forms.BooleanField(label=_("All accessories are back"), required=False)
    deposit_refunded = forms.BooleanField(label=_("Deposit paid back"), required=False)
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("What is wrong or missing, if anything."),
    )


class LostForm(forms.Form):
    what = forms.ChoiceField(
        label=_("What happened?"),
        choices=[(LoanStatus.LOST, _("Lost")), (LoanStatus.STOLEN, _("Stolen"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("For example: police report number, if there is one."),
    )


class GiftForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("The device becomes the property of the person. This cannot be undone.")
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class PolicyForm(forms.ModelForm):
    class Meta:
        model = LendingPolicy
        fields = [
            "require_service_area", "target_groups", "require_referral",
            "max_open_requests_per_referrer", "require_proof", "max_devices_per_person",
            "default_loan_weeks", "reminder_days_before", "lends_sim_cards",
        ]  # fmt: skip
        widgets = {"target_groups": forms.CheckboxSelectMultiple}


class ConnectivityForm(forms.ModelForm):
    outcome_ok = forms.NullBooleanField(
        label=_("Did it work?"),
        required=False,
        widget=forms.RadioSelect(
            choices=[("unknown", _("Not known yet")), ("true", _("Yes")), ("false", _("No"))]
        ),
    )

    class Meta:
        model = ConnectivityHelp
        fields = ["kind", "helped_on", "provider", "outcome_ok", "data_gb", "due_on", "note"]
        widgets = {"kind": forms.RadioSelect, "helped_on": DATE, "due_on": DATE}

    def __init__(self, *args, lends_sim_cards: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not lends_sim_cards:
            self.fields["kind"].choices = [
                c for c in ConnectivityKind.choices if c[0] not in ConnectivityHelp.LENT
            ]
            del self.fields["data_gb"]
            del self.fields["due_on"]
        self.fields["helped_on"].initial = timezone.localdate()

    def clean_helped_on(self):
        day = self.cleaned_data["helped_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future."))
        return day


class LoanFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=60,
        help_text=_("Asset tag, loan number (L-…) or name."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *LoanStatus.choices],
    )


def default_due_on(policy) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(weeks=policy.default_loan_weeks)
