"""The public API others build on: names, shapes, offsets, and no Django inside the engine."""

import ast
import dataclasses
import io
from datetime import date
from pathlib import Path

import pytest

from fazhi.legality_checker.engine import RULES, Article, DraftError, Finding, check, read_draft, split_articles

ENGINE = Path(__file__).resolve().parents[1] / "engine"

DRAFT = """XX区户外广告设置管理办法
第一条 为规范户外广告设置，根据有关法律法规，制定本办法。
第二条 未经区城管局批准，任何单位和个人不得设置户外广告。
第三条 违反本办法规定的，依照《中华人民共和国广告法》的规定予以处罚。
第四条 本办法自2025年1月1日起施行，有效期五年。
"""


def test_engine_imports_no_django():
    for path in ENGINE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n == "django" or n.startswith("django.") for n in names), f"{path.name} imports Django"


def test_finding_is_frozen_and_as_dict_has_the_json_keys():
    findings = check(DRAFT, today=date(2025, 1, 1))
    assert [(f.rule, f.article) for f in findings] == [("license", "第二条")]
    finding = findings[0]
    assert isinstance(finding, Finding)
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.rule = "penalty"  # type: ignore[misc]
    assert finding.as_dict() == {"rule": "license", "article": "第二条", "text": finding.text,
                                 "basis": RULES["license"].basis, "explanation": RULES["license"].explanation}


def test_offsets_point_at_the_clause_in_the_text():
    finding = check(DRAFT)[0]
    assert DRAFT[finding.start:finding.end] == finding.text == "未经区城管局批准，任何单位和个人不得设置户外广告。"


def test_every_rule_cites_a_basis_and_explains_in_chinese():
    assert set(RULES) == {"license", "penalty", "coercive_measure", "fee", "fair_competition", "no_validity_period",
                          "validity_too_long"}
    for code, rule in RULES.items():
        assert rule.code == code
        assert "《" in rule.basis and "》" in rule.basis
        assert any("\u4e00" <= ch <= "\u9fff" for ch in rule.explanation)


def test_split_articles_labels_paragraphs_and_items():
    text = ("关于XX的暂行办法\n第一条 为了……，制定本办法。\n第二条 申请人应当提交下列材料：\n"
            "（一）申请书；\n（二）身份证明。\n前款材料应当真实。\n第三条 本办法自印发之日起施行。")
    articles = split_articles(text)
    assert [a.label for a in articles] == [None, "第一条", "第二条", "第三条"]
    second = articles[2]
    assert isinstance(second, Article)
    assert second.number == 2
    assert text[second.start:second.end] == second.text
    assert [p.text for p in second.paragraphs] == [
        "第二条 申请人应当提交下列材料：", "（一）申请书；", "（二）身份证明。", "前款材料应当真实。"]
    assert [i.text for i in second.items] == ["（一）申请书；", "（二）身份证明。"]
    assert all(text[i.start:i.end] == i.text for i in second.items)


def test_read_text_in_utf8_with_bom_and_gb18030():
    text = "第一条 本办法自印发之日起施行。"
    assert read_draft(text.encode("utf-8"), "a.txt") == text
    assert read_draft(b"\xef\xbb\xbf" + text.encode("utf-8"), "a.md") == text
    assert read_draft(text.encode("gb18030"), "a.TXT") == text


def test_read_a_real_docx_with_a_table():
    import docx

    document = docx.Document()
    document.add_paragraph("XX区管理办法")
    document.add_paragraph("第一条 未经区商务局批准，不得从事经营活动。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "收费项目"
    table.cell(0, 1).text = "管理费"
    buffer = io.BytesIO()
    document.save(buffer)
    text = read_draft(buffer.getvalue(), "草案.docx")
    assert text.split("\n") == ["XX区管理办法", "第一条 未经区商务局批准，不得从事经营活动。", "收费项目\t管理费"]
    assert [f.rule for f in check(text)] == ["no_validity_period", "license"]


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"%PDF-1.4", "a.pdf", "不支持的文件类型 .pdf"),
    (b"\xd0\xcf\x11\xe0", "a.doc", "旧版 Word"),
    (b"not a zip", "a.docx", "不是有效的 Word"),
    (b"abc\x00\x01", "a.txt", "二进制"),
    (b"  \n", "a.txt", "没有文字内容"),
])
def test_unreadable_files_raise_draft_error_in_chinese(data, name, message):
    with pytest.raises(DraftError, match=message) as info:
        read_draft(data, name)
    assert isinstance(info.value, ValueError)
