"""Writes of normative documents: every transition of the lifecycle, checked and audited.

Each function is keyword-only, takes the acting `user` (None: the system, e.g. the demo loader
or the expiry command), asks the pure lifecycle (lifecycle.py) whether the move is allowed, checks
the user's role and unit, and writes through fazhi.core.services (history: who, when, what,
reason). Refusals raise FazhiError with a message from this module; each function runs in one
transaction, so a refusal leaves the data as it was.
"""

import datetime as dt
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.core.exceptions import FazhiError, PermissionDeniedError, cn_date, refuse
from fazhi.core.services import record_create, record_update
from fazhi.deadlines.calendar import add_months
from fazhi.deadlines.models import Deadline
from fazhi.deadlines.selectors import deadlines_for_record
from fazhi.deadlines.services import deadline_start, deadlines_complete_for
from fazhi.normative_documents import checking, lifecycle, permissions
from fazhi.normative_documents.constants import (
    MIN_MARKET_COMMENT_DAYS,
    PROVISIONAL_MARKERS,
    CleanupDecision,
    CleanupStatus,
    CommentResponse,
    DocumentStatus,
    EvaluationConclusion,
    FairCompetitionConclusion,
    ReviewOpinion,
)
from fazhi.normative_documents.deadline_rules import FILING, LEGALITY_REVIEW, VALIDITY
from fazhi.normative_documents.models import (
    Cleanup,
    CleanupItem,
    CollectiveDeliberation,
    FairCompetitionReview,
    LegalityReview,
    NormativeDocument,
    PublicComment,
)
from fazhi.normative_documents.selectors import latest_fair_competition_review

# --- messages (what the user reads; tests assert on them) -----------------------------------

REASON_REQUIRED = _("请填写原因。")
PENDING_NOT_AN_ANSWER = _("请选择结论（“待定”不是结论）。")
DATE_IN_FUTURE = _("%(what)s（%(date)s）晚于今天（%(today)s）：只能记录已经发生的事项，不能预填日期。")
DATE_BEFORE = _("%(what)s（%(date)s）不能早于%(other)s（%(other_date)s）。")
TEXT_REQUIRED = _("文件正文为空：请输入正文或上传草案文件后再报送合法性审核。")
TEXT_LOCKED = _("文件目前为“%(status)s”，正文和基本信息已不能修改。起草阶段（含公开征求意见）可以修改；"
                "审核意见为“修改后合法”的，可在集体审议前按审核意见修改正文。")
COMMENT_PERIOD_OPEN = _("公开征求意见截止日期为%(date)s，征求意见结束后才能报送合法性审核。")
COMMENT_PENDING = _("还有%(n)d条公开征求的意见未说明采纳情况，请逐条说明后再报送合法性审核。")
NO_COMMENT_REASON = _("未公开征求意见的，请填写理由（如依法需要保密、不涉及群众切身利益等；国办发〔2018〕37号）。")
COMMENT_OUTSIDE = _("收到日期（%(date)s）不在征求意见期间（%(start)s至%(end)s）内。")
COMMENT_NOT_OPEN = _("文件未公开征求意见，不能登记公开征求的意见。")
REVIEWER_LEGAL_OFFICE_ONLY = _("合法性审核意见只能由法制机构工作人员出具（国办发〔2018〕115号）。")
REVIEW_REASONS_REQUIRED = _("请填写审核意见及理由。")
DELIBERATION_NOT_REVIEWED = _("文件未经合法性审核或者经审核不合法，不得提交集体审议（国办发〔2018〕115号）。")
PUBLISH_TOO_LONG = _("有效期至%(until)s超过了%(kind)s文件的最长有效期%(years)d年（至%(limit)s）。")
PUBLISH_SIGNER_REQUIRED = _("请填写签发人。")
NUMBER_TAKEN = _("文号分配时与他人同时公布的文件冲突，请重新提交。")
ALREADY_FILED = _("该文件已于%(date)s报送备案。")
FILING_AUTHORITY_REQUIRED = _("请填写备案机关。")
CLEANUP_CLOSED = _("清理“%(name)s”的结果已公布，不能再修改。")
CLEANUP_NOT_IN_FORCE = _("“%(document)s”目前为“%(status)s”，只有现行有效的文件才列入清理。")
CLEANUP_DUPLICATE = _("“%(document)s”已列入本次清理。")
CLEANUP_UNDECIDED = _("还有%(n)d件文件未作出清理结论：%(titles)s。")
CLEANUP_EMPTY = _("本次清理尚未列入任何文件。")
CLEANUP_OFFICE_ONLY = _("规范性文件清理由法制机构组织，清理结论和清理结果只能由法制机构工作人员录入。")
CLEANUP_DECISION_REASON = _("“修改”或“废止”的清理结论须说明理由（如所依据的法律已修改或废止）。")
EVALUATE_NOT_DUE = _("文件有效期至%(until)s，尚未进入届满前的评估期（%(from)s起）。")
# 公平竞争审查条例 (国务院令第783号) 第十三条、第十八条; 优化营商环境条例 (国务院令第722号) 第六十二条.
FAIR_COMPETITION_MISSING = _("该文件涉及经营者经济活动，未经公平竞争审查的，不得出台（《公平竞争审查条例》第十八条）。"
                             "请起草单位在起草阶段开展公平竞争审查，记录审查结论（第十三条）后再%(action)s。")
