from django.urls import path

from fazhi.web import lookup, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("lookup/<str:model>/<str:field>/", lookup.lookup, name="lookup"),
]
