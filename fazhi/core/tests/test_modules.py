"""Modules register themselves (fazhi.core.modules): what each AppConfig declares, and what is built from it."""

import datetime as dt
import importlib.util

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from fazhi.core.modules import (
    PERCENT,
    Figure,
    MenuItem,
    Module,
    WorkItem,
    WorkTally,
    in_order,
    menu_items,
    modules,
    percent,
    resolve,
    work_for,
)


def test_modules_come_in_installed_apps_order():
    names = [module.name for module in modules()]
    installed = [name for name in settings.INSTALLED_APPS if name in names]
    assert names == installed
    assert {"fazhi.enforcement", "fazhi.inspections", "fazhi.web", "fazhi.portal", "fazhi.registers"} <= set(names)


def test_every_app_with_pages_is_a_module():
    urls = {module.urls for module in modules()}
    for config in apps.get_app_configs():
        if config.name.startswith("fazhi.") and importlib.util.find_spec(f"{config.name}.urls"):
            assert f"{config.name}.urls" in urls, config.name


def test_every_declared_path_resolves():
    for module in modules():
        for path in (module.api_router, module.work_queue, module.report_section):
            if path:
                assert callable(resolve(path)) or hasattr(resolve(path), "urls_paths"), path
        if module.idor_records:
            assert callable(resolve(module.idor_records))
        if module.api_matrix:
            assert importlib.util.find_spec(module.api_matrix) is not None


def test_prefixes_do_not_overlap():
    """Each module has its own URL and API prefix, so the order of the URL list cannot change what a URL opens."""
    prefixes = [module.url_prefix for module in in_order() if module.urls and module.url_prefix]
    assert len(prefixes) == len(set(prefixes))
    assert not [(a, b) for a in prefixes for b in prefixes if a != b and b.startswith(a)]
    api_prefixes = [module.api_prefix for module in modules() if module.api_prefix]
    assert len(api_prefixes) == len(set(api_prefixes))


def test_the_api_has_each_modules_routes_in_order():
    from fazhi.api import api

    paths = list(api.get_openapi_schema()["paths"])
    firsts = []
    for module in in_order():
        if module.api_prefix:
            mine = [i for i, path in enumerate(paths) if path.startswith(f"/api{module.api_prefix}")]
            assert mine, module.name
            firsts.append(min(mine))
    assert firsts == sorted(firsts)


def test_menu_entries_reverse_and_keep_their_order():
    items = menu_items()
    assert [item.order for item in items] == sorted(item.order for item in items)
    for item in items:
        reverse(item.url_name)
    assert items[0].url_name == "web:home"
    # A group's entries are declared by several modules; they stay together.
    groups = [str(item.group) for item in items if item.group]
    for group in set(groups):
        places = [i for i, name in enumerate(groups) if name == group]
        assert places == list(range(places[0], places[-1] + 1)), group


def test_menu_item_checks_by_path_or_callable():
    from types import SimpleNamespace

    by_path = MenuItem("x", "web:home", check="fazhi.inspections.apps:has_officer_record")
    assert by_path.visible_to(SimpleNamespace(is_authenticated=True, officer=object())) is True
    assert by_path.visible_to(SimpleNamespace(is_authenticated=True)) is False
    assert MenuItem("x", "web:home", check=lambda user: True).visible_to(None)


def test_a_module_declaration_is_checked():
    with pytest.raises(ValueError, match="together"):
        Module(api_prefix="/x")
    with pytest.raises(ValueError, match="start with"):
        Module(api_prefix="x", api_router="a:b")
    with pytest.raises(ValueError, match="end with"):
        Module(url_prefix="x", urls="a")
    with pytest.raises(ValueError, match="module:attribute"):
        resolve("fazhi.core.modules")


def test_a_figure_says_where_it_comes_from():
    with pytest.raises(ValueError, match="where it comes from"):
        Figure("数", 1, "件")
    with pytest.raises(ValueError, match="unknown unit"):
        Figure("数", 1, "kg", url="/")
    with pytest.raises(ValueError, match="percentages"):
        Figure("数", 1, "件", url="/", of=list)
    assert Figure("率", None, PERCENT, url="/").value is None


def test_work_for_collects_every_modules_queue(db, users):
    tallies, items = work_for(users["legal_office"], dt.date(2022, 6, 1))
    assert all(isinstance(tally, WorkTally) and tally.count for tally in tallies)
    assert all(hasattr(item, "url") for item in items)
    assert WorkItem("k", "t", "u", "/").kind == "k"


# ----- the annual report's sections -----------------------------------------------------------------

YEAR = 2022
REPORTING = ("fazhi.officers", "fazhi.enforcement", "fazhi.inspections", "fazhi.normative_documents",
             "fazhi.major_decisions", "fazhi.legal_advisors", "fazhi.ledger", "fazhi.litigation",
             "fazhi.reconsideration")


def _section(app: str, unit=None):
    module = next(module for module in modules() if module.name == app)
    return module.report(YEAR, unit)


def _values(section) -> dict:
    return {figure.label: figure.value for figure in section.figures}


def _check_sources(section) -> None:
    """Every figure's URL opens a page of the platform, and its records count its value."""
    from urllib.parse import urlsplit

    from django.urls import resolve as resolve_url

    assert section.figures
    for figure in section.figures:
        assert figure.url, figure.label
        resolve_url(urlsplit(figure.url).path)
        assert figure.records is not None, figure.label
        if figure.unit == PERCENT:
            assert figure.value == percent(figure.records().count(), figure.of().count()), figure.label
        else:
            assert figure.records().count() == figure.value, figure.label