FAIR_COMPETITION_VIOLATES = _("%(date)s的公平竞争审查认为该文件违反《公平竞争审查条例》第八条至第十一条规定且不符合"
                              "第十二条规定情形，不得出台（第十八条）。请修改文件并重新审查后再%(action)s。")
FAIR_COMPETITION_TOO_LATE = _("文件目前为“%(status)s”：公平竞争审查在文件出台前进行（《公平竞争审查条例》第十三条），"
                              "集体审议通过后不能再记录或更改。")
FAIR_COMPETITION_CONCLUSION_REQUIRED = _("请填写书面审查结论（《公平竞争审查条例》第十七条）。")
FAIR_COMPETITION_VIEWS_REQUIRED = _("请说明听取有关经营者、行业协会商会等利害关系人意见的情况"
                                    "（《公平竞争审查条例》第十六条）。")
FAIR_COMPETITION_EXCEPTION_TERM = _("适用《公平竞争审查条例》第十二条的，须写明合理的实施期限或者终止条件，"
                                    "并在审查结论中详细说明理由（第十二条、第十七条）。")
FAIR_COMPETITION_BODY_REQUIRED = _("请填写审查机构和审查人。")
MARKET_OFFICE_ONLY = _("是否涉及经营者经济活动由起草单位在起草时标明；起草阶段以外只能由法制机构认定。")
MARKET_DETERMINED = _("法制机构已认定该文件涉及经营者经济活动（须经公平竞争审查），起草单位不能取消。")
# Once reviewed, the review stands: unticking would let a measure found to breach 第八条至第十一条 be issued
# (公平竞争审查条例 第十八条).
MARKET_REVIEWED = _("该文件已作公平竞争审查，起草单位不能再取消“涉及经营者经济活动”；确不涉及的，请由法制机构认定。")
MARKET_UNCHANGED = _("文件已标明为“%(value)s”，无需重复认定。")
COMMENT_END_REQUIRED = _("请填写征求意见截止日期。")
MARKET_COMMENT_TOO_SHORT = _("该文件涉及经营者经济活动，向社会公开征求意见的期限一般不少于%(min)d日"
                             "（《优化营商环境条例》第六十二条）；征求意见期限为%(days)d日，缩短期限的须说明理由。")
MARKET_NO_COMMENT = _("该文件涉及经营者经济活动，除依法需要保密外，应当向社会公开征求意见（《优化营商环境条例》"
                      "第六十二条）；未公开征求意见的，请在理由中写明依法需要保密的依据。")
PROVISIONAL_KIND = "暂行、试行"  # the kind PUBLISH_TOO_LONG names for a provisional document

# --- the reasons the history keeps --------------------------------------------------------------
NOTE = "{what}：{reason}"  # an act and why, e.g. "合法性审核：不合法"
AFFECTS_MARKET, NOT_AFFECTS_MARKET = "涉及经营者经济活动", "不涉及经营者经济活动"
MARKED_BY_REVIEW = "公平竞争审查：涉及经营者经济活动"
MARKED_BY_OFFICE = "认定{value}：{reason}"
AMENDED_BY = "由{number}《{title}》修改"
# --- the titles of the deadlines it starts ------------------------------------------------------
REVIEW_DEADLINE = "《{title}》合法性审核（法制机构）"
FILING_DEADLINE = "{number}《{title}》报送备案"
VALIDITY_DEADLINE = "{number}《{title}》有效期届满，请于届满前评估"


def _not_future(day: dt.date, what: str) -> None:
    today = clock.today()
    if day > today:
        raise refuse(DATE_IN_FUTURE, what=what, date=cn_date(day), today=cn_date(today))


def _not_before(day: dt.date, what: str, other: dt.date | None, other_what: str) -> None:
    if other is not None and day < other:
        raise refuse(DATE_BEFORE, what=what, date=cn_date(day), other=other_what, other_date=cn_date(other))


def _actor(user, document: NormativeDocument) -> str:
    """The lifecycle actor `user` is for `document` (permissions.actor); PermissionDeniedError if none."""
    kind = permissions.actor(user, document)
    if kind is None:
        raise PermissionDeniedError()
    return kind


def _require(may, user, record, message=None) -> None:
    """Refuse unless `may(user, record)` (a permissions.may_<action>): with `message`, or as out of scope."""
    if not may(user, record):
        raise refuse(message) if message is not None else PermissionDeniedError()


def fair_competition_refusal(document: NormativeDocument, action: str, result: str | None = None) -> str | None:
    """Why a step towards issue waits for a fair competition review that allows it (第十八条), or None."""
    latest = latest_fair_competition_review(document) if document.affects_market_entities else None
    blocked = lifecycle.fair_competition_blocks(action, result, affects_market=document.affects_market_entities,
                                                latest=latest.conclusion if latest else None)
    label = lifecycle.TRANSITIONS[action].label
    if blocked == "missing":
        return str(FAIR_COMPETITION_MISSING) % {"action": label}
    if blocked == "violates":
        return str(FAIR_COMPETITION_VIOLATES) % {"date": cn_date(latest.reviewed_on), "action": label}
    return None


