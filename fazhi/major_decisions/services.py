"""Writes of major administrative decisions (《重大行政决策程序暂行条例》, 国务院令第713号).

Each function is keyword-only, takes the acting `user` (None: the system), checks role and unit,
writes through fazhi.core.services (history) and raises FazhiError with a message from this
module when it refuses; each runs in one transaction, so a refusal leaves the data as it was.
"""

import datetime as dt
import os

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.core.exceptions import FazhiError, PermissionDeniedError, cn_date, refuse
from fazhi.core.files import EVIDENCE, check_record_file, store_record_file
from fazhi.core.services import record_create, record_update
from fazhi.major_decisions import lifecycle, permissions
from fazhi.major_decisions.constants import (
    MAY_DISCUSS,
    MIN_COMMENT_DAYS,
    NOT_SKIPPABLE,
    SKIPPABLE,
    CatalogueStatus,
    DecisionStatus,
    DiscussionOutcome,
    ReviewOpinion,
    StepKind,
    StepState,
)
from fazhi.major_decisions.models import DecisionCatalogue, DecisionStep, MajorDecision, StepEvidence
from fazhi.major_decisions.selectors import latest_steps, missing_before_discussion

REASON_REQUIRED = _("请填写理由。")
DATE_IN_FUTURE = _("%(what)s（%(date)s）晚于今天（%(today)s）：只能记录已经发生的事项，不能预填日期。")
CATALOGUE_OFFICE_ONLY = _("重大行政决策事项目录由法制机构会同决策机关编制和公布。")
CATALOGUE_YEAR_TAKEN = _("%(year)d年度的目录已经存在。")
CATALOGUE_PUBLISHED = _("%(year)d年度的目录已于%(date)s公布。")
DECISION_CLOSED = _("决策“%(title)s”已%(state)s，不能再记录决策程序。")
STEP_NOT_SKIPPABLE = _("“%(step)s”不能省略：%(why)s")
NOT_SKIPPABLE_WHY = {
    StepKind.LEGALITY_REVIEW: _("决策草案提交决策机关讨论前，应当由负责合法性审查的部门进行合法性审查（第二十五条）。"),
    StepKind.COLLECTIVE_DISCUSSION: _("决策草案应当经决策机关常务会议或者全体会议讨论（第三十条）。"),
    StepKind.PARTY_REPORT: _("重大行政决策出台前应当按照规定向同级党委请示报告（第三十一条）。"),
}
REVIEW_LEGAL_OFFICE_ONLY = _("合法性审查意见只能由负责合法性审查的部门（法制机构）出具（第二十五条、第二十八条）。")
REVIEW_OPINION_REQUIRED = _("请选择合法性审查意见。")
DISCUSSION_OUTCOME_REQUIRED = _("请选择集体讨论的结果。")
DISCUSSION_NOT_REVIEWED = _("决策草案未经合法性审查或者经审查不合法，不得提交决策机关讨论（《重大行政决策程序暂行条例》"
                            "第二十五条）。目前%(state)s。")
DISCUSSION_REVIEW_NONE = _("尚无合法性审查意见")
DISCUSSION_REVIEW_UNLAWFUL = _("最近一次合法性审查（%(date)s）意见为不合法")
DISCUSSION_STEPS_MISSING = _("提交集体讨论前，须履行或依法说明未履行%(steps)s"
                             "（第二十九条：报送决策草案及各程序的材料）。")
PARTY_REPORT_TOO_EARLY = _("向同级党委请示报告在决策机关集体讨论决定之后、决策出台之前进行（第三十一条）。")
PARTY_REPORT_MISSING = _("决策出台前应当按照规定向同级党委请示报告（第三十一条），尚无请示报告的记录。")
DISCUSSION_BEFORE_REVIEW = _("集体讨论日期（%(date)s）不能早于合法性审查日期（%(review)s）。")
COMMENT_TOO_SHORT = _("公开征求意见的期限为%(days)d日，少于%(min)d日；因情况紧急等原因缩短期限的，"
                      "须说明理由（第十五条）。")
STEP_DATES = _("完成日期不能早于开始日期。")
NOT_DECIDED = _("决策“%(title)s”尚未作出决定。")
ALREADY_PUBLISHED = _("决策已于%(date)s公布。")
ALREADY_ARCHIVED = _("决策材料已于%(date)s归档（档案号%(ref)s）。")
ARCHIVE_INCOMPLETE = _("归档前须完成%(steps)s。")
EVALUATION_REQUIRED = _("请填写决策后评估报告。")
STEP_QUOTED = "“{label}”"  # a step named in a message; several are joined with 、
SHORTENED_REASON = "缩短征求意见期限的理由：{reason}\n{summary}"  # kept in the public participation step's summary


