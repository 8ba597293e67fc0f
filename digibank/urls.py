from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from digibank.core import views as core_views

urlpatterns = [
    path("", include("digibank.core.urls")),
    path("health/", core_views.health, name="health"),
    path("i18n/setlang/", core_views.login_not_required_set_language, name="set_language"),
    path("accounts/", include("digibank.accounts.urls")),
    path("digibank/", include("digibank.digibanks.urls")),
    path("people/", include("digibank.people.urls")),
    path("audit/", include("digibank.audit.urls")),
    path("figures/", include("digibank.figures.urls")),
    path("devices/", include("digibank.devices.urls")),
    path("loans/", include("digibank.loans.urls")),
    path("assessments/", include("digibank.assessments.urls")),
    path("trainings/", include("digibank.trainings.urls")),
    path("helpdesk/", include("digibank.helpdesk.urls")),
    path("programmes/", include("digibank.regional.urls")),
    path("programmes/", include("digibank.programmes.urls")),
    path("guides/", include("digibank.knowledge.urls")),
    path("referrals/", include("digibank.referrals.urls")),
    path("platform-admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.views.static import serve

    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
