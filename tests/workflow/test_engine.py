"""The engine's single entry point: authorise, guard, transition, log, deadlines."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa
import time_machine

from caseflow import unit_of_work
from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, Deadline, Role
from caseflow.workflow.engine import assign, available_triggers, fire, start_case
from caseflow.workflow.errors import (
    ConflictError,
    GuardFailed,
    InvalidData,
    NotAuthorised,
    TriggerNotAllowed,
    UnknownTrigger,
)
from tests.factories import Factory, granted
from tests.letters.helpers import send_drafted


@pytest.fixture
def setting(factory: Factory, travel: time_machine.Traveller):  # type: ignore[no-untyped-def]
    gemeente = factory.municipality("maastricht")
    consulent = factory.user(Role.CONSULENT, municipalities=[gemeente])
    client = factory.person(gemeente)
    return gemeente, consulent, client


def _snapshot(case: Case) -> tuple[object, ...]:
    db.session.expire_all()
    fresh = db.session.get(Case, case.id)
    assert fresh is not None
    events = db.session.scalar(
        sa.select(sa.func.count()).select_from(CaseEvent).where(CaseEvent.case_id == case.id)
    )
    deadlines = db.session.execute(
        sa.select(Deadline.code, Deadline.status, Deadline.due_date).where(
            Deadline.case_id == case.id
        )
    ).all()
    return fresh.state, fresh.version, fresh.assignee_id, events, sorted(deadlines)


def _new_aanvraag(setting):  # type: ignore[no-untyped-def]
    gemeente, consulent, client = setting
    case = start_case("wmo_aanvraag", municipality=gemeente, actor=consulent, person=client)
    assign(case, consulent, consulent)
    return case


def test_start_case_writes_creation_event_and_starts_deadlines(setting) -> None:  # type: ignore[no-untyped-def]
    case = _new_aanvraag(setting)
    assert case.state == "ontvangen"
    assert [e.trigger for e in case.events] == ["aanmaken", "toewijzen"]
    due = {d.code: d.due_date for d in case.deadlines}
    # Received Monday 2 March 2026: two weeks is Monday 16 March; 5 working days is Monday 9 March.
    assert due == {"beschikking": date(2026, 3, 16), "eerste_contact": date(2026, 3, 9)}


def test_happy_path_walks_to_a_decision_in_time(setting, travel) -> None:  # type: ignore[no-untyped-def]
    _, consulent, _ = setting
    case = _new_aanvraag(setting)
    travel.shift(timedelta(days=1))
    fire(case, "oppakken", consulent)
    fire(case, "verslag_vastleggen", consulent, {"verslag": "Keukentafelgesprek gevoerd."})
    travel.shift(timedelta(days=3))
    decision = {"resultaat": "toegekend", "motivering": "Past bij de vraag.", **granted(case)}
    event = fire(case, "besluiten", consulent, decision)
    assert (case.state, case.result) == ("besloten", "toegekend")
    assert case.closed_at is not None and event.to_state == "besloten"
    outcomes = {d.code: (d.status, d.outcome) for d in case.deadlines}
    assert outcomes == {
        "beschikking": ("stopped", "in_time"),
        "eerste_contact": ("stopped", "in_time"),
    }


def test_every_transition_appends_one_event_with_seconds_in_previous_state(setting, travel) -> None:  # type: ignore[no-untyped-def]
    _, consulent, _ = setting
    case = _new_aanvraag(setting)
    travel.shift(timedelta(hours=5))
    fire(case, "oppakken", consulent)
    travel.shift(timedelta(hours=2, seconds=30))
    fire(case, "verslag_vastleggen", consulent, {"verslag": "Gesprek gevoerd."})
    travel.shift(timedelta(days=1))
    fire(
        case, "besluiten", consulent, {"resultaat": "afgewezen", "motivering": "Voorliggend veld."}
    )
    rows = db.session.execute(
        sa.select(CaseEvent.trigger, CaseEvent.from_state, CaseEvent.seconds_in_previous_state)
        .where(CaseEvent.case_id == case.id)
        .order_by(CaseEvent.id)
    ).all()
    assert rows == [
        ("aanmaken", None, 0),
        ("toewijzen", "ontvangen", 0),
        ("oppakken", "ontvangen", 5 * 3600),
        ("verslag_vastleggen", "in_behandeling", 2 * 3600 + 30),
        ("besluiten", "in_behandeling", 86400),
    ]


def test_illegal_trigger_leaves_case_and_log_untouched(setting) -> None:  # type: ignore[no-untyped-def]
    _, consulent, _ = setting
    case = _new_aanvraag(setting)
    before = _snapshot(case)
    with pytest.raises(TriggerNotAllowed, match="kan niet in de status 'Aanvraag ontvangen'"):
        fire(case, "besluiten", consulent, {"resultaat": "toegekend", "motivering": "x"})
    with pytest.raises(UnknownTrigger):
        fire(case, "toveren", consulent)
    assert _snapshot(case) == before


def test_failed_guard_leaves_case_and_log_untouched(setting) -> None:  # type: ignore[no-untyped-def]
    _, consulent, _ = setting
    case = _new_aanvraag(setting)
    fire(case, "oppakken", consulent)
    before = _snapshot(case)
    with pytest.raises(GuardFailed) as info:
        fire(
            case,
            "besluiten",
            consulent,
            {"resultaat": "toegekend", "motivering": "Goed.", **granted(case)},
        )
    assert info.value.reasons == ["Leg eerst het verslag van het onderzoek vast."]
    assert _snapshot(case) == before


def test_missing_and_bad_data_is_named_per_field(setting) -> None:  # type: ignore[no-untyped-def]
    _, consulent, _ = setting
    case = _new_aanvraag(setting)
    fire(case, "oppakken", consulent)
    fire(case, "verslag_vastleggen", consulent, {"verslag": "Gesprek gevoerd."})
    before = _snapshot(case)
    with pytest.raises(InvalidData) as info:
        fire(case, "besluiten", consulent, {"resultaat": "misschien"})
    assert set(info.value.field_errors) == {"resultaat", "motivering"}
    assert "Motivering is verplicht." in info.value.field_errors["motivering"]
    assert _snapshot(case) == before


def test_role_and_municipality_are_checked(setting, factory: Factory) -> None:  # type: ignore[no-untyped-def]
    gemeente, _, _ = setting
    case = _new_aanvraag(setting)
    toegang = factory.user(Role.TOEGANG, municipalities=[gemeente])
    elders = factory.user(Role.CONSULENT, municipalities=[factory.municipality("vaals")])
    before = _snapshot(case)
    with pytest.raises(NotAuthorised, match="Alleen een consulent"):
        fire(case, "oppakken", toegang)
    with pytest.raises(NotAuthorised, match="gemeente"):
        fire(case, "oppakken", elders)
    with pytest.raises(NotAuthorised):
        fire(case, "oppakken", None)
    assert _snapshot(case) == before


def test_stale_version_is_a_conflict(setting) -> None:  # type: ignore[no-untyped-def]
    _, consulent, _ = setting
    case = _new_aanvraag(setting)
    seen_version = case.version
    fire(case, "oppakken", consulent)
    before = _snapshot(case)
    with pytest.raises(ConflictError):
        fire(case, "verslag_vastleggen", consulent, {"verslag": "x"}, expected_version=seen_version)
    assert _snapshot(case) == before


def test_a_copy_changed_by_another_transaction_is_refused(setting) -> None:  # type: ignore[no-untyped-def]
    _, consulent, _ = setting
    case = _new_aanvraag(setting)
    fire(case, "oppakken", consulent)
    unit_of_work.commit(keep_loaded=True)
    # A colleague's transaction moves the same case after ours was committed.
    with db.engine.begin() as other:
        other.execute(sa.update(Case).where(Case.id == case.id).values(version=Case.version + 1))
    with pytest.raises(ConflictError):
        fire(case, "verslag_vastleggen", consulent, {"verslag": "x"})
    assert _snapshot(case)[0] == "in_behandeling"


def test_moving_a_case_again_needs_no_reload_of_what_the_engine_wrote(setting) -> None:  # type: ignore[no-untyped-def]
    _, consulent, _ = setting
    case = _new_aanvraag(setting)
    fire(case, "oppakken", consulent)
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        fire(case, "verslag_vastleggen", consulent, {"verslag": "Gesprek gevoerd."})
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    # Not even a lock: the version is checked where the case row is written, and the case,
    # its deadlines and the actor's roles are still loaded.
    assert selects == []
    state, _, _, events, _ = _snapshot(case)
    assert (state, events) == ("in_behandeling", 4)


def test_suspension_moves_the_due_date_by_the_suspended_days(setting, travel) -> None:  # type: ignore[no-untyped-def]
    _, consulent, _ = setting
    case = _new_aanvraag(setting)
    fire(case, "oppakken", consulent)
    travel.shift(timedelta(days=2))  # Wednesday 4 March: request to complete
    fire(
        case,
        "vraag_aanvulling",
        consulent,
        {"reden": "Offerte ontbreekt", "hersteltermijn_tot": "2026-03-18"},
    )
    beschikking = next(d for d in case.deadlines if d.code == "beschikking")
    # The request suspends the term once its letter is sent: the same day here.
    assert beschikking.status == "running"
    send_drafted(case, consulent, "verzoek_om_aanvulling")
    assert beschikking.status == "suspended"
    assert beschikking.suspensions[0].start_date == date(2026, 3, 5)
    travel.shift(timedelta(days=7))  # Wednesday 11 March: the information arrives
    fire(case, "aanvulling_ontvangen", consulent)
    assert beschikking.status == "running"
    assert beschikking.suspensions[0].end_date == date(2026, 3, 11)
    # 6 suspended days: Monday 16 March becomes Sunday 22 March, Atw art. 1 moves it to Monday 23.
    assert beschikking.due_date == date(2026, 3, 23)


def test_extension_is_limited_to_the_configured_weeks(setting) -> None:  # type: ignore[no-untyped-def]
    _, consulent, _ = setting
    case = _new_aanvraag(setting)
    fire(case, "oppakken", consulent)
    fire(case, "verdagen", consulent, {"weken": 2, "reden": "Advies van de GGD nodig"})
    beschikking = next(d for d in case.deadlines if d.code == "beschikking")
    assert beschikking.due_date == date(2026, 3, 30)
    assert [(e.weeks, e.reason, e.basis) for e in beschikking.extensions] == [
        (2, "Advies van de GGD nodig", "Awb 4:14")
    ]
    with pytest.raises(GuardFailed, match="nog maximaal 4"):
        fire(case, "verdagen", consulent, {"weken": 5, "reden": "Nog langer"})
    assert beschikking.extension_weeks == 2


def test_available_triggers_say_what_is_possible_and_why_not(setting, factory: Factory) -> None:  # type: ignore[no-untyped-def]
    gemeente, consulent, _ = setting
    case = _new_aanvraag(setting)
    fire(case, "oppakken", consulent)
    options = {o.trigger: o for o in available_triggers(case, consulent)}
    assert options["verslag_vastleggen"].allowed
    assert not options["besluiten"].allowed
    assert options["besluiten"].reasons == ("Leg eerst het verslag van het onderzoek vast.",)
    assert {f.name for f in options["besluiten"].fields} == {
        "motivering",
        "resultaat",
        *("producten", "niet_toegekend"),
    }
    toegang = factory.user(Role.TOEGANG, municipalities=[gemeente])
    allowed_for_toegang = {o.trigger for o in available_triggers(case, toegang) if o.allowed}
    assert allowed_for_toegang == {"intrekken"}


def test_municipality_override_shortens_a_service_norm(factory: Factory, travel) -> None:  # type: ignore[no-untyped-def]
    valkenburg = factory.municipality("valkenburg-aan-de-geul")
    consulent = factory.user(Role.CONSULENT, municipalities=[valkenburg])
    case = start_case("wmo_aanvraag", municipality=valkenburg, actor=consulent)
    due = {d.code: d.due_date for d in case.deadlines}
    assert due["eerste_contact"] == date(2026, 3, 5)  # 3 working days instead of 5
    assert due["beschikking"] == date(2026, 3, 16)  # the legal term is the same everywhere


def test_team_manager_reassigns_with_a_reason(setting, factory: Factory) -> None:  # type: ignore[no-untyped-def]
    gemeente, consulent, _ = setting
    case = _new_aanvraag(setting)
    manager = factory.user(Role.TEAMMANAGER, municipalities=[gemeente])
    collega = factory.user(Role.CONSULENT, municipalities=[gemeente])
    with pytest.raises(InvalidData):
        assign(case, collega, manager)
    with pytest.raises(NotAuthorised):
        assign(case, collega, consulent, reason="Ik wil niet")
    event = assign(case, collega, manager, reason="Verlof")
    assert case.assignee_id == collega.id
    assert (event.reason, event.data) == ("Verlof", {"van": consulent.id, "naar": collega.id})