def _require_fair_competition(document: NormativeDocument, action: str, result: str | None = None) -> None:
    refusal = fair_competition_refusal(document, action, result)
    if refusal is not None:
        raise FazhiError(refusal)


def _move(user, document: NormativeDocument, action: str, result: str | None = None, *, reason: str = "",
          **changes) -> NormativeDocument:
    """Apply a lifecycle transition with the other changes of the same act, in one audited update."""
    try:
        target = lifecycle.transition(document.status, action, _actor(user, document), result)
    except lifecycle.TransitionError as error:
        raise FazhiError(str(error)) from error
    _require_fair_competition(document, action, result)
    label = lifecycle.TRANSITIONS[action].label
    note = NOTE.format(what=label, reason=reason) if reason else label
    return record_update(record=document, user=user, expected_version=document.version, reason=note[:100],
                         status=target.value, **changes)


def is_provisional(title: str) -> bool:
    return any(marker in title for marker in PROVISIONAL_MARKERS)


DRAFT_TOO_BIG = _("无法读取“%(name)s”：文件有%(size)sMB，超过了草案文件最多%(limit)sMB的上限。"
                  "请删除文件中的图片等嵌入内容后再上传，或将正文粘贴到“文件正文”中。")


def _store_draft(upload) -> tuple[str, ContentFile, str]:
    """Read an uploaded draft: its text (by the checker's reader) and a content-addressed copy.

    Within the caps FAZHI_DRAFT_MAX_UNZIPPED_BYTES and FAZHI_DRAFT_MAX_TEXT_CHARS; a draft over one is
    refused before anything is stored.
    """
    name = getattr(upload, "name", "") or "草案.txt"
    size, limit = getattr(upload, "size", None), settings.FAZHI_DRAFT_MAX_UNZIPPED_BYTES
    if size is not None and size > limit:  # not even read into memory
        raise checking.DraftUnreadable(DRAFT_TOO_BIG % {"name": name, "size": f"{size / (1 << 20):,.1f}",
                                                        "limit": f"{limit / (1 << 20):,.1f}"})
    data = upload.read()
    text = checking.read_uploaded_draft(data, name)
    digest = hashlib.sha256(data).hexdigest()
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else "bin"
    return text, ContentFile(data, name=f"{digest}.{suffix}"), name[:200]


# --- drafting ----------------------------------------------------------------------------------


@transaction.atomic
def document_create(*, user, title: str, drafting_unit, issuer, drafter: str, text: str = "", draft_file=None,
                    provisional: bool | None = None, amends: NormativeDocument | None = None,
                    affects_market_entities: bool = False) -> NormativeDocument:
    """Start a draft (起草). An uploaded .docx/.txt/.md is read into the text, and kept."""
    fields = {}
    if draft_file is not None:
        text, stored, name = _store_draft(draft_file)
        fields.update(draft_file=stored, draft_file_name=name)
    if amends is not None and amends.status != DocumentStatus.IN_FORCE:
        raise refuse(CLEANUP_NOT_IN_FORCE, document=amends.title, status=amends.get_status_display())
    return record_create(
        model=NormativeDocument, user=user, reason="起草", title=title.strip(), drafting_unit=drafting_unit,
        issuer=issuer, drafter=drafter.strip(), text=text.strip(),
        provisional=is_provisional(title) if provisional is None else provisional, amends=amends,
        affects_market_entities=bool(affects_market_entities), status=DocumentStatus.DRAFTING, **fields,
    )


_EDITABLE = {"title", "issuer", "drafter", "provisional", "text", "comment_channel", "affects_market_entities"}


@transaction.atomic
def document_update(*, user, document: NormativeDocument, expected_version: int, reason: str = "",
                    draft_file=None, **changes) -> NormativeDocument:
    """Revise a draft: while drafting or in public comment; the text also after a "lawful after changes" opinion."""
    unknown = set(changes) - _EDITABLE
    if unknown:
        raise ValueError(f"fields not editable here: {sorted(unknown)}")
    actor = _actor(user, document)
    if changes.get("affects_market_entities", True) is False and actor == lifecycle.Actor.DRAFTING_UNIT:
        if document.market_determined_by_office:
            raise refuse(MARKET_DETERMINED)
        if document.fair_competition_reviews.active().exists():
            raise refuse(MARKET_REVIEWED)
    editable = document.status in lifecycle.TEXT_EDITABLE
    if not editable and document.status == DocumentStatus.DELIBERATION:
        latest = document.reviews.active().order_by("-reviewed_on", "-pk").first()
        editable = latest is not None and latest.opinion == ReviewOpinion.LAWFUL_WITH_CHANGES and \
            set(changes) <= {"text"}
    if not editable:
        raise refuse(TEXT_LOCKED, status=document.get_status_display())
    if draft_file is not None:
        text, stored, name = _store_draft(draft_file)
        changes.update(text=text, draft_file=stored, draft_file_name=name)
    if "text" in changes:
        changes["text"] = changes["text"].strip()
    if "title" in changes:
        changes["title"] = changes["title"].strip()
    return record_update(record=document, user=user, expected_version=expected_version, reason=reason, **changes)


