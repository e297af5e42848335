from django.urls import include, path

from fazhi.permits import views

app_name = "permits"
urlpatterns = [
    path("editions/", include((views.editions.urls(), "editions"))),
    path("matters/", include((views.matters.urls(), "matters"))),
    path("entries/", include((views.entries.urls(), "entries"))),
    path("cases/", include((views.cases.urls(), "cases"))),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
]
