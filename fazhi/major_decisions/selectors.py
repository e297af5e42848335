"""Reads of major decisions: each decision's steps, the catalogue's figures."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from fazhi.core.modules import WorkItem
from fazhi.major_decisions.constants import STEP_ORDER, DecisionStatus, ReviewOpinion, StepKind, StepState
from fazhi.major_decisions.models import DecisionCatalogue, DecisionStep, MajorDecision

# The steps that must be done or lawfully left out before collective discussion (第三十一条).
BEFORE_DISCUSSION = (StepKind.PUBLIC_PARTICIPATION, StepKind.EXPERT_ARGUMENTATION, StepKind.RISK_ASSESSMENT,
                     StepKind.LEGALITY_REVIEW)


def latest_steps(decision: MajorDecision) -> dict[str, DecisionStep]:
    """The latest record of each step kind (a review may be repeated after an unlawful opinion)."""
    latest = {}
    for step in DecisionStep.objects.active().filter(decision=decision).order_by("completed_on", "pk"):
        latest[step.kind] = step
    return latest


def missing_before_discussion(decision: MajorDecision) -> list[str]:
    recorded = latest_steps(decision)
    return [kind for kind in BEFORE_DISCUSSION if kind not in recorded]


@dataclass(frozen=True)
class StepProgress:
    kind: str
    label: str
    step: DecisionStep | None
    state_label: str


def progress(decision: MajorDecision) -> list[StepProgress]:
    """The five steps in statutory order, each with its latest record (or none yet)."""
    recorded = latest_steps(decision)
    rows = []
    for kind in STEP_ORDER:
        step = recorded.get(kind)
        if step is None:
            label = _("未履行")
        elif step.state == StepState.SKIPPED:
            label = _("依法未履行：%(reason)s") % {"reason": step.skip_reason}
        elif kind == StepKind.LEGALITY_REVIEW:
            label = _("已审查：%(opinion)s") % {"opinion": step.get_opinion_display()}
        elif kind == StepKind.COLLECTIVE_DISCUSSION:
            label = _("已讨论：%(outcome)s") % {"outcome": step.get_outcome_display()}
        else:
            label = _("已履行")
        rows.append(StepProgress(kind, str(StepKind(kind).label), step, label))
    return rows


@dataclass(frozen=True)
class CatalogueStatistics:
    year: int
    catalogued: int
    decided: int
    reviewed_before_discussion: int  # decided ones with a lawful review dated before the discussion
    evaluated: int
    archived: int

    @property
    def review_coverage(self) -> float | None:
        return None if not self.decided else self.reviewed_before_discussion / self.decided


def catalogue_statistics(year: int) -> CatalogueStatistics:
    """A year's figures from the records; review coverage is the seed's 合法性审查全覆盖."""
    decisions = list(MajorDecision.objects.active().filter(catalogue__year=year))
    decided = [d for d in decisions if d.status in (DecisionStatus.DECIDED, DecisionStatus.EVALUATED)]
    reviewed = 0
    for decision in decided:
        review = DecisionStep.objects.active().filter(
            decision=decision, kind=StepKind.LEGALITY_REVIEW, completed_on__lte=decision.decided_on,
        ).exclude(opinion=ReviewOpinion.UNLAWFUL).exists()
        reviewed += review
    return CatalogueStatistics(
        year=year, catalogued=len(decisions), decided=len(decided), reviewed_before_discussion=reviewed,
        evaluated=sum(1 for d in decisions if d.evaluated_on), archived=sum(1 for d in decisions if d.file_archived_on),
    )


def published_catalogues():
    return DecisionCatalogue.objects.active().filter(published_on__isnull=False).order_by("-year")


def decided_in(start: dt.date, end: dt.date):
    return MajorDecision.objects.active().filter(decided_on__gte=start, decided_on__lte=end)


def work_queue(user, today) -> list[WorkItem]:
    """The desk's to-dos (its AppConfig's work queue): for the legal-affairs office, the decisions ready for the
    legality review (the earlier steps recorded, no lawful review yet)."""
    from django.urls import reverse

    if getattr(user, "role", None) != "legal_office":
        return []
    rows = []
    for decision in MajorDecision.objects.visible_to(user).active().filter(
            status__in=(DecisionStatus.CATALOGUED, DecisionStatus.IN_PROCEDURE)).select_related("undertaking_unit"):
        recorded = latest_steps(decision)
        earlier = (StepKind.PUBLIC_PARTICIPATION, StepKind.EXPERT_ARGUMENTATION, StepKind.RISK_ASSESSMENT)
        review = recorded.get(StepKind.LEGALITY_REVIEW)
        if all(k in recorded for k in earlier) and (review is None or review.opinion == ReviewOpinion.UNLAWFUL):
            rows.append(WorkItem(_("重大行政决策合法性审查"), decision.title, decision.undertaking_unit.name,
                                reverse("major_decisions:decisions:detail", args=[decision.pk])))
    return rows
