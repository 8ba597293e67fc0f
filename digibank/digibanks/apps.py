from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigibanksConfig(AppConfig):
    name = "digibank.digibanks"
    verbose_name = _("Digibanken and partners")