def comment_days(starts_on: dt.date, ends_on: dt.date) -> int:
    """The length of a comment period, its first and last day included."""
    return (ends_on - starts_on).days + 1


def default_comment_end(starts_on: dt.date) -> dt.date:
    """The end of the shortest period 优化营商环境条例 第六十二条 allows a document about operators: 30 days."""
    return starts_on + dt.timedelta(days=MIN_MARKET_COMMENT_DAYS - 1)


def _short_market_comment(document: NormativeDocument, starts_on: dt.date, ends_on: dt.date,
                          shortened_reason: str) -> str:
    """The reason kept for a period under 30 days of a document about operators; refuses one without a reason."""
    if not document.affects_market_entities:
        return ""
    days = comment_days(starts_on, ends_on)
    if days >= MIN_MARKET_COMMENT_DAYS:
        return ""
    reason = shortened_reason.strip() or document.comment_shortened_reason
    if not reason:
        raise refuse(MARKET_COMMENT_TOO_SHORT, min=MIN_MARKET_COMMENT_DAYS, days=days)
    return reason[:200]


@transaction.atomic
def document_open_comment(*, user, document: NormativeDocument, starts_on: dt.date, ends_on: dt.date | None = None,
                          channel: str, shortened_reason: str = "") -> NormativeDocument:
    """Publish the draft for public comment (公开征求意见) over a recorded period.

    A document about operators: 30 days when `ends_on` is not given, and no fewer without a stated reason
    (优化营商环境条例 第六十二条: 一般不少于30日).
    """
    if ends_on is None:
        if not document.affects_market_entities:
            raise refuse(COMMENT_END_REQUIRED)
        ends_on = default_comment_end(starts_on)
    if ends_on < starts_on:
        raise refuse(DATE_BEFORE, what="征求意见截止日期", date=cn_date(ends_on), other="开始日期",
                      other_date=cn_date(starts_on))
    _not_future(starts_on, "征求意见开始日期")
    shortened = _short_market_comment(document, starts_on, ends_on, shortened_reason)
    return _move(user, document, "open_comment", comment_starts_on=starts_on, comment_ends_on=ends_on,
                 comment_channel=channel.strip(), comment_shortened_reason=shortened,
                 reason=f"{cn_date(starts_on)}至{cn_date(ends_on)}")


@transaction.atomic
def comment_add(*, user, document: NormativeDocument, received_on: dt.date, source: str,
                content: str) -> PublicComment:
    """Record an opinion received during the comment period."""
    _require(permissions.may_comment, user, document)
    if document.comment_starts_on is None:
        raise refuse(COMMENT_NOT_OPEN)
    if not (document.comment_starts_on <= received_on <= document.comment_ends_on):
        raise refuse(COMMENT_OUTSIDE, date=cn_date(received_on), start=cn_date(document.comment_starts_on),
                      end=cn_date(document.comment_ends_on))
    _not_future(received_on, "收到日期")
    if document.status not in (DocumentStatus.COMMENT, DocumentStatus.DRAFTING):
        raise refuse(TEXT_LOCKED, status=document.get_status_display())
    return record_create(model=PublicComment, user=user, document=document, received_on=received_on,
                         source=source.strip(), content=content.strip())


@transaction.atomic
def comment_respond(*, user, comment: PublicComment, response: str, reason: str) -> PublicComment:
    """Say whether an opinion was adopted, and why (采纳情况)."""
    if response == CommentResponse.PENDING:
        raise ValidationError({"response": PENDING_NOT_AN_ANSWER})
    document = comment.document
    _require(permissions.may_respond, user, document)
    if document.status not in (DocumentStatus.COMMENT, DocumentStatus.DRAFTING):
        raise refuse(TEXT_LOCKED, status=document.get_status_display())
    CommentResponse(response)
    if response != CommentResponse.ADOPTED and not reason.strip():
        raise refuse(REASON_REQUIRED)
    return record_update(record=comment, user=user, expected_version=comment.version, response=response,
                         response_reason=reason.strip())


