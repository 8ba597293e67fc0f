from django.urls import path

from digibank.knowledge import views

app_name = "knowledge"
urlpatterns = [
    path("", views.guide_list, name="list"),
    path("new/", views.guide_create, name="create"),
    path("suggestions/", views.suggestion_list, name="suggestions"),
    path("suggestions/<int:pk>/", views.suggestion_review, name="review"),
    path("<int:pk>/", views.guide_detail, name="detail"),
    path("<int:pk>/print/", views.guide_print, name="print"),
    path("<int:pk>/edit/", views.guide_edit, name="edit"),
    path("<int:pk>/publish/", views.guide_publish, name="publish"),
    path("<int:pk>/checked/", views.guide_checked, name="checked"),
    path("<int:pk>/suggest/", views.guide_suggest, name="suggest"),
    path("public/<slug:slug>/", views.public_list, name="public_list"),
    path("public/<slug:slug>/<int:pk>/", views.public_detail, name="public_detail"),
]
