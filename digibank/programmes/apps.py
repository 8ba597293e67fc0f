from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "digibank.programmes"
    verbose_name = _("Programmes")


# The main-menu entry (core/navigation.py); the strings live here so that this app's
# catalogue translates them.
MENU_LABEL = _("Programmes")
MENU_DESCRIPTION = _("Subsidies, calls and projects per province and municipality.")
