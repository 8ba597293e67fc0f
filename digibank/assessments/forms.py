from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.assessments import scoring
from digibank.assessments.models import (
    ADDABLE_KINDS,
    Area,
    Audience,
    Place,
    QuestionSet,
    ScreeningRound,
)
from digibank.digibanks.models import Organisation
from digibank.people.models import TargetGroupCode


class ScreenForm(forms.Form):
    """The questions of one screen: big radio buttons or tick boxes, none required.

    A question may be skipped: a skipped question is left out of the scores.
    """

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            options = dict(label=item.display_text, help_text=item.display_hint, required=False)
            if item.multiple:
                self.fields[item.key] = forms.MultipleChoiceField(
                    choices=item.choices(), widget=forms.CheckboxSelectMultiple, **options
                )
            else:
                self.fields[item.key] = forms.ChoiceField(
                    choices=item.choices(), widget=forms.RadioSelect, **options
                )


class StartForm(forms.Form):
    question_set = forms.ModelChoiceField(
        label=_("Question set"), queryset=QuestionSet.objects.none(), empty_label=None
    )
    place = forms.ChoiceField(
        label=_("Where do you do the scan?"),
        choices=[(v, label) for v, label in Place.choices if v != Place.ONLINE],
        initial=Place.HOME,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, digibank, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question_set"].queryset = (
            QuestionSet.objects.usable_in(digibank)
            .filter(audience=Audience.CITIZEN, versions__published_at__isnull=False)
            .distinct()
            .order_by("digibank", "key")
        )


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name or reference of the person"),
        max_length=120,
        help_text=_("For example Maria or P-000123."),
    )


class FinishForm(forms.Form):
    follow_up_on = forms.DateField(
        label=_("Plan the follow-up scan on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: in three months."),
    )

    def clean_follow_up_on(self):
        day = self.cleaned_data.get("follow_up_on")
        if day and day <= timezone.localdate():
            raise forms.ValidationError(_("Choose a day after today."))
        return day


class CompareForm(forms.Form):
    first = forms.TypedChoiceField(label=_("From"), coerce=int)
    second = forms.TypedChoiceField(label=_("To"), coerce=int)

    def __init__(self, *args, scans, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (s.pk, f"{s.completed_at:%d-%m-%Y} · {s.version.question_set.display_title}")
            for s in scans
        ]
        self.fields["first"].choices = choices
        self.fields["second"].choices = choices


class BandsForm(forms.Form):
    foundation = forms.DecimalField(
        label=_("Foundation from"), min_value=0, max_value=1, decimal_places=3
    )
    intermediate = forms.DecimalField(
        label=_("Intermediate from"), min_value=0, max_value=1, decimal_places=3
    )
    advanced = forms.DecimalField(
        label=_("Advanced from"), min_value=0, max_value=1, decimal_places=3
    )

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                scoring.validate_bands(data)
            except ValueError as exc:
                raise forms.ValidationError(
                    _("The lowest scores must rise: foundation < intermediate < advanced, up to 1.")
                ) from exc
        return data


class ItemTextForm(forms.Form):
    nl = forms.CharField(label=_("Dutch"), widget=forms.Textarea(attrs={"rows": 3}))
    fr = forms.CharField(
        label=_("French"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    en = forms.CharField(
        label=_("English"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class NewItemForm(ItemTextForm):
    """A new question in a draft version (the service checks the rules)."""

    kind = forms.ChoiceField(
        label=_("Kind of question"),
        choices=[(kind.value, kind.label) for kind in ADDABLE_KINDS],
        widget=forms.RadioSelect,
    )
    area = forms.ChoiceField(
        label=_("Area"),
        choices=[("", _("None (only for an attitude)")), *Area.choices],
        required=False,
        help_text=_("Scored questions count for the level of this area."),
    )
    screen = forms.IntegerField(
        label=_("Screen"),
        min_value=1,
        max_value=99,
        help_text=_("Questions with the same number are asked together, on one screen."),
    )
    skill = forms.SlugField(
        label=_("Skill (optional)"),
        max_length=50,
        required=False,
        help_text=_(
            "A short code, for example send-email. An observed task replaces the self-rating "
            "with the same code."
        ),
    )

    field_order = ["nl", "fr", "en", "kind", "area", "screen", "skill"]


class RoundForm(forms.ModelForm):
    class Meta:
        model = ScreeningRound
        fields = ["title", "organisation", "question_set", "opens_on", "closes_on", "staff_count"]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}),
            "closes_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, digibank, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            partnerships__digibank=digibank
        ).order_by("name")
        self.fields["question_set"].queryset = (
            QuestionSet.objects.usable_in(digibank)
            .filter(audience=Audience.STAFF, versions__published_at__isnull=False)
            .distinct()
        )
        self.fields["question_set"].empty_label = None
        self.fields["staff_count"].required = True
        self.fields["staff_count"].min_value = 1
        self.fields["staff_count"].widget.attrs.update({"min": 1, "max": 100000})

    def clean_staff_count(self):
        value = self.cleaned_data["staff_count"]
        if value is not None and not 1 <= value <= 100000:
            raise forms.ValidationError(_("Give the number of staff members invited."))
        return value

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The closing day comes after the opening day."))
        return data


class FiguresForm(forms.Form):
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    target_group = forms.ChoiceField(
        label=_("Target group"),
        required=False,
        choices=[("", _("All people")), *TargetGroupCode.choices],
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end comes after the start."))
        return data
