from django.urls import path

from digibank.devices import views, views_data

app_name = "devices"
urlpatterns = [
    path("", views.device_list, name="list"),
    path("stock/", views.stock, name="stock"),
    path("labels.pdf", views.labels_pdf, name="labels"),
    path("t/<str:tag>/", views.by_tag, name="by_tag"),
    path("<int:pk>/", views.device_detail, name="detail"),
    path("<int:pk>/edit/", views.device_edit, name="edit"),
    path("<int:pk>/state/", views.device_transition, name="transition"),
    path("<int:pk>/wipe/", views.device_wipe, name="wipe"),
    path("<int:pk>/repair/", views.device_repair, name="repair"),
    path("<int:pk>/move/", views.device_move, name="move"),
    path("donations/", views.donation_list, name="donations"),
    path("donations/new/", views.donation_create, name="donation_create"),
    path("donations/<int:pk>/", views.donation_detail, name="donation"),
    path("donations/<int:pk>/edit/", views.donation_edit, name="donation_edit"),
    path("donations/<int:pk>/add/", views.device_add, name="device_add"),
    path("donations/<int:pk>/receipt.pdf", views.donation_receipt, name="receipt"),
    path("donations/<int:pk>/certificate.pdf", views.donation_certificate, name="certificate"),
    path("donations/<int:pk>/erase-donor/", views.donor_erase, name="donor_erase"),
    path("import/", views_data.import_devices, name="import"),
    path("figures/", views_data.figures, name="figures"),
]
