from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionalConfig(AppConfig):
    name = "digibank.regional"
    verbose_name = _("Regional follow-up of programmes")


# The menu entry's words live in this app's catalogue (see core/navigation.py).
MENU_LABEL = _("Calls tracker")
MENU_DESCRIPTION = _(
    "Open and upcoming calls, deadlines in your calendar, and which member municipalities applied."
)
