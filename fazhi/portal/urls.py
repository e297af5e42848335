from django.urls import path

from fazhi.portal import inspections, permits, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("enforcement/", views.enforcement, name="enforcement"),
    path("normative-documents/", views.normative_documents, name="normative_documents"),
    path("normative-documents/<int:pk>/", views.normative_document, name="normative_document"),
    path("permits/", permits.permit_catalogue, name="permit_catalogue"),
    path("inspections/", inspections.inspections, name="inspections"),
    path("inspections/plans/<str:number>/", inspections.inspection_plan, name="inspection_plan"),
    path("inspections/draws/<int:pk>/<str:kind>.json", inspections.draw_file, name="draw_file"),
    path("inspections/seal/", inspections.seal_tool, name="inspection_seal"),
    path("inspections/commitments/", inspections.commitment_log, name="inspection_commitments"),
    path("inspections/commitments.txt", inspections.commitment_log_file, name="inspection_commitments_file"),
]
