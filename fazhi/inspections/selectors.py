"""Reads of 双随机、一公开: the pools a draw freezes, task lists, public results, statistics."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import CharField, Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Cast

from fazhi.core import clock
from fazhi.deadlines.models import Deadline
from fazhi.inspections.constants import PROBLEM_RESULTS, DrawStatus, PlanStatus, TaskStatus
from fazhi.inspections.deadline_rules import RESULT_PUBLICATION
from fazhi.inspections.engine import commitlog
from fazhi.inspections.models import (
    CommitmentLogEntry,
    Draw,
    InspectionItem,
    InspectionPlan,
    InspectionTask,
    Recusal,
    TaskInspector,
)
from fazhi.market_entities.constants import RegistrationStatus
from fazhi.market_entities.models import MarketEntity
from fazhi.officers.selectors import valid_certificate_numbers, valid_certificates
from fazhi.organisation.constants import OrgUnitKind
from fazhi.organisation.models import OrgUnit

# Plans past approval count in the statistics: a draft is not yet a plan of the zone.
COUNTED_STATUSES = (PlanStatus.APPROVED, PlanStatus.PUBLISHED, PlanStatus.COMMITTED, PlanStatus.DRAWN,
                    PlanStatus.COMPLETED)


def plan_units(plan: InspectionPlan) -> list[OrgUnit]:
    """The lead department first, then the others taking part."""
    others = [u for u in plan.departments.all().order_by("sort_order", "pk") if u.pk != plan.lead_unit_id]
    return [plan.lead_unit, *others]


def plan_entities(plan: InspectionPlan) -> QuerySet[MarketEntity]:
    """The entity register filtered by the plan's conditions (status, industry, type, street)."""
    rows = MarketEntity.objects.active()
    statuses = plan.registration_statuses or [RegistrationStatus.ACTIVE]
    rows = rows.filter(registration_status__in=statuses)
    if plan.industries:
        rows = rows.filter(industry__in=plan.industries)
    if plan.entity_types:
        rows = rows.filter(entity_type__in=plan.entity_types)
    street_ids = list(plan.streets.values_list("pk", flat=True))
    if street_ids:
        rows = rows.filter(street_id__in=street_ids)
    return rows


def plan_pool(plan: InspectionPlan) -> dict[str, list[str]]:
    """Risk class -> USCCs of the entities the plan may draw from, sorted (the order the record publishes)."""
    pool: dict[str, list[str]] = {}
    for uscc, risk in plan_entities(plan).values_list("uscc", "risk_class").order_by().iterator(chunk_size=20000):
        pool.setdefault(risk, []).append(uscc)
    for codes in pool.values():
        codes.sort()  # here rather than in SQL: one sort of text, the same on SQLite and PostgreSQL collations
    return {risk: _packed(codes) for risk, codes in pool.items()}


def _packed(codes: list[str]) -> list[str]:
    """The same codes, as new strings laid out in memory in list order.

    Read from the database, the codes lie in fetch order between the freed rows; once sorted, every
    pass over a million of them (the pool set, the commitment, the JSON) jumps about memory and took
    2-3 times as long as over the copies one join and split make in order (0.14 s for a million).
    A code holding a newline would not split back: then the list is kept as it is.
    """
    copies = "\n".join(codes).split("\n")
    return copies if len(copies) == len(codes) else codes


def plan_exempt_codes(plan: InspectionPlan) -> list[str]:
    """Entities inspected (or drawn and not yet inspected) for one of the plan's items within its exempt days.

    The exemption of the department's 一细则 (同一事项一定期限内不重复抽查), counted back from the inspection date.
    """
    cutoff = plan.inspection_date - dt.timedelta(days=plan.exempt_days)
    items = plan.items.values("pk")
    rows = (InspectionTask.objects.filter(plan__items__in=items).exclude(plan=plan)
            .exclude(draw__status=DrawStatus.VOIDED)
            .filter(Q(inspected_on__gte=cutoff) | Q(inspected_on__isnull=True)))
    return sorted(set(rows.values_list("entity__uscc", flat=True)))


