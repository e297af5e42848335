"""Loads the demo zone's 双随机、一公开 through the inspection services: the 2022 joint plans, drawn,
inspected and published, and this year's plans in progress. Idempotent: items by code, rules by
department, the meeting by name, plans by title; only what is missing is added."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from fazhi.core import clock
from fazhi.core.services import record_create
from fazhi.demo import inspections_data as data
from fazhi.inspections import engine, services
from fazhi.inspections.models import (
    InspectionItem,
    InspectionPlan,
    InspectionRules,
    JointMeeting,
    JointMeetingRecord,
    Recusal,
)
from fazhi.market_entities.models import MarketEntity
from fazhi.officers.models import Officer


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


class InspectionsDemo:
    def __init__(self, *, units: dict):
        self.units = units
        self.today = clock.today()
        self.added: dict[str, int] = {}

    def _count(self, key: str, n: int = 1) -> None:
        self.added[key] = self.added.get(key, 0) + n

    def load(self) -> dict[str, int]:
        if not MarketEntity.objects.exists():
            return self.added
        self._items()
        self._rules()
        self._meeting()
        self._recusals()
        for plan in data.PLANS_2022:
            self._plan_2022(plan)
        self._current()
        return self.added

    def _items(self) -> None:
        for unit_code, code, name, basis, category in data.ITEMS:
            if not InspectionItem.objects.filter(code=code).exists():
                record_create(model=InspectionItem, user=None, org_unit=self.units[unit_code], code=code, name=name,
                              legal_basis=basis, category=category)
                self._count("items")

    def _rules(self) -> None:
        ratios = {f"ratio_{risk.lower()}": Decimal(value) for risk, value in data.RATIOS.items()}
        for unit_code in sorted({unit for unit, *_ in data.ITEMS}):
            unit = self.units[unit_code]
            if not InspectionRules.objects.filter(org_unit=unit).exists():
                record_create(model=InspectionRules, user=None, org_unit=unit, document=data.RULES_DOCUMENT,
                              adopted_on=data.RULES_ADOPTED, **ratios)
                self._count("rules")

    def _recusals(self) -> None:
        """A few declared conflicts, so the 2022 draws show teams kept away from them."""
        declared_on = data.RULES_ADOPTED
        for n, spec in enumerate(data.PLANS_2022):
            officers = Officer.objects.filter(org_unit=self.units[spec.lead]).order_by("pk")[:data.RECUSALS_PER_PLAN]
            entities = MarketEntity.objects.active().filter(industry__in=spec.industries).order_by("uscc")
            for k, (officer, entity) in enumerate(zip(officers, entities[n * 7:], strict=False)):
                if not Recusal.objects.filter(officer=officer, entity=entity).exists():
                    reason, note = data.RECUSAL_REASONS[(n + k) % len(data.RECUSAL_REASONS)]
                    record_create(model=Recusal, user=None, values={
                        "officer": officer, "entity": entity, "reason": reason, "note": note,
                        "declared_on": declared_on})
                    self._count("recusals")

    def _meeting(self) -> None:
        meeting = JointMeeting.objects.filter(name=data.MEETING_NAME).first()
        members = [self.units[code] for code in sorted({unit for unit, *_ in data.ITEMS})]
        if meeting is None:
            meeting = record_create(model=JointMeeting, user=None, name=data.MEETING_NAME,
                                    convenor=data.MEETING_CONVENOR, convenor_title=data.MEETING_CONVENOR_TITLE,
                                    lead_unit=self.units["DEPT-SJJ"], established_on=data.MEETING_ESTABLISHED,
                                    document=data.MEETING_DOCUMENT, members=members)
        for held_on, topic, decisions in data.MEETING_RECORDS:
            if not meeting.records.filter(held_on=held_on).exists():
                record_create(model=JointMeetingRecord, user=None, meeting=meeting, held_on=held_on,
                              topic=topic, decisions=decisions, attendees=members)
                self._count("meeting_records")

    def _create(self, spec: data.Plan, *, starts_on, ends_on, inspection_date) -> InspectionPlan | None:
        if InspectionPlan.objects.filter(title=spec.title).exists():
            return None
        items = list(InspectionItem.objects.filter(code__in=spec.items))
        industries = list(spec.industries)
        if not MarketEntity.objects.active().filter(industry__in=industries).exists():
            industries = []  # a small demo register (e.g. `fazhi demo --entities 50`) may lack these trades
        plan = services.plan_create(
            user=None, items=items, departments=[self.units[c] for c in spec.others], title=spec.title,
            lead_unit=self.units[spec.lead], starts_on=starts_on, ends_on=ends_on, inspection_date=inspection_date,
            industries=industries, lead_seat=bool(spec.others),  # joint plans: the lead department on every team
        )
        self._count("plans")
        return plan

    def _draw(self, plan: InspectionPlan, spec: data.Plan, *, approved_on, committed_on, drawn_on=None) -> None:
        services.plan_approve(user=None, plan=plan, approved_on=approved_on)
        services.plan_publish(user=None, plan=plan, published_on=approved_on + dt.timedelta(days=1))
        if not services.expected_tasks(plan):
            return  # a small demo register (`fazhi demo --entities 50`): nobody to draw for this plan
        # A lottery drawn after the commit (on the day of the draw, or tomorrow for a draw still to come) and the
        # witnesses' secrets, sealed at the commit, as the commit form asks of every witness.
        lottery_on = drawn_on if drawn_on is not None else self.today + dt.timedelta(days=1)
        draw = services.draw_commit(user=None, plan=plan,
                                    source_labels=[data.LOTTERY_LABEL.format(date=lottery_on.isoformat()),
                                                   *data.SOURCE_LABELS],
                                    source_seals=["", *(engine.seal_of(numbers) for numbers in spec.sources)],
                                    at=_at(committed_on))
        if drawn_on is not None:  # after the lottery's evening draw
            services.draw_reveal(user=None, draw=draw, sources=[list(spec.lottery), *(list(s) for s in spec.sources)],
                                 at=_at(drawn_on, 21))

    def _plan_2022(self, spec: data.Plan) -> None:
        day = spec.inspection_date
        plan = self._create(spec, starts_on=day - dt.timedelta(days=30), ends_on=day + dt.timedelta(days=60),
                            inspection_date=day)
        if plan is None:
            return
        self._draw(plan, spec, approved_on=day - dt.timedelta(days=28), committed_on=day - dt.timedelta(days=14),
                   drawn_on=day - dt.timedelta(days=7))
        tasks = list(plan.tasks.select_related("entity").order_by("sequence"))
        for n, task in enumerate(tasks):
            inspected_on = day + dt.timedelta(days=n % 15)
            result, findings = ("no_problem", "")
            if n % data.PROBLEM_EVERY == data.PROBLEM_EVERY - 1:
                result, findings = data.PROBLEM_KINDS[(n // data.PROBLEM_EVERY) % len(data.PROBLEM_KINDS)]
            services.task_record_result(user=None, task=task, result=result, findings=findings,
                                        inspected_on=inspected_on, recorded_on=inspected_on + dt.timedelta(days=1))
        self._count("tasks", len(tasks))
        if tasks:  # a small demo register may give a plan no task at all
            services.results_publish(user=None, plan=plan, published_on=day + dt.timedelta(days=21))

    def _current(self) -> None:
        today = self.today
        starts_on = today - dt.timedelta(days=20)
        ends_on = today + dt.timedelta(days=60)
        drawn = self._create(data.CURRENT_DRAWN, starts_on=starts_on, ends_on=ends_on,
                             inspection_date=today + dt.timedelta(days=7))
        if drawn is not None:
            self._draw(drawn, data.CURRENT_DRAWN, approved_on=today - dt.timedelta(days=15),
                       committed_on=today - dt.timedelta(days=8), drawn_on=today - dt.timedelta(days=1))
            self._count("tasks", drawn.tasks.count())
        committed = self._create(data.CURRENT_COMMITTED, starts_on=starts_on, ends_on=ends_on,
                                 inspection_date=today + dt.timedelta(days=10))
        if committed is not None:
            self._draw(committed, data.CURRENT_COMMITTED, approved_on=today - dt.timedelta(days=6),
                       committed_on=today - dt.timedelta(days=2))


def load(*, units: dict) -> dict[str, int]:
    """Add what is missing of the demo 双随机、一公开 data; returns how many of each were added."""
    return InspectionsDemo(units=units).load()
