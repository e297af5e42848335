from django.urls import include, path

from fazhi.inspections import views

app_name = "inspections"
urlpatterns = [
    path("items/", include((views.items.urls(), "items"))),
    path("rules/", include((views.rules.urls(), "rules"))),
    path("joint-meetings/", include((views.meetings.urls(), "meetings"))),
    path("joint-meeting-records/", include((views.meeting_records.urls(), "meeting_records"))),
    path("recusals/", include((views.recusals.urls(), "recusals"))),
    path("plans/", include((views.plans.urls(), "plans"))),
    path("tasks/", include((views.tasks.urls(), "tasks"))),
    path("my-tasks/", views.MyTasksView.as_view(), name="my_tasks"),
    path("inspector-pool/", views.InspectorPoolView.as_view(), name="inspector_pool"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("credit-export.csv", views.CreditExportView.as_view(), name="credit_export"),
    path("draws/<int:pk>/<str:kind>.json", views.DrawFileView.as_view(), name="draw_file"),
    path("records/<int:pk>/file/", views.TaskRecordFileView.as_view(), name="record_file"),
]
