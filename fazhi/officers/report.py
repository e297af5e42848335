"""The officers' part of the annual report (seed report 四(二) 加强执法人员管理培训): the officers' training and
qualification exams (培训、考试N场次, 培训N人次) and the exams' pass rate.

Zone-wide the figures are the training statistics page's (selectors.training_statistics); for one unit, those
of the sessions and exams it organised, counted from the same records.
"""

from django.db.models import F
from django.utils.translation import gettext as _

from fazhi.core.modules import ATTENDANCES, PERCENT, SESSIONS, Figure, ReportSection, list_url, percent
from fazhi.officers import selectors
from fazhi.officers.models import Exam, ExamResult, Training, TrainingAttendance


def trainings(year: int, unit=None):
    """The training sessions held in the year (for a unit: those it organised)."""
    held = Training.objects.active().filter(held_on__year=year)
    return held if unit is None else held.filter(organiser=unit)


def exams(year: int, unit=None):
    held = Exam.objects.active().filter(held_on__year=year)
    return held if unit is None else held.filter(organiser=unit)


def attendances(year: int, unit=None):
    """Who attended those sessions, once a session (人次)."""
    return TrainingAttendance.objects.active().filter(training__in=trainings(year, unit))


def sittings(year: int, unit=None):
    return ExamResult.objects.active().filter(exam__in=exams(year, unit))


def passes(year: int, unit=None):
    return sittings(year, unit).filter(score__gte=F("exam__pass_mark"))


def report_section(year: int, unit=None) -> ReportSection:
    if unit is None:
        stats = selectors.training_statistics(year)
        counts = stats.sessions, stats.exams, stats.attendances, stats.passed, stats.exam_sittings
    else:
        counts = (trainings(year, unit).count(), exams(year, unit).count(), attendances(year, unit).count(),
                  passes(year, unit).count(), sittings(year, unit).count())
    sessions, exams_held, attended, passed, sat = counts
    statistics = list_url("officers:training_statistics", year=year)
    return ReportSection(_("执法人员管理培训"), (
        Figure(_("执法专题培训"), sessions, SESSIONS, url=list_url("officers:trainings:list", organiser=unit),
               records=lambda: trainings(year, unit)),
        Figure(_("执法资格考试"), exams_held, SESSIONS, url=list_url("officers:exams:list", organiser=unit),
               records=lambda: exams(year, unit)),
        Figure(_("参加培训"), attended, ATTENDANCES, url=statistics, records=lambda: attendances(year, unit)),
        Figure(_("考试合格率"), percent(passed, sat), PERCENT, url=statistics,
               records=lambda: passes(year, unit), of=lambda: sittings(year, unit)),
    ), year=year, unit=unit)
