from django.urls import path

from digibank.referrals import views

app_name = "referrals"
urlpatterns = [
    path("", views.referral_list, name="list"),
    path("inbox/", views.inbox, name="inbox"),
    path("new/", views.referral_create, name="create"),
    path("export/", views.referral_export, name="export"),
    path("figures/", views.referral_figures, name="figures"),
    path("partner/", views.partner_list, name="partner_list"),
    path("partner/new/", views.partner_create, name="partner_create"),
    path("<int:pk>/", views.referral_detail, name="detail"),
    path("<int:pk>/answer/", views.referral_answer, name="answer"),
    path("<int:pk>/outcome/", views.referral_outcome, name="outcome"),
    path("<int:pk>/pick-up/", views.referral_pickup, name="pickup"),
    path("<int:pk>/withdraw/", views.referral_withdraw, name="withdraw"),
    path("<int:pk>/link-person/", views.referral_link_person, name="link_person"),
]
