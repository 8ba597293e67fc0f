import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.accounts.models import User
from digibank.accounts.roles import Role
from digibank.digibanks.models import Location
from digibank.trainings import services
from digibank.trainings.models import (
    CancelledBy,
    Channel,
    Course,
    Level,
    TeachingLanguage,
    Topic,
)

TRAINER_ROLES = (Role.COORDINATOR, Role.STAFF, Role.VOLUNTEER)


class CourseForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages of instruction"),
        choices=TeachingLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The languages the trainer can teach this course in."),
    )

    class Meta:
        model = Course
        fields = [
            "title", "description", "topic", "level", "languages", "course_format",
            "meetings_count", "meeting_minutes", "accessibility_notes", "materials",
            "gives_certificate", "technical_track", "is_active",
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "accessibility_notes": forms.Textarea(attrs={"rows": 2}),
            "materials": forms.Textarea(attrs={"rows": 2}),
            "course_format": forms.RadioSelect,
        }


def _locations(digibank):
    return Location.objects.filter(digibank=digibank, is_active=True).order_by("name")


def _trainers(digibank):
    return (
        User.objects.filter(
            is_active=True,
            memberships__digibank=digibank,
            memberships__is_active=True,
            memberships__role__in=TRAINER_ROLES,
        )
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


class TrainerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class SessionForm(forms.Form):
    """Plan a session; its meetings are weekly from the first day (one for a single day)."""

    location = forms.ModelChoiceField(label=_("Location"), queryset=Location.objects.none())
    trainer = TrainerChoiceField(
        label=_("Trainer"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("A staff member or volunteer of the digibank."),
    )
    capacity = forms.IntegerField(
        label=_("Seats"),
        min_value=1,
        max_value=500,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=TeachingLanguage.choices)
    first_day = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    start_time = forms.TimeField(
        label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    meetings = forms.IntegerField(
        label=_("Number of meetings"),
        min_value=1,
        max_value=services.MAX_MEETINGS,
        help_text=_("The meetings are one week apart, on the same day and hours."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    note = forms.CharField(
        label=_("Note for participants"),
        max_length=200,
        required=False,
        help_text=_("For example: enter by the side door. Shown in reminders."),
    )

    def __init__(self, *args, digibank, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = _locations(digibank)
        self.fields["trainer"].queryset = _trainers(digibank)
        if editing:
            for name in ("first_day", "start_time", "end_time", "meetings"):
                del self.fields[name]
        else:
            today = timezone.localdate()
            self.fields["first_day"].widget.attrs.update(
                {
                    "min": (today - datetime.timedelta(days=services.PLAN_DAYS_BACK)).isoformat(),
                    "max": (today + datetime.timedelta(days=services.PLAN_DAYS_AHEAD)).isoformat(),
                }
            )

    def clean_first_day(self):
        day = self.cleaned_data["first_day"]
        try:
            services.check_first_day(day)
        except services.TrainingError as error:
            raise forms.ValidationError(str(error), code="out_of_range") from error
        return day

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end time must be after the start time."))
        return data


class MoveMeetingForm(forms.Form):
    """One meeting of a series to another day or hours; the service checks the rest."""

    day = forms.DateField(
        label=_("New day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    start_time = forms.TimeField(
        label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )

    def clean_day(self):
        day = self.cleaned_data["day"]
        try:
            services.check_first_day(day)
        except services.TrainingError as error:
            raise forms.ValidationError(str(error), code="out_of_range") from error
        return day


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find the person"),
        max_length=100,
        required=False,
        help_text=_("A name, a phone number or a reference such as P-000123."),
    )


class RegisterForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    channel = forms.ChoiceField(
        label=_("How did the person register?"),
        choices=[c for c in Channel.choices if c[0] != Channel.SELF],
        initial=Channel.DESK,
    )


class CancelForm(forms.Form):
    side = forms.ChoiceField(
        label=_("Who cancels?"),
        choices=CancelledBy.choices,
        initial=CancelledBy.PERSON,
        widget=forms.RadioSelect,
    )


class CatalogueFilterForm(forms.Form):
    topic = forms.ChoiceField(
        label=_("Topic"), required=False, choices=[("", _("All topics")), *Topic.choices]
    )
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("All levels")), *Level.choices]
    )
