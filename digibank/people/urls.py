from django.urls import path

from digibank.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_create, name="create"),
    path("new/duplicates/", views.person_duplicates, name="duplicates"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/export/", views.person_export, name="export"),
    path("<int:pk>/erase/", views.person_erase, name="erase"),
]
