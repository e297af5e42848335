from django.urls import include, path

from fazhi.enforcement import views

app_name = "enforcement"
# Officers, certificates, applications, trainings, exams and the training statistics are under
# /enforcement/ too, from fazhi.officers.urls.
urlpatterns = [
    path("bodies/", include((views.bodies.urls(), "bodies"))),
    path("matters/", include((views.matters.urls(), "matters"))),
    path("major-criteria/", include((views.criteria.urls(), "criteria"))),
    path("cases/", include((views.cases.urls(), "cases"))),
    path("inspections/", include((views.inspections.urls(), "inspections"))),
    path("unit-inspections/", include((views.unit_inspections.urls(), "unit_inspections"))),
    path("rectifications/", include((views.rectifications.urls(), "rectifications"))),
    path("records/<int:pk>/file/", views.ProcessRecordFileView.as_view(), name="record_file"),
    path("indicators/", views.IndicatorsView.as_view(), name="indicators"),
]
