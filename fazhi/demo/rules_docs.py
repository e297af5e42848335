"""Loads the demo zone's normative documents, major decisions and legal advisors through their services.

Idempotent: documents are found by title, decisions by title, advisors by licence number, contracts
by number; only what is missing is added. The 2022 figures reproduce the seed report (三):
5 区管委会规范性文件 reviewed, 1 repealed after the laws changed, every major decision reviewed for
legality before discussion, an advisor for every department, street and state enterprise.
"""

import datetime as dt

from fazhi.core import clock
from fazhi.demo import rules_docs_data as data
from fazhi.legal_advisors import services as advisors
from fazhi.legal_advisors.constants import COVERED_KINDS
from fazhi.legal_advisors.models import AdvisorContract, LegalAdvisor
from fazhi.major_decisions import services as decisions
from fazhi.major_decisions.models import DecisionCatalogue, MajorDecision
from fazhi.normative_documents import services as documents
from fazhi.normative_documents.constants import (
    CleanupDecision,
    CleanupTrigger,
    CommentResponse,
    DeliberationOutcome,
    DocumentStatus,
    FairCompetitionConclusion,
    ReviewOpinion,
)
from fazhi.normative_documents.models import Cleanup, NormativeDocument
from fazhi.organisation.models import OrgUnit

D = dt.date


