from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "digibank.referrals"
    verbose_name = _("Referrals")

    def ready(self):
        from digibank.people import gdpr
        from digibank.referrals import services

        gdpr.register(
            gdpr.PersonalDataProvider(
                key="referrals",
                label=_("Referrals to and from partners"),
                export=services.export_for_person,
                erase=services.erase_for_person,
                expire=services.expire_unlinked,
                ongoing=services.ongoing,
            )
        )
