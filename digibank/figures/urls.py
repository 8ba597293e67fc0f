from django.urls import path

from digibank.figures import views

app_name = "figures"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("municipality/", views.municipality, name="municipality"),
]
