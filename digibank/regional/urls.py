from django.urls import path

from digibank.regional import views

app_name = "regional"
urlpatterns = [
    path("map/", views.map_view, name="map"),
    path("map/table/", views.map_table, name="map_table"),
    path("register/", views.register_view, name="register"),
    path("register/awarded-subsidies.csv", views.register_csv, name="register_csv"),
    path("calls/deadlines.ics", views.calendar, name="calendar"),
    path("calls/", views.tracker_view, name="tracker"),
    path("calls/regions/", views.regions, name="regions"),
    path("calls/regions/<int:pk>/", views.region_edit, name="region_edit"),
    path("calls/regions/<int:pk>/delete/", views.region_delete, name="region_delete"),
    path("digest/", views.subscribe, name="subscribe"),
    path("digest/sent/", views.subscribe_sent, name="subscribe_sent"),
    path("digest/confirm/<str:token>/", views.confirm, name="confirm"),
    path("digest/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
