"""Demo provisions and benefits: four years of decisions taken through the engine, each on its
own day, with realistic durations, early ends and outflow, and some provisions ending within the
herindicatie lead time; and Maastricht's ramingen, so the MER table has a plan to compare with.

Every grant is a decision's effect and every later change a dated change of the register, made
with the services staff use, on a travelling clock.
"""

import contextlib
import random
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from caseflow import clock
from caseflow.demo.cases import _person
from caseflow.demo.catalogue import last_day, pick, row_for
from caseflow.demo.organisation import WMO_JEUGD_MUNICIPALITIES, DemoOrganisation
from caseflow.extensions import db
from caseflow.models import (
    BENEFIT_END_REASONS,
    PROVISION_END_REASONS,
    Benefit,
    Case,
    Municipality,
    Product,
    Provision,
    User,
)
from caseflow.permissions import HANDLE_CASES
from caseflow.provisions.benefits import end_benefit, mutate
from caseflow.provisions.changes import end_early
from caseflow.reports.catalogue import TARGETS
from caseflow.reports.filters import ReportFilter
from caseflow.reports.norm_admin import save_norm
from caseflow.reports.periods import Period
from caseflow.reports.registry import indicator
from caseflow.workflow.engine import assign, fire, start_case
from caseflow.workflow.errors import WorkflowError
from caseflow.workflow.registry import registry

# Decisions per case type, out of 100.
MIX = {"wmo_aanvraag": 58, "jeugd": 10, "pw_aanvraag": 24, "ioaw": 3, "ioaz": 2, "bbz": 3}
YEARS = 4
ENDING_SOON = 0.08  # of the grants: a product that ends within the coming eight weeks
REFUSED = 0.12
EARLY_END = 0.08
CAPACITY = ("volledig", "volledig", "verminderd", "duurzaam_geen", "nog_vast_te_stellen")
REASONS = "Onderzocht met de inwoner; het verslag zegt wat nodig is."


