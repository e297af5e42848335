"""Modules register themselves: each app's AppConfig declares what it brings to the platform.

An app that has pages, an API, menu entries, a desk work queue or a part in the annual report
says so in its ``apps.py``::

    class EnforcementConfig(AppConfig):
        name = "fazhi.enforcement"
        fazhi_module = Module(
            order=50,
            url_prefix="enforcement/", urls="fazhi.enforcement.urls",
            api_prefix="/enforcement", api_router="fazhi.enforcement.api:router",
            api_matrix="fazhi.enforcement.tests.test_api_permissions",
            menu=(MenuItem(_("执法案件"), "enforcement:cases:list", "enforcement.enforcementcase",
                           group=ENFORCEMENT, order=100), ...),
            idor_records="fazhi.enforcement.tests.idor:other_units_records",
            report_section="fazhi.enforcement.report:report_section",
        )

and the central pieces loop over `modules()`: ``fazhi/urls.py`` (the pages), ``fazhi/api/__init__.py``
(the API routers), ``fazhi/web/navigation.py`` (the menu), ``fazhi/web/views.py`` (the desk),
``tests/test_idor_pages.py`` (the IDOR walk) and ``fazhi/api/tests/test_permissions.py`` (which
operations the central API matrix leaves to the app's own). Nothing central changes for a new module.

Every reference to the app's code is a dotted path ``"package.module:attribute"``, imported only
when used: ``apps.py`` is read before the models are ready, so it must not import them.

(``fazhi_module``, not ``module``: Django's AppConfig already uses ``module`` for the app's package.)

The fields of `Module`:

``order``
    Where the module's pages and API routes stand among the others (the URL list, the OpenAPI
    schema's order of paths). Ties keep the INSTALLED_APPS order; a new module leaves the default
    and comes after today's.
``url_prefix``, ``urls``
    The pages: ``path(url_prefix, include(urls))`` in the root URL configuration. ``urls`` is the
    app's urls module (with its ``app_name``, the URL namespace). Empty ``urls``: no pages.
``api_prefix``, ``api_router``
    The API: ``api.add_router(api_prefix, router)`` where ``api_router`` names a ninja ``Router``
    (``"fazhi.enforcement.api:router"``). ``api_prefix`` starts with "/" and is under /api/.
``api_matrix``
    The test module holding the app's own API permission matrix (every role, own unit and the
    other unit, every operation). Empty: the central matrix (fazhi/api/tests/test_permissions.py)
    must cover the app's operations, and fails for a write operation it has no body for.
``menu``
    The app's `MenuItem` entries. The menu lists every module's entries by their ``order`` (ties
    keep INSTALLED_APPS order); entries of one ``group`` are shown together at the first one's place.
    The shared groups are ENFORCEMENT, INSPECTIONS, DECISIONS, OVERSIGHT and BASE_DATA below.
``work_queue``
    A function ``(user, today) -> Iterable[WorkItem | WorkTally]``: what waits for this user on the
    desk (the home page). A `WorkTally` is a figure in the row of tallies (a count and the page that
    lists them; shown when not zero unless ``always``); a `WorkItem` is one record waiting for the
    user, listed under 待办. Return nothing for a user with nothing to do.
``idor_records``
    A test function ``(units, users) -> {model: record}``: one record of each of the app's models
    with id pages, owned by street B (``units["street_b"]``), for the IDOR walk
    (tests/test_idor_pages.py), which tries every such page as every role of street A. The same
    module may define ``READ_BY_EVERY_UNIT``: the models every unit reads (zone-wide reference
    data), on which the walk checks writes only. Kept in the app's ``tests/idor.py``.
``report_section``
    A function ``report_section(year: int, unit=None) -> ReportSection``: the app's part of the
    annual report on the building of a rule-of-law government (法治政府建设年度报告), its figures
    computed from the records (see `ReportSection` and `Figure`). ``unit`` narrows every figure
    to one org unit where the records have one.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

# The menu's shared groups (an app may use its own label too).
ENFORCEMENT = _("行政执法")
DECISIONS = _("依法决策")  # seed report 三: 持续提高依法决策水平
INSPECTIONS = _("双随机、一公开")
BASE_DATA = _("基础数据")
OVERSIGHT = _("监督与诉讼")  # seed report 五: 强化监督制约 (recommendations, audits, proposals, lawsuits)

LATER = 1000  # the default `order`: after every module that sets one


def resolve(path: str) -> Any:
    """The attribute a dotted path ``"package.module:attribute"`` names (imported now)."""
    module_path, _sep, attribute = path.partition(":")
    if not attribute:
        raise ValueError(f"{path!r}: expected 'package.module:attribute'")
    return getattr(importlib.import_module(module_path), attribute)


@dataclass(frozen=True)
class MenuItem:
    """One entry of the navigation menu, shown to the users it is `visible_to`."""

    label: str
    url_name: str
    permission: str | None = None  # any of view_all / view_own_unit of this "app.model"
    check: Callable | str | None = None  # or any other test of the user (a callable or "module:function")
    group: str | None = None  # items of one group are shown together under its name
    order: int = LATER  # the menu lists entries by this number; ties keep INSTALLED_APPS order

    def visible_to(self, user) -> bool:
        if self.check is not None:
            check = resolve(self.check) if isinstance(self.check, str) else self.check
            return check(user)
        if self.permission is None:
            return True
        app, model = self.permission.split(".")
        return user.has_perm(f"{app}.view_all_{model}") or user.has_perm(f"{app}.view_own_unit_{model}")


@dataclass(frozen=True)
class WorkItem:
    """One record waiting for the user (listed under 待办 on the desk)."""

    kind: str
    title: str
    unit: str
    url: str


@dataclass(frozen=True)
class WorkTally:
    """A count of things waiting for the user, with the page that lists them (a tally on the desk)."""

    title: str
    count: int
    url: str
    html_id: str = ""
    tone: str = ""  # "warning" or "danger" colours the tally
    always: bool = False  # shown even when the count is zero


@dataclass(frozen=True)
class Module:
    """What an app brings to the platform (see this module's docstring for each field)."""

    order: int = LATER
    url_prefix: str = ""
    urls: str = ""
    api_prefix: str = ""
    api_router: str = ""
    api_matrix: str = ""
    menu: tuple[MenuItem, ...] = ()
    work_queue: str = ""
    idor_records: str = ""
    report_section: str = ""
    name: str = field(default="", compare=False)  # the app's name, filled in by `modules()`

    def __post_init__(self) -> None:
        if bool(self.api_prefix) != bool(self.api_router):
            raise ValueError("api_prefix and api_router go together")
        if self.api_prefix and not self.api_prefix.startswith("/"):
            raise ValueError(f"api_prefix {self.api_prefix!r} must start with '/'")
        if self.url_prefix and not self.url_prefix.endswith("/"):
            raise ValueError(f"url_prefix {self.url_prefix!r} must end with '/'")

    def work_for(self, user, today) -> list[WorkItem | WorkTally]:
        return list(resolve(self.work_queue)(user, today)) if self.work_queue else []

    def report(self, year: int, unit=None) -> ReportSection | None:
        return resolve(self.report_section)(year, unit=unit) if self.report_section else None


def modules() -> list[Module]:
    """Every installed app's `Module`, in INSTALLED_APPS order."""
    from dataclasses import replace

    from django.apps import apps

    return [replace(config.fazhi_module, name=config.name) for config in apps.get_app_configs()
            if isinstance(getattr(config, "fazhi_module", None), Module)]


def in_order() -> list[Module]:
    """The modules by their `order` (ties keep INSTALLED_APPS order): for URLs and API routes."""
    return sorted(modules(), key=lambda module: module.order)


def menu_items() -> list[MenuItem]:
    """Every module's menu entries by their `order` (ties keep INSTALLED_APPS order)."""
    return sorted((item for module in modules() for item in module.menu), key=lambda item: item.order)


# ----- the annual report's contract -----------------------------------------------------------

# The units the seed report counts in: 个 (units, plans, entities), 件 (documents, cases, decisions), 人, 人次
# (attendances: 培训110余人次), 场次 (sessions: 培训、考试2场次) and %.
COUNT, CASES, PEOPLE, ATTENDANCES, SESSIONS, PERCENT = "个", "件", "人", "人次", "场次", "%"
UNITS = (COUNT, CASES, PEOPLE, ATTENDANCES, SESSIONS, PERCENT)


@dataclass(frozen=True)
class Figure:
    """One figure of the annual report and where it comes from.

    ``value`` is computed from the records (never typed in). ``url`` is the page listing the records
    behind it (a list page with its filters, or the statistics page of the year). ``records`` gives
    their queryset: for a count its ``count()`` is the value; for a percentage (unit "%") it gives
    the records counted above the line and ``of`` those below it, value = 100 × records / of.
    A percentage with nothing below the line has the value None (not 0: there was nothing to cover).
    """

    label: str
    value: int | float | None
    unit: str
    url: str = ""
    records: Callable[[], Any] | None = field(default=None, compare=False)
    of: Callable[[], Any] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unknown unit {self.unit!r}")
        if self.of is not None and self.unit != PERCENT:
            raise ValueError("`of` is for percentages only")
        if not self.url and self.records is None:
            raise ValueError(f"{self.label}: a figure says where it comes from (url or records)")


def list_url(url_name: str, **filters) -> str:
    """A page's URL with its filters (those given as None are left out): where a figure's records are listed."""
    from urllib.parse import urlencode

    from django.urls import reverse

    query = urlencode({name: getattr(value, "pk", value) for name, value in filters.items() if value is not None})
    return reverse(url_name) + (f"?{query}" if query else "")


def percent(part: int, whole: int) -> float | None:
    """100 × part / whole, to two decimals (成功率达83.33%); None when there is no whole."""
    return round(100 * part / whole, 2) if whole else None


@dataclass(frozen=True)
class ReportSection:
    """One module's part of the annual report: a title and its figures, in reading order."""

    title: str
    figures: tuple[Figure, ...]
    year: int
    unit: Any = None

    def figure(self, label: str) -> Figure:
        return next(figure for figure in self.figures if figure.label == label)


def report(year: int, unit=None) -> list[ReportSection]:
    """Every module's report section for the year, in INSTALLED_APPS order."""
    return [section for module in modules() if (section := module.report(year, unit)) is not None]


def work_for(user, today) -> tuple[list[WorkTally], list[WorkItem]]:
    """What waits for the user on the desk, from every module: the tallies, and the records to do."""
    tallies: list[WorkTally] = []
    items: list[WorkItem] = []
    for module in modules():
        for work in module.work_for(user, today):
            if isinstance(work, WorkTally):
                if work.count or work.always:
                    tallies.append(work)
            else:
                items.append(work)
    return tallies, items

