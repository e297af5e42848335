from django.urls import include, path

from fazhi.enforcement import views

app_name = "enforcement"
urlpatterns = [
    path("bodies/", include((views.bodies.urls(), "bodies"))),
    path("matters/", include((views.matters.urls(), "matters"))),
    path("officers/", include((views.officers.urls(), "officers"))),
    path("certificates/", include((views.certificates.urls(), "certificates"))),
    path("trainings/", include((views.trainings.urls(), "trainings"))),
    path("exams/", include((views.exams.urls(), "exams"))),
    path("certificate-applications/", include((views.applications.urls(), "applications"))),
    path("major-criteria/", include((views.criteria.urls(), "criteria"))),
    path("cases/", include((views.cases.urls(), "cases"))),
    path("inspections/", include((views.inspections.urls(), "inspections"))),
    path("unit-inspections/", include((views.unit_inspections.urls(), "unit_inspections"))),
    path("rectifications/", include((views.rectifications.urls(), "rectifications"))),
    path("records/<int:pk>/file/", views.ProcessRecordFileView.as_view(), name="record_file"),
    path("training-statistics/", views.TrainingStatisticsView.as_view(), name="training_statistics"),
    path("indicators/", views.IndicatorsView.as_view(), name="indicators"),
]