@transaction.atomic
def document_submit_review(*, user, document: NormativeDocument, submitted_on: dt.date,
                           no_comment_reason: str = "", shortened_reason: str = "") -> NormativeDocument:
    """Send the draft to the legal-affairs office (报送合法性审核); starts the review period.

    A document about operators goes only with a fair competition review that lets it be issued (公平竞争审查条例
    第十三条、第十八条), after public comment of 30 days or a stated reason (优化营商环境条例 第六十二条).
    """
    _not_future(submitted_on, "报送日期")
    if not document.text.strip():
        raise refuse(TEXT_REQUIRED)
    changes = {}
    if document.comment_starts_on is None:
        if not no_comment_reason.strip():
            raise refuse(NO_COMMENT_REASON)
        # 第六十二条第二款: 除依法需要保密外 — the only ground for not asking the public about such a document.
        if document.affects_market_entities and "保密" not in no_comment_reason:
            raise refuse(MARKET_NO_COMMENT)
        changes["no_comment_reason"] = no_comment_reason.strip()[:200]
    else:
        if submitted_on <= document.comment_ends_on:
            raise refuse(COMMENT_PERIOD_OPEN, date=cn_date(document.comment_ends_on))
        pending = document.comments.active().filter(response=CommentResponse.PENDING).count()
        if pending:
            raise refuse(COMMENT_PENDING, n=pending)
        # The document may have been marked as concerning operators after its comment period opened.
        shortened = _short_market_comment(document, document.comment_starts_on, document.comment_ends_on,
                                          shortened_reason)
        if shortened != document.comment_shortened_reason and shortened:
            changes["comment_shortened_reason"] = shortened
    document = _move(user, document, "submit_review", **changes)
    deadline_start(rule_code=LEGALITY_REVIEW.code, record=document, org_unit=document.drafting_unit,
                   starts_on=submitted_on, title=REVIEW_DEADLINE.format(title=document.title))
    return document


@transaction.atomic
def document_abandon(*, user, document: NormativeDocument, reason: str, on: dt.date | None = None) -> NormativeDocument:
    """Stop drafting (终止起草), with a reason."""
    if not reason.strip():
        raise refuse(REASON_REQUIRED)
    return _move(user, document, "abandon", reason=reason.strip(), ended_on=on or clock.today(),
                 end_reason=reason.strip()[:300])


# --- legality review and deliberation -----------------------------------------------------------


def _submitted_on(document: NormativeDocument) -> dt.date:
    deadline = deadlines_for_record(document).filter(rule_code=LEGALITY_REVIEW.code).order_by("-starts_on", "-pk")\
        .first()
    return deadline.starts_on if deadline is not None else clock.today()


@transaction.atomic
def document_review(*, user, document: NormativeDocument, opinion: str, reasons: str,
                    reviewed_on: dt.date) -> LegalityReview:
    """The legal-affairs office's opinion (合法性审核): lawful → deliberation; unlawful → back to drafting.

    The checker runs on the text as reviewed; its findings are stored with the review as advice.
    """
    _require(permissions.may_review, user, document, REVIEWER_LEGAL_OFFICE_ONLY)
    ReviewOpinion(opinion)
    if not reasons.strip():
        raise refuse(REVIEW_REASONS_REQUIRED)
    submitted_on = _submitted_on(document)
    _not_future(reviewed_on, "审核日期")
    _not_before(reviewed_on, "审核日期", submitted_on, "报送审核日期")
    label = ReviewOpinion(opinion).label
    text = document.text
    _move(user, document, "review", opinion, reason=str(label))
    review = record_create(
        model=LegalityReview, user=user, document=document, reviewer=user,
        reviewer_name=user.display_name if user is not None else "系统", submitted_on=submitted_on,
        reviewed_on=reviewed_on, opinion=opinion, reasons=reasons.strip(), reviewed_text=text,
        findings=checking.run_checker(text), checker_ran=True,
    )
    deadlines_complete_for(record=document, rule_code=LEGALITY_REVIEW.code, completed_on=reviewed_on)
    return review


@transaction.atomic
def document_deliberate(*, user, document: NormativeDocument, meeting: str, held_on: dt.date, outcome: str,
                        notes: str = "") -> CollectiveDeliberation:
    """Record the collective deliberation (集体审议); only a draft reviewed as lawful reaches it."""
    latest = document.reviews.active().order_by("-reviewed_on", "-pk").first()
    if document.status == DocumentStatus.DELIBERATION and (latest is None or latest.opinion == ReviewOpinion.UNLAWFUL):
        raise refuse(DELIBERATION_NOT_REVIEWED)
    _not_future(held_on, "会议日期")
    if latest is not None:
        _not_before(held_on, "会议日期", latest.reviewed_on, "合法性审核日期")
    fair = latest_fair_competition_review(document) if document.affects_market_entities else None
    if fair is not None:
        _not_before(held_on, "会议日期", fair.reviewed_on, "公平竞争审查日期")
    try:
        lifecycle.transition(document.status, "deliberate", _actor(user, document), outcome)
    except lifecycle.TransitionError as error:
        if document.status in (DocumentStatus.DRAFTING, DocumentStatus.COMMENT, DocumentStatus.REVIEW):
            raise refuse(DELIBERATION_NOT_REVIEWED) from error
        raise FazhiError(str(error)) from error
    from fazhi.normative_documents.constants import DeliberationOutcome

    changes = {}
    if outcome == DeliberationOutcome.REJECTED:
        changes.update(ended_on=held_on, end_reason=f"集体审议不予通过：{notes.strip()}"[:300])
    _move(user, document, "deliberate", outcome,
          reason=NOTE.format(what=meeting.strip(), reason=DeliberationOutcome(outcome).label), **changes)
    return record_create(model=CollectiveDeliberation, user=user, document=document, meeting=meeting.strip(),
                         held_on=held_on, outcome=outcome, notes=notes.strip())