def step_list(kinds) -> str:
    """The steps of `kinds` as the messages name them: “公众参与”、“专家论证”."""
    return "、".join(STEP_QUOTED.format(label=StepKind(k).label) for k in kinds)


def _not_future(day: dt.date, what: str) -> None:
    today = clock.today()
    if day > today:
        raise refuse(DATE_IN_FUTURE, what=what, date=cn_date(day), today=cn_date(today))


def _actors(user, decision: MajorDecision) -> frozenset[str]:
    """The lifecycle actors `user` is for `decision` (permissions.actors); PermissionDeniedError if none."""
    kinds = permissions.actors(user, decision)
    if not kinds:
        raise PermissionDeniedError()
    return kinds


def _require(may, user, record, message) -> None:
    """Refuse with `message` unless `may(user, record)` (a permissions.may_<action>)."""
    if not may(user, record):
        raise refuse(message)


def _new_status(user, decision: MajorDecision, action: str, result: str | None = None) -> dict:
    """The status change of `action` as the lifecycle gives it: {"status": ...}, or {} when it stays."""
    try:
        target = lifecycle.transition(decision.status, action, _actors(user, decision), result)
    except lifecycle.TransitionError as error:
        raise FazhiError(str(error)) from error
    return {"status": target.value} if target != decision.status else {}


# --- the catalogue ---------------------------------------------------------------------------------


@transaction.atomic
def catalogue_create(*, user, year: int, decision_organ, note: str = "") -> DecisionCatalogue:
    """Start a year's catalogue of major decisions (第三条第三款)."""
    _require(permissions.may_create_catalogue, user, None, CATALOGUE_OFFICE_ONLY)
    if DecisionCatalogue.objects.filter(year=year).exists():
        raise refuse(CATALOGUE_YEAR_TAKEN, year=year)
    return record_create(model=DecisionCatalogue, user=user, year=year, decision_organ=decision_organ,
                         note=note.strip(), status=CatalogueStatus.DRAFT)


@transaction.atomic
def catalogue_publish(*, user, catalogue: DecisionCatalogue, published_on: dt.date) -> DecisionCatalogue:
    """Publish the catalogue (向社会公布, 第三条第三款)."""
    _require(permissions.may_publish_catalogue, user, catalogue, CATALOGUE_OFFICE_ONLY)
    if "publish" not in lifecycle.CATALOGUE_LIFECYCLE.actions_from(catalogue.status):
        raise refuse(CATALOGUE_PUBLISHED, year=catalogue.year, date=cn_date(catalogue.published_on))
    _not_future(published_on, "公布日期")
    actor = lifecycle.Actor.SYSTEM if user is None else lifecycle.Actor.LEGAL_OFFICE
    status = lifecycle.CATALOGUE_LIFECYCLE.transition(catalogue.status, "publish", actor)
    return record_update(record=catalogue, user=user, expected_version=catalogue.version,
                         status=status, published_on=published_on, reason="公布目录")


@transaction.atomic
def decision_add(*, user, catalogue: DecisionCatalogue, title: str, undertaking_unit,
                 summary: str = "") -> MajorDecision:
    """Add a decision to the catalogue, with the unit that undertakes it (决策承办单位)."""
    return record_create(model=MajorDecision, user=user, catalogue=catalogue, title=title.strip(),
                         undertaking_unit=undertaking_unit, summary=summary.strip(),
                         status=DecisionStatus.CATALOGUED)


# --- the five steps ----------------------------------------------------------------------------------

# The lifecycle's action that records a step of each kind (the others: "step").
STEP_ACTIONS = {StepKind.LEGALITY_REVIEW: "review", StepKind.COLLECTIVE_DISCUSSION: "discuss",
                StepKind.PARTY_REPORT: "party_report"}


def _require_open(decision: MajorDecision, kind: str) -> None:
    """Steps are recorded until the decision is made; the report to the party committee comes after (第三十一条),
    until the decision is issued (published). The lifecycle says in which statuses."""
    allowed = lifecycle.may_take(decision.status, STEP_ACTIONS.get(kind, "step"))
    if kind == StepKind.PARTY_REPORT:
        if not allowed:
            raise refuse(PARTY_REPORT_TOO_EARLY)
        if decision.published_on is not None:
            raise refuse(DECISION_CLOSED, title=decision.title, state=_("公布"))
        return
    if not allowed:
        raise refuse(DECISION_CLOSED, title=decision.title, state=decision.get_status_display())


