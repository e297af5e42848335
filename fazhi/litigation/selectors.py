"""Reads of 行政诉讼, scoped to the user, and the figures of a year: cases received, the head's appearance rate
and the loss rate (each with the records behind it)."""

import datetime as dt
from dataclasses import astuple, dataclass, fields

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.modules import percent
from fazhi.litigation.constants import LOST_OUTCOMES
from fazhi.litigation.lifecycle import Status
from fazhi.litigation.models import AdministrativeLitigation, CourtAppearance
from fazhi.reconsideration.constants import CORRECTED_OUTCOMES
from fazhi.reconsideration.lifecycle import Status as ReconsiderationStatus
from fazhi.reconsideration.models import Reconsideration
from fazhi.reconsideration.selectors import reconsiderations_of_year


def litigations_visible(user):
    return AdministrativeLitigation.objects.visible_to(user).active().select_related("defendant_unit")


def appearances_visible(user):
    return CourtAppearance.objects.visible_to(user).active().select_related("litigation__defendant_unit")


def litigations_of_year(year: int, unit=None):
    """Every lawsuit whose complaint copy arrived in `year` (本年度发生的行政诉讼案件), of one unit if given."""
    rows = AdministrativeLitigation.objects.active().filter(complaint_received_on__year=year)
    return rows if unit is None else rows.filter(defendant_unit=unit)


def _hearings():
    """The hearings of the lawsuit of the outer query."""
    return CourtAppearance.objects.active().filter(litigation=OuterRef("pk"))


def _heard(rows, head_appeared: bool | None = None):
    hearings = _hearings()
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


# --- 行政复议和行政应诉统计 (issue 19 item 5) ------------------------------------------------------------------


@dataclass(frozen=True)
class CaseFigures:
    """One row of the yearly table: reconsiderations (the unit as respondent) and lawsuits (as defendant)."""

    reconsidered: int = 0  # 被申请行政复议
    reconsideration_decided: int = 0
    corrected: int = 0  # 复议纠错
    sued: int = 0  # 被诉
    lawsuits_closed: int = 0
    lost: int = 0  # 败诉
    heard: int = 0
    head_appeared: int = 0  # 负责人出庭应诉

    def __add__(self, other: "CaseFigures") -> "CaseFigures":
        return CaseFigures(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))

    @property
    def correction_rate(self) -> float | None:
        return percent(self.corrected, self.reconsideration_decided)

    @property
    def loss_rate(self) -> float | None:
        return percent(self.lost, self.lawsuits_closed)

    @property
    def appearance_rate(self) -> float | None:
        return percent(self.head_appeared, self.heard)


def years_with_cases() -> set[int]:
    """Years with a lawsuit or a reconsideration received (the statistics page opens on the latest)."""
    return {day.year for day in (*AdministrativeLitigation.objects.active().dates("complaint_received_on", "year"),
                                 *Reconsideration.objects.active().dates("copy_received_on", "year"))}


def _counted(rows, key: str, **counts: Q) -> dict:
    """{group value: {name: count}} of `rows` grouped by `key`, each count over the rows meeting its condition."""
    grouped = rows.order_by().values(key).annotate(**{name: Count("pk", filter=q) for name, q in counts.items()})
    return {row[key]: row for row in grouped}


def case_figures_by(year: int, group: str, unit=None) -> dict:
    """{category or unit id: CaseFigures} of `year` (cases received that year), grouped by "category" or "unit"."""
    every = Q(pk__isnull=False)
    reconsidered = _counted(
        reconsiderations_of_year(year, unit), "category" if group == "category" else "respondent_unit",
        reconsidered=every, reconsideration_decided=Q(status=ReconsiderationStatus.DECIDED),
        corrected=Q(outcome__in=CORRECTED_OUTCOMES))
    sued = _counted(
        litigations_of_year(year, unit), "category" if group == "category" else "defendant_unit",
        sued=every, lawsuits_closed=Q(status=Status.CLOSED), lost=Q(outcome__in=LOST_OUTCOMES),
        heard=Q(Exists(_hearings())), head_appeared=Q(Exists(_hearings().filter(head_appeared=True))))
    names = [field.name for field in fields(CaseFigures)]
    merged = {key: {**reconsidered.get(key, {}), **sued.get(key, {})} for key in {*reconsidered, *sued}}
    return {key: CaseFigures(**{name: counts.get(name, 0) for name in names}) for key, counts in merged.items()}