class RulesDocsDemo:
    def __init__(self, *, units: dict, legal_user, today: dt.date | None = None):
        self.units, self.legal = units, legal_user
        self.today = today or clock.today()
        self.counts: dict[str, int] = {}

    def _count(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1

    def load(self) -> dict[str, int]:
        repealed = self._published(data.REPEALED_2019)
        current = [self._published(spec) for spec in data.DOCUMENTS_2022]
        self._cleanup([*current[:3], repealed], repealed)
        self._in_review(data.current_in_review(self.today))
        self._in_comment(data.current_comment(self.today))
        documents.documents_expire(today=self.today)
        self._decisions()
        self._advisors()
        return self.counts

    # --- normative documents -----------------------------------------------------------------

    def _draft(self, spec: data.Document, text: str) -> NormativeDocument:
        unit = self.units[spec.unit]
        return documents.document_create(user=None, title=spec.title, drafting_unit=unit,
                                         issuer=self.units[data.ISSUER], drafter=spec.drafter, text=text,
                                         affects_market_entities=spec.fair_competition is not None)

    def _fair_competition(self, document: NormativeDocument, spec: data.Document) -> NormativeDocument:
        reviewed_on, views = spec.fair_competition
        documents.document_fair_competition_review(
            user=None, document=document, reviewing_body=document.drafting_unit.name, reviewer_name=spec.drafter,
            reviewed_on=reviewed_on, conclusion=FairCompetitionConclusion.NO_EFFECT,
            # Reviewed in 2022, before 公平竞争审查条例 (in force 1 August 2024): under 国发〔2016〕34号 and its
            # 实施细则 (国市监反垄规〔2021〕2号), whose four standards the 条例 第八条至第十一条 took over.
            conclusion_text="对照《公平竞争审查制度实施细则》市场准入和退出、商品和要素自由流动、影响生产经营成本、"
                            "影响生产经营行为四类审查标准逐项审查：不具有排除、限制竞争效果。",
            stakeholder_views=views)
        document.refresh_from_db()
        return document

    def _comment(self, document: NormativeDocument, spec: data.Document, *, answer: bool = True) -> NormativeDocument:
        start, end = spec.comment
        documents.document_open_comment(user=None, document=document, starts_on=start, ends_on=end,
                                        channel="长兴岛经济技术开发区政府网站")
        document.refresh_from_db()
        comment = documents.comment_add(user=None, document=document, received_on=start + dt.timedelta(days=7),
                                        source="区工商业联合会", content="建议明确办理时限，并公开办理结果。")
        if answer:
            documents.comment_respond(user=None, comment=comment, response=CommentResponse.ADOPTED,
                                      reason="已在正文中明确")
        document.refresh_from_db()
        return document

    def _submit(self, document: NormativeDocument, on: dt.date) -> NormativeDocument:
        documents.document_submit_review(user=None, document=document, submitted_on=on,
                                         no_comment_reason="" if document.comment_starts_on else
                                         "属于政府内部管理或执行上级规定的事项，不直接涉及群众切身利益")
        document.refresh_from_db()
        return document

    def _published(self, spec: data.Document) -> NormativeDocument:
        found = NormativeDocument.objects.filter(title=spec.title).first()
        if found is not None:
            return found
        document = self._draft(spec, spec.unlawful_text or spec.text)
        self._count("documents")
        if spec.comment:
            document = self._comment(document, spec)
        if spec.fair_competition:
            document = self._fair_competition(document, spec)
        if spec.unlawful_text:
            document = self._submit(document, spec.submitted)
            documents.document_review(user=self.legal, document=document, opinion=ReviewOpinion.UNLAWFUL,
                                      reasons="第三条自行设定罚款，违反《中华人民共和国行政处罚法》第十六条，"
                                              "行政规范性文件不得设定行政处罚；请删除或改为依照上位法处理。",
                                      reviewed_on=spec.unlawful_on)
            document.refresh_from_db()
            documents.document_update(user=None, document=document, expected_version=document.version,
                                      text=spec.text, reason="按合法性审核意见修改")
            document.refresh_from_db()
            document = self._submit(document, spec.unlawful_on + dt.timedelta(days=3))
        else:
            document = self._submit(document, spec.submitted)
        documents.document_review(user=self.legal, document=document, opinion=ReviewOpinion.LAWFUL,
                                  reasons="制定主体、权限、程序和内容符合法律、法规、规章和国家政策规定。",
                                  reviewed_on=spec.reviewed)
        document.refresh_from_db()
        documents.document_deliberate(user=None, document=document, meeting="管委会主任办公会议",
                                      held_on=spec.deliberated, outcome=DeliberationOutcome.ADOPTED,
                                      notes="与会人员一致同意。")
        document.refresh_from_db()
        document = documents.document_publish(user=None, document=document, signed_by="管委会主任",
                                              signed_on=spec.published, published_on=spec.published,
                                              effective_on=spec.effective, channel="长兴岛经济技术开发区政府网站")
        documents.document_file(user=None, document=document, filed_on=spec.filed, authority=data.FILING_AUTHORITY,
                                reference=f"备{spec.filed.year}-{document.number_seq:03d}")
        document.refresh_from_db()
        return document

    def _cleanup(self, listed: list[NormativeDocument], repealed: NormativeDocument) -> None:
        spec = data.CLEANUP_2022
        if Cleanup.objects.filter(name=spec["name"]).exists():
            return
        in_force = [d for d in listed if d.status == DocumentStatus.IN_FORCE and d.published_on < spec["started"]]
        cleanup = documents.cleanup_create(user=None, name=spec["name"], trigger=CleanupTrigger.LAW_CHANGE,
                                           basis=spec["basis"], started_on=spec["started"], documents=in_force)
        for item in cleanup.items.select_related("document"):
            if item.document_id == repealed.pk:
                documents.cleanup_decide(user=None, item=item, decision=CleanupDecision.REPEAL,
                                         reason=spec["repeal_reason"], decided_on=spec["decided"])
            else:
                documents.cleanup_decide(user=None, item=item, decision=CleanupDecision.KEEP,
                                         reason="与修改后的法律、法规不抵触", decided_on=spec["decided"])
        cleanup.refresh_from_db()
        documents.cleanup_publish(user=None, cleanup=cleanup, published_on=spec["published"], summary=spec["summary"])
        self._count("cleanups")

    def _in_review(self, spec: data.Document) -> None:
        if NormativeDocument.objects.filter(title=spec.title).exists():
            return
        self._submit(self._draft(spec, spec.text), spec.submitted)
        self._count("documents")

    def _in_comment(self, spec: data.Document) -> None:
        if NormativeDocument.objects.filter(title=spec.title).exists():
            return
        self._comment(self._draft(spec, spec.text), spec, answer=False)
        self._count("documents")

    # --- major decisions ----------------------------------------------------------------------

    def _catalogue(self, year: int, published: dt.date) -> DecisionCatalogue:
        catalogue = DecisionCatalogue.objects.filter(year=year).first()
        if catalogue is None:
            catalogue = decisions.catalogue_create(user=None, year=year, decision_organ=self.units[data.ISSUER],
                                                   note=f"经党工委同意，{year}年度重大行政决策事项目录")
            if published <= self.today:
                decisions.catalogue_publish(user=None, catalogue=catalogue, published_on=published)
                catalogue.refresh_from_db()
        return catalogue

    def _decision(self, catalogue: DecisionCatalogue, spec: data.Decision) -> None:
        if MajorDecision.objects.filter(title=spec.title).exists():
            return
        decision = decisions.decision_add(user=None, catalogue=catalogue, title=spec.title,
                                          undertaking_unit=self.units[spec.unit])
        self._count("decisions")
        events = [(on, "skip", kind, reason) for kind, on, reason in spec.skips]
        events += [(completed, "step", kind, (started, people, summary))
                   for kind, completed, started, people, summary in spec.steps]
        for on, what, kind, detail in sorted(events, key=lambda e: (e[0], e[1] == "step")):
            decision.refresh_from_db()
            if what == "skip":
                decisions.step_skip(user=None, decision=decision, kind=kind, reason=detail, on=on)
                continue
            started, people, summary = detail
            extra = {}
            if kind == "legality_review":
                extra["opinion"] = "lawful_with_changes" if summary.startswith("修改后") else "lawful"
                user = self.legal
            else:
                user = None
            if kind == "collective_discussion":
                extra["outcome"] = "adopted"
            decisions.step_record(user=user, decision=decision, kind=kind, completed_on=on, started_on=started,
                                  people=people, summary=summary, **extra)
        decision.refresh_from_db()
        if decision.decided_on is not None and decision.status != "not_adopted":
            # 第三十一条: reported to the party working committee before it is issued; 第三十二条: published
            # (on the zone's government website) within days.
            reported = min(decision.decided_on + dt.timedelta(days=2), self.today)
            decisions.step_record(user=None, decision=decision, kind="party_report", completed_on=reported,
                                  people="区党工委会议", summary="党工委会议研究同意出台。")
            decision.refresh_from_db()
            decisions.decision_publish(user=None, decision=decision,
                                       published_on=min(decision.decided_on + dt.timedelta(days=5), self.today))
            decision.refresh_from_db()
        if spec.evaluated and spec.evaluated[0] <= self.today:
            decisions.decision_evaluate(user=None, decision=decision, evaluated_on=spec.evaluated[0],
                                        report=spec.evaluated[1])

    def _decisions(self) -> None:
        catalogue = self._catalogue(2022, D(2022, 1, 20))
        for spec in data.DECISIONS_2022:
            self._decision(catalogue, spec)
        for spec in MajorDecision.objects.filter(catalogue=catalogue, file_archived_on__isnull=True,
                                                 status__in=("decided", "evaluated")):
            decisions.decision_file_archive(user=None, decision=spec, archived_on=D(2022, 12, 28),
                                            reference=f"JC-2022-{spec.pk:03d}")
        current = data.current_decision(self.today)
        started = current.steps[0][2]  # the catalogue of the year its first step began, published by then
        self._decision(self._catalogue(started.year, min(D(started.year, 1, 15), started)), current)

    # --- legal advisors -----------------------------------------------------------------------

    def _advisors(self) -> None:
        retained = []
        for full_name, firm, licence, specialties in data.ADVISORS:
            advisor = LegalAdvisor.objects.filter(licence_number=licence).first()
            if advisor is None:
                advisor = advisors.advisor_create(user=None, full_name=full_name, firm=firm, licence_number=licence,
                                                  specialties=specialties)
                self._count("advisors")
            retained.append(advisor)
        served = list(OrgUnit.objects.active().filter(kind__in=COVERED_KINDS).order_by("sort_order", "code"))
        for index, unit in enumerate(served):
            advisor = retained[index % len(retained)]
            for year in sorted({2022, self.today.year}):
                number = f"FG-{year}-{unit.code}"
                if AdvisorContract.objects.filter(number=number).exists():
                    continue
                ends = D(year, 12, 31)
                if year == self.today.year and year != 2022 and unit.code == data.GAP_UNIT:
                    ends = data.gap_ended(self.today)
                contract = advisors.contract_create(user=None, advisor=advisor, org_unit=unit, number=number,
                                                    starts_on=D(year, 1, 1), ends_on=ends)
                self._count("contracts")
                if year == 2022:
                    advisors.work_record(user=None, contract=contract, kind="opinion", done_on=D(2022, 6, 15),
                                         title=f"为{unit.short_name or unit.name}出具法律意见书")


def load(*, units: dict, legal_user, today: dt.date | None = None) -> dict[str, int]:
    """Add what is missing of the demo documents, decisions and advisors; returns how many were added."""
    return RulesDocsDemo(units=units, legal_user=legal_user, today=today).load()
