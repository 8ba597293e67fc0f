from django.urls import path

from digibank.programmes import views

app_name = "programmes"
urlpatterns = [
    path("", views.index, name="index"),
    path("projects/", views.project_list, name="projects"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("projects/<int:pk>/status/", views.project_status, name="project_status"),
    path("projects/<int:pk>/amend/", views.project_amend, name="project_amend"),
    path("overviews/<str:key>/", views.overview, name="overview"),
    path("overviews/<str:key>/xlsx/", views.overview_xlsx, name="overview_xlsx"),
    path("import/", views.import_projects, name="import"),
    path("programme/<slug:slug>/", views.programme_detail, name="programme"),
]