def register_cases(case_count: int) -> int:
    """How many decisions with provisions and benefits a demo of `case_count` cases gets."""
    return max(12, case_count * 3 // 4)


class _Decider:
    def __init__(
        self,
        demo: DemoOrganisation,
        catalogue: dict[tuple[int, str], Product],
        rng: random.Random,
        end: datetime,
    ) -> None:
        self.demo, self.catalogue, self.rng, self.end = demo, catalogue, rng, end
        self.today = clock.local_date(end)

    def handler(self, domain: str) -> User:
        team = self.demo.teams_by_domain[domain]
        return self.rng.choice([u for u in team.members if u.may(HANDLE_CASES)])

    def decide_one(self, case_type: str) -> None:
        rng = self.rng
        workflow = registry().get(case_type)
        places = self.demo.municipalities
        if workflow.provisions is not None:
            places = [m for m in places if m.code in WMO_JEUGD_MUNICIPALITIES]
        municipality = rng.choice(places)
        day = self.today - timedelta(days=rng.randint(3, YEARS * 365))
        if workflow.provisions is not None and rng.random() < ENDING_SOON:
            day = self.today - timedelta(days=rng.randint(200, 700))
        handler = self.handler(workflow.domain)
        moment = _at(day - timedelta(days=rng.randint(5, 30)), 9)
        with clock.travel_to(moment):
            case = self._open(case_type, municipality, handler)
        with clock.travel_to(_at(day, 11)):
            if workflow.provisions is not None:
                self._grant_products(case, municipality, workflow.domain, day)
            else:
                self._grant_benefit(case, day)

    def _open(self, case_type: str, municipality: Municipality, handler: User) -> Case:
        person = _person(municipality, self.rng)
        team = self.demo.teams_by_domain[registry().get(case_type).domain]
        case = start_case(
            case_type, municipality=municipality, actor=handler, person=person, team=team
        )
        assign(case, handler, handler)
        if case_type == "pw_aanvraag":
            fire(case, "aanvraag_ontvangen", handler)
        fire(case, "oppakken", handler)
        report: dict[str, Any] = {"verslag": REASONS}
        if case_type == "jeugd":
            report["gespreksvorm"] = "gezinsgesprek"
        fire(case, "verslag_vastleggen", handler, report)
        return case

    def _grant_products(
        self, case: Case, municipality: Municipality, domain: str, day: date
    ) -> None:
        rng = self.rng
        assert case.assignee is not None
        if rng.random() < REFUSED:
            fire(
                case, "besluiten", case.assignee, {"resultaat": "afgewezen", "motivering": REASONS}
            )
            return
        rows = []
        for _ in range(rng.choices((1, 2, 3), (70, 25, 5))[0]):
            spec = pick(domain, rng)
            product = self.catalogue[municipality.id, spec.code]
            end = last_day(spec, day, rng)
            if end is not None and rng.random() < ENDING_SOON * 2 and end < self.today:
                end = self.today + timedelta(days=rng.randint(5, 55))
            rows.append(row_for(product, spec, day, end, rng))
        data = {"resultaat": "toegekend", "motivering": REASONS, "producten": rows}
        fire(case, "besluiten", case.assignee, data)
        self._end_some_early(case)

    def _end_some_early(self, case: Case) -> None:
        rng = self.rng
        for provision in db.session.scalars(
            sa.select(Provision).where(Provision.case_id == case.id)
        ):
            finish = provision.end_date or self.today
            span = (min(finish, self.today) - provision.start_date).days
            if rng.random() >= EARLY_END or span < 30:
                continue
            ends_on = provision.start_date + timedelta(days=rng.randint(14, span - 1))
            reason = rng.choice([r for r in PROVISION_END_REASONS if r != "overig"])
            assert case.assignee is not None
            with clock.travel_to(_at(ends_on, 14)), contextlib.suppress(WorkflowError):
                end_early(provision, case.assignee, ends_on.isoformat(), reason, "")

    def _grant_benefit(self, case: Case, day: date) -> None:
        rng = self.rng
        assert case.assignee is not None
        if rng.random() < REFUSED * 2:
            result = rng.choice(("afgewezen", "buiten_behandeling"))
            fire(case, "besluiten", case.assignee, {"resultaat": result, "motivering": REASONS})
            return
        data = {
            "resultaat": "toegekend",
            "motivering": REASONS,
            "ingangsdatum": day.isoformat(),
            "arbeidsvermogen": rng.choice(CAPACITY),
            "deeltijdinkomen": rng.random() < 0.2,
        }
        fire(case, "besluiten", case.assignee, data)
        benefit = db.session.scalars(sa.select(Benefit).where(Benefit.case_id == case.id)).one()
        months = rng.randint(3, 48)
        ends_on = day + timedelta(days=round(months * 30.44))
        if rng.random() < 0.25 and day + timedelta(days=60) < self.today:
            change = day + timedelta(days=rng.randint(30, min(400, (self.today - day).days - 1)))
            with clock.travel_to(_at(change, 10)):
                mutate(benefit, case.assignee, "deeltijdinkomen", change.isoformat(), "ja", "")
        if rng.random() < 0.4 or ends_on >= self.today:
            return
        reasons = list(BENEFIT_END_REASONS)
        reason = rng.choices(reasons, (35, 10, 15, 40))[0]
        with clock.travel_to(_at(ends_on + timedelta(days=1), 10)):
            end_benefit(benefit, case.assignee, ends_on.isoformat(), reason, "")


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), clock.LOCAL_TZ).astimezone(UTC)


def seed_registers(
    demo: DemoOrganisation,
    catalogue: dict[tuple[int, str], Product],
    rng: random.Random,
    end: datetime,
    count: int,
) -> int:
    """`count` decisions over four years; returns how many cases that took."""
    decider = _Decider(demo, catalogue, rng, end)
    names = list(MIX)
    for _ in range(count):
        decider.decide_one(rng.choices(names, [MIX[n] for n in names])[0])
    db.session.flush()
    seed_ramingen(demo, end)
    return count


def seed_ramingen(demo: DemoOrganisation, end: datetime) -> None:
    """Maastricht's ramingen for the stands and the outflow, near what happened (the agreement
    of caseflow.demo.agreement holds its norms)."""
    maastricht = next(m for m in demo.municipalities if m.code == "maastricht")
    today = clock.local_date(end)
    source = "MER-dashboard (demo)"
    for year in range(today.year - YEARS + 1, today.year + 1):
        period = Period.custom(date(year, 1, 1), min(date(year, 12, 31), today))
        report = ReportFilter(today=today, period=period, municipality_ids=(maastricht.id,))
        for code, lean in (
            ("voorzieningen_hbh", 1.06),
            ("voorzieningen_begeleiding", 0.94),
            ("uitkeringen", 1.1),
            ("uitstroom_uitkeringen", 0.9),
        ):
            target = TARGETS[code]
            actual = indicator(target.indicator).run(report).total.values[target.measure] or 0
            planned = Decimal(max(1, round(float(actual) * lean + (year % 3))))
            save_norm(maastricht.id, code, "", year, "raming", planned, source, user_id=None)
    db.session.flush()
