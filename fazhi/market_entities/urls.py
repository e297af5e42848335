from django.urls import path  # noqa: F401

app_name = "market_entities"
urlpatterns: list = []
