"""Every term on a case page has one source: its title names the length its date was computed
with, and its explanation and date come from that same length, in every municipality."""

from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser

import sqlalchemy as sa
import time_machine
from flask.testing import FlaskClient

from caseflow.deadlines import describe_length
from caseflow.deadlines.dutch_dates import format_date
from caseflow.demo import seed
from caseflow.extensions import db
from caseflow.models import Case, Deadline, Municipality, Role, Team
from caseflow.workflow.engine import assign, start_case
from caseflow.workflow.registry import registry
from tests.factories import Factory
from tests.offices import login


@dataclass
class TermRow:
    """One term as the case page shows it."""

    title: str
    due: str  # as in the table, dd-mm-jjjj
    explanation: list[str] = field(default_factory=list)


class _TermTable(HTMLParser):
    """The rows of the Termijnen table: the title cell, the due date cell, the explanation."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[TermRow] = []
        self._in_section = False
        self._cells: list[list[str]] | None = None
        self._in_li = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section" and ("aria-labelledby", "kop-termijnen") in attrs:
            self._in_section = True
        if not self._in_section:
            return
        if tag == "tr":
            self._cells = []
        elif tag == "td" and self._cells is not None:
            self._cells.append([])
        elif tag == "li":
            self._in_li = True
            self.rows[-1].explanation.append("")

    def handle_endtag(self, tag: str) -> None:
        if not self._in_section:
            return
        if tag == "section":
            self._in_section = False
        elif tag == "li":
            self._in_li = False
        elif tag == "tr" and self._cells is not None:
            if len(self._cells) == 5:
                title = self._cells[0][0].strip()
                self.rows.append(TermRow(title=title, due="".join(self._cells[3]).strip()))
            self._cells = None

    def handle_data(self, data: str) -> None:
        if self._in_li:
            self.rows[-1].explanation[-1] += data
        elif self._in_section and self._cells:
            self._cells[-1].append(data)


def term_rows(page: str) -> list[TermRow]:
    table = _TermTable()
    table.feed(page)
    return table.rows


def _check_page(page: str, case: Case) -> int:
    """Compare each shown term with the row its date was computed from; return how many."""
    rows = term_rows(page)
    assert len(rows) == len(case.deadlines), case.case_type
    for shown, deadline in zip(rows, case.deadlines, strict=True):
        where = f"{case.case_type} in {case.municipality.code}: {shown.title}"
        length = describe_length(deadline.weeks, deadline.days, deadline.working_days)
        assert length in shown.title, where
        explained = " ".join(shown.explanation)
        # The explanation counts the same weeks, days and working days the title names.
        for part in length.split(" en "):
            assert part in explained, f"{where}: '{part}' not in '{explained}'"
        due = date(*reversed([int(p) for p in shown.due.split("-")]))
        assert shown.explanation[-1] == f"Uiterste datum: {format_date(due)}.", where
        if deadline.status != "suspended":  # else: as if the clock ran again today
            assert due == deadline.due_date, where
    return len(rows)


def _overrides() -> set[tuple[str, str, str]]:
    """(workflow, municipality, deadline) for every deadline a municipality changes."""
    return {
        (name, municipality, code)
        for name, workflow in registry().workflows.items()
        for municipality, override in workflow.overrides.items()
        for code in override.deadlines
    }


def test_titles_follow_every_municipalitys_own_length(
    client: FlaskClient, factory: Factory, travel: time_machine.Traveller
) -> None:
    overridden = _overrides()
    # Every municipality that changes a term, and one that changes none.
    codes = sorted({m for _, m, _ in overridden} | {"vaals"})
    places = [factory.municipality(code) for code in codes]
    worker = factory.user(
        Role.TOEGANG,
        Role.CONSULENT,
        Role.REGISSEUR,
        Role.TEAMMANAGER,
        Role.JURIST,
        municipalities=places,
    )
    login(client, worker)
    seen: set[tuple[str, str, str]] = set()
    for place in places:
        person = factory.person(place)
        for name in registry().names():
            case = start_case(name, municipality=place, actor=worker, person=person)
            assign(case, worker, worker)
            page = client.get(f"/zaken/{case.id}").get_data(as_text=True)
            _check_page(page, case)
            seen |= {(name, place.code, d.code) for d in case.deadlines}
    # Each municipality's own length was on a page (every one starts with its case).
    assert overridden <= seen, overridden - seen
    assert overridden, "the shipped workflows change some terms per municipality"


def test_a_municipal_length_changes_the_title_with_it() -> None:
    wmo_aanvraag = registry().get("wmo_aanvraag")
    default = wmo_aanvraag.deadlines["eerste_contact"]
    valkenburg = wmo_aanvraag.for_municipality("valkenburg-aan-de-geul").deadlines["eerste_contact"]
    assert (default.title, valkenburg.title) == (
        "Eerste contact binnen 5 werkdagen",
        "Eerste contact binnen 3 werkdagen",
    )
    melding = registry().get("wmo_melding").for_municipality("maastricht")
    assert melding.deadlines["onderzoek_norm"].title == (
        "Onderzoek binnen 3 weken na de melding afgerond (servicenorm)"
    )


def test_every_term_on_every_demo_case_page_agrees_with_its_title(
    client: FlaskClient, factory: Factory, travel: time_machine.Traveller
) -> None:
    seed(case_count=70)
    # A reviewer who also manages every team sees every case, the sensitive ones included.
    reviewer = factory.user(
        Role.KWALITEIT,
        Role.TEAMMANAGER,
        municipalities=list(db.session.scalars(sa.select(Municipality))),
        teams=list(db.session.scalars(sa.select(Team))),
    )
    login(client, reviewer)
    shown = 0
    for case in db.session.scalars(sa.select(Case).where(Case.deadlines.any())):
        response = client.get(f"/zaken/{case.id}")
        assert response.status_code == 200, case.case_type
        shown += _check_page(response.get_data(as_text=True), case)
    assert shown == db.session.scalar(sa.select(sa.func.count(Deadline.id)))
    assert shown > 150
