from django.urls import include, path

from fazhi.major_decisions import views

app_name = "major_decisions"
urlpatterns = [
    path("catalogues/", include((views.catalogues.urls(), "catalogues"))),
    path("decisions/", include((views.decisions.urls(), "decisions"))),
]
