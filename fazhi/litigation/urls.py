from django.urls import include, path

from fazhi.litigation import views

app_name = "litigation"
urlpatterns = [
    path("cases/", include((views.cases.urls(), "cases"))),
]
