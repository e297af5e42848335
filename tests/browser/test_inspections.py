"""双随机、一公开 in a real browser: the draw page, an inspector's phone, the public results."""

import hashlib
import re

import pytest
from playwright.sync_api import expect

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


def test_a_witness_seals_a_secret_in_the_browser_and_nothing_is_sent(transactional_db, page, live_server):
    """Issue 16 item 11: a short secret is refused; the seal is computed in the page, no request carries it."""
    page.goto(f"{live_server.url}/portal/inspections/seal/")
    page.wait_for_load_state()
    sent = []
    page.on("request", lambda request: sent.append(request.url))
    tool = page.locator("#seal-tool")
    tool.locator("#seal-secret").fill("90517")
    tool.get_by_role("button", name="计算封存值").click()
    expect(tool.locator("[data-seal-status]")).to_contain_text("秘密数须含一个20位以上的数（现在最长的是5位）")
    expect(tool.locator("#seal-value")).to_have_text("")
    secret = "31415926535897932384626"
    tool.locator("#seal-secret").fill(f" {secret} 12 ")
    tool.get_by_role("button", name="计算封存值").click()
    key = f"12.{secret}./"
    expect(tool.locator("#seal-value")).to_have_text(hashlib.sha256(key.encode()).hexdigest())
    expect(tool.locator("[data-seal-key]")).to_have_text(key)
    tool.get_by_role("button", name="随机生成秘密数").click()
    expect(tool.locator("#seal-value")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    generated = tool.locator("#seal-secret").input_value()
    assert re.fullmatch(r"[1-9][0-9]{23}", generated)
    assert tool.locator("#seal-value").inner_text() == hashlib.sha256(f"{generated}./".encode()).hexdigest()
    assert sent == []  # nothing left the page
