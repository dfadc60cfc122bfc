"""Logging in tells nothing by its timing, and locking someone else out costs more than it did."""

import statistics
import time

from flask.testing import FlaskClient

from caseflow.security.throttle import MAX_FAILURES, MAX_FAILURES_WIDE
from tests.factories import PASSWORD
from tests.offices import Office

ATTACKER = {"REMOTE_ADDR": "192.0.2.66"}
VICTIM_DESK = {"REMOTE_ADDR": "192.0.2.10"}
LOCKED = "Te veel mislukte pogingen"


def _attempt(client: FlaskClient, name: str, password: str, where: dict[str, str]) -> str:
    response = client.post(
        "/login", data={"username": name, "password": password}, environ_base=where
    )
    return str(response.status_code) + response.get_data(as_text=True)


def _median_seconds(client: FlaskClient, name: str) -> float:
    times = []
    for attempt in range(10):
        where = {"REMOTE_ADDR": f"198.51.100.{attempt}"}
        begin = time.perf_counter()
        _attempt(client, name, "fout-wachtwoord", where)
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def test_unknown_and_known_names_take_as_long(client: FlaskClient, office: Office) -> None:
    known = _median_seconds(client, office.consulent.username)
    unknown = _median_seconds(client, "bestaat-niet")
    assert max(known, unknown) < 2 * min(known, unknown)


def test_an_attacker_cannot_lock_out_someone_at_their_own_desk(
    client: FlaskClient, office: Office
) -> None:
    name = office.consulent.username
    for _ in range(MAX_FAILURES):
        _attempt(client, name, "fout", ATTACKER)
    assert LOCKED in _attempt(client, name, PASSWORD, ATTACKER)
    assert _attempt(client, name, PASSWORD, VICTIM_DESK).startswith("302")


def test_an_address_trying_many_names_is_locked_for_all_of_them(
    client: FlaskClient, office: Office
) -> None:
    for number in range(MAX_FAILURES_WIDE):
        _attempt(client, f"gok{number}", "fout", ATTACKER)
    assert LOCKED in _attempt(client, office.collega.username, PASSWORD, ATTACKER)
    assert _attempt(client, office.collega.username, PASSWORD, VICTIM_DESK).startswith("302")


def test_a_guess_spread_over_many_addresses_still_locks_the_name(
    client: FlaskClient, office: Office
) -> None:
    name = office.consulent.username
    for number in range(MAX_FAILURES_WIDE):
        _attempt(client, name, "fout", {"REMOTE_ADDR": f"203.0.113.{number}"})
    assert LOCKED in _attempt(client, name, PASSWORD, VICTIM_DESK)
