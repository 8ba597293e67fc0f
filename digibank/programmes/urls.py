from django.urls import path

from digibank.programmes import entry, views

app_name = "programmes"
urlpatterns = [
    path("", views.index, name="index"),
    path("projects/", views.project_list, name="projects"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("projects/<int:pk>/status/", views.project_status, name="project_status"),
    path("projects/<int:pk>/amend/", views.project_amend, name="project_amend"),
    path("projects/<int:pk>/payments/add/", entry.payment_add, name="payment_add"),
    path(
        "projects/<int:pk>/payments/<int:payment_pk>/paid/",
        entry.payment_paid,
        name="payment_paid",
    ),
    path("projects/<int:pk>/budget/add/", entry.budget_line_add, name="budget_line_add"),
    path(
        "projects/<int:pk>/budget/<int:line_pk>/", entry.budget_line_edit, name="budget_line_edit"
    ),
    path("projects/<int:pk>/reports/add/", entry.report_add, name="report_add"),
    path(
        "projects/<int:pk>/reports/<int:report_pk>/submitted/",
        entry.report_submitted,
        name="report_submitted",
    ),
    path(
        "projects/<int:pk>/reports/<int:report_pk>/approved/",
        entry.report_approved,
        name="report_approved",
    ),
    path(
        "projects/<int:pk>/reports/<int:report_pk>/costs/",
        entry.cost_line_add,
        name="cost_line_add",
    ),
    path("overviews/<str:key>/", views.overview, name="overview"),
    path("overviews/<str:key>/xlsx/", views.overview_xlsx, name="overview_xlsx"),
    path("import/", views.import_projects, name="import"),
    path("programme/<slug:slug>/", views.programme_detail, name="programme"),
    path(
        "programme/<slug:slug>/milestones/<int:pk>/",
        entry.milestone_edit,
        name="milestone_edit",
    ),
]
