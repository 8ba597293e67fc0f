from django.urls import path

from digibank.digibanks import views

app_name = "digibanks"
urlpatterns = [
    path("", views.current, name="current"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("partners/new/", views.partner_add, name="partner_add"),
    path("partners/<int:pk>/", views.partner_edit, name="partner_edit"),
    path("locations/new/", views.location_form, name="location_add"),
    path("locations/<int:pk>/", views.location_detail, name="location"),
    path("locations/<int:pk>/edit/", views.location_form, name="location_edit"),
]
