"""The validity period: found in its usual wordings, measured in years, compared with overridable limits."""

from datetime import date

import pytest

from fazhi.legality_checker.engine import (
    DEFAULT_VALIDITY_YEARS,
    PROVISIONAL_VALIDITY_YEARS,
    ValidityLimits,
    check,
)
from fazhi.legality_checker.engine.check import PROVISIONAL_KIND, STATED_YEARS, VALIDITY_OVER_LIMIT

TODAY = date(2025, 1, 1)


def validity(title: str, closing: str, **kwargs) -> list[str]:
    text = f"{title}\n第一条 为了规范管理，制定本办法。\n第二条 {closing}"
    return [f.rule for f in check(text, today=TODAY, **kwargs)]


@pytest.mark.parametrize(("closing", "expected"), [
    ("本办法自2025年1月1日起施行，有效期五年。", []),
    ("本办法自2025年1月1日起施行，有效期为3年。", []),
    ("本办法自2025年1月1日起施行，有效期限为５年。", []),
    ("本办法自2025年1月1日起施行，有效期八年。", ["validity_too_long"]),
    ("本办法自2025年1月1日起施行，有效期十年。", ["validity_too_long"]),
    ("本办法自2025年1月1日起施行，有效期至2029年12月31日。", []),
    ("本办法自2025年1月1日起施行，有效期至2030年12月31日。", ["validity_too_long"]),
    ("本办法自二〇二五年一月一日起施行，有效期至二〇三〇年十二月三十一日。", ["validity_too_long"]),
    ("本办法自2025年3月1日起施行，2030年2月28日废止。", []),
    ("本办法有效期为2025年1月1日至2031年12月31日。", ["validity_too_long"]),
    ("本办法自印发之日起施行，有效期至2029年底。", []),
    ("本办法自印发之日起施行，有效期至2031年底。", ["validity_too_long"]),
    ("本办法自2025年1月1日起施行，长期有效。", ["validity_too_long"]),
    ("本办法自2025年1月1日起施行，有效期60个月。", []),
    ("本办法自2025年1月1日起施行，有效期66个月。", ["validity_too_long"]),
    ("本通知自印发之日起执行，执行期限至2026年12月31日。", []),
    ("本办法有效期：2025年1月1日—2031年12月31日。", ["validity_too_long"]),
    ("本办法有效期为2025年1月1日-2029年12月31日。", []),
    ("本办法自2025年1月1日起施行，有效期至2035年。", ["validity_too_long"]),
    ("本办法自2025年1月1日起施行，有效期至2029年。", []),
    ("本办法自2025年1月1日起施行，至2035年12月31日止。", ["validity_too_long"]),
    ("本办法自2025年1月1日起施行。", ["no_validity_period"]),
    ("本办法自印发之日起施行，有效期届满前六个月，由区司法局组织评估。", ["no_validity_period"]),
])
def test_ordinary_document(closing, expected):
    assert validity("XX区管理办法", closing) == expected


@pytest.mark.parametrize(("title", "closing", "expected"), [
    ("XX区管理暂行办法", "本办法自2025年1月1日起施行，有效期两年。", []),
    ("XX区管理暂行办法", "本办法自2025年1月1日起施行，有效期三年。", ["validity_too_long"]),
    ("XX区管理办法（试行）", "本办法自2025年7月1日起试行，试行期两年。", []),
    ("XX区管理办法（试行）", "本办法自2025年7月1日起试行，试行期三年。", ["validity_too_long"]),
    ("XX区管理办法", "本办法自2025年1月1日起试行，试行期为三年。", ["validity_too_long"]),
    # The title of a law it cites does not make a document provisional.
    ("XX区管理办法", "依照《企业信息公示暂行条例》执行。本办法自2025年1月1日起施行，有效期三年。", []),
])
def test_provisional_document(title, closing, expected):
    assert validity(title, closing) == expected


def test_validity_finding_explains_the_figures():
    text = "XX暂行办法\n第一条 本办法自2025年1月1日起施行，有效期三年。"
    finding = check(text, today=TODAY)[0]
    assert finding.rule == "validity_too_long"
    assert finding.article == "第一条"
    assert finding.explanation == VALIDITY_OVER_LIMIT.format(stated=STATED_YEARS.format(years=3), kind=PROVISIONAL_KIND,
                                                             limit=PROVISIONAL_VALIDITY_YEARS)


def test_a_licence_validity_is_not_the_documents():
    text = ("XX办法\n第一条 许可证有效期为十年。\n第二条 申请人应当提交申请书。\n第三条 其他事项另行规定。\n"
            "第四条 本办法自2025年1月1日起施行，有效期五年。")
    assert check(text, today=TODAY) == []


def test_limits_are_parameters_with_cited_defaults():
    assert (DEFAULT_VALIDITY_YEARS, PROVISIONAL_VALIDITY_YEARS) == (5, 2)
    closing = "本办法自2025年1月1日起施行，有效期五年。"
    assert validity("XX区管理办法", closing, validity_limits={"default": 3}) == ["validity_too_long"]
    assert validity("XX区管理办法", closing, validity_limits=ValidityLimits(default_years=5)) == []
    assert validity("XX暂行办法", "本办法自2025年1月1日起施行，有效期三年。",
                    validity_limits={"provisional": 3}) == []


def test_unknown_limit_key_is_refused():
    with pytest.raises(ValueError, match="unknown keys"):
        check("第一条 本办法有效期五年。", validity_limits={"temporary": 1})
