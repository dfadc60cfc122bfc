"""Kwaliteitstoetsing: a seeded sample that an auditor can draw again, redrawn only with a
reason that stays; the checklist from the case type's definition; an error needs its cause;
the error score counts points lost of those that could be lost."""

from datetime import date

import pytest
import sqlalchemy as sa
import time_machine
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import Case, QualityFinding
from caseflow.quality.findings import Verdict, checklist_of, record_findings, score
from caseflow.quality.sampling import SampleRequest, candidates, draw, draw_sample, redraw
from caseflow.unit_of_work import commit
from caseflow.workflow.engine import fire
from caseflow.workflow.errors import InvalidData
from tests.offices import Office, login
from tests.reports.helpers import at, decide, wmo


def _decided(office: Office, count: int) -> list[Case]:
    cases = []
    for _ in range(count):
        case = wmo(office)
        decide(case, "afgewezen")
        cases.append(case)
    return cases


def _request(office: Office, size: int = 3) -> SampleRequest:
    return SampleRequest(office.gemeente.id, "wmo", None, date(2026, 3, 1), date(2026, 3, 31), size)


def test_the_seed_draws_the_same_sample_again_and_only_decisions_of_the_period(
    office: Office, travel: time_machine.Traveller
) -> None:
    at(travel, "2026-02-27 10:00")
    _decided(office, 2)  # February: outside the period
    at(travel, "2026-03-10 10:00")
    march = _decided(office, 6)
    fire(wmo(office), "intrekken", office.anna, {"reden": "Niet nodig."})  # closed, undecided
    open_one = wmo(office)

    sample = draw_sample(office.kwaliteit, _request(office), seed=42)

    pool = candidates(
        office.gemeente.id, "wmo", None, date(2026, 3, 1), date(2026, 3, 31), office.kwaliteit
    )
    assert set(pool) == {c.id for c in march}  # not the withdrawn one, nor the open one
    assert open_one.id not in pool
    drawn = [c.case_id for c in sample.cases]
    assert len(drawn) == 3 and drawn == draw(pool, 3, 42)
    assert draw(pool, 3, 42) == draw(pool, 3, 42)


def test_a_redraw_keeps_the_old_sample_with_its_reason(
    office: Office, travel: time_machine.Traveller
) -> None:
    at(travel, "2026-03-10 10:00")
    _decided(office, 5)
    first = draw_sample(office.kwaliteit, _request(office), seed=1)

    with pytest.raises(InvalidData):
        redraw(first, office.kwaliteit, " ")
    second = redraw(first, office.kwaliteit, "Twee zaken waren al eerder getoetst.")

    assert first.replaced_by_id == second.id
    assert first.replaced_because == "Twee zaken waren al eerder getoetst."
    assert first.closed_at is not None and second.closed_at is None


def test_an_error_needs_its_cause_and_the_score_counts_points(
    office: Office, travel: time_machine.Traveller
) -> None:
    at(travel, "2026-03-10 10:00")
    (case,) = _decided(office, 1)
    sample = draw_sample(office.kwaliteit, _request(office, 1), seed=7)
    items = {item.code: item for item in checklist_of(case)}
    assert items["termijn"].basis.startswith("Wmo 2015 art. 2.3.5")
    verdicts = {code: Verdict("voldoet") for code in items}
    verdicts["termijn"] = Verdict("voldoet_niet")

    with pytest.raises(InvalidData) as refused:
        record_findings(sample, case, office.kwaliteit, verdicts)
    assert refused.value.field_errors == {
        "termijn": "Kies de oorzaak bij 'Besloten binnen de termijn, of op tijd verdaagd'."
    }

    verdicts["termijn"] = Verdict("voldoet_niet", "proces", "Verdaging niet gemeld.")
    verdicts["voorziening"] = Verdict("nvt")  # refused: nothing was granted
    record_findings(sample, case, office.kwaliteit, verdicts)

    result = score(sample)
    # Weights: onderzoek 1, termijn 2, motivering 1, bezwaarclausule 1 (voorziening n.v.t.).
    assert (result.items_checked, result.items_failed, result.points) == (4, 1, 2)
    assert result.possible_points == 5
    assert result.error_percentage == 40.0
    assert result.causes == {"proces": 1}
    # Saving again replaces the verdicts instead of adding to them.
    record_findings(sample, case, office.kwaliteit, verdicts)
    count = sa.select(sa.func.count()).select_from(QualityFinding)
    assert db.session.scalar(count) == len(items)


def test_the_reviewer_lands_on_the_samples_and_works_through_a_case(
    client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    at(travel, "2026-03-10 10:00")
    (case,) = _decided(office, 1)
    commit()
    login(client, office.kwaliteit)

    landing = client.get("/")
    assert landing.status_code == 302 and landing.headers["Location"].endswith("/kwaliteit/")
    page = client.get("/kwaliteit/").get_data(as_text=True)
    assert "Er is nog geen steekproef getrokken." in page

    drawn = client.post(
        "/kwaliteit/steekproeven",
        data={
            "gemeente": str(office.gemeente.id),
            "domein": "wmo",
            "van": "2026-03-01",
            "tot": "2026-03-31",
            "aantal": "5",
        },
    )
    assert drawn.status_code == 302
    sample_page = client.get(drawn.headers["Location"]).get_data(as_text=True)
    assert f"Toets {case.reference}" in sample_page

    check = drawn.headers["Location"] + f"/zaken/{case.id}"
    assert "Besloten binnen de termijn" in client.get(check).get_data(as_text=True)
    form = {f"{item.code}-oordeel": "voldoet" for item in checklist_of(case)}
    form["motivering-oordeel"] = "voldoet_niet"
    form["motivering-oorzaak"] = "kennis"
    assert client.post(check, data=form).status_code == 302
    assert "Kennis of vakmanschap" in client.get(drawn.headers["Location"]).get_data(as_text=True)


def test_only_a_reviewer_samples(client: FlaskClient, office: Office) -> None:
    login(client, office.anna)
    assert client.get("/kwaliteit/").status_code == 403
    assert client.get("/").status_code == 200  # the consultant keeps their worklist


def test_the_error_score_indicator_counts_causes_and_lists_the_cases(
    office: Office, travel: time_machine.Traveller
) -> None:
    from caseflow.reports.filters import ReportFilter
    from caseflow.reports.periods import Period
    from caseflow.reports.registry import indicator
    from tests.reports.helpers import assert_drill_downs_match, table

    at(travel, "2026-03-10 10:00")
    (case,) = _decided(office, 1)
    sample = draw_sample(office.kwaliteit, _request(office, 1), seed=7)
    verdicts = {item.code: Verdict("voldoet") for item in checklist_of(case)}
    verdicts["termijn"] = Verdict("voldoet_niet", "systeem")
    verdicts["voorziening"] = Verdict("nvt")
    record_findings(sample, case, office.kwaliteit, verdicts)

    result = indicator("foutscore").run(
        ReportFilter(today=date(2026, 3, 31), period=Period.parse("2026-03")), ["domein"]
    )

    row = table(result)[("Wmo",)]
    assert (row["getoetst"], row["fout"], row["oorzaak_systeem"], row["foutscore"]) == (
        4,
        1,
        1,
        40.0,
    )
    assert_drill_downs_match(result)
