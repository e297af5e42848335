"""Reads of normative documents: filing status, validity, yearly statistics, the public portal.

Other apps (the annual report, the portal) read normative documents only through these functions.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Min, Q, QuerySet

from fazhi.core import clock
from fazhi.core.modules import WorkItem
from fazhi.deadlines.selectors import deadlines_for_record
from fazhi.normative_documents.constants import (
    CleanupDecision,
    CleanupStatus,
    DocumentStatus,
    FilingStatus,
    ReviewOpinion,
)
from fazhi.normative_documents.deadline_rules import FILING
from fazhi.normative_documents.models import (
    Cleanup,
    CleanupItem,
    FairCompetitionReview,
    LegalityReview,
    NormativeDocument,
)


def latest_fair_competition_review(document: NormativeDocument) -> FairCompetitionReview | None:
    """The document's latest fair competition review: the one whose conclusion decides whether it may be issued."""
    return document.fair_competition_reviews.active().order_by("-reviewed_on", "-pk").first()


@dataclass(frozen=True)
class Filing:
    status: str  # FilingStatus value
    label: str
    due_on: dt.date | None = None
    filed_on: dt.date | None = None
    due_provisional: bool = False  # due_on counted on a year without an official holiday arrangement
    deadline_id: int | None = None  # the Deadline that tracks it (its page shows how due_on was counted)


def filing_authority_for(document: NormativeDocument) -> str:
    """Where the document is filed: a government's own with the government above it, a department's with its
    own government (《辽宁省规章规范性文件备案办法》第三条: 分别报上级人民政府和本级人民政府备案)."""
    from django.conf import settings

    from fazhi.organisation.constants import OrgUnitKind

    issuer = document.issuer
    if issuer.kind == OrgUnitKind.LEADERSHIP:
        return settings.FAZHI_HIGHER_GOVERNMENT
    government = issuer.parent
    while government is not None and government.kind != OrgUnitKind.LEADERSHIP:
        government = government.parent
    return government.name if government is not None else settings.FAZHI_HIGHER_GOVERNMENT


def filing_status(document: NormativeDocument, *, today: dt.date | None = None) -> Filing:
    """Whether a published document was filed on time, late, or is overdue (备案)."""
    today = today or clock.today()
    if document.published_on is None:
        return Filing(FilingStatus.NOT_PUBLISHED, str(FilingStatus.NOT_PUBLISHED.label))
    deadline = deadlines_for_record(document).filter(rule_code=FILING.code).order_by("pk").first()
    due, provisional, deadline_id = (
        (deadline.due_on, deadline.provisional, deadline.pk) if deadline is not None else (None, False, None))
    if document.filed_on is not None:
        code = FilingStatus.ON_TIME if due is None or document.filed_on <= due else FilingStatus.LATE
        return Filing(code, str(code.label), due, document.filed_on, provisional, deadline_id)
    code = FilingStatus.OVERDUE if due is not None and today > due else FilingStatus.PENDING
    return Filing(code, str(code.label), due, due_provisional=provisional, deadline_id=deadline_id)


def status_on(document: NormativeDocument, day: dt.date) -> str:
    """The status a reader should see on `day`: an expired document still marked in force shows as expired."""
    if document.status == DocumentStatus.IN_FORCE and document.valid_until and day > document.valid_until:
        return DocumentStatus.EXPIRED
    return document.status


def status_label_on(document: NormativeDocument, day: dt.date) -> str:
    return str(DocumentStatus(status_on(document, day)).label)


def latest_review(document: NormativeDocument) -> LegalityReview | None:
    return document.reviews.active().order_by("-reviewed_on", "-pk").first()


def reviews_pending(*, user=None) -> QuerySet[NormativeDocument]:
    """Drafts waiting for the legal-affairs office's review, oldest first."""
    rows = NormativeDocument.objects.active().filter(status=DocumentStatus.REVIEW)
    if user is not None:
        rows = rows.filter(pk__in=NormativeDocument.objects.visible_to(user).values("pk"))
    return rows.select_related("drafting_unit").order_by("modified_on")


# --- statistics --------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearlyStatistics:
    year: int
    reviewed: int  # documents whose legality was reviewed in the year (审核规范性文件N件)
    lawful_first_time: int  # of those, first review lawful (incl. lawful after changes)
    published: int
    filed: int
    filed_on_time: int
    repealed: int  # repealed in the year (废止N件)
    expired: int
    in_force_at_year_end: int

    @property
    def filed_on_time_rate(self) -> float | None:
        return None if not self.published else self.filed_on_time / self.published


