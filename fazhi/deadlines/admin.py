from django.contrib import admin, messages
from django.db.models import F
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy

from fazhi.core import clock
from fazhi.core.admin import ArchivedFilter, RecordAdmin
from fazhi.deadlines.calendar import notice_covers
from fazhi.deadlines.models import CalendarDay, CalendarYear, Deadline, DueDateChange, day_outside_notice
from fazhi.deadlines.services import deadlines_recount
from fazhi.deadlines.statutory_holidays import package_arrangement

RECOUNTED = gettext_lazy(
    "已按新的工作日历重新计算%(n)d项未完成的期限，其中%(moved)d项到期日改变，相关单位的工作台会显示调整。")
NOTICE_HELP = gettext_lazy("例如：国办发明电〔2026〕X号。平台已计入%(year)d年的以下放假日（%(basis)s）：%(days)s。"
                           "请在下方只录入通知中与此不同的放假日和调休上班日。")
BASIS_OFFICIAL, BASIS_PROVISIONAL = gettext_lazy("正式"), gettext_lazy("暂定，未含调休")
RECOUNT_BY = "{who}{what}"  # the reason a recount gives: who entered what
YEAR_ENTERED = gettext_lazy("录入%(year)d年节假日安排（%(notice)s）")
DAY_CHANGED = gettext_lazy("修改%(year)d年节假日安排：%(day)s")
NO_DAYS_ENTERED = gettext_lazy("%(year)d年未录入任何放假日或调休上班日：平台将只按法定节假日和补假计算。请核对通知，"
                               "如有调休安排，请在下方逐日录入。")


def _recount_after_entry(request, years: set[int], what: str) -> None:
    """Count the open deadlines touching `years` again, and say on the admin page how many moved."""
    who = request.user.display_name or request.user.username
    changes = deadlines_recount(years=years, reason=RECOUNT_BY.format(who=who, what=what))
    moved = sum(change.moved for change in changes)
    request._fazhi_recount_message = str(RECOUNTED) % {"n": len(changes), "moved": moved}


class RecountMessage:
    """Admin mixin: after a save that changed the calendar, say how many deadlines were counted again."""

    def response_add(self, request, obj, post_url_continue=None):
        self._say_recount(request)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self._say_recount(request)
        return super().response_change(request, obj)

    def _say_recount(self, request) -> None:
        message = getattr(request, "_fazhi_recount_message", None)
        if message:
            self.message_user(request, message)


class CalendarDayFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        year = self.instance.year  # the year form's value, also before the year is first saved
        for form in self.forms:
            day = form.cleaned_data.get("date") if hasattr(form, "cleaned_data") else None
            if day and year and not notice_covers(day, year):
                form.add_error("date", day_outside_notice(day, year))


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    formset = CalendarDayFormSet
    fields = ("date", "kind", "name")
    extra = 3
    can_delete = False  # a day entered in error is corrected (kind, name), not deleted: the history keeps it


@admin.register(CalendarYear)
class CalendarYearAdmin(RecountMessage, RecordAdmin):
    """A year's arrangement from the State Council General Office's notice: the year becomes official
    and every open deadline touching it is counted again, in one save."""

    list_display = ("year", "notice", "created_by", "created_on")
    fieldsets = [(None, {"fields": ("year", "notice")})]
    inlines = [CalendarDayInline]

    def get_readonly_fields(self, request, obj=None):
        # The year an entry is for does not change: its deadlines were counted on it (enter another year).
        return (*super().get_readonly_fields(request, obj), "year") if obj is not None else \
            super().get_readonly_fields(request, obj)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("year", clock.today().year + 1)
        return initial

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # What the platform already counts for the year, so only the notice's differences are entered.
        try:
            year = obj.year if obj is not None else int(request.GET.get("year") or clock.today().year + 1)
        except ValueError:
            year = clock.today().year + 1
        arrangement = package_arrangement(year)
        days = "、".join(f"{day.isoformat()} {arrangement.names.get(day, '')}".strip()
                        for day in sorted(arrangement.days_off))
        form.base_fields["notice"].help_text = str(NOTICE_HELP) % {
            "year": year, "basis": str(BASIS_OFFICIAL if arrangement.official else BASIS_PROVISIONAL),
            "days": days or "—"}
        return form

    def save_formset(self, request, form, formset, change):
        # Inline days are records too: stamped with who entered them, under the same version rule.
        for day in formset.save(commit=False):
            if day.pk is None:
                day.created_by = request.user
            else:
                type(day).objects.filter(pk=day.pk).update(version=F("version") + 1)
                day.version += 1
            day.modified_by = request.user
            day.save()
        formset.save_m2m()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        year = form.instance
        _recount_after_entry(request, {year.year}, str(YEAR_ENTERED) % {"year": year.year, "notice": year.notice})
        if not year.days.active().exists():
            # Every notice so far moved some days (调休): a year with none is most likely not entered yet.
            messages.warning(request, str(NO_DAYS_ENTERED) % {"year": year.year})


@admin.register(CalendarDay)
class CalendarDayAdmin(RecountMessage, RecordAdmin):
    list_display = ("date", "kind", "name", "calendar_year")
    list_filter = (ArchivedFilter, "kind", "calendar_year")
    date_hierarchy = "date"
    fieldsets = [(None, {"fields": ("calendar_year", "date", "kind", "name")})]

    def save_model(self, request, obj, form, change):
        before = CalendarDay.objects.filter(pk=obj.pk).values_list("date", flat=True).first() if change else None
        super().save_model(request, obj, form, change)
        # The years whose notice may set the day, where it was and where it is now.
        years = {obj.date.year, obj.date.year + 1} | ({before.year, before.year + 1} if before else set())
        _recount_after_entry(request, years, str(DAY_CHANGED) % {"year": obj.calendar_year.year, "day": obj})


@admin.register(Deadline)
class DeadlineAdmin(RecordAdmin):
    list_display = ("title", "org_unit", "rule_code", "starts_on", "due_on", "provisional", "completed_on")
    list_filter = (ArchivedFilter, "provisional", "rule_code", "org_unit")
    search_fields = ("title",)
    date_hierarchy = "due_on"
    list_select_related = ("org_unit",)
    fieldsets = [(None, {"fields": ("title", "org_unit", "rule_code", "content_type", "object_id",
                                    "starts_on", "period_amount", "due_on", "provisional", "completed_on")})]


@admin.register(DueDateChange)
class DueDateChangeAdmin(RecordAdmin):
    list_display = ("deadline", "due_before", "due_after", "provisional_after", "reason", "created_on")
    list_select_related = ("deadline",)
    fieldsets = [(None, {"fields": ("deadline", "due_before", "due_after", "provisional_before",
                                    "provisional_after", "reason")})]
