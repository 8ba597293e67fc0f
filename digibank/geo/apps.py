from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    name = "digibank.geo"
    verbose_name = _("Belgian reference data")
