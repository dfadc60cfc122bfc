import random

import pytest

from caseflow.bsn import bsn_error, is_valid_bsn, random_bsn


@pytest.mark.parametrize("value", ["111222333", "123456782"])
def test_valid_numbers_pass_the_elfproef(value: str) -> None:
    assert is_valid_bsn(value)
    assert bsn_error(value) is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("123456789", "elfproef"),
        ("000000000", "elfproef"),
        ("12345678", "9 cijfers"),
        ("12345678a", "9 cijfers"),
    ],
)
def test_invalid_numbers_get_a_dutch_reason(value: str, message: str) -> None:
    assert not is_valid_bsn(value)
    error = bsn_error(value)
    assert error is not None and message in error


def test_generated_numbers_are_valid() -> None:
    rng = random.Random(7)
    assert all(is_valid_bsn(random_bsn(rng)) for _ in range(200))