def yearly_statistics(year: int, *, org_unit=None) -> YearlyStatistics:
    """The year's figures, computed from the records (not typed in)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    documents = NormativeDocument.objects.active()
    if org_unit is not None:
        documents = documents.filter(drafting_unit=org_unit)
    reviews = LegalityReview.objects.active().filter(document__in=documents)
    reviewed_ids = set(reviews.filter(reviewed_on__gte=first, reviewed_on__lte=last)
                       .values_list("document_id", flat=True))
    lawful_first = 0
    for document_id in reviewed_ids:
        first_review = reviews.filter(document_id=document_id).order_by("reviewed_on", "pk").first()
        if first_review.reviewed_on >= first and first_review.opinion != ReviewOpinion.UNLAWFUL:
            lawful_first += 1
    published = list(documents.filter(published_on__gte=first, published_on__lte=last))
    filed = [d for d in published if d.filed_on is not None]
    on_time = [d for d in filed if filing_status(d).status == FilingStatus.ON_TIME]
    ended = documents.filter(ended_on__gte=first, ended_on__lte=last)
    in_force = documents.filter(effective_on__lte=last).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=last))\
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=last))
    return YearlyStatistics(
        year=year, reviewed=len(reviewed_ids), lawful_first_time=lawful_first, published=len(published),
        filed=len(filed), filed_on_time=len(on_time),
        repealed=ended.filter(status=DocumentStatus.REPEALED).count(),
        expired=ended.filter(status=DocumentStatus.EXPIRED).count(),
        in_force_at_year_end=in_force.count(),
    )


def years_with_records() -> set[int]:
    """Years in which a document was reviewed or published: those the statistics have figures for."""
    published = NormativeDocument.objects.active().filter(published_on__isnull=False).dates("published_on", "year")
    reviewed = LegalityReview.objects.active().dates("reviewed_on", "year")
    return {day.year for day in (*published, *reviewed)}


def statistics_years() -> list[int]:
    first = NormativeDocument.objects.aggregate(first=Min("created_on"))["first"]
    review = LegalityReview.objects.aggregate(first=Min("reviewed_on"))["first"]
    this_year = clock.today().year
    start = min([d.year for d in (first, review) if d is not None] or [this_year])
    return list(range(this_year, start - 1, -1))


# --- public portal (no login) ------------------------------------------------------------------


@dataclass(frozen=True)
class PublicDocument:
    pk: int
    number: str
    title: str
    issuer: str
    published_on: dt.date
    effective_on: dt.date | None
    valid_until: dt.date | None
    status: str
    status_label: str
    ended_on: dt.date | None
    end_reason: str


def _public(document: NormativeDocument, today: dt.date) -> PublicDocument:
    status = status_on(document, today)
    return PublicDocument(
        pk=document.pk, number=document.number or "", title=document.title, issuer=document.issuer.name,
        published_on=document.published_on, effective_on=document.effective_on, valid_until=document.valid_until,
        status=status, status_label=str(DocumentStatus(status).label),
        ended_on=document.ended_on or (document.valid_until + dt.timedelta(days=1)
                                       if status == DocumentStatus.EXPIRED and document.valid_until else None),
        end_reason=document.end_reason,
    )


_PUBLISHED = (DocumentStatus.IN_FORCE, DocumentStatus.AMENDED, DocumentStatus.REPEALED, DocumentStatus.EXPIRED)


def portal_documents(*, today: dt.date | None = None, year: int | None = None) -> list[PublicDocument]:
    """Every published document as the public may read it, in force first; ended ones marked."""
    today = today or clock.today()
    rows = NormativeDocument.objects.active().filter(status__in=_PUBLISHED, published_on__isnull=False)
    if year is not None:
        rows = rows.filter(published_on__year=year)
    documents = [_public(d, today) for d in rows.select_related("issuer").order_by("-published_on", "-number_seq")]
    return sorted(documents, key=lambda d: d.status != DocumentStatus.IN_FORCE)


def portal_document(pk: int, *, today: dt.date | None = None) -> tuple[PublicDocument, str] | None:
    """One published document and its text, or None when it is not public."""
    document = NormativeDocument.objects.active().filter(pk=pk, status__in=_PUBLISHED,
                                                         published_on__isnull=False).select_related("issuer").first()
    if document is None:
        return None
    return _public(document, today or clock.today()), document.text


@dataclass(frozen=True)
class PublicCleanupItem:
    number: str
    title: str
    decision: str
    reason: str


@dataclass(frozen=True)
class PublicCleanup:
    name: str
    trigger: str
    basis: str
    published_on: dt.date
    summary: str
    items: list[PublicCleanupItem]


def portal_cleanups() -> list[PublicCleanup]:
    """Published cleanup results (清理结果), newest first."""
    result = []
    for cleanup in Cleanup.objects.active().filter(status=CleanupStatus.PUBLISHED).order_by("-published_on", "-pk"):
        items = CleanupItem.objects.active().filter(cleanup=cleanup).select_related("document").order_by("pk")
        result.append(PublicCleanup(
            name=cleanup.name, trigger=cleanup.get_trigger_display(), basis=cleanup.basis,
            published_on=cleanup.published_on, summary=cleanup.result_summary,
            items=[PublicCleanupItem(i.document.number or "", i.document.title,
                                     str(CleanupDecision(i.decision).label), i.decision_reason) for i in items],
        ))
    return result


def work_queue(user, today) -> list[WorkItem]:
    """The desk's to-dos (its AppConfig's work queue): drafts waiting for review, for a user who reviews them (the
    legal-affairs office)."""
    from django.urls import reverse

    if getattr(user, "role", None) != "legal_office":
        return []
    from django.utils.translation import gettext as _

    return [WorkItem(_("规范性文件合法性审核"), d.title, d.drafting_unit.name,
                     reverse("normative_documents:documents:check", args=[d.pk]))
            for d in reviews_pending(user=user)]
