from django.urls import path

from digibank.helpdesk import views

app_name = "helpdesk"
urlpatterns = [
    path("", views.contact_list, name="contacts"),
    path("contacts/new/", views.contact_create, name="contact_create"),
    path("contacts/<int:pk>/", views.contact_detail, name="contact"),
    path("contacts/<int:pk>/registered/", views.contact_registered, name="registered"),
    path("handovers/", views.handover_list, name="handovers"),
    path("handovers/<int:pk>/take/", views.handover_take, name="handover_take"),
    path("handovers/<int:pk>/close/", views.handover_close, name="handover_close"),
    path("topics/", views.topic_list, name="topics"),
    path("topics/new/", views.topic_create, name="topic_create"),
    path("topics/<int:pk>/edit/", views.topic_edit, name="topic_edit"),
    path("slots/", views.slot_list, name="slots"),
    path("slots/generate/", views.slot_generate, name="slot_generate"),
    path("slots/<int:pk>/", views.slot_detail, name="slot"),
    path("calls/", views.call_list, name="calls"),
    path("bookings/<int:pk>/status/", views.booking_status, name="booking_status"),
    path("queue/", views.queue, name="queue"),
    path("queue/join/", views.queue_join, name="queue_join"),
    path("queue/<int:pk>/move/", views.queue_move, name="queue_move"),
    path("figures/", views.figures_overview, name="figures"),
    path("figures/online-services/", views.figures_export, name="figures_export"),
]
