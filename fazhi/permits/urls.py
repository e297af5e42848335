from django.urls import include, path

from fazhi.permits import views

app_name = "permits"
urlpatterns = [
    path("editions/", include((views.editions.urls(), "editions"))),
    path("matters/", include((views.matters.urls(), "matters"))),
    path("entries/", include((views.entries.urls(), "entries"))),
    path("cases/", include((views.cases.urls(), "cases"))),
    path("draws/", include((views.draws.urls(), "draws"))),
    path("draws/<int:pk>/record.json", views.DrawRecordView.as_view(), name="draw_record"),
    path("checks/", include((views.checks.urls(), "checks"))),
    path("credit/", include((views.credit.urls(), "credit"))),
    path("credit.csv", views.CreditCsvView.as_view(), name="credit_csv"),
    path("commendations/", include((views.commendations.urls(), "commendations"))),
    path("pairings/", include((views.pairings.urls(), "pairings"))),
    path("visits/", include((views.visits.urls(), "visits"))),
    path("members/", include((views.members.urls(), "members"))),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
]
