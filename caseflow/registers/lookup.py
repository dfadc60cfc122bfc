"""One interface for the front door: a person by BSN, an address by postcode and house number.

Each answer names its source, so the form can show where a value came from. A register that is
not configured, does not answer or answers nonsense gives no answer and a Dutch reason; the
front door then types the value, as without registers.
"""

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import current_app

TIMEOUT_SECONDS = 5


@dataclass(frozen=True)
class RegisteredPerson:
    bsn: str
    given_names: str
    family_name: str  # with its prefix: "de Vries"
    date_of_birth: date | None
    street: str | None
    house_number: str | None
    postcode: str | None
    municipality_code: str | None  # the CBS code of the municipality of registration
    source: str = "BRP"


@dataclass(frozen=True)
class RegisteredAddress:
    street: str
    house_number: str
    postcode: str
    city: str
    municipality_name: str
    source: str = "BAG"


class RegisterUnavailable(Exception):
    """The register could not answer; `message` says so in Dutch."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def configured() -> dict[str, bool]:
    return {
        "brp": bool(current_app.config.get("BRP_URL")),
        "bag": bool(current_app.config.get("BAG_URL")),
    }


def person_by_bsn(bsn: str) -> RegisteredPerson | None:
    """The BRP's person with this BSN (None: not registered)."""
    url = current_app.config.get("BRP_URL")
    if not url:
        raise RegisterUnavailable("De BRP is niet gekoppeld; vul de gegevens zelf in.")
    body = {
        "type": "RaadpleegMetBurgerservicenummer",
        "burgerservicenummer": [bsn],
        "fields": [
            "burgerservicenummer",
            "naam",
            "geboorte",
            "verblijfplaats",
            "gemeenteVanInschrijving",
        ],
    }
    headers = {"X-API-KEY": current_app.config.get("BRP_API_KEY") or ""}
    answer = _call(url.rstrip("/") + "/personen", "BRP", body=body, headers=headers)
    persons = answer.get("personen") if isinstance(answer, dict) else None
    if not isinstance(persons, list):
        raise RegisterUnavailable("De BRP gaf een antwoord dat caseflow niet kan lezen.")
    return _person(persons[0]) if persons else None


def address_by_postcode(postcode: str, house_number: str) -> RegisteredAddress | None:
    """The BAG address at this postcode and house number (None: no such address)."""
    url = current_app.config.get("BAG_URL")
    if not url:
        raise RegisterUnavailable("De BAG is niet gekoppeld; vul het adres zelf in.")
    compact = postcode.replace(" ", "").upper()
    number = "".join(ch for ch in house_number if ch.isdigit())
    if not number:
        return None
    query = urllib.parse.urlencode(
        {"q": f"postcode:{compact} and huisnummer:{number}", "fq": "type:adres", "rows": 1}
    )
    answer = _call(url.rstrip("/") + "/free?" + query, "BAG")
    docs = answer.get("response", {}).get("docs") if isinstance(answer, dict) else None
    if not isinstance(docs, list):
        raise RegisterUnavailable("De BAG gaf een antwoord dat caseflow niet kan lezen.")
    return _address(docs[0]) if docs else None


def _call(url: str, register: str, body: Any = None, headers: dict[str, str] | None = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url,
        data=data,
        headers={
            "Accept": "application/json",
            "Content-Type": "application/json",
            **(headers or {}),
        },
        method="POST" if data is not None else "GET",
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # nosec B310
            return json.load(response)
    except (urllib.error.URLError, TimeoutError, ValueError) as error:
        current_app.logger.warning("%s niet bereikbaar: %s", register, error)
        raise RegisterUnavailable(
            f"De {register} antwoordt nu niet; vul de gegevens zelf in of probeer het later."
        ) from None


def _person(raw: dict[str, Any]) -> RegisteredPerson:
    name = raw.get("naam") or {}
    family = " ".join(p for p in (name.get("voorvoegsel"), name.get("geslachtsnaam")) if p)
    born = ((raw.get("geboorte") or {}).get("datum") or {}).get("datum")
    address = (raw.get("verblijfplaats") or {}).get("verblijfadres") or {}
    number = "".join(
        str(p) for p in (address.get("huisnummer"), address.get("huisletter")) if p
    ) + (f"-{address['huisnummertoevoeging']}" if address.get("huisnummertoevoeging") else "")
    postcode = address.get("postcode")
    return RegisteredPerson(
        bsn=str(raw.get("burgerservicenummer") or ""),
        given_names=name.get("voornamen") or "",
        family_name=family,
        date_of_birth=_date(born),
        street=address.get("officieleStraatnaam") or address.get("korteStraatnaam"),
        house_number=number or None,
        postcode=_postcode(postcode) if postcode else None,
        municipality_code=(raw.get("gemeenteVanInschrijving") or {}).get("code"),
    )


def _address(raw: dict[str, Any]) -> RegisteredAddress:
    number = f"{raw.get('huisnummer', '')}{raw.get('huisletter', '')}"
    if raw.get("huisnummertoevoeging"):
        number += f"-{raw['huisnummertoevoeging']}"
    return RegisteredAddress(
        street=raw.get("straatnaam", ""),
        house_number=number,
        postcode=_postcode(raw.get("postcode", "")),
        city=raw.get("woonplaatsnaam", ""),
        municipality_name=raw.get("gemeentenaam", ""),
    )


def _date(raw: Any) -> date | None:
    try:
        return date.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def _postcode(raw: str) -> str:
    compact = raw.replace(" ", "").upper()
    return f"{compact[:4]} {compact[4:]}" if len(compact) == 6 else compact