def _attach(user, step: DecisionStep, upload) -> StepEvidence:
    # Stored once by digest (docs/decisions/0009), like every record file.
    stored = store_record_file(upload, os.path.basename(getattr(upload, "name", "") or "材料"), kind=EVIDENCE,
                               folder="major_decisions", storage=StepEvidence._meta.get_field("file").storage)
    evidence = StepEvidence(step=step, file=stored.name, original_name=stored.original_name, size=stored.size,
                            sha256=stored.sha256, created_by=user, modified_by=user)
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def step_record(*, user, decision: MajorDecision, kind: str, completed_on: dt.date, started_on: dt.date | None = None,
                people: str = "", summary: str = "", opinion: str = "", outcome: str = "",
                shortened_reason: str = "", files=()) -> DecisionStep:
    """Record a step done, with dates, people and evidence. Collective discussion needs a lawful review first."""
    _actors(user, decision)
    kind = StepKind(kind)
    _require_open(decision, kind)
    _not_future(completed_on, "完成日期")
    if started_on is not None and completed_on < started_on:
        raise refuse(STEP_DATES)
    if kind == StepKind.PUBLIC_PARTICIPATION and started_on is not None:
        days = (completed_on - started_on).days + 1
        if days < MIN_COMMENT_DAYS:
            if not shortened_reason.strip():
                raise refuse(COMMENT_TOO_SHORT, days=days, min=MIN_COMMENT_DAYS)
            summary = SHORTENED_REASON.format(reason=shortened_reason.strip(), summary=summary).strip()
    if kind == StepKind.LEGALITY_REVIEW:
        _require(permissions.may_review, user, decision, REVIEW_LEGAL_OFFICE_ONLY)
        if not opinion:
            raise refuse(REVIEW_OPINION_REQUIRED)
        ReviewOpinion(opinion)
        outcome = ""
    elif kind == StepKind.COLLECTIVE_DISCUSSION:
        if not outcome:
            raise refuse(DISCUSSION_OUTCOME_REQUIRED)
        DiscussionOutcome(outcome)
        _require_lawful_review(decision, completed_on)
        opinion = ""
    else:
        opinion = outcome = ""
    for upload in files:  # every file first: one refused after another was stored would leave that one behind
        check_record_file(upload, kind=EVIDENCE, name=os.path.basename(getattr(upload, "name", "") or "材料"))
    step = record_create(model=DecisionStep, user=user, decision=decision, kind=kind, state=StepState.DONE,
                         started_on=started_on, completed_on=completed_on, people=people.strip(),
                         summary=summary.strip(), opinion=opinion, outcome=outcome)
    for upload in files:
        _attach(user, step, upload)
    if kind == StepKind.PARTY_REPORT and completed_on < decision.decided_on:
        raise refuse(PARTY_REPORT_TOO_EARLY)
    changes = _new_status(user, decision, STEP_ACTIONS.get(kind, "step"), outcome or None)
    if kind == StepKind.COLLECTIVE_DISCUSSION and outcome == DiscussionOutcome.ADOPTED:
        changes.update(decided_on=completed_on, decision_text=summary.strip())
    elif kind == StepKind.COLLECTIVE_DISCUSSION and outcome == DiscussionOutcome.REJECTED:
        changes.update(decided_on=completed_on)
    if changes:
        record_update(record=decision, user=user,
                      expected_version=decision.version, reason=f"{kind.label}"[:100], **changes)
    return step


def _require_lawful_review(decision: MajorDecision, on: dt.date) -> None:
    """第二十五条: 未经合法性审查或者经审查不合法的，不得提交决策机关讨论 (探索性改革事项 may go with the legal risk
    stated, 第二款); and 第二十九条's materials."""
    review = DecisionStep.objects.active().filter(decision=decision, kind=StepKind.LEGALITY_REVIEW)\
        .order_by("-completed_on", "-pk").first()
    if review is None:
        raise refuse(DISCUSSION_NOT_REVIEWED, state=str(DISCUSSION_REVIEW_NONE))
    if review.opinion not in MAY_DISCUSS:
        raise refuse(DISCUSSION_NOT_REVIEWED,
                      state=str(DISCUSSION_REVIEW_UNLAWFUL) % {"date": cn_date(review.completed_on)})
    if on < review.completed_on:
        raise refuse(DISCUSSION_BEFORE_REVIEW, date=cn_date(on), review=cn_date(review.completed_on))
    missing = missing_before_discussion(decision)
    if missing:
        raise refuse(DISCUSSION_STEPS_MISSING, steps=step_list(missing))


