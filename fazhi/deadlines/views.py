import datetime as dt

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.deadlines.calendar import UnknownYearError
from fazhi.deadlines.calendar_source import holiday_name, working_calendar
from fazhi.deadlines.constants import DUE_SOON_DAYS, PeriodUnit
from fazhi.deadlines.models import Deadline
from fazhi.deadlines.rules import UnknownRuleError
from fazhi.deadlines.selectors import deadlines_open
from fazhi.registers.tabular import write_table
from fazhi.web.views_generic import XLSX_CONTENT_TYPE, BootstrapFormMixin, can_view, detail_url

WITHIN_DAYS_CHOICES = (7, 15, 30, 60, 90)
# Longest period the calculator accepts: beyond a year the holiday arrangement is not yet published.
MAX_PERIOD = {PeriodUnit.CALENDAR_DAYS: 366, PeriodUnit.WORKING_DAYS: 250, PeriodUnit.MONTHS: 12}


class DeadlineFilterForm(BootstrapFormMixin, forms.Form):
    days = forms.TypedChoiceField(
        label=gettext_lazy("到期范围"), coerce=int, required=False, empty_value=DUE_SOON_DAYS,
        choices=[(d, gettext_lazy("已逾期及%(d)d日内到期") % {"d": d}) for d in WITHIN_DAYS_CHOICES],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()


def deadline_rows(deadlines, today: dt.date) -> list[dict]:
    """Deadlines as table rows: days left, the rule, and a link to the record when it has a page."""
    return [_row(d, today) for d in deadlines]


def _row(deadline: Deadline, today: dt.date) -> dict:
    try:
        rule = deadline.rule
    except UnknownRuleError:
        rule = None
    record = deadline.record
    return {
        "deadline": deadline,
        "days_left": deadline.days_left(today),
        "overdue_days": -deadline.days_left(today),
        "rule": rule,
        "record_url": detail_url(record) if record is not None else None,
    }


@login_required
def deadline_list(request):
    """Open deadlines the user can see: overdue first, then those due within the chosen days."""
    if not can_view(request.user, Deadline):
        raise PermissionDenied
    form = DeadlineFilterForm(request.GET)
    days = form.cleaned_data["days"] if form.is_valid() else DUE_SOON_DAYS
    today = timezone.localdate()
    rows = deadlines_open(user=request.user, within_days=days, today=today).prefetch_related("record")
    if request.GET.get("format") == "xlsx":
        return _export(rows, today)
    overdue_count = rows.filter(due_on__lt=today).count()
    page = Paginator(rows, settings.FAZHI_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "deadlines/list.html", {
        "form": form,
        "days": days,
        "page": page,
        "rows": deadline_rows(page, today),
        "overdue_count": overdue_count,
        "due_soon_count": page.paginator.count - overdue_count,
        "today": today,
    })


def _export(deadlines, today: dt.date) -> HttpResponse:
    """The list as shown, as a spreadsheet for the office's weekly round-up."""
    headers = [_("状态"), _("到期日"), _("剩余天数"), _("事项"), _("责任单位"), _("期限规则"), _("依据")]
    rows = []
    for row in deadline_rows(deadlines, today):
        deadline, rule = row["deadline"], row["rule"]
        rows.append([
            _("已逾期") if row["days_left"] < 0 else _("即将到期"), deadline.due_on.isoformat(),
            str(row["days_left"]), deadline.title, deadline.org_unit.name,
            rule.name if rule else deadline.rule_code, rule.legal_source if rule else "",
        ])
    filename = f"{_('期限提醒')}-{today:%Y%m%d}.xlsx"
    return HttpResponse(write_table(headers, rows, "xlsx", sheet_name=_("期限提醒")), content_type=XLSX_CONTENT_TYPE,
                        headers={"Content-Disposition": content_disposition_header(True, filename)})


class CalendarCheckForm(BootstrapFormMixin, forms.Form):
    starts_on = forms.DateField(label=gettext_lazy("起算日"), help_text=gettext_lazy("起算日当天不计入期限"))
    amount = forms.IntegerField(label=gettext_lazy("期限"), min_value=1)
    unit = forms.ChoiceField(label=gettext_lazy("单位"),
                             choices=[c for c in PeriodUnit.choices if c[0] in MAX_PERIOD])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()

    def clean(self):
        data = super().clean()
        unit, amount = data.get("unit"), data.get("amount")
        if unit and amount and amount > MAX_PERIOD[unit]:
            self.add_error("amount", _("期限不能超过%(n)d%(unit)s。") % {
                "n": MAX_PERIOD[unit], "unit": PeriodUnit(unit).label})
        return data


@login_required
def calendar_check(request):
    """Work out a due date under China's statutory calendar (民法典 第二百零一条至第二百零三条)."""
    form = CalendarCheckForm(request.GET or None)
    result = None
    if form.is_valid():
        calendar = working_calendar()
        starts_on, amount, unit = (form.cleaned_data[k] for k in ("starts_on", "amount", "unit"))
        try:
            if unit == PeriodUnit.WORKING_DAYS:
                due_on = calendar.add_working_days(starts_on, amount)
            elif unit == PeriodUnit.MONTHS:
                due_on = calendar.add_months_period(starts_on, amount)
            else:
                due_on = calendar.add_calendar_days(starts_on, amount)
            skipped = [
                {"date": day, "name": holiday_name(day)}
                for day in (starts_on + dt.timedelta(days=n) for n in range(1, (due_on - starts_on).days + 1))
                if not calendar.is_working_day(day) and day.weekday() < 5
            ]
            worked = [
                day for day in (starts_on + dt.timedelta(days=n) for n in range(1, (due_on - starts_on).days + 1))
                if calendar.is_working_day(day) and day.weekday() >= 5
            ]
            result = {"due_on": due_on, "holidays": skipped, "workdays": worked,
                      "working_days": calendar.working_days_between(starts_on, due_on)}
        except UnknownYearError as error:
            form.add_error(None, str(error))
    return render(request, "deadlines/calendar.html", {"form": form, "result": result})
