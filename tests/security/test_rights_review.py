"""Jaarlijkse herziening van rechten: who has which rights, what needs attention, who reviewed."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from flask import Flask
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import Role
from tests.factories import Factory
from tests.offices import login
from tests.security.helpers import (
    RightsOffice,
    log_rows,
)


def _report(client: FlaskClient, ro: RightsOffice, year: int = 2026) -> dict[str, list[str]]:
    """The CSV export as {user name: [its row]}."""
    response = client.get(
        "/beheer/herziening/export.csv",
        query_string={"gemeente": ro.office.maastricht.id, "jaar": year},
    )
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:3] == ["gemeente", "gebruikersnaam", "naam"]
    return {row[1]: row for row in rows[1:]}


def _flags(row: list[str]) -> list[str]:
    return row[-1].split("; ") if row[-1] else []


def test_every_active_account_of_the_municipality_is_listed_with_its_rights(
    client: FlaskClient, ro: RightsOffice, factory: Factory
) -> None:
    gone = factory.user(Role.CONSULENT, municipalities=[ro.office.maastricht], active=False)
    login(client, ro.beheerder)
    report = _report(client, ro)
    assert set(report) == {
        "toegang",
        "consulent",
        "collega",
        "teammanager",
        "beheerder",
        "beheerder2",
    }
    assert gone.username not in report
    assert report["teammanager"][3:6] == [
        "Teammanager",
        "Maastricht",
        "Centrale toegang; Team Wmo",
    ]
    page = client.get("/beheer/herziening/").get_data(as_text=True)
    assert "Jaarlijkse herziening van rechten 2026: Maastricht" in page
    assert ro.office.vaals_consulent.full_name not in page


def test_attention_flags_for_idle_accounts_and_unreviewed_rights(
    app: Flask, client: FlaskClient, ro: RightsOffice, travel: time_machine.Traveller
) -> None:
    login(app.test_client(), ro.office.collega)  # logged in long ago
    travel.shift(timedelta(days=91))
    login(app.test_client(), ro.office.consulent)  # logged in just now
    login(client, ro.beheerder)
    report = _report(client, ro)
    assert _flags(report["collega"]) == [
        "niet ingelogd in 90 dagen",
        "rechten niet herzien dit jaar",
    ]
    assert _flags(report["consulent"]) == ["rechten niet herzien dit jaar"]
    assert _flags(report["toegang"]) == ["nog nooit ingelogd", "rechten niet herzien dit jaar"]
    assert report["consulent"][6] == "2026-06-01 11:00"  # Dutch summer time


def test_a_lone_beheerder_is_flagged_and_a_second_one_clears_it(
    app: Flask, client: FlaskClient, ro: RightsOffice
) -> None:
    login(client, ro.tweede_beheerder)
    client.post(
        f"/beheer/gebruikers/{ro.beheerder.id}/rechten",
        data={
            "rechten-roles": [Role.KWALITEIT],
            "rechten-municipality_ids": [str(ro.office.maastricht.id)],
        },
    )
    report = _report(client, ro)
    assert "beheerder zonder tweede beheerder" in _flags(report["beheerder2"])
    assert "beheerder zonder tweede beheerder" not in _flags(report["beheerder"])
    page = client.get("/beheer/herziening/").get_data(as_text=True)
    assert "heeft maar één actieve beheerder" in page
    assert report["beheerder"][7] == "2026-03-02 10:00"  # the last change of rights
    client.post(
        f"/beheer/gebruikers/{ro.beheerder.id}/rechten",
        data={
            "rechten-roles": [Role.BEHEERDER],
            "rechten-municipality_ids": [str(ro.office.maastricht.id)],
        },
    )
    report = _report(client, ro)
    assert all("beheerder zonder tweede beheerder" not in _flags(r) for r in report.values())


def test_a_recorded_review_shows_who_reviewed_when_and_only_counts_for_its_year(
    client: FlaskClient, ro: RightsOffice, travel: time_machine.Traveller
) -> None:
    consulent = ro.office.consulent
    travel.move_to(datetime(2026, 12, 31, 22, 30, tzinfo=UTC))  # 23:30 on New Year's Eve, in NL
    login(client, ro.beheerder)
    response = client.post(
        f"/beheer/herziening/{consulent.id}",
        data={"outcome": "akkoord", "gemeente": ro.office.maastricht.id},
    )
    assert response.status_code == 302
    row = _report(client, ro, 2026)["consulent"]
    assert row[8:11] == ["2026-12-31 23:30", ro.beheerder.full_name, "akkoord"]
    assert "rechten niet herzien dit jaar" not in _flags(row)
    assert "rechten niet herzien dit jaar" in _flags(_report(client, ro, 2027)["consulent"])
    page = client.get("/beheer/herziening/", query_string={"jaar": 2026}).get_data(as_text=True)
    assert f"door {ro.beheerder.full_name}" in page.split(f'id="gebruiker-{consulent.id}"')[1]
    (logged,) = log_rows(user_id=consulent.id)
    assert (logged.action, logged.detail, logged.result) == ("rechten_herzien", "akkoord", "ok")


def test_nobody_reviews_their_own_rights_or_another_municipalitys(
    client: FlaskClient, ro: RightsOffice
) -> None:
    login(client, ro.beheerder)
    for subject in (ro.beheerder, ro.office.vaals_consulent):
        response = client.post(f"/beheer/herziening/{subject.id}", data={"outcome": "akkoord"})
        assert response.status_code == 403
        (refused,) = log_rows(user_id=subject.id)
        assert (refused.action, refused.result) == ("rechten_herzien", "geweigerd")
    assert "rechten niet herzien dit jaar" in _flags(_report(client, ro)["beheerder"])


@pytest.mark.parametrize("path", ["/beheer/herziening/", "/beheer/herziening/export.csv"])
def test_the_report_is_for_beheerders_only(
    client: FlaskClient, ro: RightsOffice, path: str
) -> None:
    login(client, ro.office.teammanager)
    assert client.get(path).status_code == 403
    assert [r.result for r in log_rows(actor_id=ro.office.teammanager.id)] == ["geweigerd"]
    response = client.post(
        f"/beheer/herziening/{ro.office.consulent.id}", data={"outcome": "akkoord"}
    )
    assert response.status_code == 403


def test_another_municipality_cannot_be_chosen_in_the_report(
    client: FlaskClient, ro: RightsOffice
) -> None:
    login(client, ro.beheerder)
    page = client.get("/beheer/herziening/", query_string={"gemeente": ro.office.vaals.id})
    text = page.get_data(as_text=True)
    assert "Maastricht" in text and ro.office.vaals_consulent.full_name not in text


def test_a_spreadsheet_formula_in_a_name_stays_text(client: FlaskClient, ro: RightsOffice) -> None:
    ro.office.collega.full_name = '=HYPERLINK("x")'
    db.session.commit()
    login(client, ro.beheerder)
    assert _report(client, ro)["collega"][2] == '\'=HYPERLINK("x")'


def test_the_command_prints_the_same_report(
    app: Flask, client: FlaskClient, ro: RightsOffice
) -> None:
    login(client, ro.beheerder)
    client.post(f"/beheer/herziening/{ro.office.consulent.id}", data={"outcome": "akkoord"})
    runner = app.test_cli_runner()
    result = runner.invoke(args=["rights-review", "--jaar", "2026", "--gemeente", "maastricht"])
    assert result.exit_code == 0, result.output
    web = client.get(
        "/beheer/herziening/export.csv",
        query_string={"gemeente": ro.office.maastricht.id, "jaar": 2026},
    ).get_data(as_text=True)
    assert result.output == web
    everyone = runner.invoke(args=["rights-review", "--jaar", "2026"])
    assert "Vaals," + ro.office.vaals_consulent.username in everyone.output
    unknown = runner.invoke(args=["rights-review", "--gemeente", "atlantis"])
    assert unknown.exit_code == 2 and "Onbekende gemeente" in unknown.output
