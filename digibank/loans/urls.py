from django.urls import path

from digibank.loans import views, views_more

app_name = "loans"
urlpatterns = [
    path("", views.loan_list, name="list"),
    path("overdue/", views.overdue, name="overdue"),
    path("<int:pk>/", views.loan_detail, name="detail"),
    path("<int:pk>/agreement.pdf", views.agreement_pdf, name="agreement"),
    path("<int:pk>/transfer.pdf", views.transfer_pdf, name="transfer"),
    path("<int:pk>/extend/", views.loan_extend, name="extend"),
    path("<int:pk>/return/", views.loan_return, name="return"),
    path("<int:pk>/lost/", views.loan_lost, name="lost"),
    path("<int:pk>/gift/", views.loan_gift, name="gift"),
    path("requests/", views.request_list, name="requests"),
    path("requests/new/<int:person_pk>/", views.request_create, name="request_create"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/close/", views.request_close, name="request_close"),
    path("requests/<int:pk>/lend/", views.lend, name="lend"),
    path("conditions/", views.conditions, name="conditions"),
    path("reminders/", views.reminder_list, name="reminders"),
    path("reminders/calls/", views.call_list, name="call_list"),
    path("reminders/letters.pdf", views.reminder_letters, name="reminder_letters"),
    path("reminders/<int:pk>/letter.pdf", views.reminder_letter, name="reminder_letter"),
    path("reminders/<int:pk>/done/", views.reminder_done, name="reminder_done"),
    path("connectivity/", views_more.connectivity_list, name="connectivity"),
    path(
        "connectivity/new/<int:person_pk>/",
        views_more.connectivity_create,
        name="connectivity_create",
    ),
    path("connectivity/<int:pk>/returned/", views_more.sim_returned, name="sim_returned"),
    path("figures/", views_more.figures, name="figures"),
]
