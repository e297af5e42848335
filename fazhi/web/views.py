from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from fazhi.core import clock
from fazhi.core.modules import work_for
from fazhi.deadlines.constants import DUE_SOON_DAYS
from fazhi.deadlines.permissions import may_enter_calendar as may_enter_calendar_year
from fazhi.deadlines.selectors import calendar_year_to_enter, deadlines_open, due_date_changes
from fazhi.deadlines.views import deadline_rows
from fazhi.records.pages import all_pages, can_view
from fazhi.web.navigation import MENU

HOME_DEADLINES = 10


@login_required
def home(request):
    """The user's desk: open deadlines first, then what each module has waiting for the user, then how
    many records of each kind they can see."""
    user = request.user
    today = clock.today()
    may_enter_calendar = may_enter_calendar_year(user)
    open_deadlines = deadlines_open(user=user, within_days=DUE_SOON_DAYS, today=today)
    total = open_deadlines.count()
    overdue = open_deadlines.filter(due_on__lt=today).count()
    first = list(open_deadlines.prefetch_related("record")[:HOME_DEADLINES])
    menu_order = {item.url_name: index for index, item in enumerate(MENU)}
    counts = [
        {"title": pages.title, "count": pages.visible(user).active().count(),
         "url": reverse(f"{pages.namespace}:list"), "url_name": f"{pages.namespace}:list"}
        for pages in all_pages()
        if "list" in pages.actions and can_view(user, pages.model)
    ]
    counts.sort(key=lambda item: menu_order.get(item["url_name"], len(menu_order)))
    # Each module's work queue (its AppConfig's `fazhi_module`): tallies (e.g. an officer's tasks not yet
    # inspected) and records waiting for the user (e.g. the legal-affairs office's review requests).
    tallies, work_items = work_for(user, today)
    return render(request, "web/home.html", {
        "deadlines": first,
        "todo_rows": deadline_rows(first, today),
        "deadline_total": total,
        "overdue_count": overdue,
        "due_soon_count": total - overdue,
        "due_soon_days": DUE_SOON_DAYS,
        "counts": counts,
        "tallies": tallies,
        "review_requests": work_items,
        # The system administrator enters each year's holiday arrangement; until then it is provisional.
        "calendar_year_to_enter": calendar_year_to_enter(today) if may_enter_calendar else None,
        "due_date_changes": list(due_date_changes(user=user, today=today)[:HOME_DEADLINES]),
    })
