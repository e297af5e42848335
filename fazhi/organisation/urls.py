from fazhi.organisation.views import pages

app_name = "organisation"
urlpatterns = pages.urls()
