"""Reads of 行政复议, scoped to the user, and the figures of a year: cases received, decided and corrected."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from fazhi.reconsideration.constants import CORRECTED_OUTCOMES
from fazhi.reconsideration.lifecycle import Status
from fazhi.reconsideration.models import Reconsideration


def reconsiderations_visible(user):
    return Reconsideration.objects.visible_to(user).active().select_related("respondent_unit")


def published_documents():
    """The zone's published normative documents, which a 附带审查 may name: public (the portal lists them)."""
    from fazhi.normative_documents.models import NormativeDocument

    return NormativeDocument.objects.active().filter(published_on__isnull=False)


def reconsiderations_of_year(year: int, unit=None):
    """Every case whose application copy arrived in `year` (被申请行政复议), of one unit if given."""
    rows = Reconsideration.objects.active().filter(copy_received_on__year=year)
    return rows if unit is None else rows.filter(respondent_unit=unit)


def decided(year: int, unit=None):
    return reconsiderations_of_year(year, unit).filter(status=Status.DECIDED)


def corrected(year: int, unit=None):
    """复议纠错: decisions that correct the respondent's act (constants.CORRECTED_OUTCOMES)."""
    return decided(year, unit).filter(outcome__in=CORRECTED_OUTCOMES)


def work_queue(user, today: dt.date) -> list:
    """The desk: answers due and overdue (an unanswered case is decided as if the act had no evidence, 第七十条),
    and 意见书 corrections to report."""
    from django.urls import reverse

    from fazhi.core.modules import WorkTally

    if not user.has_perm("reconsideration.change_all_reconsideration") and not user.has_perm(
            "reconsideration.change_own_unit_reconsideration"):
        return []
    rows = Reconsideration.objects.changeable_by(user).active()
    waiting = rows.filter(status=Status.RECEIVED)
    reports = rows.filter(opinion_received_on__isnull=False, opinion_reported_on__isnull=True)
    url = reverse("reconsideration:cases:list")
    return [WorkTally(_("待书面答复的行政复议案件"), waiting.count(), f"{url}?status={Status.RECEIVED}"),
            WorkTally(_("书面答复已逾期的行政复议案件"), waiting.filter(answer_due_on__lt=today).count(),
                      f"{url}?status={Status.RECEIVED}", tone="danger"),
            WorkTally(_("待报送意见书纠正情况的行政复议案件"), reports.count(), f"{url}?opinion_due=1",
                      tone="warning")]
