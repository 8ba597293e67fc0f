"""Forms of the helpdesk. The registration is split in two short screens: who and where,
then what and how it ended."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.accounts.models import User
from digibank.accounts.permissions import ROLE_ACTIONS
from digibank.core.forms import (
    MunicipalityField,
    SafeModelChoiceField,
    SafeModelMultipleChoiceField,
)
from digibank.geo.text import normalise
from digibank.helpdesk import services
from digibank.helpdesk.models import (
    BookingStatus,
    Channel,
    HelpKind,
    Outcome,
    Topic,
)
from digibank.people.models import TargetGroup


class WhoWhereForm(forms.Form):
    """Screen 1: date, channel, location and the person (or an anonymous walk-in)."""

    WALK_IN, REGISTERED = "walk_in", "person"

    occurred_on = forms.DateField(
        label=_("Date"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=Channel.choices,
        initial=Channel.FACE_TO_FACE,
        widget=forms.RadioSelect,
    )
    location = SafeModelChoiceField(
        label=_("Location"), queryset=None, required=False, empty_label=_("No location")
    )
    who = forms.ChoiceField(
        label=_("Who was helped?"),
        choices=[
            (WALK_IN, _("An anonymous walk-in")),
            (REGISTERED, _("A registered person")),
        ],
        initial=WALK_IN,
        widget=forms.RadioSelect,
    )
    person_query = forms.CharField(
        label=_("Registered person: name or reference"),
        required=False,
        max_length=120,
        help_text=_("For example Maria Peeters or P-000123."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    person = forms.TypedChoiceField(
        label=_("Which person?"), required=False, coerce=int, widget=forms.RadioSelect
    )
    municipality = SafeModelChoiceField(
        label=_("Walk-in: municipality"),
        queryset=None,
        required=False,
        empty_label=_("Not known"),
        help_text=_("Only for anonymous figures."),
    )
    other_municipality = MunicipalityField(
        label=_("Walk-in: another municipality"),
        required=False,
        help_text=_("When the person lives outside our area: a name or a postcode."),
    )
    target_group = SafeModelChoiceField(
        label=_("Walk-in: target group"),
        queryset=TargetGroup.objects.all(),
        required=False,
        empty_label=_("Not known"),
        help_text=_("Only what the person told you."),
    )

    def __init__(self, *args, digibank, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = digibank.locations.filter(is_active=True).order_by(
            "-offers_helpdesk", "name"
        )
        self.fields["municipality"].queryset = digibank.municipalities.order_by("name_nl")
        self.fields["person"].choices = [
            (p.pk, f"{p.display_name} ({p.reference})") for p in people
        ]
        if not people:
            self.fields["person"].widget = forms.HiddenInput()

    def clean_occurred_on(self):
        day = self.cleaned_data["occurred_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        if day < timezone.localdate() - datetime.timedelta(days=366):
            raise forms.ValidationError(_("The date is more than a year ago. Check the year."))
        return day

    def clean(self):
        data = super().clean()
        if data.get("who") == self.REGISTERED and not (
            data.get("person_query") or data.get("person")
        ):
            self.add_error("person_query", _("Type a name or a reference, or choose walk-in."))
        if not data.get("municipality") and data.get("other_municipality"):
            data["municipality"] = data["other_municipality"]
        return data


class WhatForm(forms.Form):
    """Screen 2: topics, kind of help, time spent, outcome, who helped, notes."""

    topics = SafeModelMultipleChoiceField(
        label=_("Topics"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Topics marked “professional” are content or privacy-sensitive."),
        error_messages={"required": _("Choose at least one topic.")},
    )
    help_kind = forms.ChoiceField(
        label=_("Kind of help"),
        choices=HelpKind.choices,
        initial=HelpKind.EXPLAINED,
        widget=forms.RadioSelect,
    )
    minutes = forms.IntegerField(
        label=_("Time spent (minutes)"),
        min_value=1,
        max_value=600,
        initial=15,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=Outcome.choices,
        initial=Outcome.SOLVED,
        widget=forms.RadioSelect,
    )
    can_do_alone = forms.BooleanField(label=_("The person can now do it alone"), required=False)
    helped_by = SafeModelChoiceField(label=_("Who helped"), queryset=None, empty_label=None)
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only what the next helper needs. Never passwords, codes or card numbers. "
            "Volunteers cannot read notes of sensitive topics."
        ),
    )

    def __init__(self, *args, digibank, user, **kwargs):
        super().__init__(*args, **kwargs)
        topics = Topic.objects.available_in(digibank).active()
        self.fields["topics"].queryset = topics
        self.fields["topics"].label_from_instance = _topic_label
        helper_roles = [r for r, actions in ROLE_ACTIONS.items() if "helpdesk.register" in actions]
        self.fields["helped_by"].queryset = User.objects.filter(
            memberships__digibank=digibank,
            memberships__is_active=True,
            memberships__role__in=helper_roles,
            is_active=True,
        ).distinct()
        self.fields["helped_by"].initial = user.pk
        self.fields["helped_by"].label_from_instance = lambda u: u.get_full_name() or u.email


def _topic_label(topic) -> str:
    if topic.is_sensitive:
        return f"{topic.name} ({_('professional')})"
    return topic.name


class TopicForm(forms.ModelForm):
    class Meta:
        model = Topic
        fields = [
            "name_nl", "name_fr", "name_en", "sensitivity", "service_owner", "position",
            "is_active",
        ]  # fmt: skip
        widgets = {"sensitivity": forms.RadioSelect}

    def __init__(self, *args, digibank, **kwargs):
        super().__init__(*args, **kwargs)
        self.digibank = digibank

    def clean(self):
        # Two topics with one name split the figures (and the counts sent to the
        # organisations that run a service): point to the topic that already exists.
        data = super().clean()
        others = Topic.objects.available_in(self.digibank).exclude(pk=self.instance.pk)
        for field in ("name_nl", "name_fr", "name_en"):
            name = normalise(data.get(field) or "")
            if not name:
                continue
            for other in others:
                if name in {
                    normalise(other.name_nl),
                    normalise(other.name_fr),
                    normalise(other.name_en),
                }:
                    self.add_error(
                        field,
                        _("The topic “%(name)s” already exists. Use that topic instead.")
                        % {"name": other.name},
                    )
                    break
        return data


class SlotGenerateForm(forms.Form):
    location = SafeModelChoiceField(label=_("Location"), queryset=None, empty_label=None)
    start = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    minutes = forms.IntegerField(
        label=_("Length of one appointment (minutes)"), min_value=10, max_value=240, initial=30
    )
    capacity = forms.IntegerField(
        label=_("People per appointment"), min_value=1, max_value=20, initial=1
    )

    def __init__(self, *args, digibank, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = digibank.locations.filter(is_active=True)
        today = timezone.localdate()
        self.fields["start"].initial = today
        self.fields["end"].initial = today + datetime.timedelta(days=28)

    def _within_bounds(self, day):
        problem = services.slot_day_problem(day)
        if problem:
            raise forms.ValidationError(problem)
        return day

    def clean_start(self):
        return self._within_bounds(self.cleaned_data["start"])

    def clean_end(self):
        return self._within_bounds(self.cleaned_data["end"])

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The last day must come after the first day."))
        return data


class BookingForm(forms.Form):
    person_query = forms.CharField(
        label=_("Person: name or reference"),
        max_length=120,
        help_text=_("The person must be registered. For example P-000123."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    topic = SafeModelChoiceField(
        label=_("Topic"), queryset=None, required=False, empty_label=_("Not known yet")
    )

    def __init__(self, *args, digibank, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.available_in(digibank).active()
        self.fields["topic"].label_from_instance = _topic_label


class BookingStatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (BookingStatus.ATTENDED, BookingStatus.ATTENDED.label),
            (BookingStatus.NO_SHOW, BookingStatus.NO_SHOW.label),
            (BookingStatus.CANCELLED, BookingStatus.CANCELLED.label),
        ]
    )


class QueueJoinForm(forms.Form):
    label = forms.CharField(
        label=_("First name or description"),
        max_length=60,
        required=False,
        help_text=_("A first name is enough, or something like “man with blue coat”."),
    )
    topic = SafeModelChoiceField(
        label=_("Topic"), queryset=None, required=False, empty_label=_("Not known yet")
    )

    def __init__(self, *args, digibank, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.available_in(digibank).active()
        self.fields["topic"].label_from_instance = _topic_label


class HandoverCloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        initial=Outcome.SOLVED,
    )
    can_do_alone = forms.BooleanField(label=_("The person can now do it alone"), required=False)


class FiguresForm(forms.Form):
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end must come after the start."))
        return data
