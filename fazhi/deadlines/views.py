import datetime as dt

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import clock
from fazhi.deadlines.constants import DUE_SOON_DAYS, PROVISIONAL_REASON, PeriodUnit
from fazhi.deadlines.models import Deadline
from fazhi.deadlines.rules import DeadlineRule, UnknownRuleError
from fazhi.deadlines.selectors import calendar_status, computation, deadline_computation, deadlines_open
from fazhi.records.pages import XLSX_CONTENT_TYPE, BootstrapFormMixin, can_view, detail_url
from fazhi.records.workflow import WorkflowPages
from fazhi.registers.tabular import write_table

WITHIN_DAYS_CHOICES = (7, 15, 30, 60, 90)
# Longest period the calculator accepts (statutory periods are shorter; this bounds the work per request).
MAX_PERIOD = {PeriodUnit.CALENDAR_DAYS: 3660, PeriodUnit.WORKING_DAYS: 2500, PeriodUnit.MONTHS: 120}
# Start days the calculator counts from: the package has notices from 2001 and lunar dates up to 2100,
# and the longest period (10 years) must end before then.
CALCULATOR_YEARS = (2001, 2089)


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
    today = clock.today()
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
    headers = [_("状态"), _("到期日"), _("暂定"), _("剩余天数"), _("事项"), _("责任单位"), _("期限规则"), _("依据")]
    provisional = _("暂定：%(reason)s") % {"reason": PROVISIONAL_REASON}
    rows = []
    for row in deadline_rows(deadlines, today):
        deadline, rule = row["deadline"], row["rule"]
        rows.append([
            _("已逾期") if row["days_left"] < 0 else _("即将到期"), deadline.due_on.isoformat(),
            provisional if deadline.provisional else "", str(row["days_left"]), deadline.title,
            deadline.org_unit.name, rule.name if rule else deadline.rule_code, rule.legal_source if rule else "",
        ])
    filename = f"{_('期限提醒')}-{today:%Y%m%d}.xlsx"
    return HttpResponse(write_table(headers, rows, "xlsx", sheet_name=_("期限提醒")), content_type=XLSX_CONTENT_TYPE,
                        headers={"Content-Disposition": content_disposition_header(True, filename)})


START_OUT_OF_RANGE = gettext_lazy("起算日应在%(first)d年至%(last)d年之间。")
PERIOD_TOO_LONG = gettext_lazy("期限不能超过%(n)d%(unit)s。")


class CalendarCheckForm(BootstrapFormMixin, forms.Form):
    starts_on = forms.DateField(label=gettext_lazy("起算日"), help_text=gettext_lazy("起算日当天不计入期限"))
    amount = forms.IntegerField(label=gettext_lazy("期限"), min_value=1)
    unit = forms.ChoiceField(label=gettext_lazy("单位"),
                             choices=[c for c in PeriodUnit.choices if c[0] in MAX_PERIOD])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()

    def clean_starts_on(self):
        day = self.cleaned_data["starts_on"]
        if not CALCULATOR_YEARS[0] <= day.year <= CALCULATOR_YEARS[1]:
            raise forms.ValidationError(str(START_OUT_OF_RANGE) % {
                "first": CALCULATOR_YEARS[0], "last": CALCULATOR_YEARS[1]})
        return day

    def clean(self):
        data = super().clean()
        unit, amount = data.get("unit"), data.get("amount")
        if unit and amount and amount > MAX_PERIOD[unit]:
            self.add_error("amount", str(PERIOD_TOO_LONG) % {"n": MAX_PERIOD[unit], "unit": PeriodUnit(unit).label})
        return data


@login_required
def calendar_check(request):
    """Work out a due date under China's statutory calendar (民法典 第二百零一条至第二百零三条)."""
    form = CalendarCheckForm(request.GET or None)
    result = None
    if form.is_valid():
        starts_on, amount, unit = (form.cleaned_data[k] for k in ("starts_on", "amount", "unit"))
        rule = DeadlineRule(code="calculator", name=_("工作日计算"), legal_source="", amount=amount, unit=unit,
                            trigger="")
        result = computation(rule, starts_on)
    today = clock.today()
    return render(request, "deadlines/calendar.html", {
        "form": form, "result": result, "calendar_years": calendar_status(range(today.year - 1, today.year + 2)),
    })


class DeadlinePages(WorkflowPages):
    """A deadline's own page: the record it belongs to and how its due date was counted."""

    model = Deadline
    namespace = "deadlines"
    actions = ("detail",)
    detail_fields = ("title", "org_unit", "starts_on", "due_on", "provisional", "remind_on", "completed_on")
    detail_template = "deadlines/detail.html"

    def extra_detail_fields(self, record, request):
        try:
            rule = f"{record.rule.name}（{record.rule_code}）"
        except UnknownRuleError:
            rule = record.rule_code
        return [(_("期限规则"), rule)]

    def detail_context(self, record, request):
        record_url = detail_url(record.record) if record.record is not None else None
        return {"computation": deadline_computation(record), "record_url": record_url,
                "changes": record.changes.order_by("-created_on", "-pk")}


pages = DeadlinePages()
