from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from digibank.accounts.models import Membership, User
from digibank.accounts.roles import Role
from digibank.core.forms import MunicipalityField
from digibank.digibanks.models import Organisation


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _("This e-mail address and password do not match. Try again."),
        "inactive": _("This account is switched off. Ask your coordinator."),
    }


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app, or a backup code"),
        min_length=6,
        max_length=8,
        help_text=_(
            "Six digits; the code changes every 30 seconds. A backup code has eight digits."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("The code has digits only."))
        return token


class PasswordCheckForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if self.user is None or not self.user.check_password(password):
            raise forms.ValidationError(_("This password is not right."))
        return password


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "phone", "language"]


class MemberForm(forms.Form):
    """Add someone to the team of a digibank, or change their role."""

    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(r.value, r.label) for r in Role if r != Role.FUNDER],
        widget=forms.RadioSelect,
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation (for a partner referrer)"), queryset=None, required=False
    )
    municipality = MunicipalityField(
        label=_("Municipality (for a local-government officer)"), required=False
    )

    def __init__(self, *args, digibank, **kwargs):
        super().__init__(*args, **kwargs)
        self.digibank = digibank
        self.fields["organisation"].queryset = Organisation.objects.filter(
            partnerships__digibank=digibank
        ).order_by("name")

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if role == Role.PARTNER and not data.get("organisation"):
            self.add_error("organisation", _("Choose the organisation this person works for."))
        if role == Role.LOCAL_OFFICER:
            municipality = data.get("municipality")
            if not municipality:
                self.add_error("municipality", _("Choose the municipality of this officer."))
            elif not self.digibank.municipalities.filter(pk=municipality.pk).exists():
                self.add_error(
                    "municipality", _("This municipality is not in the digibank's service area.")
                )
        return data


class MembershipRoleForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "is_active"]
        widgets = {"role": forms.RadioSelect}