@transaction.atomic
def step_skip(*, user, decision: MajorDecision, kind: str, reason: str, on: dt.date) -> DecisionStep:
    """Record that the law allows leaving a step out here, and why (never silently missing)."""
    _actors(user, decision)
    kind = StepKind(kind)
    _require_open(decision, kind)
    if kind in NOT_SKIPPABLE:
        raise refuse(STEP_NOT_SKIPPABLE, step=kind.label, why=NOT_SKIPPABLE_WHY[kind])
    if not reason.strip():
        raise refuse(REASON_REQUIRED)
    _not_future(on, "日期")
    step = record_create(model=DecisionStep, user=user, decision=decision, kind=kind, state=StepState.SKIPPED,
                         completed_on=on, skip_reason=reason.strip(), summary=str(SKIPPABLE[kind]),
                         reason=f"依法未履行{kind.label}"[:100])
    changes = _new_status(user, decision, "skip")
    if changes:
        record_update(record=decision, user=user, expected_version=decision.version, **changes)
    return step


@transaction.atomic
def evidence_attach(*, user, step: DecisionStep, upload) -> StepEvidence:
    """Add a file to a step's evidence (kept with its SHA-256)."""
    _actors(user, step.decision)
    if step.kind == StepKind.LEGALITY_REVIEW:
        _require(permissions.may_review, user, step.decision, REVIEW_LEGAL_OFFICE_ONLY)
    return _attach(user, step, upload)


# --- after the decision --------------------------------------------------------------------------


def _require_decided(decision: MajorDecision, action: str) -> None:
    if not lifecycle.may_take(decision.status, action):
        raise refuse(NOT_DECIDED, title=decision.title)


@transaction.atomic
def decision_publish(*, user, decision: MajorDecision, published_on: dt.date) -> MajorDecision:
    """Record the decision's publication (第三十二条), after the report to the party committee (第三十一条)."""
    _actors(user, decision)
    _require_decided(decision, "publish")
    if decision.published_on is not None:
        raise refuse(ALREADY_PUBLISHED, date=cn_date(decision.published_on))
    report = latest_steps(decision).get(StepKind.PARTY_REPORT)
    if report is None:
        raise refuse(PARTY_REPORT_MISSING)
    if published_on < report.completed_on:
        raise refuse(PARTY_REPORT_TOO_EARLY)
    _not_future(published_on, "公布日期")
    return record_update(record=decision, user=user, expected_version=decision.version, published_on=published_on,
                         reason="公布决策")


@transaction.atomic
def decision_evaluate(*, user, decision: MajorDecision, evaluated_on: dt.date, report: str) -> MajorDecision:
    """Record the post-decision evaluation (决策后评估, 第三十六条)."""
    _actors(user, decision)
    _require_decided(decision, "evaluate")
    if not report.strip():
        raise refuse(EVALUATION_REQUIRED)
    _not_future(evaluated_on, "评估日期")
    return record_update(record=decision, user=user, expected_version=decision.version, evaluated_on=evaluated_on,
                         evaluation_report=report.strip(), reason="决策后评估",
                         **_new_status(user, decision, "evaluate"))


@transaction.atomic
def decision_file_archive(*, user, decision: MajorDecision, archived_on: dt.date, reference: str) -> MajorDecision:
    """Archive the decision's file (过程记录和材料归档, 第三十三条): all steps recorded, decision made."""
    _actors(user, decision)
    if decision.file_archived_on is not None:
        raise refuse(ALREADY_ARCHIVED, date=cn_date(decision.file_archived_on), ref=decision.file_reference)
    _require_decided(decision, "archive_file")
    recorded = latest_steps(decision)
    # A decision not adopted is never issued, so it has no report to the party committee (第三十一条).
    required = [k for k in StepKind if k != StepKind.PARTY_REPORT or decision.status != DecisionStatus.NOT_ADOPTED]
    missing = [k for k in required if k not in recorded]
    if missing:
        raise refuse(ARCHIVE_INCOMPLETE, steps=step_list(missing))
    if not reference.strip():
        raise refuse(REASON_REQUIRED)
    _not_future(archived_on, "归档日期")
    return record_update(record=decision, user=user, expected_version=decision.version, file_archived_on=archived_on,
                         file_reference=reference.strip(), reason="决策材料归档")
