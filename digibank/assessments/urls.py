from django.urls import path

from digibank.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("start/", views.start, name="start"),
    path("<int:pk>/", views.result, name="result"),
    path("<int:pk>/result.pdf", views.result_pdf, name="result_pdf"),
    path("<int:pk>/step/<int:screen>/", views.step, name="step"),
    path("<int:pk>/finish/", views.finish, name="finish"),
    path("<int:pk>/follow-up/", views.follow_up, name="follow_up"),
    path("person/<int:person_pk>/progress/", views.progress, name="progress"),
    path("figures/", views.figures, name="figures"),
    path("screenings/", views.rounds, name="rounds"),
    path("screenings/new/", views.round_create, name="round_create"),
    path("screenings/<int:pk>/", views.round_detail, name="round"),
    path("screenings/<int:pk>/close/", views.round_close, name="round_close"),
    path("screening/<str:code>/", views.screening, name="screening"),
    path("screening/answer/<str:token>/<int:screen>/", views.screening_step, name="screening_step"),
    path("screening/answer/<str:token>/finish/", views.screening_finish, name="screening_finish"),
    path("screening/result/<str:token>/", views.screening_result, name="screening_result"),
    path("question-sets/", views.question_sets, name="question_sets"),
    path("question-sets/version/<int:pk>/", views.version_detail, name="version"),
    path("question-sets/version/<int:pk>/do/", views.version_action, name="version_action"),
    path("question-sets/version/<int:pk>/add/", views.item_create, name="item_create"),
    path("question-sets/item/<int:pk>/", views.item_edit, name="item_edit"),
    path("question-sets/item/<int:pk>/do/", views.item_action, name="item_action"),
]
