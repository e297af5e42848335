from django.urls import include, path

from fazhi.ledger import views

app_name = "ledger"
urlpatterns = [
    path("items/", include((views.items.urls(), "items"))),
    path("items/<int:pk>/closing-file/", views.ClosingFileView.as_view(), name="closing_file"),
    path("items/<int:pk>/reply-letter/", views.ReplyLetterView.as_view(), name="reply_letter"),
    path("co-handlings/", include((views.co_handlings.urls(), "co_handlings"))),
    path("rules/", include((views.rules.urls(), "rules"))),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
]
