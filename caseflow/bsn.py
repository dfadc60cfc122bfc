"""Burgerservicenummer: nine digits passing the elfproef."""

import random

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def is_valid_bsn(value: str) -> bool:
    if len(value) != 9 or not value.isdigit() or value == "000000000":
        return False
    return sum(w * int(d) for w, d in zip(WEIGHTS, value, strict=True)) % 11 == 0


def bsn_error(value: str) -> str | None:
    """A Dutch message for an invalid BSN, or None when it is valid."""
    if len(value) != 9 or not value.isdigit():
        return "Een BSN bestaat uit precies 9 cijfers."
    if not is_valid_bsn(value):
        return "Dit BSN klopt niet (de elfproef faalt). Controleer het nummer."
    return None


def random_bsn(rng: random.Random) -> str:
    """A valid BSN for demo data."""
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        check = sum(w * d for w, d in zip(WEIGHTS[:8], digits, strict=True)) % 11
        candidate = "".join(map(str, digits)) + str(check)
        if check < 10 and is_valid_bsn(candidate):
            return candidate
