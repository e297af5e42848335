from fazhi.market_entities.views import pages

app_name = "market_entities"
urlpatterns = pages.urls()
