from django.urls import path, re_path

from fazhi.registers import views

app_name = "registers"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:name>/import/", views.import_file, name="import"),
    re_path(r"^(?P<name>[-\w]+)/template\.(?P<kind>xlsx|csv)$", views.template, name="template"),
]
