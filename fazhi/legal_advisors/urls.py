from django.urls import include, path

from fazhi.legal_advisors import views

app_name = "legal_advisors"
urlpatterns = [
    path("advisors/", include((views.advisors.urls(), "advisors"))),
    path("contracts/", include((views.contracts.urls(), "contracts"))),
    path("coverage/", views.CoverageView.as_view(), name="coverage"),
]
