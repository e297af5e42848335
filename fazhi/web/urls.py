from django.urls import path

from fazhi.records import lookup
from fazhi.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("lookup/<str:model>/<str:field>/", lookup.lookup, name="lookup"),
]
