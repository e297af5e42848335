"""The demo zone's normative documents, decisions and advisors reproduce the seed report's 2022 figures."""

import datetime as dt
from io import StringIO

from django.core.management import call_command

from fazhi.legal_advisors import selectors as advisor_selectors
from fazhi.major_decisions import selectors as decision_selectors
from fazhi.normative_documents import selectors
from fazhi.normative_documents.constants import DocumentStatus
from fazhi.normative_documents.models import NormativeDocument
from fazhi.organisation.models import OrgUnit


def test_2022_normative_document_statistics_match_the_seed(demo):
    # Seed 三(一): 2022年以来共计审核区管委会规范性文件5件 … 2022年共废止行政规范性文件1件.
    stats = selectors.yearly_statistics(2022)
    assert stats.reviewed == 5
    assert stats.repealed == 1
    assert stats.published == 5 and stats.filed_on_time == 5
    assert stats.lawful_first_time == 4  # one draft was first found unlawful (a penalty clause), then revised


def test_the_repeal_followed_a_law_change_cleanup(demo):
    repealed = NormativeDocument.objects.get(status=DocumentStatus.REPEALED)
    assert repealed.ended_on.year == 2022
    item = repealed.cleanup_items.get()
    assert item.cleanup.trigger == "law_change" and item.cleanup.published_on == repealed.ended_on


def test_2022_documents_are_issued_by_the_committee_and_numbered(demo):
    numbers = list(NormativeDocument.objects.filter(number_year=2022).order_by("number_seq")
                   .values_list("number", flat=True))
    assert numbers == [f"〔2022〕{n}号" for n in range(1, 6)]
    assert set(NormativeDocument.objects.filter(number_year=2022).values_list("issuer__code", flat=True)) == {
        "LEAD-GWH"}


def test_major_decisions_were_all_reviewed_before_discussion(demo):
    # Seed 三(二): 实现重大行政决策合法性审查全覆盖.
    stats = decision_selectors.catalogue_statistics(2022)
    assert stats.decided == 3 and stats.reviewed_before_discussion == 3


def test_advisors_cover_every_department_street_and_state_enterprise_in_2022(demo):
    # Seed 三(二): 聘请律师为全区各部门、各街道及国有企业提供法律服务，实现法律顾问服务“全覆盖”.
    coverage = advisor_selectors.coverage(on=dt.date(2022, 12, 31))
    expected = OrgUnit.objects.filter(kind__in=("department", "street", "state_enterprise")).count()
    assert coverage.complete and len(coverage.units) == expected > 20


def test_loading_twice_adds_nothing(demo):
    out = StringIO()
    call_command("demo", entities=20, force=True, stdout=out)
    assert "规范性文件与决策" not in out.getvalue()


def test_the_documents_about_operators_passed_a_fair_competition_review_and_30_days_of_comment(demo):
    # 公平竞争审查条例 第十八条; 优化营商环境条例 第六十二条 (issue 16 item 20).
    about_operators = NormativeDocument.objects.filter(number_year=2022, affects_market_entities=True)
    assert about_operators.count() == 2
    for document in about_operators:
        review = document.fair_competition_reviews.get()
        assert review.conclusion == "no_effect" and review.stakeholder_views
        assert review.reviewed_on < document.deliberations.get().held_on
        assert (document.comment_ends_on - document.comment_starts_on).days + 1 >= 30
