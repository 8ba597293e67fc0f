from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionalConfig(AppConfig):
    name = "digibank.regional"
    verbose_name = _("Regional follow-up of programmes")
