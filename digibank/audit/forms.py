from django import forms
from django.utils.translation import gettext_lazy as _

from digibank.audit.models import AuditAction


class AuditFilterForm(forms.Form):
    reference = forms.CharField(label=_("Reference (e.g. P-000123)"), required=False, max_length=40)
    actor = forms.CharField(label=_("Who (e-mail)"), required=False, max_length=254)
    action = forms.ChoiceField(
        label=_("What"), required=False, choices=[("", _("All")), *AuditAction.choices]
    )
    day = forms.DateField(
        label=_("Day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
