"""Random triggers and form input: never a server error, never a half-written case."""

from typing import Any

import sqlalchemy as sa
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, Deadline, Role, User
from caseflow.workflow.engine import assign, fire, start_case
from caseflow.workflow.errors import WorkflowError
from caseflow.workflow.registry import registry
from tests.factories import Factory
from tests.offices import Office, login

FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TEXT = st.text(max_size=30) | st.sampled_from(
    ["", "2026-03-09", "31-02-2026", "-1", "99999", "toegekend", "<script>", "' OR 1=1 --"]
)


def _all_triggers() -> list[str]:
    return sorted({t.trigger for wf in registry().workflows.values() for t in wf.transitions})


def _field_names() -> list[str]:
    return sorted({name for wf in registry().workflows.values() for name in wf.fields})


def _snapshot(case_id: int) -> tuple[Any, ...]:
    db.session.expire_all()
    case = db.session.get_one(Case, case_id)
    events = db.session.scalar(
        sa.select(sa.func.count(CaseEvent.id)).where(CaseEvent.case_id == case_id)
    )
    deadlines = db.session.execute(
        sa.select(
            Deadline.code,
            Deadline.cycle,
            Deadline.status,
            Deadline.due_date,
            Deadline.extension_weeks,
        ).where(Deadline.case_id == case_id)
    ).all()
    return case.state, case.version, events, sorted(deadlines)


@FUZZ
@given(data=st.data())
def test_random_triggers_and_data_never_half_write(office: Office, data: st.DataObject) -> None:
    case_type = data.draw(
        st.sampled_from(
            ["wmo_aanvraag", "wmo_melding", "pw_aanvraag", "bezwaar", "vraagverheldering"]
        )
    )
    case = start_case(
        case_type, municipality=office.maastricht, actor=office.consulent, team=office.wmo
    )
    assign(case, office.consulent, office.consulent)
    for _ in range(data.draw(st.integers(1, 6))):
        trigger = data.draw(st.sampled_from(_all_triggers()) | st.text(max_size=12))
        payload = data.draw(st.dictionaries(st.sampled_from(_field_names()), TEXT, max_size=4))
        actor = data.draw(
            st.sampled_from(
                [office.consulent, office.toegang, office.teammanager, office.vaals_consulent]
            )
        )
        before = _snapshot(case.id)
        try:
            fire(db.session.get_one(Case, case.id), trigger, actor, payload)
        except WorkflowError:
            assert _snapshot(case.id) == before
        else:
            after = _snapshot(case.id)
            assert after[2] == before[2] + 1  # exactly one event more
            assert after[1] == before[1] + 1


@FUZZ
@given(
    form=st.dictionaries(
        st.sampled_from(
            [
                "channel",
                "given_names",
                "family_name",
                "bsn",
                "date_of_birth-dag",
                "date_of_birth-jaar",
                "postcode",
                "municipality_id",
                "question",
                "underlying_question",
                "outcome",
                "domain",
                "urgent_to",
                "front_door_result",
                "person_id",
                "ld_financien",
                "urgent",
            ]
        ),
        TEXT,
        max_size=12,
    )
)
def test_random_intake_forms_never_give_a_server_error(
    client: FlaskClient, office: Office, form: dict[str, str]
) -> None:
    login(client, office.toegang)
    response = client.post("/hulpvraag/nieuw", data=form)
    assert response.status_code in (302, 400), response.status_code


@FUZZ
@given(
    trigger=st.sampled_from(["oppakken", "vraag_aanvulling", "verdagen", "besluiten"])
    | st.text(min_size=1, max_size=10).filter(
        lambda t: (
            "/" not in t
            and "?" not in t
            and "#" not in t
            and t.strip() == t
            and t not in (".", "..")
        )
    ),
    form=st.dictionaries(
        st.sampled_from(
            [
                "version",
                "reden",
                "weken",
                "resultaat",
                "motivering",
                "hersteltermijn_tot",
                "verslag",
            ]
        ),
        TEXT,
        max_size=5,
    ),
)
def test_random_action_posts_never_give_a_server_error(
    client: FlaskClient, office: Office, trigger: str, form: dict[str, str]
) -> None:
    case = start_case(
        "wmo_aanvraag", municipality=office.maastricht, actor=office.consulent, team=office.wmo
    )
    assign(case, office.consulent, office.consulent)
    login(client, office.consulent)
    before = _snapshot(case.id)
    response = client.post(f"/zaken/{case.id}/acties/{trigger}", data=form)
    assert response.status_code in (302, 400, 404, 409)
    if response.status_code != 302:
        assert _snapshot(case.id) == before


CHOICE = st.sampled_from(["", "1", "2", "-1", "abc", "999999", "beheerder", "consulent", "x" * 90])


@FUZZ
@given(
    form=st.dictionaries(
        st.sampled_from(
            ["full_name", "username", "email", "password", "roles", "municipality_ids", "team_ids"]
        ),
        TEXT | st.lists(CHOICE, max_size=3),
        max_size=7,
    )
)
def test_random_new_account_forms_never_give_a_server_error(
    client: FlaskClient, office: Office, factory: Factory, form: dict[str, Any]
) -> None:
    beheerder = factory.user(Role.BEHEERDER, municipalities=[office.maastricht])
    login(client, beheerder)
    users = db.session.scalar(sa.select(sa.func.count(User.id)))
    response = client.post("/beheer/gebruikers/nieuw", data=form)
    assert response.status_code in (302, 400, 403), response.status_code
    created = db.session.scalar(sa.select(sa.func.count(User.id))) - users
    assert created == (1 if response.status_code == 302 else 0)


@FUZZ
@given(
    form=st.dictionaries(
        st.sampled_from(
            ["rechten-roles", "rechten-municipality_ids", "rechten-team_ids", "actief"]
        ),
        st.lists(CHOICE, max_size=3),
        max_size=4,
    ),
    target=st.sampled_from(["consulent", "vaals_consulent", "self", "nobody"]),
)
def test_random_rights_posts_never_give_a_server_error(
    client: FlaskClient, office: Office, factory: Factory, form: dict[str, Any], target: str
) -> None:
    beheerder = factory.user(Role.BEHEERDER, municipalities=[office.maastricht])
    subject_id = {
        "self": beheerder.id,
        "nobody": 999999,
        "consulent": office.consulent.id,
        "vaals_consulent": office.vaals_consulent.id,
    }[target]
    login(client, beheerder)
    for action in ("rechten", "actief"):
        response = client.post(f"/beheer/gebruikers/{subject_id}/{action}", data=form)
        assert response.status_code in (302, 400, 403, 404), response.status_code
    db.session.expire_all()
    assert db.session.get_one(User, beheerder.id).roles == {Role.BEHEERDER}
    assert db.session.get_one(User, office.vaals_consulent.id).roles == {Role.CONSULENT}
