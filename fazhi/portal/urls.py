from django.urls import path

from fazhi.portal import inspections, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("enforcement/", views.enforcement, name="enforcement"),
    path("inspections/", inspections.inspections, name="inspections"),
    path("inspections/plans/<str:number>/", inspections.inspection_plan, name="inspection_plan"),
    path("inspections/draws/<int:pk>/<str:kind>.json", inspections.draw_file, name="draw_file"),
]
