"""双随机、一公开 in a real browser: the draw page, an inspector's phone, the public results."""


import pytest

from fazhi.accounts.tests.factories import PASSWORD
from fazhi.core import clock
from fazhi.inspections import services
from fazhi.inspections.constants import TaskStatus
from fazhi.inspections.tests.scenario import LABELS, SOURCES, drawn_plan, published_plan

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def test_the_draw_page_commits_then_reveals_and_shows_the_result(transactional_db, setting, login, live_server):
    plan = published_plan(setting)
    page = login(setting["staff_a"].username, PASSWORD)
    page.goto(f"{live_server.url}/inspections/plans/{plan.pk}/")
    assert page.locator("#commit-hash").count() == 0  # nothing committed yet
    form = page.locator("#commit form")
    form.locator("textarea[name=commit-source_labels]").fill("\n".join(LABELS))
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    draw = plan.draws.get()
    assert page.locator("#commit-hash").inner_text() == draw.commit_sha256
    assert "A类：10" in page.locator("#pool-counts").inner_text()
    form = page.locator("#reveal form")
    form.locator("textarea[name=reveal-sources]").fill(SOURCES)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "共11项" in page.locator("#task-count").inner_text()
    assert page.locator("#record-link").is_visible()


def test_an_inspector_records_a_result_on_a_phone_and_the_public_finds_it(transactional_db, setting, browser,
                                                                           live_server):
    plan, _draw = drawn_plan(setting)
    task = plan.tasks.select_related("entity").first()
    member = task.team.first().officer.user
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", member.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/inspections/my-tasks/")
    page.get_by_text(task.entity.name).first.click()
    page.wait_for_load_state()
    form = page.locator("#result form")
    form.locator("select[name=result-result]").select_option("not_disclosed")
    form.locator("input[name=result-inspected_on]").fill(clock.today().isoformat())
    form.locator("textarea[name=result-findings]").fill("未按规定公示年度报告")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    task.refresh_from_db()
    assert task.status == TaskStatus.COMPLETED
    # No horizontal scrolling on the phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    services.results_publish(user=setting["staff_a"], plan=plan)
    public = context.new_page()
    public.goto(f"{live_server.url}/portal/inspections/?q={task.entity.uscc}")
    assert "未按规定公示应当公示的信息" in public.locator("#results").inner_text()
    context.close()
