"""Loads the demo zone's enforcement through the enforcement services, so the data obeys their rules.

Idempotent: every record is looked up by its natural key (name, code, ID number, certificate
number, case number) and only what is missing is added. Record files are a handful of sample
files stored once under MEDIA_ROOT (content-addressed), shared by the cases that use them.
"""

import datetime as dt
import random
import struct
import zlib
from decimal import Decimal

from django.core.files.base import ContentFile

from fazhi.core import clock
from fazhi.core.services import record_create, record_update
from fazhi.demo import enforcement_data as data
from fazhi.enforcement import selectors, services
from fazhi.enforcement.completeness import required_steps
from fazhi.enforcement.constants import (
    DEFAULT_LARGE_FINE_ENTITY,
    DEFAULT_LARGE_FINE_PERSON,
    InspectionStatus,
    MajorCriterionKind,
    MatterKind,
    StepKind,
)
from fazhi.enforcement.models import (
    CaseStep,
    EnforcementBody,
    EnforcementCase,
    EnforcementMatter,
    MajorCriterion,
    SpecialInspection,
)
from fazhi.market_entities.models import MarketEntity
from fazhi.officers.constants import ExamKind
from fazhi.officers.models import (
    CertificateApplication,
    EnforcementCertificate,
    Exam,
    ExamResult,
    Officer,
    Training,
    TrainingAttendance,
)
from fazhi.officers.selectors import officer_valid_certificate
from fazhi.officers.services import (
    attendance_add,
    certificate_application_approve,
    certificate_application_reject,
    certificate_application_submit,
    certificate_issue,
    certificate_suspend,
    exam_record,
    exam_result_record,
    officer_create,
    training_record,
)

D = dt.date
YEAR = 2022

_LARGE_FINE = "行政处罚法 第五十八条、第六十三条；省定较大数额罚款标准"
CRITERIA = (
    (MajorCriterionKind.FINE_ENTITY, DEFAULT_LARGE_FINE_ENTITY, _LARGE_FINE),
    (MajorCriterionKind.FINE_PERSON, DEFAULT_LARGE_FINE_PERSON, _LARGE_FINE),
    (MajorCriterionKind.LICENCE_REVOCATION, None, "行政处罚法 第五十八条、第六十三条"),
    (MajorCriterionKind.CLOSURE, None, "行政处罚法 第五十八条、第六十三条"),
    (MajorCriterionKind.HEARING, None, "国办发〔2018〕118号 四(十二)：经过听证程序作出的执法决定"),
)

# Veterans (by ordinal) whose certificates expire within 90 days of today / already ran out.
EXPIRING_SOON = {2, 8, 13, 19, 25, 31, 33, 35}
EXPIRED = {4, 10, 16, 22, 28, 34}
NEW_OFFICER_FAILING = {3, 17, 29, 41, 55}
NEW_OFFICER_REJECTED = 47  # passed, but the application is refused
RENEWAL_FAILING = {7, 23, 38, 51}
# Cases entered afterwards from paper files: decided before the platform checked for review.
BACKFILLED = {"DEPT-STJ-2022-0001", "DEPT-ZRJ-2022-0001"}
# Decisions left unpublished (they show as overdue), and cases whose records are incomplete.
UNPUBLISHED = {"DEPT-SJJ-2022-0008", "DEPT-ZHZF-2022-0006"}
PERSON_MATTERS = {"NYJ-CF-002", "ZHZF-CF-002"}


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    raw = b"".join(b"\x00" + bytes((90, 120, 160)) * 8 for _ in range(8))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _wav() -> bytes:
    samples = b"\x00\x00" * 800  # 0.1 s of silence, 8 kHz mono 16-bit
    header = struct.pack("<4sI4s4sIHHIIHH4sI", b"RIFF", 36 + len(samples), b"WAVE", b"fmt ", 16, 1, 1, 8000,
                         16000, 2, 16, b"data", len(samples))
    return header + samples


