from django.urls import path

from fazhi.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("enforcement/", views.enforcement, name="enforcement"),
    path("normative-documents/", views.normative_documents, name="normative_documents"),
    path("normative-documents/<int:pk>/", views.normative_document, name="normative_document"),
]
