from django.urls import include, path

from fazhi.reconsideration import views

app_name = "reconsideration"
urlpatterns = [
    path("cases/", include((views.cases.urls(), "cases"))),
    path("cases/<int:pk>/answer-draft/", views.AnswerDraftView.as_view(), name="answer_draft"),
]
