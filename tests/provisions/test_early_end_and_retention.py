"""Ending a provision early is a dated, reasoned change appended to its history; and a decision's
file is kept from the end of what it granted, a day stored on the file."""

import html
import re
from datetime import date

import pytest
import sqlalchemy as sa
import time_machine
from flask.testing import FlaskClient

from caseflow import unit_of_work
from caseflow.destruction import destroy_case
from caseflow.extensions import db
from caseflow.models import Case, Provision, ProvisionChange, Role
from caseflow.provisions.changes import end_early
from caseflow.retention import due_since, is_due
from caseflow.workflow.errors import InvalidData, NotAuthorised
from tests.factories import Factory
from tests.jobs.helpers import go_to
from tests.markup import FIELD_ERROR
from tests.offices import Office, login
from tests.provisions.helpers import Catalogue, decide, provisions, ready_to_decide, row


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_an_early_end_is_appended_with_the_end_it_had_and_why(
    office: Office, catalogue: Catalogue
) -> None:
    decide(ready_to_decide(office), [row(catalogue.household, "3", "2026-03-02", "2027-03-01")])
    [provision] = provisions()
    change = end_early(
        provision, office.consulent, "2026-06-30", "wlz", "Opgenomen in verpleeghuis."
    )
    unit_of_work.commit()
    [provision] = provisions()
    assert (provision.end_date, provision.decided_end_date, provision.ended_reason) == (
        date(2026, 6, 30),
        date(2027, 3, 1),
        "wlz",
    )
    assert (change.ends_on, change.previous_end, change.actor_id) == (
        date(2026, 6, 30),
        date(2027, 3, 1),
        office.consulent.id,
    )
    # An earlier end again is one more change; the first stays as it was.
    end_early(provision, office.consulent, "2026-05-31", "overleden", "")
    unit_of_work.commit()
    history = db.session.scalars(sa.select(ProvisionChange).order_by(ProvisionChange.id)).all()
    assert [(c.ends_on, c.previous_end, c.reason) for c in history] == [
        (date(2026, 6, 30), date(2027, 3, 1), "wlz"),
        (date(2026, 5, 31), date(2026, 6, 30), "overleden"),
    ]


@pytest.mark.parametrize(
    ("ends_on", "reason", "explanation", "errors"),
    [
        (
            "2027-03-01",
            "verhuisd",
            "",
            {
                "ends_on": "De voorziening loopt al tot en met 01-03-2027; een eerder einde ligt "
                "daarvoor."
            },
        ),
        (
            "2026-02-01",
            "verhuisd",
            "",
            {"ends_on": "De voorziening kan niet eindigen vóór ze begon."},
        ),
        (
            "",
            "",
            "",
            {
                "ends_on": "Laatste dag: vul een datum in.",
                "reason": "Kies waarom de voorziening eerder eindigt.",
            },
        ),
        (
            "2026-06-30",
            "overig",
            " ",
            {"explanation": "Licht toe waarom de voorziening eerder eindigt."},
        ),
    ],
)
def test_an_early_end_names_what_is_wrong_and_changes_nothing(
    office: Office,
    catalogue: Catalogue,
    ends_on: str,
    reason: str,
    explanation: str,
    errors: dict[str, str],
) -> None:
    decide(ready_to_decide(office), [row(catalogue.household, "3", "2026-03-02", "2027-03-01")])
    [provision] = provisions()
    with pytest.raises(InvalidData) as refusal:
        end_early(provision, office.consulent, ends_on, reason, explanation)
    assert refusal.value.field_errors == errors
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ProvisionChange)) == 0
    assert provisions()[0].end_date == date(2027, 3, 1)


def test_only_a_consultant_of_the_municipality_changes_a_provision(
    office: Office, catalogue: Catalogue
) -> None:
    decide(ready_to_decide(office), [row(catalogue.household, "3", "2026-03-02", "2027-03-01")])
    [provision] = provisions()
    for outsider in (office.vaals_consulent, office.beheerder):
        with pytest.raises(NotAuthorised):
            end_early(provision, outsider, "2026-06-30", "verhuisd", "")


