from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "digibank.people"
    verbose_name = _("People")

    def ready(self):
        from digibank.people import gdpr

        gdpr.register_core_providers()
