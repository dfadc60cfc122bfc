"""Incidenten in cijfers: counts by kind, month, team and municipality for the team manager,
without a single name."""

from datetime import UTC, datetime

import time_machine
from flask.testing import FlaskClient

from caseflow.incident_counts import count_incidents
from caseflow.incidents import register_incident
from caseflow.unit_of_work import commit
from tests.offices import Office, login


def _incident(office: Office, kind: str, when: datetime) -> None:
    register_incident(
        office.client,
        office.anna,
        kind=kind,
        occurred_at=when,
        description="Schreeuwde en sloeg op de balie.",
    )


def test_counts_by_kind_month_team_and_municipality(
    office: Office, travel: time_machine.Traveller
) -> None:
    _incident(office, "verbaal", datetime(2026, 1, 5, 10, tzinfo=UTC))
    _incident(office, "verbaal", datetime(2026, 2, 9, 10, tzinfo=UTC))
    _incident(office, "fysiek", datetime(2026, 2, 10, 10, tzinfo=UTC))
    _incident(office, "verbaal", datetime(2025, 12, 31, 23, 30, tzinfo=UTC))  # 2026 in NL

    counts = count_incidents([office.gemeente.id], 2026)

    verbal = counts.by_kind_and_month["Verbale agressie (schelden, dreigen)"]
    assert verbal[:3] == [2, 1, 0]
    assert counts.by_kind_and_month["Fysieke agressie"][1] == 1
    assert counts.by_team == [("Wmo Maastricht", 4)]
    assert counts.by_municipality == [("Maastricht", 4)]
    assert counts.total == 4


def test_the_manager_sees_numbers_and_no_names(
    client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    _incident(office, "intimidatie", datetime(2026, 2, 20, 10, tzinfo=UTC))
    commit()
    login(client, office.manager)

    page = client.get("/incidenten/overzicht?jaar=2026").get_data(as_text=True)

    assert "Intimidatie of stalking" in page and "Totaal: <strong>1</strong>" in page
    for name in (office.client.family_name, office.anna.full_name, "Schreeuwde"):
        assert name not in page
    client.post("/logout")
    login(client, office.anna)
    assert client.get("/incidenten/overzicht").status_code == 403
