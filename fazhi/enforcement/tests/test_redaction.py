"""The redaction that stands between a decision and the public portal (no database)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.core.validators import id_number_check_character
from fazhi.enforcement.redaction import (
    ID_REMOVED,
    PHONE_REMOVED,
    contains_personal_data,
    pseudonym,
    redact,
    surname,
)
from fazhi.enforcement.tests.factories import fake_id_number


@pytest.mark.parametrize(
    ("name", "expected"),
    [("张三", "张某"), ("李小龙", "李某"), ("欧阳明", "欧阳某"), ("司马光", "司马某"), ("欧阳", "欧某"), ("", "")],
)
def test_pseudonym_keeps_surname_only(name, expected):
    assert pseudonym(name) == expected


def test_redact_removes_name_id_and_phones():
    id_number = fake_id_number(123)
    text = (f"当事人：张三丰，身份证号码：{id_number}，联系电话：13912345678，"
            f"单位电话0411-87654321。经查，张三丰在长兴岛销售过期食品，罚款2000元。")

    public = redact(text, person_names=["张三丰"])

    assert "张三丰" not in public
    assert "张某" in public
    assert id_number not in public and ID_REMOVED in public
    assert "13912345678" not in public and "87654321" not in public
    assert public.count(PHONE_REMOVED) == 2
    assert "罚款2000元" in public  # amounts are not personal data
    assert contains_personal_data(public, person_names=["张三丰"]) == []


def test_redact_keeps_an_entitys_registered_name_and_credit_code():
    # An all-digit credit code with a date-like middle could pass for an ID number.
    uscc = "911101198001011234"  # 110119 延庆区: the 7th–14th characters read 19800101
    text = f"大连兴海商贸有限公司（统一社会信用代码{uscc}）未按规定公示年度报告。"

    assert redact(text, keep=[uscc]) == text
    assert uscc not in redact(text)  # without `keep`, the pattern would take it


def test_redact_leaves_case_numbers_and_amounts():
    text = "DEPT-SJJ-2022-0001号，罚款60000.00元，没收违法所得12345678元。"
    assert redact(text) == text


@given(st.integers(min_value=0, max_value=9999),
       st.sampled_from(["", "身份证号", "号码：", "（", " "]),
       st.sampled_from(["", "。", "，住", "）", " "]))
def test_any_valid_id_number_is_removed_wherever_it_stands(n, before, after):
    id_number = fake_id_number(n)
    assert id_number not in redact(f"当事人{before}{id_number}{after}")


@given(st.integers(min_value=0, max_value=10**8 - 1), st.sampled_from("3456789"))
def test_any_mobile_number_is_removed(n, second):
    mobile = f"1{second}{n % 1000:03d}{n:08d}"[:11]
    assert mobile not in redact(f"电话{mobile}。")


def test_old_15_digit_id_numbers_are_removed():
    assert "210281800101001" not in redact("身份证210281800101001")


def test_lowercase_x_check_character_is_removed():
    first17 = "21028119800101004"
    number = first17 + id_number_check_character(first17)
    assert number.lower() not in redact(f"号码{number.lower()}")


def test_contains_personal_data_finds_what_is_left():
    assert contains_personal_data("当事人张三，电话13912345678", person_names=["张三"]) == ["13912345678", "张三"]


def test_surname_of_compound_names():
    assert surname("诸葛亮") == "诸葛"
    assert surname("王五") == "王"


def test_known_id_numbers_are_removed_even_when_the_pattern_would_miss_them():
    odd = "21028121000105000X"  # a birth year the pattern does not take for a date
    assert odd not in redact(f"身份证号码{odd}", id_numbers=[odd])
    assert odd.lower() not in redact(f"身份证号码{odd.lower()}", id_numbers=[odd])
