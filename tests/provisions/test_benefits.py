"""Benefits: a granting decision of the Participatiewet, IOAW, IOAZ or Bbz starts one; what
changes later is a dated mutation, never an overwrite; the end comes once, with its reason."""

import html
import re
from datetime import date

import pytest
import sqlalchemy as sa
import time_machine
from flask.testing import FlaskClient

from caseflow import unit_of_work
from caseflow.extensions import db
from caseflow.models import Benefit, BenefitMutation, Case
from caseflow.models.cases import AppendOnlyError
from caseflow.provisions.benefits import end_benefit, mutate, standing
from caseflow.workflow.engine import assign, fire, start_case
from caseflow.workflow.errors import InvalidData
from tests.markup import FIELD_ERROR
from tests.offices import Office, login
from tests.workflow.helpers import due_dates


def _benefits() -> list[Benefit]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Benefit).order_by(Benefit.id)))


def _applied(office: Office, case_type: str, municipality: str = "maastricht") -> Case:
    place = office.municipalities[municipality]
    consulent = office.consulent if municipality == "maastricht" else office.vaals_consulent
    team = office.participatie if municipality == "maastricht" else None
    case = start_case(
        case_type, municipality=place, actor=consulent, person=office.client, team=team
    )
    assign(case, consulent, consulent)
    if case_type == "pw_aanvraag":
        fire(case, "aanvraag_ontvangen", consulent)
    fire(case, "oppakken", consulent)
    return case


def _grant(case: Case, **extra: object) -> None:
    assert case.assignee is not None
    data = {
        "resultaat": "toegekend",
        "motivering": "Geen inkomen, geen vermogen.",
        "ingangsdatum": "2026-03-09",
        "arbeidsvermogen": "volledig",
        **extra,
    }
    fire(case, "besluiten", case.assignee, data)
    unit_of_work.commit(keep_loaded=True)


@pytest.mark.parametrize(
    ("case_type", "scheme"),
    [("pw_aanvraag", "pw"), ("ioaw", "ioaw"), ("ioaz", "ioaz"), ("bbz", "bbz")],
)
def test_a_grant_starts_a_benefit_of_its_scheme_with_its_first_mutations(
    office: Office, travel: time_machine.Traveller, case_type: str, scheme: str
) -> None:
    case = _applied(office, case_type)
    _grant(case, deeltijdinkomen=True)
    [benefit] = _benefits()
    assert (benefit.case_id, benefit.person_id, benefit.scheme) == (
        case.id,
        office.client.id,
        scheme,
    )
    assert (benefit.start_date, benefit.end_date) == (date(2026, 3, 9), None)
    assert [(m.kind, m.value, m.effective_on) for m in benefit.mutations] == [
        ("start", scheme, date(2026, 3, 9)),
        ("deeltijdinkomen", "ja", date(2026, 3, 9)),
        ("arbeidsvermogen", "volledig", date(2026, 3, 9)),
    ]
    event = case.events[-1]
    assert event.data["uitkering"].endswith(f"vanaf 9 maart 2026 (uitkering {benefit.id})")


def test_a_refusal_starts_nothing_and_a_grant_needs_its_start(
    office: Office, travel: time_machine.Traveller
) -> None:
    refused = _applied(office, "ioaw")
    fire(refused, "besluiten", office.consulent, {"resultaat": "afgewezen", "motivering": "Nee."})
    assert _benefits() == []
    granted = _applied(office, "ioaw")
    with pytest.raises(InvalidData) as refusal:
        fire(
            granted, "besluiten", office.consulent, {"resultaat": "toegekend", "motivering": "Ja."}
        )
    assert refusal.value.field_errors == {
        "ingangsdatum": "Ingangsdatum uitkering is verplicht bij resultaat toegekend.",
        "arbeidsvermogen": "Arbeidsvermogen is verplicht bij resultaat toegekend.",
    }
    assert _benefits() == []


def test_couleur_locale_a_shorter_first_conversation_in_vaals(
    office: Office, travel: time_machine.Traveller
) -> None:
    maastricht = start_case(
        "ioaw", municipality=office.maastricht, actor=office.consulent, person=office.client
    )
    vaals = start_case(
        "ioaw", municipality=office.vaals, actor=office.vaals_consulent, person=office.client
    )
    # Monday 2 March: ten working days is 16 March, five in Vaals 9 March.
    assert due_dates(maastricht)["eerste_gesprek"] == date(2026, 3, 16)
    assert due_dates(vaals)["eerste_gesprek"] == date(2026, 3, 9)
    assert due_dates(vaals)["beslissing"] == date(2026, 4, 27 + 1)  # King's Day moves it


