from django import forms
from django.utils.translation import gettext_lazy as _

from digibank.geo.models import Province
from digibank.programmes.models import (
    BudgetCategory,
    Milestone,
    PaymentKind,
    Programme,
    ProjectStatus,
    ReportNature,
    ReportPeriod,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Title or file reference"), required=False, max_length=100)
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.order_by("name"),
        required=False,
        empty_label=_("All programmes"),
        to_field_name="slug",
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *ProjectStatus.choices]
    )
    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Province.objects.order_by("code"),
        required=False,
        empty_label=_("All provinces"),
    )


class OverviewFilterForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.order_by("name"),
        required=False,
        empty_label=_("All programmes"),
        to_field_name="slug",
    )
    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Province.objects.order_by("code"),
        required=False,
        empty_label=_("West-Vlaanderen (default)"),
    )
    milestone = forms.ModelChoiceField(
        label=_("Milestone"),
        queryset=Milestone.objects.select_related("programme").order_by("programme__name", "pk"),
        required=False,
        empty_label=_("The first milestone"),
    )

    def __init__(self, *args, overview, **kwargs):
        super().__init__(*args, **kwargs)
        if not overview.needs_province:
            del self.fields["province"]
        if not overview.needs_milestone:
            del self.fields["milestone"]
        else:
            del self.fields["programme"]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=())
    on = forms.DateField(label=_("Date"), widget=DateInput())
    amount_approved = forms.DecimalField(
        label=_("Approved amount (euro)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        help_text=_("Only for an approval."),
    )
    by_name = forms.CharField(
        label=_("Decided by"),
        required=False,
        max_length=150,
        help_text=_("For example: the minister, or the assessment committee."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (value, ProjectStatus(value).label) for value in project.allowed_statuses
        ]


class AmendmentForm(forms.Form):
    decided_on = forms.DateField(label=_("Decision date"), widget=DateInput())
    reference = forms.CharField(
        label=_("Decision reference"),
        max_length=150,
        help_text=_("For example: decree, art. 96."),
    )
    new_end_date = forms.DateField(label=_("New end date"), required=False, widget=DateInput())
    new_amount = forms.DecimalField(
        label=_("New amount (euro)"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def clean(self):
        data = super().clean()
        if not data.get("new_end_date") and data.get("new_amount") is None and not self.errors:
            raise forms.ValidationError(_("Give a new end date, a new amount, or both."))
        return data


def _money(label, **kwargs):
    return forms.DecimalField(label=label, min_value=0, max_digits=14, decimal_places=2, **kwargs)


class PaymentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of payment"), choices=PaymentKind.choices)
    percentage = forms.DecimalField(
        label=_("Percentage of the approved amount"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        help_text=_("For example 80 for an advance of 80 %. Leave empty if you give an amount."),
    )
    planned_amount = _money(
        _("Amount (euro)"),
        required=False,
        error_messages={
            "min_value": _(
                "Amounts are never negative. Money paid back is a payment of the kind “Recovery”."
            )
        },
        help_text=_(
            "Leave empty to compute it from the percentage. "
            "Money paid back: choose “Recovery” and give a positive amount."
        ),
    )
    planned_on = forms.DateField(label=_("Planned on"), required=False, widget=DateInput())
    reference = forms.CharField(
        label=_("Reference"),
        required=False,
        max_length=100,
        help_text=_("For example the payment order number."),
    )

    def clean(self):
        data = super().clean()
        if (
            not self.errors
            and data.get("percentage") is None
            and data.get("planned_amount") is None
        ):
            raise forms.ValidationError(_("Give an amount or a percentage, or both."))
        return data


class PaidForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput())
    paid_amount = _money(
        _("Amount paid (euro)"), help_text=_("For a recovery: the amount paid back.")
    )


class BudgetLineForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=BudgetCategory.choices)
    label = forms.CharField(label=_("Description"), max_length=200)
    amount = _money(_("Budgeted amount (euro)"))


class ReportForm(forms.Form):
    period = forms.ChoiceField(label=_("Report"), choices=ReportPeriod.choices)
    nature = forms.ChoiceField(label=_("Kind"), choices=ReportNature.choices)
    due_on = forms.DateField(label=_("Due on"), widget=DateInput())


class SubmittedForm(forms.Form):
    submitted_on = forms.DateField(label=_("Submitted on"), widget=DateInput())
    users_reached = forms.IntegerField(
        label=_("Users reached"),
        required=False,
        min_value=0,
        max_value=10_000_000,
        help_text=_("The number of users the report says the project reached so far."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class ApprovedForm(forms.Form):
    approved_on = forms.DateField(label=_("Approved on"), widget=DateInput())


class CostLineForm(forms.Form):
    budget_line = forms.ModelChoiceField(label=_("Budget line"), queryset=None)
    amount = _money(_("Costs (euro)"))
    description = forms.CharField(label=_("Description"), required=False, max_length=200)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the project's own lines can be chosen; the service checks it again.
        self.fields["budget_line"].queryset = project.budget_lines.all()


class MilestoneForm(forms.Form):
    evidence_note = forms.CharField(
        label=_("Evidence"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What counts as evidence, for example signed partnership agreements."),
    )
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DateInput())


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("List of projects (.xlsx or .csv)"),
        help_text=_("The first row holds the column names. At most 5 MB."),
    )
    dry_run = forms.BooleanField(
        label=_("Only check the file (dry run)"),
        required=False,
        initial=True,
        help_text=_("Nothing is saved. Untick to import when the check finds no errors."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Upload an .xlsx or .csv file."))
        return upload
