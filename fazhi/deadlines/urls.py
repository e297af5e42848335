from django.urls import path

from fazhi.deadlines import views

app_name = "deadlines"
urlpatterns = [
    path("", views.deadline_list, name="list"),
    path("calendar/", views.calendar_check, name="calendar"),
    *views.pages.urls(),
]