@dataclass(frozen=True)
class PoolInspector:
    officer_id: int
    certificate: str
    department_id: int
    department_code: str


def plan_inspectors(plan: InspectionPlan) -> list[PoolInspector]:
    """执法检查人员名录库 for the plan: officers of its departments with a certificate valid on the inspection date."""
    certificates = valid_certificate_numbers(on=plan.inspection_date, org_units=plan_units(plan))
    return sorted((PoolInspector(officer_id, number, unit_id, unit_code)
                   for officer_id, (number, unit_id, unit_code) in certificates.items()), key=lambda i: i.certificate)


def plan_conflicts(inspectors: list[PoolInspector]) -> list[tuple[str, str]]:
    """(certificate number, USCC) for every declared recusal of the pool's inspectors."""
    number = {i.officer_id: i.certificate for i in inspectors}
    rows = Recusal.objects.active().filter(officer_id__in=number).values_list("officer_id", "entity__uscc")
    return sorted((number[officer_id], uscc) for officer_id, uscc in rows)


def live_draw(plan: InspectionPlan) -> Draw | None:
    return plan.draws.exclude(status=DrawStatus.VOIDED).first()


def tasks_of_officer(user) -> QuerySet[InspectionTask]:
    """The tasks whose team the user's officer record sits in."""
    seats = TaskInspector.objects.filter(task=OuterRef("pk"), officer__user=user)
    return (InspectionTask.objects.active().filter(Exists(seats))
            .select_related("plan", "entity").order_by("status", "plan__inspection_date", "number"))


def team_of(task: InspectionTask) -> list[TaskInspector]:
    return list(task.team.select_related("officer", "department").order_by("position"))


def published_results(query: str = "") -> QuerySet[InspectionTask]:
    """Results published to the public (一公开), newest first; `query` is a USCC or part of a name."""
    rows = (InspectionTask.objects.active().filter(status=TaskStatus.PUBLISHED)
            .select_related("plan", "plan__lead_unit", "entity").order_by("-published_on", "number"))
    query = query.strip()
    if query:
        rows = rows.filter(Q(entity__uscc=query.upper()) | Q(entity__name__icontains=query))
    return rows


def published_plans() -> QuerySet[InspectionPlan]:
    """Plans published on the portal (with their draws, committed hashes and records)."""
    return (InspectionPlan.objects.active().filter(published_on__isnull=False)
            .select_related("lead_unit").order_by("-published_on", "number"))


def publication_deadline(task: InspectionTask) -> Deadline | None:
    from fazhi.deadlines.selectors import deadlines_for_record

    return deadlines_for_record(task).filter(rule_code=RESULT_PUBLICATION.code).first()


@dataclass
class Coverage:
    with_duties: list[OrgUnit] = field(default_factory=list)
    covered: list[OrgUnit] = field(default_factory=list)

    @property
    def gaps(self) -> list[OrgUnit]:
        covered = {u.pk for u in self.covered}
        return [u for u in self.with_duties if u.pk not in covered]

    @property
    def rate(self) -> float | None:
        return len(self.covered) / len(self.with_duties) if self.with_duties else None


@dataclass
class YearStatistics:
    year: int
    plans: int
    joint_plans: int
    coverage: Coverage
    tasks: int
    entities_inspected: int
    problems_found: int
    published: int
    published_on_time: int
    overdue_unpublished: int

    @property
    def on_time_rate(self) -> float | None:
        return self.published_on_time / self.published if self.published else None


