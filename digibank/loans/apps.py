from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LoansConfig(AppConfig):
    name = "digibank.loans"
    verbose_name = _("Lending and connectivity")

    def ready(self):
        from digibank.loans import gdpr

        gdpr.register()
