import re

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from fazhi.core.validators import (
    ID_BIRTH_DATE,
    ID_CHECK_CHARACTER,
    PHONE_FORMAT,
    USCC_ALPHABET,
    USCC_CHARACTER,
    USCC_CHECK,
    USCC_LENGTH,
    id_number_check_character,
    mask_id_number,
    mask_phone,
    uscc_check_character,
    validate_id_number,
    validate_phone,
    validate_uscc,
)

# Published codes of real bodies, to anchor the algorithm to the standard, not to itself.
REAL_USCC = ["91350100M000100Y43", "91110000802100433B"]
REAL_IDS = ["11010519491231002X", "440524188001010014"]


@pytest.mark.parametrize("code", REAL_USCC)
def test_published_uscc_codes_are_valid(code):
    validate_uscc(code)


@pytest.mark.parametrize("number", REAL_IDS)
def test_standard_example_id_numbers_are_valid(number):
    validate_id_number(number)


def test_uscc_wrong_check_character_names_the_expected_one():
    with pytest.raises(ValidationError) as error:
        validate_uscc("91350100M000100Y44")
    assert error.value.messages == [str(USCC_CHECK) % {"expected": "3", "actual": "4"}]


@pytest.mark.parametrize(
    ("code", "message"),
    [("9135010", (USCC_LENGTH, {"n": 7})), ("91350100M000100YO3", (USCC_CHARACTER, {"ch": "O"})),
     ("", (USCC_LENGTH, {"n": 0}))],
)
def test_uscc_format_errors(code, message):
    template, values = message
    with pytest.raises(ValidationError) as error:
        validate_uscc(code)
    assert error.value.messages == [str(template) % values]


uscc_bodies = st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17)


@given(uscc_bodies)
def test_any_body_with_its_check_character_is_valid(body):
    validate_uscc(body + uscc_check_character(body))


@given(uscc_bodies, st.sampled_from(USCC_ALPHABET))
def test_any_other_check_character_is_rejected(body, wrong):
    if wrong == uscc_check_character(body):
        return
    with pytest.raises(ValidationError):
        validate_uscc(body + wrong)


@given(uscc_bodies, st.integers(0, 16), st.sampled_from(USCC_ALPHABET))
def test_a_single_changed_character_is_detected(body, position, replacement):
    code = body + uscc_check_character(body)
    changed = code[:position] + replacement + code[position + 1:]
    if changed == code:
        return
    with pytest.raises(ValidationError):
        validate_uscc(changed)


def test_id_number_bad_check_character_and_bad_birth_date():
    with pytest.raises(ValidationError, match=re.escape(str(ID_CHECK_CHARACTER) % {"expected": "X", "actual": "1"})):
        validate_id_number("110105194912310021")
    body = "11010519491331002"
    with pytest.raises(ValidationError, match=re.escape(str(ID_BIRTH_DATE) % {"d": "19491331"})):
        validate_id_number(body + id_number_check_character(body))


def test_lower_case_x_is_accepted():
    validate_id_number("11010519491231002x")


@pytest.mark.parametrize("phone", ["13800138000", "0411-87654321", "041187654321", "19912345678"])
def test_valid_phones(phone):
    validate_phone(phone)


@pytest.mark.parametrize("phone", ["12800138000", "1380013800", "abc", "0411-123"])
def test_invalid_phones(phone):
    with pytest.raises(ValidationError, match=re.escape(str(PHONE_FORMAT))):
        validate_phone(phone)


def test_masks_keep_only_what_identifies_the_row():
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_phone("13800138000") == "138****8000"
    assert mask_id_number("") == ""