def year_statistics(year: int, today: dt.date | None = None) -> YearStatistics:
    """Plans, joint plans, departments covered (全覆盖), entities inspected, problems, on-time publication."""
    today = today or clock.today()
    plans = InspectionPlan.objects.active().filter(starts_on__year=year, status__in=COUNTED_STATUSES)
    plan_list = list(plans.prefetch_related("departments"))
    joint = sum(1 for p in plan_list if any(d.pk != p.lead_unit_id for d in p.departments.all()))
    duty_units = (OrgUnit.objects.filter(kind=OrgUnitKind.DEPARTMENT, archived_on__isnull=True)
                  .filter(Exists(InspectionItem.objects.active().filter(org_unit=OuterRef("pk"))))
                  .order_by("sort_order", "pk"))
    covered_ids = {p.lead_unit_id for p in plan_list} | {d.pk for p in plan_list for d in p.departments.all()}
    coverage = Coverage(with_duties=list(duty_units), covered=[u for u in duty_units if u.pk in covered_ids])
    tasks = InspectionTask.objects.active().filter(plan__in=[p.pk for p in plan_list])
    done = tasks.exclude(status=TaskStatus.PENDING)
    def ids_of(rows):  # Deadline.object_id is text: compare with the task ids as text, in the database
        return rows.annotate(text_id=Cast("pk", CharField())).values("text_id")

    published = done.filter(status=TaskStatus.PUBLISHED)
    deadlines = Deadline.objects.active().filter(rule_code=RESULT_PUBLICATION.code)
    on_time = deadlines.filter(object_id__in=ids_of(published), completed_on__isnull=False,
                               completed_on__lte=F("due_on")).count()
    overdue = deadlines.filter(object_id__in=ids_of(done.filter(status=TaskStatus.COMPLETED)),
                               completed_on__isnull=True, due_on__lt=today).count()
    return YearStatistics(
        year=year, plans=len(plan_list), joint_plans=joint, coverage=coverage, tasks=tasks.count(),
        entities_inspected=done.values("entity").distinct().count(),
        problems_found=done.filter(result__in=PROBLEM_RESULTS).count(),
        published=published.count(), published_on_time=on_time, overdue_unpublished=overdue,
    )



@dataclass(frozen=True)
class PoolRow:
    department: OrgUnit
    officer_name: str
    certificate: str
    valid_until: dt.date
    recusals: int


def inspector_pool(*, on: dt.date, user=None) -> list[PoolRow]:
    """执法检查人员名录库 on a date: every department's officers holding a valid certificate.

    Names and certificate numbers are public (国办发〔2018〕118号 二(四) 执法人员信息公示); the
    number of declared recusals is shown, never with whom.
    """
    certificates = valid_certificates(on=on)
    recusals = dict(Recusal.objects.active().filter(officer_id__in=certificates).values("officer_id")
                    .annotate(n=Count("pk")).values_list("officer_id", "n"))
    rows = [PoolRow(c.officer.org_unit, c.officer.full_name, c.number, c.valid_until, recusals.get(officer_id, 0))
            for officer_id, c in certificates.items()]
    return sorted(rows, key=lambda r: (r.department.sort_order, r.department.code, r.certificate))


def commitment_log() -> QuerySet:
    """The commitment log, first entry first (public: it holds only what the plans' pages publish)."""
    return CommitmentLogEntry.objects.order_by("position")


def commitment_log_text() -> str:
    """The log as the file the portal offers (docs/draw-algorithm.md 11)."""
    return commitlog.dumps(entry.as_entry() for entry in commitment_log().iterator())


DRAW_CHANGED_SINCE_LOGGED = "第{position}条（计划{plan}）登记的承诺哈希为{logged}，该次摇号现在的承诺哈希为{now}。"


def commitment_log_problems(head: str | None = None) -> list[str]:
    """What is wrong with the log: its chain (engine.commitlog.verify), and each draw whose commit hash is
    not the one logged for it (a draw recomputed after its commit). Empty: all holds."""
    _entries, problems = commitlog.verify(commitment_log_text(), head)
    changed = CommitmentLogEntry.objects.select_related("draw").exclude(draw__commit_sha256=F("commit_sha256"))
    problems += [DRAW_CHANGED_SINCE_LOGGED.format(position=entry.position, plan=entry.plan_number,
                                                  logged=entry.commit_sha256, now=entry.draw.commit_sha256)
                 for entry in changed]
    return problems
