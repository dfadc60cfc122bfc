"""Consent per plan: which partner, which life domains or information, from and until when, how
it was given and by whom; shown on the plan and in the printed plan; withdrawn with its date."""

import html

import sqlalchemy as sa
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import PlanConsent, PlanVersion
from caseflow.unit_of_work import commit
from tests.offices import Office, login
from tests.plans.helpers import partner, running_plan


def _text(response: object) -> str:
    return html.unescape(response.get_data(as_text=True))  # type: ignore[attr-defined]


def test_the_director_records_consent_and_the_plan_and_printed_plan_show_it(
    client: FlaskClient, office: Office
) -> None:
    plan = running_plan(office)
    kredietbank, _ = partner(office)
    commit()
    login(client, office.regisseur)
    url = f"/plannen/{plan.id}/toestemmingen"
    refused = client.post(
        url,
        data={
            "toestemming-partner_organisation_id": "0",
            "toestemming-valid_from": "2026-03-02",
            "toestemming-valid_until": "2026-02-01",
            "toestemming-given_how": "mondeling",
        },
    )
    page = _text(refused)
    assert refused.status_code == 400
    for field, message in (
        ("partner_organisation_id", "Kies de partner die de gegevens mag zien."),
        ("domains", "Kies de leefgebieden, of beschrijf welke informatie gedeeld mag worden."),
        ("valid_until", "Deze datum ligt in het verleden."),
        ("witness", "Bij mondelinge toestemming is een getuige verplicht. Vul de naam in."),
        ("giver_ids", "Kies wie van het huishouden toestemming gaf."),
    ):
        assert f'id="toestemming-{field}-fout">{message}' in page, field
    assert db.session.scalar(sa.select(sa.func.count(PlanConsent.id))) == 0

    given = client.post(
        url,
        data={
            "toestemming-partner_organisation_id": str(kredietbank.id),
            "toestemming-domains": ["financien"],
            "toestemming-information": "Inkomen, vaste lasten en schulden",
            "toestemming-valid_from": "2026-03-02",
            "toestemming-valid_until": "2026-12-31",
            "toestemming-given_how": "mondeling",
            "toestemming-witness": "Petra Vossen",
            "toestemming-giver_ids": [str(plan.members[0].id)],
        },
    )
    assert given.status_code == 302
    shown = _text(client.get(f"/plannen/{plan.id}"))
    assert '<td class="utrecht-table__cell">Kredietbank Limburg</td>' in shown
    assert 'Financiën<br><span class="hint">Inkomen, vaste lasten en schulden</span>' in shown
    assert "02-03-2026 – 31-12-2026" in shown
    assert "Mondeling, met een getuige, getuige Petra Vossen" in shown
    printed = _text(client.get(f"/plannen/{plan.id}/afdrukken"))
    assert "<h2>Met wie delen we gegevens?</h2>" in printed
    assert "<strong>Kredietbank Limburg</strong>: geld en rekeningen." in printed
    assert "Vanaf 02-03-2026 tot en met 31-12-2026." in printed
    assert "Gegeven door Anna Peters, mondeling, met Petra Vossen als getuige." in printed
    version = db.session.scalars(
        sa.select(PlanVersion).where(PlanVersion.plan_id == plan.id).order_by(PlanVersion.id)
    ).all()[-1]
    assert version.summary == "Toestemming vastgelegd: Kredietbank Limburg (Financiën)"
    assert version.snapshot["toestemmingen"][0]["leefgebieden"] == ["Financiën"]


def test_the_household_withdraws_consent_and_the_plan_says_so(
    client: FlaskClient, office: Office
) -> None:
    from tests.plans.helpers import cocreation

    world = cocreation(office)
    login(client, office.regisseur)
    future = client.post(
        f"/plannen/{world.plan.id}/toestemmingen/{world.consent.id}/intrekken",
        data={f"intrekken{world.consent.id}-withdrawn_on": "2026-04-01"},
    )
    assert future.status_code == 400
    assert "Deze datum ligt in de toekomst." in _text(future)
    done = client.post(
        f"/plannen/{world.plan.id}/toestemmingen/{world.consent.id}/intrekken",
        data={
            f"intrekken{world.consent.id}-withdrawn_on": "2026-03-02",
            f"intrekken{world.consent.id}-note": "Wil het zelf regelen.",
        },
    )
    assert done.status_code == 302
    shown = _text(client.get(f"/plannen/{world.plan.id}"))
    assert "<strong>Ingetrokken</strong> op 02-03-2026" in shown
    printed = _text(client.get(f"/plannen/{world.plan.id}/afdrukken"))
    assert "Wij hebben deze toestemming ingetrokken op 02-03-2026." in printed
    again = client.post(
        f"/plannen/{world.plan.id}/toestemmingen/{world.consent.id}/intrekken",
        data={f"intrekken{world.consent.id}-withdrawn_on": "2026-03-02"},
    )
    assert again.status_code == 400
    assert "Deze toestemming is al ingetrokken." in _text(again)


def test_only_the_director_records_consent(client: FlaskClient, office: Office) -> None:
    plan = running_plan(office)
    kredietbank, _ = partner(office)
    commit()
    login(client, office.collega_regisseur)
    response = client.post(
        f"/plannen/{plan.id}/toestemmingen",
        data={
            "toestemming-partner_organisation_id": str(kredietbank.id),
            "toestemming-domains": ["financien"],
            "toestemming-valid_from": "2026-03-02",
            "toestemming-given_how": "ondertekend",
            "toestemming-giver_ids": [str(plan.members[0].id)],
        },
    )
    # A colleague of the team sees the plan, but only its director records consent.
    assert response.status_code == 403
    assert "Alleen de regisseur van dit huishouden" in _text(response)
    assert db.session.scalar(sa.select(sa.func.count(PlanConsent.id))) == 0