# --- fair competition review (公平竞争审查) -------------------------------------------------------


def _before_adoption(document: NormativeDocument) -> None:
    if document.status not in lifecycle.BEFORE_ADOPTION:
        raise refuse(FAIR_COMPETITION_TOO_LATE, status=document.get_status_display())


@transaction.atomic
def document_fair_competition_review(*, user, document: NormativeDocument, reviewing_body: str, reviewer_name: str,
                                     reviewed_on: dt.date, conclusion: str, conclusion_text: str,
                                     stakeholder_views: str, exception_term: str = "") -> FairCompetitionReview:
    """Record the fair competition review of a draft (公平竞争审查条例 第十三条 to 第十八条).

    The drafting unit (or the legal office for it) records who reviewed, when, the conclusion and its written
    text, and how the operators concerned were heard; the text reviewed is kept. A document reviewed this way is
    one that concerns operators: it is marked so in the same act.
    """
    _require(permissions.may_fair_competition_review, user, document)
    _before_adoption(document)
    conclusion = FairCompetitionConclusion(conclusion)
    if not reviewing_body.strip() or not reviewer_name.strip():
        raise refuse(FAIR_COMPETITION_BODY_REQUIRED)
    if not conclusion_text.strip():
        raise refuse(FAIR_COMPETITION_CONCLUSION_REQUIRED)
    if not stakeholder_views.strip():
        raise refuse(FAIR_COMPETITION_VIEWS_REQUIRED)
    if conclusion == FairCompetitionConclusion.EXCEPTION and not exception_term.strip():
        raise refuse(FAIR_COMPETITION_EXCEPTION_TERM)
    _not_future(reviewed_on, "审查日期")
    if not document.affects_market_entities:
        document = record_update(record=document, user=user, expected_version=document.version,
                                 affects_market_entities=True, reason=MARKED_BY_REVIEW)
    return record_create(
        model=FairCompetitionReview, user=user, document=document, reviewing_body=reviewing_body.strip()[:200],
        reviewer=user, reviewer_name=reviewer_name.strip()[:100], reviewed_on=reviewed_on, conclusion=conclusion,
        conclusion_text=conclusion_text.strip(), stakeholder_views=stakeholder_views.strip(),
        exception_term=exception_term.strip()[:200] if conclusion == FairCompetitionConclusion.EXCEPTION else "",
        reviewed_text=document.text,
    )


@transaction.atomic
def document_mark_market(*, user, document: NormativeDocument, affects: bool, reason: str) -> NormativeDocument:
    """The legal office decides whether a draft concerns operators' economic activity (and so needs the review).

    Any time before adoption, with a reason; the drafting unit cannot undo the office's "yes".
    """
    if not permissions.is_office(user):
        raise refuse(MARKET_OFFICE_ONLY)
    _require(permissions.may_mark_market, user, document)
    _before_adoption(document)
    if not reason.strip():
        raise refuse(REASON_REQUIRED)
    affects = bool(affects)
    if affects == document.affects_market_entities and affects == document.market_determined_by_office:
        raise refuse(MARKET_UNCHANGED, value=AFFECTS_MARKET if affects else NOT_AFFECTS_MARKET)
    verdict = MARKED_BY_OFFICE.format(value=AFFECTS_MARKET if affects else NOT_AFFECTS_MARKET, reason=reason.strip())
    return record_update(record=document, user=user, expected_version=document.version,
                         affects_market_entities=affects, market_determined_by_office=affects, reason=verdict[:100])


# --- publication, filing, validity -------------------------------------------------------------


def validity_years(document: NormativeDocument) -> int:
    return (settings.FAZHI_NORMATIVE_PROVISIONAL_VALIDITY_YEARS if document.provisional
            else settings.FAZHI_NORMATIVE_VALIDITY_YEARS)


def longest_valid_until(document: NormativeDocument, effective_on: dt.date) -> dt.date:
    """The last day of the longest validity a document may have from `effective_on`."""
    return add_months(effective_on, 12 * validity_years(document)) - dt.timedelta(days=1)


def format_number(year: int, seq: int) -> str:
    return f"{settings.FAZHI_NORMATIVE_NUMBER_PREFIX}〔{year}〕{seq}号"


def _next_number(year: int) -> int:
    top = NormativeDocument.objects.filter(number_year=year).aggregate(top=Max("number_seq"))["top"]
    return (top or 0) + 1


