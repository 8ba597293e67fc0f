from django.urls import path

from digibank.trainings import views

app_name = "trainings"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("courses/new/", views.course_create, name="course_create"),
    path("courses/<int:pk>/", views.course_detail, name="course"),
    path("courses/<int:pk>/edit/", views.course_edit, name="course_edit"),
    path("courses/<int:course_pk>/sessions/new/", views.session_create, name="session_create"),
    path("sessions/", views.session_list, name="sessions"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("sessions/<int:pk>/cancel/", views.session_cancel, name="session_cancel"),
    path("sessions/<int:pk>/register/", views.session_register, name="session_register"),
    path("sessions/<int:pk>/calls/", views.call_list, name="call_list"),
    path(
        "sessions/<int:pk>/meetings/<int:meeting_pk>/move/",
        views.meeting_move,
        name="meeting_move",
    ),
    path(
        "sessions/<int:pk>/meetings/<int:meeting_pk>/cancel/",
        views.meeting_cancel,
        name="meeting_cancel",
    ),
    path(
        "sessions/<int:pk>/meetings/<int:meeting_pk>/attendance/",
        views.attendance,
        name="attendance",
    ),
    path("registrations/<int:pk>/cancel/", views.registration_cancel, name="registration_cancel"),
    path("registrations/<int:pk>/certificate/", views.certificate, name="certificate"),
    path("calls/", views.calls, name="calls"),
    path("figures/", views.figures, name="figures"),
]
