from django.urls import path

from digibank.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("switch/", views.switch_digibank, name="switch_digibank"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("about/", views.about, name="about"),
]
