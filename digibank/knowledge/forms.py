from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import SafeModelMultipleChoiceField
from digibank.helpdesk.models import Topic
from digibank.knowledge.models import Audience, Guide, GuideLanguage, GuideStep


class GuideForm(forms.ModelForm):
    class Meta:
        model = Guide
        fields = ["title", "summary", "audience", "language", "translation_of", "topics"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "topics": forms.CheckboxSelectMultiple,
        }
        field_classes = {"topics": SafeModelMultipleChoiceField}

    def __init__(self, *args, digibank, **kwargs):
        super().__init__(*args, **kwargs)
        originals = Guide.objects.filter(digibank=digibank, translation_of__isnull=True)
        if self.instance.pk:
            originals = originals.exclude(pk=self.instance.pk)
        self.fields["translation_of"].queryset = originals.order_by("title")
        self.fields["translation_of"].empty_label = _("No, this is an original guide")
        self.fields["topics"].queryset = Topic.objects.available_in(digibank).active()
        self.digibank = digibank

    def clean(self):
        data = super().clean()
        original = data.get("translation_of")
        if original and original.language == data.get("language"):
            self.add_error(
                "translation_of", _("A translation must be in another language than its original.")
            )
        return data


class StepForm(forms.ModelForm):
    position = forms.IntegerField(
        label=_("Step number"),
        required=False,
        min_value=1,
        max_value=99,
        help_text=_("Empty: after the other steps. Change the numbers to change the order."),
    )

    class Meta:
        model = GuideStep
        fields = ["position", "text", "image", "image_alt"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "image": forms.ClearableFileInput(
                attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
            ),
        }

    def clean(self):
        data = super().clean()
        has_image = bool(data.get("image"))
        if has_image and not (data.get("image_alt") or "").strip():
            self.add_error("image_alt", _("Describe what the picture shows."))
        return data


class BaseStepFormSet(forms.BaseInlineFormSet):
    def save_steps(self) -> None:
        """Save the steps; a step without a number goes after the others."""
        steps = self.save(commit=False)
        for step in self.deleted_objects:
            step.delete()
        last = max(
            [s.position for s in self.instance.steps.all() if s.position]
            + [s.position for s in steps if s.position]
            + [0]
        )
        for step in steps:
            if not step.position:
                last += 1
                step.position = last
            step.save()


StepFormSet = inlineformset_factory(
    Guide,
    GuideStep,
    form=StepForm,
    formset=BaseStepFormSet,
    extra=2,
    can_delete=True,
    max_num=40,
    validate_max=True,
)


class GuideFilterForm(forms.Form):
    q = forms.CharField(label=_("Search in titles"), required=False, max_length=100)
    audience = forms.ChoiceField(
        label=_("For whom"),
        required=False,
        choices=[("", _("Everyone")), *list(Audience.choices)],
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("All languages")), *list(GuideLanguage.choices)],
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"), required=False, queryset=Topic.objects.none(), empty_label=_("All topics")
    )

    def __init__(self, *args, digibank, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.available_in(digibank).active()


class SuggestionForm(forms.Form):
    step = forms.ModelChoiceField(
        label=_("Which step?"),
        required=False,
        queryset=GuideStep.objects.none(),
        empty_label=_("The guide as a whole"),
    )
    proposed_text = forms.CharField(
        label=_("New text for this step"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. Write the step as you would like it to be."),
    )
    reason = forms.CharField(
        label=_("What is wrong or missing, and why?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, guide, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].queryset = guide.steps.order_by("position", "pk")
        self.fields["step"].label_from_instance = lambda s: _("Step %(n)s") % {"n": s.position}

    def clean(self):
        data = super().clean()
        if data.get("proposed_text") and not data.get("step"):
            self.add_error("step", _("Choose the step that your new text replaces."))
        return data


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Answer to the person who suggested it"), required=False, max_length=500
    )


class PublishForm(forms.Form):
    note = forms.CharField(label=_("What changed?"), required=False, max_length=250)