def _add_officers(units, users, unit):
    from fazhi.officers import services
    from fazhi.officers.tests.factories import ExamFactory, OfficerFactory, TrainingFactory

    training = TrainingFactory(organiser=unit, held_on=dt.date(YEAR, 5, 1))
    officer = OfficerFactory(org_unit=unit)
    services.attendance_add(user=None, training=training, officer=officer)
    exam = ExamFactory(organiser=unit, held_on=dt.date(YEAR, 5, 2))
    services.exam_result_record(user=None, exam=exam, officer=officer, score=90)
    return {"执法专题培训", "执法资格考试", "参加培训", "考试合格率"}


def _add_enforcement(units, users, unit):
    from fazhi.enforcement import services
    from fazhi.enforcement.tests.factories import SpecialInspectionFactory

    checked = services.unit_inspection_add(user=None, inspection=SpecialInspectionFactory(year=YEAR), org_unit=unit)
    services.rectification_add(user=None, unit_inspection=checked, problem="未公示", due_on=dt.date(YEAR, 12, 31))
    return {"三项制度专项检查的单位", "检查发现的整改事项"}


def _add_inspections(units, users, unit):
    from fazhi.inspections.constants import PlanStatus
    from fazhi.inspections.models import InspectionPlan
    from fazhi.inspections.tests.factories import make_task
    from fazhi.officers.tests.factories import OfficerFactory

    task = make_task(lead_unit=unit, officer=OfficerFactory(org_unit=unit))
    InspectionPlan.objects.filter(pk=task.plan_id).update(status=PlanStatus.APPROVED)
    return {"抽查计划", "有抽查职责的部门", "抽查覆盖的部门", "部门抽查覆盖率"}


def _add_normative_documents(units, users, unit):
    from fazhi.normative_documents.tests.factories import NormativeDocumentFactory, to_deliberation

    to_deliberation(NormativeDocumentFactory(drafting_unit=unit, issuer=unit), on=dt.date(YEAR, 3, 8))
    return {"审核规范性文件"}


def _add_major_decisions(units, users, unit):
    from fazhi.major_decisions import services

    catalogue = services.catalogue_create(user=None, year=YEAR, decision_organ=unit)
    services.decision_add(user=None, catalogue=catalogue, title="老旧小区改造方案", undertaking_unit=unit)
    return {"纳入年度目录的重大行政决策"}


def _add_legal_advisors(units, users, unit):
    from fazhi.legal_advisors import services

    advisor = services.advisor_create(user=None, full_name="周律师", firm="某律师事务所",
                                      licence_number="12102200810000009")
    services.contract_create(user=None, advisor=advisor, org_unit=unit, number="FG-1",
                             starts_on=dt.date(YEAR, 1, 1), ends_on=dt.date(YEAR + 1, 12, 31))
    return {"已聘请法律顾问的单位", "法律顾问覆盖率"}


def _add_ledger(units, users, unit):
    from fazhi.ledger import services
    from fazhi.ledger.constants import ItemKind

    item = services.item_create(user=None, kind=ItemKind.JUDICIAL, source="区人民法院", owner_unit=unit,
                                subject="司法建议", received_on=dt.date(YEAR, 3, 1))
    services.item_answer(user=None, item=item, answer="已整改并书面回复", answered_on=dt.date(YEAR, 4, 1))
    return {"收到司法建议", "司法建议、检察建议按时办理率"}


def _add_litigation(units, users, unit):
    from fazhi.litigation.tests.factories import heard, lawsuit

    heard(lawsuit(unit, received_on=dt.date(YEAR, 3, 1)))
    return {"行政诉讼案件", "行政机关负责人出庭应诉率"}


def _add_reconsideration(units, users, unit):
    from fazhi.reconsideration import services
    from fazhi.reconsideration.tests.factories import reconsideration

    case = reconsideration(unit, received_on=dt.date(YEAR, 3, 1))
    services.reconsideration_decide(user=None, reconsideration=case, outcome="revoked", document="复议决定书",
                                    decided_on=dt.date(YEAR, 4, 20))
    return {"被申请行政复议案件", "行政复议纠错", "行政复议纠错率"}


ADD = {"fazhi.officers": _add_officers, "fazhi.enforcement": _add_enforcement, "fazhi.inspections": _add_inspections,
       "fazhi.normative_documents": _add_normative_documents, "fazhi.major_decisions": _add_major_decisions,
       "fazhi.legal_advisors": _add_legal_advisors, "fazhi.ledger": _add_ledger,
       "fazhi.litigation": _add_litigation, "fazhi.reconsideration": _add_reconsideration}


def test_the_seed_reports_areas_have_sections():
    assert {module.name for module in modules() if module.report_section} >= set(REPORTING)


@pytest.mark.parametrize("app", REPORTING)
def test_a_sections_figures_are_computed_from_the_records(units, users, set_today, app):
    """Adding a record changes the figures (zone-wide and for its unit, not for another unit's), and
    every figure still names its records."""
    set_today(dt.date(YEAR + 1, 2, 28))
    unit, other = units["dept_a"], units["dept_b"]
    before = {scope: _section(app, scope) for scope in (None, unit, other)}
    for section in before.values():
        _check_sources(section)

    changed = ADD[app](units, users, unit)

    after = {scope: _section(app, scope) for scope in (None, unit, other)}
    for section in after.values():
        _check_sources(section)
    for scope in (None, unit):
        old, new = _values(before[scope]), _values(after[scope])
        assert {label for label in old if old[label] != new[label]} >= changed, (app, scope)
    assert _values(after[other]) == _values(before[other])


def test_every_module_reports_the_year_asked(units, set_today):
    from fazhi.core.modules import report

    set_today(dt.date(YEAR + 1, 2, 28))
    sections = report(YEAR)
    assert [section.year for section in sections] == [YEAR] * len(sections)
    assert len(sections) >= len(REPORTING)
