"""The officers' pages, at the paths they had as part of enforcement: /enforcement/officers/ and its siblings.

The module's URL prefix is empty (a prefix is a module's own, and /enforcement/ is enforcement's), so each
path here names the whole of it.
"""

from django.urls import include, path

from fazhi.officers import views

app_name = "officers"
urlpatterns = [
    path("enforcement/officers/", include((views.officers.urls(), "officers"))),
    path("enforcement/certificates/", include((views.certificates.urls(), "certificates"))),
    path("enforcement/trainings/", include((views.trainings.urls(), "trainings"))),
    path("enforcement/exams/", include((views.exams.urls(), "exams"))),
    path("enforcement/certificate-applications/", include((views.applications.urls(), "applications"))),
    path("enforcement/training-statistics/", views.TrainingStatisticsView.as_view(), name="training_statistics"),
]