def test_mutations_are_dated_and_read_back_per_day_never_overwritten(
    office: Office, travel: time_machine.Traveller
) -> None:
    _grant(_applied(office, "pw_aanvraag"))
    [benefit] = _benefits()
    mutate(benefit, office.consulent, "deeltijdinkomen", "2026-05-01", "ja", "Twaalf uur per week.")
    mutate(benefit, office.consulent, "arbeidsvermogen", "2026-06-01", "verminderd", "")
    mutate(benefit, office.consulent, "deeltijdinkomen", "2026-08-01", "nee", "Contract afgelopen.")
    unit_of_work.commit()
    [benefit] = _benefits()
    assert standing(benefit, date(2026, 4, 30)) == standing(benefit, date(2026, 3, 9))
    assert (
        standing(benefit, date(2026, 5, 1)).part_time_income,
        standing(benefit, date(2026, 5, 1)).capacity,
    ) == (True, "volledig")
    july = standing(benefit, date(2026, 7, 1))
    assert (july.part_time_income, july.capacity) == (True, "verminderd")
    assert standing(benefit, date(2026, 8, 1)).part_time_income is False
    assert len(benefit.mutations) == 6
    first = benefit.mutations[0]
    first.value = "ioaw"
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    db.session.rollback()


def test_the_end_comes_once_with_its_reason(office: Office, travel: time_machine.Traveller) -> None:
    case = _applied(office, "pw_aanvraag")
    _grant(case)
    [benefit] = _benefits()
    with pytest.raises(InvalidData) as refusal:
        end_benefit(benefit, office.consulent, "2026-03-01", "", "")
    assert refusal.value.field_errors == {
        "effective_on": "De uitkering loopt pas vanaf 09-03-2026; kies een latere datum.",
        "reason": "Kies de reden van beëindiging.",
    }
    end_benefit(benefit, office.consulent, "2026-09-30", "werk", "Vast contract bij de bakker.")
    unit_of_work.commit()
    [benefit] = _benefits()
    assert (benefit.end_date, benefit.end_reason) == (date(2026, 9, 30), "werk")
    assert benefit.mutations[-1].kind == "beeindiging"
    with pytest.raises(InvalidData, match="beëindigd; er verandert niets meer"):
        end_benefit(benefit, office.consulent, "2026-10-31", "studie", "")
    with pytest.raises(InvalidData, match="beëindigd; er verandert niets meer"):
        mutate(benefit, office.consulent, "deeltijdinkomen", "2026-10-01", "ja", "")
    # The file is kept ten years from the end of the benefit, not from the decision.
    db.session.expire_all()
    assert db.session.get_one(Case, case.id).destroy_from == date(2036, 10, 1)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(BenefitMutation)) == 4


def test_the_benefit_page_records_a_mutation_with_refusals_beside_the_fields(
    client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    _grant(_applied(office, "pw_aanvraag"))
    [benefit] = _benefits()
    login(client, office.consulent)
    page = client.get(f"/uitkeringen/{benefit.id}").text
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert "Uitkering Participatiewet" in text
    assert "Arbeidsvermogen Volledig arbeidsvermogen" in text
    refused = client.post(
        f"/uitkeringen/{benefit.id}/mutaties", data={"kind": "arbeidsvermogen", "effective_on": ""}
    )
    assert refused.status_code == 400
    assert f'<p {FIELD_ERROR} id="mutatie-effective_on-fout">Datum: vul een datum in.</p>' in (
        refused.text
    )
    assert f'<p {FIELD_ERROR} id="mutatie-value-fout">Kies de nieuwe situatie.</p>' in (
        refused.text
    )
    done = client.post(
        f"/uitkeringen/{benefit.id}/mutaties",
        data={
            "kind": "arbeidsvermogen",
            "value_arbeidsvermogen": "duurzaam_geen",
            "effective_on": "2026-04-01",
        },
    )
    assert done.status_code == 302
    assert [m.value for m in _benefits()[0].mutations][-1] == "duurzaam_geen"
    client.post("/logout")
    login(client, office.vaals_consulent)
    assert client.get(f"/uitkeringen/{benefit.id}").status_code == 403