def test_the_provision_page_ends_it_with_the_refusal_beside_its_field(
    client: FlaskClient, office: Office, catalogue: Catalogue
) -> None:
    decide(ready_to_decide(office), [row(catalogue.household, "3", "2026-03-02", "2027-03-01")])
    [provision] = provisions()
    login(client, office.consulent)
    page = _text(client.get(f"/voorzieningen/{provision.id}").text)
    assert "Geen wijzigingen: de voorziening loopt zoals besloten." in page
    refused = client.post(
        f"/voorzieningen/{provision.id}/beeindigen", data={"ends_on": "2026-06-30", "reason": ""}
    )
    assert refused.status_code == 400
    assert f'<p {FIELD_ERROR} id="einde-reason-fout">Kies waarom de voorziening eerder ' in (
        refused.text
    )
    assert 'value="2026-06-30"' in refused.text
    done = client.post(
        f"/voorzieningen/{provision.id}/beeindigen",
        data={"ends_on": "30-06-2026", "reason": "verhuisd", "explanation": "Naar Heerlen."},
    )
    assert done.status_code == 302
    page = _text(client.get(f"/voorzieningen/{provision.id}").text)
    assert "30-06-2026 01-03-2027 Verhuisd naar een andere gemeente: Naar Heerlen." in page
    client.post("/logout")
    login(client, office.vaals_consulent)
    assert client.get(f"/voorzieningen/{provision.id}").status_code == 403


def test_the_file_is_kept_from_the_end_of_what_it_granted(
    office: Office, catalogue: Catalogue, travel: time_machine.Traveller
) -> None:
    # Decided on 2 March 2026 and kept ten years: from the close that is 3 March 2036, but the
    # household help runs to 1 March 2027, so the file is kept to 2 March 2037.
    case = ready_to_decide(office)
    decide(case, [row(catalogue.household, "3", "2026-03-02", "2027-03-01")])
    assert case.destroy_from == date(2037, 3, 2)
    assert due_since(case) == date(2037, 3, 2)


def test_a_file_whose_provision_has_no_end_is_kept_until_it_ends(
    office: Office, catalogue: Catalogue, travel: time_machine.Traveller
) -> None:
    case = ready_to_decide(office)
    decide(
        case,
        [row(catalogue.stairlift, "1", "2026-03-02", aanbieder=str(catalogue.group.id))],
    )
    assert (case.destroy_from, due_since(case)) == (None, None)
    go_to(travel, date(2040, 1, 6))
    assert not is_due(case)
    [lift] = provisions()
    end_early(lift, office.consulent, "2039-12-31", "overleden", "")
    unit_of_work.commit()
    db.session.expire_all()
    assert db.session.get_one(Case, case.id).destroy_from == date(2050, 1, 1)


def test_a_destroyed_decision_keeps_its_provisions_counted_without_the_person(
    office: Office, catalogue: Catalogue, factory: Factory, travel: time_machine.Traveller
) -> None:
    case = ready_to_decide(office)
    decide(case, [row(catalogue.household, "3", "2026-03-02", "2026-12-31")])
    [provision] = provisions()
    end_early(provision, office.consulent, "2026-06-30", "overig", "Opgenomen; dementie.")
    unit_of_work.commit()
    privacy = factory.user(Role.PRIVACY, municipalities=[office.maastricht])
    go_to(travel, date(2036, 7, 1))
    destroy_case(db.session.get_one(Case, case.id), privacy)
    unit_of_work.commit()
    [kept] = provisions()
    assert (kept.person_id, kept.kind, kept.end_date) == (
        None,
        "hulp_huishouden",
        date(2026, 6, 30),
    )
    explanation = db.session.scalar(sa.select(ProvisionChange.explanation))
    assert explanation is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Provision)) == 1
