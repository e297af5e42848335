from django.urls import include, path

from fazhi.litigation import views

app_name = "litigation"
urlpatterns = [
    path("cases/", include((views.cases.urls(), "cases"))),
    path("cases/<int:pk>/defence/", views.DefenceView.as_view(), name="defence"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
]