@transaction.atomic
def document_publish(*, user, document: NormativeDocument, signed_by: str, signed_on: dt.date,
                     published_on: dt.date, effective_on: dt.date, channel: str,
                     valid_until: dt.date | None = None) -> NormativeDocument:
    """Sign and publish (统一登记、统一编号、统一印发): the platform gives the number; filing and validity start.

    The validity runs from `effective_on` for the configured years (2 for 暂行/试行), or less when
    `valid_until` says so. Publishing a document that amends another ends the other (已修改).
    """
    if not signed_by.strip():
        raise refuse(PUBLISH_SIGNER_REQUIRED)
    _not_future(signed_on, "签发日期")
    _not_future(published_on, "公布日期")
    held = document.deliberations.active().order_by("-held_on", "-pk").first()
    _not_before(signed_on, "签发日期", held.held_on if held else None, "集体审议日期")
    _not_before(published_on, "公布日期", signed_on, "签发日期")
    _not_before(effective_on, "施行日期", published_on, "公布日期")
    limit = longest_valid_until(document, effective_on)
    if valid_until is None:
        valid_until = limit
    elif valid_until > limit:
        raise refuse(PUBLISH_TOO_LONG, until=cn_date(valid_until), years=validity_years(document), limit=cn_date(limit),
                      kind=PROVISIONAL_KIND if document.provisional else "")
    _not_before(valid_until, "有效期至", effective_on, "施行日期")
    year = published_on.year
    try:
        with transaction.atomic():
            seq = _next_number(year)
            document = _move(user, document, "publish", reason=format_number(year, seq), signed_by=signed_by.strip(),
                             signed_on=signed_on, published_on=published_on, effective_on=effective_on,
                             publication_channel=channel.strip(), valid_until=valid_until, number_year=year,
                             number_seq=seq, number=format_number(year, seq))
    except IntegrityError as error:
        raise refuse(NUMBER_TAKEN) from error
    _start_filing(document)
    _start_validity(document)
    if document.amends_id:
        old = NormativeDocument.objects.get(pk=document.amends_id)
        if old.status == DocumentStatus.IN_FORCE:
            _end(user=None, document=old, action="amend", on=effective_on,
                 reason=AMENDED_BY.format(number=document.number, title=document.title))
    return document


def _start_filing(document: NormativeDocument) -> Deadline:
    # The period is a setting read at publication (the rule holds the default), kept on the deadline.
    return deadline_start(rule_code=FILING.code, record=document, org_unit=document.drafting_unit,
                          starts_on=document.published_on,
                          title=FILING_DEADLINE.format(number=document.number, title=document.title),
                          amount=settings.FAZHI_NORMATIVE_FILING_DAYS)


def _start_validity(document: NormativeDocument) -> Deadline:
    deadline = deadline_start(rule_code=VALIDITY.code, record=document, org_unit=document.drafting_unit,
                              starts_on=document.valid_until,
                              title=VALIDITY_DEADLINE.format(number=document.number, title=document.title))
    remind_on = add_months(document.valid_until, -settings.FAZHI_NORMATIVE_EXPIRY_REMINDER_MONTHS)
    if deadline.remind_on != remind_on:
        deadline = record_update(record=deadline, user=None, expected_version=deadline.version, remind_on=remind_on)
    return deadline


@transaction.atomic
def document_file(*, user, document: NormativeDocument, filed_on: dt.date, authority: str,
                  reference: str = "") -> NormativeDocument:
    """Record the filing (备案) with the higher authority; completes the filing deadline."""
    if document.filed_on is not None:
        raise refuse(ALREADY_FILED, date=cn_date(document.filed_on))
    if not authority.strip():
        raise refuse(FILING_AUTHORITY_REQUIRED)
    _not_future(filed_on, "备案日期")
    _not_before(filed_on, "备案日期", document.published_on, "公布日期")
    document = _move(user, document, "file", reason=authority.strip(), filed_on=filed_on,
                     filing_authority=authority.strip(), filing_reference=reference.strip())
    deadlines_complete_for(record=document, rule_code=FILING.code, completed_on=filed_on)
    return document


def evaluation_opens_on(document: NormativeDocument) -> dt.date | None:
    if document.valid_until is None:
        return None
    return add_months(document.valid_until, -settings.FAZHI_NORMATIVE_EXPIRY_REMINDER_MONTHS)


@transaction.atomic
def document_evaluate(*, user, document: NormativeDocument, evaluated_on: dt.date, conclusion: str,
                      opinion: str) -> NormativeDocument:
    """Evaluate a document before it expires (有效期届满前评估); completes the validity reminder."""
    EvaluationConclusion(conclusion)
    if not opinion.strip():
        raise refuse(REASON_REQUIRED)
    _not_future(evaluated_on, "评估日期")
    opens = evaluation_opens_on(document)
    if opens is not None and evaluated_on < opens:
        raise refuse(EVALUATE_NOT_DUE, until=cn_date(document.valid_until), **{"from": cn_date(opens)})
    document = _move(user, document, "evaluate", reason=str(EvaluationConclusion(conclusion).label),
                     evaluated_on=evaluated_on, evaluation_conclusion=conclusion, evaluation_opinion=opinion.strip())
    deadlines_complete_for(record=document, rule_code=VALIDITY.code, completed_on=evaluated_on)
    return document


def _end(*, user, document: NormativeDocument, action: str, on: dt.date, reason: str) -> NormativeDocument:
    document = _move(user, document, action, reason=reason, ended_on=on, end_reason=reason[:300])
    # A document that ends is no longer evaluated; an unfiled one stays visible as a late filing.
    deadlines_complete_for(record=document, rule_code=VALIDITY.code, completed_on=on)
    return document