def _sample_files() -> dict[tuple[str, str], tuple[str, bytes]]:
    files = {}
    for step in StepKind:
        text = f"【演示样例】{step.label}文书\n本文件为演示数据，不含真实案件信息。\n".encode()
        files[(step.value, "written")] = (f"{step.label}文书.txt", text)
        files[(step.value, "photo")] = (f"{step.label}现场照片.png", _png())
        files[(step.value, "audio_visual")] = (f"{step.label}执法记录仪音频.wav", _wav())
    return files


class EnforcementDemo:
    def __init__(self, *, units: dict, legal_user, officer_user=None, today: dt.date | None = None):
        self.units = units
        self.legal = legal_user
        self.officer_user = officer_user
        self.today = today or clock.today()
        self.rng = random.Random(YEAR)
        self.names: set[str] = set()
        self.files = _sample_files()
        self.counts: dict[str, int] = {}
        self.veterans: dict[str, list[Officer]] = {}

    def _count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def load(self) -> dict[str, int]:
        self._criteria()
        bodies = self._bodies()
        new, lapsed = self._officers(bodies)
        self._training(new, lapsed)
        self._cases(bodies)
        self._special_inspection(bodies)
        self._suspend_one()
        return self.counts

    # --- reference data -------------------------------------------------------------------

    def _criteria(self) -> None:
        for kind, threshold, source in CRITERIA:
            if not MajorCriterion.objects.filter(kind=kind).exists():
                services.major_criterion_set(user=None, kind=kind, fine_threshold=threshold, legal_source=source)

    def _bodies(self) -> list[tuple[data.Body, EnforcementBody]]:
        result = []
        for spec in data.BODIES:
            unit = self.units[spec.unit_code]
            name = data.ZONE_PREFIX + unit.name
            body = EnforcementBody.objects.filter(name=name).first() or services.body_create(
                user=None, org_unit=unit, name=name, legal_basis=spec.legal_basis, fields=spec.fields)
            for matter in spec.matters:
                if not EnforcementMatter.objects.filter(code=matter.code).exists():
                    services.matter_create(user=None, body=body, code=matter.code, name=matter.name, kind=matter.kind,
                                           legal_basis=matter.legal_basis)
                    self._count("matters")
            result.append((spec, body))
        return result

    # --- officers and certificates ----------------------------------------------------------

    def _name(self) -> str:
        while True:
            name = self.rng.choice(data.SURNAMES) + "".join(
                self.rng.choice(data.GIVEN) for _ in range(self.rng.choice((1, 2, 2))))
            if name not in self.names:
                self.names.add(name)
                return name

    def _officer(self, n: int, unit, position: str, *, name: str | None = None, account=None) -> Officer:
        generated = self._name()  # drawn even when the officer exists, so names stay stable across runs
        number = data.fake_id_number(n)
        existing = Officer.objects.filter(id_number=number).first()
        if existing is not None:
            return existing
        self._count("officers")
        return officer_create(user=None, org_unit=unit, full_name=name or generated, id_number=number,
                              phone=data.fake_mobile(n), position=position, account=account)

    def _certificate(self, officer: Officer, field: str, number: str, valid_from: dt.date,
                     valid_until: dt.date) -> EnforcementCertificate:
        existing = EnforcementCertificate.objects.filter(number=number).first()
        if existing is not None:
            return existing
        self._count("certificates")
        return certificate_issue(user=None, officer=officer, number=number, issuer=data.ISSUER,
                                 area=data.AREA, field=field, valid_from=valid_from, valid_until=valid_until)

    def _officers(self, bodies) -> tuple[list[tuple[Officer, str]], list[tuple[Officer, str]]]:
        n = veteran = newcomer = lapser = 0
        new: list[tuple[Officer, str]] = []
        lapsed: list[tuple[Officer, str]] = []
        for spec, body in bodies:
            veterans, newcomers, lapsers = spec.officers
            self.veterans[spec.unit_code] = []
            for _ in range(veterans):
                n += 1
                demo_officer = spec.unit_code == "DEPT-SJJ" and veteran == 0 and self.officer_user is not None
                officer = self._officer(n, body.org_unit, "执法队长" if veteran % 3 == 0 else "执法队员",
                                        name="陈执法" if demo_officer else None,
                                        account=self.officer_user if demo_officer else None)
                valid_from = D(2019, 1, 2) + dt.timedelta(days=23 * veteran)
                if veteran in EXPIRING_SOON:
                    valid_until = self.today + dt.timedelta(days=12 + 2 * veteran)
                elif veteran in EXPIRED:
                    valid_until = self.today - dt.timedelta(days=40 + 9 * veteran)
                else:
                    valid_until = self.today + dt.timedelta(days=365 + 17 * veteran)
                self._certificate(officer, spec.fields, f"辽执{valid_from.year}{n:04d}", valid_from, valid_until)
                self.veterans[spec.unit_code].append(officer)
                veteran += 1
            for _ in range(newcomers):
                n += 1
                new.append((self._officer(n, body.org_unit, "执法队员"), spec.fields))
                newcomer += 1
            for _ in range(lapsers):
                n += 1
                officer = self._officer(n, body.org_unit, "执法队员")
                valid_until = D(2021, 5, 1) + dt.timedelta(days=9 * lapser)
                valid_from = valid_until.replace(year=valid_until.year - data.CERTIFICATE_YEARS) + dt.timedelta(days=1)
                self._certificate(officer, spec.fields, f"辽执{valid_from.year}{n:04d}", valid_from, valid_until)
                lapsed.append((officer, spec.fields))
                lapser += 1
        return new, lapsed

    # --- training, exams, applications ------------------------------------------------------

    def _session(self, spec: tuple, exam_on: dt.date, kind: str, trainees: list[tuple[Officer, str]],
                 failing: set[int], certificates_from: dt.date, rejected: int | None = None) -> None:
        organiser = self.units[data.TRAINING_ORGANISER]
        topic, held_on, hours, trainer = spec
        training = Training.objects.filter(topic=topic, held_on=held_on).first() or training_record(
            user=None, organiser=organiser, topic=topic, held_on=held_on, hours=hours, trainer=trainer)
        exam = Exam.objects.filter(held_on=exam_on, kind=kind).first() or exam_record(
            user=None, organiser=organiser, held_on=exam_on, kind=kind, pass_mark=60, training=training)
        valid_until = certificates_from.replace(year=certificates_from.year + data.CERTIFICATE_YEARS) \
            - dt.timedelta(days=1)
        for index, (officer, field) in enumerate(trainees):
            score = self.rng.randint(38, 58) if index in failing else self.rng.randint(62, 98)
            if not TrainingAttendance.objects.filter(training=training, officer=officer).exists():
                attendance_add(user=None, training=training, officer=officer)
                self._count("attendances")
            result = ExamResult.objects.filter(exam=exam, officer=officer).first()
            if result is None:
                result = exam_result_record(user=None, exam=exam, officer=officer, score=score)
            if not result.passed or CertificateApplication.objects.filter(exam_result=result).exists():
                continue
            application = certificate_application_submit(user=None, exam_result=result,
                                                         applied_on=exam_on + dt.timedelta(days=7))
            self._count("applications")
            if index == rejected:
                certificate_application_reject(user=None, application=application,
                                               reason="申请人为劳务派遣人员，不属于在编在岗执法人员")
                continue
            certificate_application_approve(
                user=None, application=application, number=f"辽执{certificates_from.year}{officer.pk:05d}",
                issuer=data.ISSUER, area=data.AREA, field=field, valid_from=certificates_from, valid_until=valid_until)
            self._count("certificates")

    def _training(self, new, lapsed) -> None:
        self._session(data.NEW_OFFICER_TRAINING, data.NEW_OFFICER_EXAM, ExamKind.NEW_OFFICER, new,
                      NEW_OFFICER_FAILING, data.NEW_CERTIFICATES_FROM, rejected=NEW_OFFICER_REJECTED)
        self._session(data.RENEWAL_TRAINING, data.RENEWAL_EXAM, ExamKind.RENEWAL, lapsed, RENEWAL_FAILING,
                      data.RENEWED_CERTIFICATES_FROM)

    # --- cases ------------------------------------------------------------------------------

    def _attach(self, case: EnforcementCase, step: CaseStep, kinds, skip: set[str] = frozenset()) -> None:
        for kind in sorted(kinds):
            if kind in skip:
                continue
            name, content = self.files[(step.kind, kind)]
            services.process_record_attach(user=None, step=step, kind=kind, file=ContentFile(content, name=name))
            self._count("records")

    def _party(self, matter: data.Matter, index: int, entities: list[MarketEntity], n: int) -> dict:
        if entities and matter.code not in PERSON_MATTERS and index % 4 != 3:
            return {"party_entity": entities[self.rng.randrange(len(entities))]}
        return {"party_name": self._name(), "party_id_number": data.fake_id_number(500 + n)}

    def _text(self, case: EnforcementCase, matter: data.Matter, decision_kind: str, fine: Decimal | None) -> str:
        if case.party_entity_id:
            entity = case.party_entity
            party = f"当事人：{entity.name}，统一社会信用代码：{entity.uscc}，住所：{entity.address}。"
        else:
            party = (f"当事人：{case.party_name}，身份证号码：{case.party_id_number}，"
                     f"联系电话：{data.fake_mobile(900 + case.pk % 100)}。")
        outcome = f"决定对当事人处以罚款人民币{fine:,.2f}元" if decision_kind == "fine" else {
            "warning": "决定对当事人给予警告，并责令立即改正",
            "detention": "决定对涉案物品、设施予以查封、扣押，期限三十日",
            "permit_granted": "经审查，申请材料齐全、符合法定形式，决定准予许可",
            "other": "决定依法组织强制拆除",
        }[decision_kind]
        return (f"{party}\n经查，当事人{matter.violation}。上述事实有现场检查笔录、询问笔录、现场照片等证据证实。"
                f"\n依据{matter.legal_basis}，{outcome}。\n当事人如不服本决定，可以在收到本决定书之日起六十日内申请"
                f"行政复议，或者在六个月内依法提起行政诉讼。")

    def _cases(self, bodies) -> None:
        entities = list(MarketEntity.objects.filter(registration_status="active").order_by("uscc")[:400])
        serial = 0
        for body_index, (spec, body) in enumerate(bodies):
            for index in range(spec.cases):
                serial += 1
                number = f"{spec.unit_code}-{YEAR}-{index + 1:04d}"
                matter_spec = spec.matters[index % len(spec.matters)]
                party = self._party(matter_spec, index, entities, serial)
                amount = Decimal(self.rng.randrange(matter_spec.fine[0], matter_spec.fine[1] + 1, 500)) \
                    if matter_spec.decision == "fine" else None
                opened_on = D(YEAR, 2, 14) + dt.timedelta(days=(index * 37 + body_index * 11) % 265)
                if EnforcementCase.objects.filter(number=number).exists():
                    continue
                self._case(spec, body, number, matter_spec, party, amount, opened_on, serial)

    def _case(self, spec, body, number, matter_spec, party, amount, opened_on, serial) -> None:
        matter = EnforcementMatter.objects.get(code=matter_spec.code)
        case = services.case_open(user=None, body=body, matter=matter, number=number, opened_on=opened_on,
                                  summary=matter_spec.violation, **party)
        self._count("cases")
        required = dict(required_steps(case.kind, had_hearing=True, is_major=True))
        incomplete = serial % 6 == 0  # the 全过程记录 gap the special inspection finds
        self._attach(case, case.steps.get(kind=StepKind.FILING), required[StepKind.FILING])
        pool = [o for o in self.veterans[spec.unit_code] if officer_valid_certificate(o, opened_on)]
        for officer in (pool[serial % len(pool)], pool[(serial + 1) % len(pool)]):
            services.case_assign_officer(user=None, case=case, officer=officer, on=opened_on, back_entry=True)

        def step(kind: str, on: dt.date, skip=frozenset()) -> None:
            added = services.case_add_step(user=None, case=case, kind=kind, happened_on=on)
            self._attach(case, added, required.get(kind, {"written"}), skip)

        investigated = opened_on + dt.timedelta(days=2)
        step(StepKind.INVESTIGATION, investigated, {"audio_visual", "photo"} if incomplete else frozenset())
        if case.kind == MatterKind.INSPECTION:
            closure = services.case_close(user=None, case=case, closed_on=investigated + dt.timedelta(days=3))
            self._attach(case, closure.steps.get(kind=StepKind.CLOSURE), required[StepKind.CLOSURE])
            return

        decided_on = opened_on + dt.timedelta(days=18 + serial % 17)
        decision_kind = matter_spec.decision
        if number in BACKFILLED:
            amount = Decimal(matter_spec.fine[1])
        if case.kind == MatterKind.PENALTY:
            step(StepKind.NOTICE, decided_on - dt.timedelta(days=8))
        major = selectors.case_is_major(case, decision_kind=decision_kind, fine_amount=amount)
        if major and serial % 2 == 0 and number not in BACKFILLED:  # 较大数额罚款: the party asked for a hearing
            step(StepKind.HEARING, decided_on - dt.timedelta(days=5))
            case.refresh_from_db()
        text = self._text(case, matter_spec, decision_kind, amount)
        if number in BACKFILLED:
            case = self._backfill(case, decision_kind, decided_on, text, amount)
        else:
            if major:
                services.major_review_record(
                    user=self.legal, case=case, reviewed_on=decided_on - dt.timedelta(days=2), approved=True,
                    decision_kind=decision_kind, fine_amount=amount,
                    opinion="经审核，案件事实清楚，证据确凿，适用依据正确，程序合法，处罚适当，同意作出决定。")
                self._attach(case, case.steps.filter(kind=StepKind.LEGAL_REVIEW).last(), {"written"})
                self._count("reviews")
            case = services.case_decide(user=None, case=case, decision_kind=decision_kind, decided_on=decided_on,
                                        text=text, fine_amount=amount, back_entry=True)
        self._attach(case, case.steps.get(kind=StepKind.DECISION), required[StepKind.DECISION])
        later = [kind for kind in (StepKind.SERVICE, StepKind.EXECUTION) if kind in required
                 and kind in dict(required_steps(case.kind))]
        for offset, kind in enumerate(later, start=1):
            step(kind, decided_on + dt.timedelta(days=offset))
        self._publish(case, number, serial)
        closure = services.case_close(user=None, case=case, closed_on=decided_on + dt.timedelta(days=25))
        self._attach(case, closure.steps.get(kind=StepKind.CLOSURE), required[StepKind.CLOSURE])

    def _backfill(self, case, decision_kind, decided_on, text, amount) -> EnforcementCase:
        """A decision entered from its paper file afterwards: no review, no deadline of its own."""
        case = record_update(record=case, user=None, expected_version=case.version,
                             reason="补录：依纸质案卷录入的已作出决定", decision_kind=decision_kind,
                             decided_on=decided_on, decision_text=text, fine_amount=amount)
        record_create(model=CaseStep, user=None, case=case, kind=StepKind.DECISION, happened_on=decided_on)
        self._count("backfilled")
        return case

    def _publish(self, case: EnforcementCase, number: str, serial: int) -> None:
        if number in UNPUBLISHED:
            return
        status = selectors.case_publication_status(case, today=case.decided_on)
        if serial % 7 == 3:  # published late
            published_on = status.due_on + dt.timedelta(days=3 + serial % 5)
            self._count("late_publications")
        else:
            published_on = case.decided_on + dt.timedelta(days=1 + serial % 5)
        services.decision_publish(user=None, case=case, published_on=published_on, back_entry=True)
        self._count("publications")

    # --- special inspection -----------------------------------------------------------------

    def _special_inspection(self, bodies) -> None:
        if SpecialInspection.objects.filter(name=data.SPECIAL_INSPECTION).exists():
            return
        legal = self.legal
        inspection = services.special_inspection_create(
            user=legal, name=data.SPECIAL_INSPECTION, year=YEAR, checklist=data.CHECKLIST,
            starts_on=D(YEAR, 8, 1), ends_on=D(YEAR, 12, 31), org_units=[body.org_unit for _, body in bodies])
        services.special_inspection_status_set(user=legal, inspection=inspection, status=InspectionStatus.SELF_CHECK)
        units = list(inspection.unit_inspections.select_related("org_unit").order_by("pk"))
        for index, unit in enumerate(units):
            services.unit_self_check_record(
                user=None, unit_inspection=unit, checked_on=D(YEAR, 8, 15) + dt.timedelta(days=index),
                report="已对照检查清单逐项自查：执法主体、人员、事项已在门户公开；执法决定公示、全过程记录、"
                       "重大执法决定法制审核情况已梳理，问题已列入整改台账。")
        services.special_inspection_status_set(user=legal, inspection=inspection, status=InspectionStatus.ON_SITE)
        plans = []
        for index, unit in enumerate(units):
            checked_on = D(YEAR, 9, 13) + dt.timedelta(days=3 * index)
            facts = selectors.unit_indicators(unit.org_unit, D(YEAR, 1, 1), checked_on, today=checked_on)
            problems = []
            if facts.publication_on_time.value is not None and facts.publication_on_time.value < 1:
                problems.append(f"执法决定按时公示率{facts.publication_on_time.percent_text}"
                                f"（{facts.publication_on_time.numerator}/{facts.publication_on_time.denominator}），"
                                "部分决定未在法定期限内公示")
            if facts.records_complete.value is not None and facts.records_complete.value < 1:
                problems.append(f"执法全过程记录完整率{facts.records_complete.percent_text}，部分案件调查取证缺少音像记录")
            if facts.major_reviewed.value is not None and facts.major_reviewed.value < 1:
                problems.append(f"重大执法决定法制审核率{facts.major_reviewed.percent_text}，"
                                "存在未经法制审核即作出的重大执法决定")
            findings = "；".join(problems) if problems else "未发现问题"
            services.unit_on_site_check_record(user=legal, unit_inspection=unit, checked_on=checked_on,
                                               findings=findings)
            plans.extend((unit, problem) for problem in problems)
        services.special_inspection_status_set(user=legal, inspection=inspection, status=InspectionStatus.RECTIFYING)
        for index, (unit, problem) in enumerate(plans):
            rectification = services.rectification_add(user=legal, unit_inspection=unit, problem=problem,
                                                       due_on=D(YEAR, 11, 30))
            self._count("rectifications")
            done = D(YEAR, 11, 10) + dt.timedelta(days=2 * index)  # the last ones finish after the due date
            services.rectification_complete(user=None, rectification=rectification, completed_on=done,
                                            measure="已补正相关材料，完善执法案卷，建立公示与审核台账并明确责任人。")
        services.special_inspection_status_set(user=legal, inspection=inspection, status=InspectionStatus.CLOSED)

    def _suspend_one(self) -> None:
        officer = self.veterans["DEPT-SJJ"][1]
        certificate = officer_valid_certificate(officer, self.today)
        if certificate is not None and not EnforcementCertificate.objects.filter(
                officer__in=self.veterans["DEPT-SJJ"], status="suspended").exists():
            certificate_suspend(user=None, certificate=certificate,
                                reason="涉嫌违规执法被投诉，调查期间暂扣执法证件")
            self._count("suspended")


def load(*, units: dict, legal_user, officer_user=None) -> dict[str, int]:
    """Add what is missing of the demo enforcement data; returns how many of each were added."""
    return EnforcementDemo(units=units, legal_user=legal_user, officer_user=officer_user).load()

