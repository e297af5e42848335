from django.urls import include, path

from fazhi.normative_documents import views

app_name = "normative_documents"
urlpatterns = [
    path("documents/", include((views.documents.urls(), "documents"))),
    path("cleanups/", include((views.cleanups.urls(), "cleanups"))),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
]
