from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import MunicipalityField, PeriodForm
from digibank.core.validators import validate_phone
from digibank.digibanks.models import Organisation
from digibank.helpdesk.models import Topic
from digibank.people.models import Person
from digibank.referrals.models import Direction, Need, Outcome, SharedField, Status


class ConsentMixin(forms.Form):
    consent_given = forms.BooleanField(
        label=_("The person agrees that we pass on the details ticked above"),
        required=True,
        error_messages={
            "required": _(
                "Without the person's consent we cannot refer. Ask first, then tick the box."
            )
        },
    )
    consent_on = forms.DateField(
        label=_("Consent given on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        initial=timezone.localdate,
    )

    def clean_consent_on(self):
        value = self.cleaned_data["consent_on"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date of consent cannot be in the future."))
        return value


class ReferralForm(forms.Form):
    """The digibank refers a person to a partner."""

    person = forms.CharField(
        label=_("Person"),
        max_length=120,
        help_text=_("The reference (P-000123) or the name of a registered person."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Partner"), queryset=Organisation.objects.none(), empty_label=_("Choose a partner")
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"), required=False, queryset=Topic.objects.none(), empty_label=_("No topic")
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the person needs. The partner reads this: only what is needed."),
    )
    shared_fields = forms.MultipleChoiceField(
        label=_("Details the partner may see"),
        choices=SharedField.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[SharedField.NAME, SharedField.PHONE],
        help_text=_("The partner sees these details and the reason, nothing else."),
        error_messages={
            "required": _("Tick at least one detail, so the partner can reach the person.")
        },
    )
    contact_name = forms.CharField(
        label=_("Contact person at the partner"),
        required=False,
        max_length=150,
        help_text=_("Empty: the partner's usual contact person."),
    )
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_phone = forms.CharField(
        label=_("Contact phone"), required=False, max_length=30, validators=[validate_phone]
    )
    consent_given = ConsentMixin.base_fields["consent_given"]
    consent_on = ConsentMixin.base_fields["consent_on"]
    clean_consent_on = ConsentMixin.clean_consent_on

    def __init__(self, *args, digibank, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.digibank = digibank
        self.user = user
        self.fields["organisation"].queryset = Organisation.objects.filter(
            partnerships__digibank=digibank
        ).order_by("name")
        self.fields["topic"].queryset = Topic.objects.available_in(digibank).active()

    def clean_person(self):
        text = self.cleaned_data["person"].strip()
        matches = list(
            Person.objects.for_user(self.user)
            .filter(digibank=self.digibank)
            .active()
            .search(text)[:2]
        )
        if not matches:
            raise forms.ValidationError(
                _("We found nobody for “%(text)s”. Type the reference, e.g. P-000123."),
                params={"text": text},
            )
        if len(matches) > 1:
            raise forms.ValidationError(
                _("More than one person matches “%(text)s”. Type the reference, e.g. P-000123."),
                params={"text": text},
            )
        return matches[0]


class PartnerReferralForm(forms.Form):
    """A partner's worker refers someone to the digibank."""

    need = forms.ChoiceField(
        label=_("What does the person need?"), choices=Need.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only what the digibank needs to know to help."),
    )
    person_name = forms.CharField(
        label=_("Name of the person"),
        max_length=120,
        help_text=_("A first name is enough."),
    )
    person_phone = forms.CharField(
        label=_("Phone of the person"), required=False, max_length=30, validators=[validate_phone]
    )
    person_email = forms.EmailField(label=_("E-mail of the person"), required=False)
    person_municipality = MunicipalityField(label=_("Municipality of the person"), required=False)
    contact_phone = forms.CharField(
        label=_("Your phone number"), required=False, max_length=30, validators=[validate_phone]
    )
    consent_given = forms.BooleanField(
        label=_("The person agrees that we pass on these details to the digibank"),
        required=True,
        error_messages=ConsentMixin.base_fields["consent_given"].error_messages,
    )
    consent_on = ConsentMixin.base_fields["consent_on"]
    clean_consent_on = ConsentMixin.clean_consent_on

    def clean(self):
        data = super().clean()
        if not data.get("person_phone") and not data.get("person_email") and not self.errors:
            self.add_error(
                "person_phone",
                _("Give a phone number or an e-mail address, so we can reach the person."),
            )
        return data


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("accept", _("We accept this referral")), ("decline", _("We decline it"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=500)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=500,
        help_text=_("No personal details: the digibank sees this note."),
    )


class ReferralFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Status.choices]
    )
    direction = forms.ChoiceField(
        label=_("Direction"), required=False, choices=[("", _("Both ways")), *Direction.choices]
    )
    organisation = forms.ModelChoiceField(
        label=_("Partner"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("All partners"),
    )

    def __init__(self, *args, digibank=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            partnerships__digibank=digibank
        ).order_by("name")


class InboxFilterForm(forms.Form):
    need = forms.ChoiceField(
        label=_("Asked for"), required=False, choices=[("", _("Everything")), *Need.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Open")), ("all", _("All")), *Status.choices],
    )


class FiguresForm(PeriodForm):
    pass
