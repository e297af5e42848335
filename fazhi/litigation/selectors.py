"""Reads of 行政诉讼, scoped to the user, and the figures of a year: cases received, the head's appearance rate
and the loss rate (each with the records behind it)."""

import datetime as dt

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from fazhi.litigation.constants import LOST_OUTCOMES
from fazhi.litigation.lifecycle import Status
from fazhi.litigation.models import AdministrativeLitigation, CourtAppearance


def litigations_visible(user):
    return AdministrativeLitigation.objects.visible_to(user).active().select_related("defendant_unit")


def appearances_visible(user):
    return CourtAppearance.objects.visible_to(user).active().select_related("litigation__defendant_unit")


def litigations_of_year(year: int, unit=None):
    """Every lawsuit whose complaint copy arrived in `year` (本年度发生的行政诉讼案件), of one unit if given."""
    rows = AdministrativeLitigation.objects.active().filter(complaint_received_on__year=year)
    return rows if unit is None else rows.filter(defendant_unit=unit)


def _heard(rows, head_appeared: bool | None = None):
    hearings = CourtAppearance.objects.active().filter(litigation=OuterRef("pk"))
    if head_appeared is not None:
        hearings = hearings.filter(head_appeared=head_appeared)
    return rows.filter(Exists(hearings))


def heard(year: int, unit=None):
    """The year's lawsuits with at least one hearing recorded: the base of the appearance rate."""
    return _heard(litigations_of_year(year, unit))


def head_appeared(year: int, unit=None):
    """负责人出庭应诉的案件: the year's lawsuits where the head appeared at a hearing (行政诉讼法 第三条第三款).
    The rate per case (not per hearing) is the platform's definition (docs/law.md)."""
    return _heard(litigations_of_year(year, unit), head_appeared=True)


def closed(year: int, unit=None):
    return litigations_of_year(year, unit).filter(status=Status.CLOSED)


def lost(year: int, unit=None):
    """败诉: a judgment against the defendant (constants.LOST_OUTCOMES)."""
    return closed(year, unit).filter(outcome__in=LOST_OUTCOMES)


def work_queue(user, today: dt.date) -> list:
    """The desk: the defendant unit's lawsuits awaiting their defence, and those past the defence's due date."""
    from django.urls import reverse

    from fazhi.core.modules import WorkTally

    if not user.has_perm("litigation.change_all_administrativelitigation") and not user.has_perm(
            "litigation.change_own_unit_administrativelitigation"):
        return []
    waiting = AdministrativeLitigation.objects.changeable_by(user).active().filter(status=Status.RECEIVED)
    url = reverse("litigation:cases:list") + f"?status={Status.RECEIVED}"
    return [WorkTally(_("待提交答辩状的行政诉讼案件"), waiting.count(), url),
            WorkTally(_("答辩已逾期的行政诉讼案件"), waiting.filter(defence_due_on__lt=today).count(), url,
                      tone="danger")]
