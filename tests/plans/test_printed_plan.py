"""The plan the household takes home: plain Dutch, their own words, who does what and when."""

import html

import sqlalchemy as sa
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import AccessLog
from tests.offices import Office, login
from tests.plans.helpers import running_plan


def test_the_printed_plan_speaks_plain_dutch_to_the_household(
    client: FlaskClient, office: Office
) -> None:
    plan = running_plan(office)
    login(client, office.regisseur)
    response = client.get(f"/plannen/{plan.id}/afdrukken")
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 200
    for text in (
        "<h1>Ons plan</h1>",
        "Dit is het plan van <strong>Anna Peters</strong>",
        "Weer rust en overzicht.",
        "1. Geld en rekeningen",
        "Ons doel: <strong>Rekeningen op tijd betalen</strong>",
        "Nu: 2. Het lukt niet zonder hulp.",
        "Waar we naartoe werken: 4. Het lukt bijna helemaal zelf.",
        "<td>Humanitas</td>",
        "<td>Team Wmo</td>",
        "Op <strong>25-05-2026</strong> kijken we samen hoe het gaat.",
        "Neem contact op met Samira El Idrissi.",
    ):
        assert text in page, text
    assert "Lichamelijke gezondheid" not in page  # the household reads "Uw lichaam en gezondheid"
    assert "@media print" in client.get("/plannen/stijl.css").get_data(as_text=True)
    log = db.session.scalars(sa.select(AccessLog).order_by(AccessLog.id.desc())).first()
    assert log is not None
    assert (log.purpose, log.case_id) == ("gezinsplan afdrukken voor het huishouden", plan.case_id)