@transaction.atomic
def document_repeal(*, user, document: NormativeDocument, repealed_on: dt.date, reason: str) -> NormativeDocument:
    """Repeal (废止) a document in force, with the reason."""
    if not reason.strip():
        raise refuse(REASON_REQUIRED)
    _not_future(repealed_on, "废止日期")
    _not_before(repealed_on, "废止日期", document.published_on, "公布日期")
    return _end(user=user, document=document, action="repeal", on=repealed_on, reason=reason.strip())


@transaction.atomic
def documents_expire(*, today: dt.date | None = None) -> list[NormativeDocument]:
    """Mark the documents in force whose validity ended before `today` as expired (失效); the system acts."""
    today = today or clock.today()
    ended = []
    for document in NormativeDocument.objects.active().filter(status=DocumentStatus.IN_FORCE, valid_until__lt=today):
        ended.append(_end(user=None, document=document, action="expire",
                          on=document.valid_until + dt.timedelta(days=1), reason="有效期届满"))
    return ended


# --- cleanup (清理) -------------------------------------------------------------------------------


def _require_open(cleanup: Cleanup) -> None:
    if cleanup.status != CleanupStatus.OPEN:
        raise refuse(CLEANUP_CLOSED, name=cleanup.name)


@transaction.atomic
def cleanup_create(*, user, name: str, trigger: str, basis: str, started_on: dt.date, documents=()) -> Cleanup:
    """Open a cleanup campaign (定期清理 or after a law changed) listing the documents to review."""
    _require(permissions.may_create_cleanup, user, None, CLEANUP_OFFICE_ONLY)
    _not_future(started_on, "开始日期")
    cleanup = record_create(model=Cleanup, user=user, name=name.strip(), trigger=trigger, basis=basis.strip(),
                            started_on=started_on, status=CleanupStatus.OPEN)
    for document in documents:
        cleanup_add_document(user=user, cleanup=cleanup, document=document)
    return cleanup


@transaction.atomic
def cleanup_add_document(*, user, cleanup: Cleanup, document: NormativeDocument) -> CleanupItem:
    _require(permissions.may_add_to_cleanup, user, cleanup, CLEANUP_OFFICE_ONLY)
    _require_open(cleanup)
    if document.status != DocumentStatus.IN_FORCE:
        raise refuse(CLEANUP_NOT_IN_FORCE, document=document.title, status=document.get_status_display())
    if CleanupItem.objects.filter(cleanup=cleanup, document=document).exists():
        raise refuse(CLEANUP_DUPLICATE, document=document.title)
    return record_create(model=CleanupItem, user=user, cleanup=cleanup, document=document)


@transaction.atomic
def cleanup_decide(*, user, item: CleanupItem, decision: str, reason: str, decided_on: dt.date) -> CleanupItem:
    """Decide keep / amend / repeal for one document, with the reason."""
    if decision == CleanupDecision.PENDING:
        raise ValidationError({"decision": PENDING_NOT_AN_ANSWER})
    _require(permissions.may_decide_cleanup, user, item.cleanup, CLEANUP_OFFICE_ONLY)
    _require_open(item.cleanup)
    CleanupDecision(decision)
    if decision in (CleanupDecision.AMEND, CleanupDecision.REPEAL) and not reason.strip():
        raise refuse(CLEANUP_DECISION_REASON)
    _not_future(decided_on, "决定日期")
    _not_before(decided_on, "决定日期", item.cleanup.started_on, "清理开始日期")
    return record_update(record=item, user=user, expected_version=item.version, decision=decision,
                         decision_reason=reason.strip(), decided_on=decided_on,
                         reason=NOTE.format(what=CleanupDecision(decision).label, reason=reason.strip())[:100])


@transaction.atomic
def cleanup_publish(*, user, cleanup: Cleanup, published_on: dt.date, summary: str) -> Cleanup:
    """Publish the result; every document decided "repeal" is repealed on that day."""
    _require(permissions.may_publish_cleanup, user, cleanup, CLEANUP_OFFICE_ONLY)
    _require_open(cleanup)
    _not_future(published_on, "公布日期")
    _not_before(published_on, "公布日期", cleanup.started_on, "清理开始日期")
    items = list(cleanup.items.active().select_related("document"))
    if not items:
        raise refuse(CLEANUP_EMPTY)
    undecided = [item for item in items if item.decision == CleanupDecision.PENDING]
    if undecided:
        raise refuse(CLEANUP_UNDECIDED, n=len(undecided), titles="、".join(i.document.title for i in undecided[:5]))
    for item in items:
        if item.decision == CleanupDecision.REPEAL and item.document.status == DocumentStatus.IN_FORCE:
            _end(user=user, document=item.document, action="repeal", on=published_on,
                 reason=NOTE.format(what=cleanup.name, reason=item.decision_reason))
    return record_update(record=cleanup, user=user, expected_version=cleanup.version, status=CleanupStatus.PUBLISHED,
                         published_on=published_on, result_summary=summary.strip(), reason="公布清理结果")
