"""Demo data for the service agreement's quality indicators, made through the real paths.

Objections are registered against decisions the demo took, with the bezwaar term computed, and
taken through the engine to an outcome (informal, heard, upheld with its new decision, not
upheld, inadmissible) or left open; complaints are registered and handled by the coordinator;
clients of closed decisions are invited and some answer; a quality reviewer draws a sample and
records findings (the quality norms come with the service agreement, caseflow.demo.agreement).
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from caseflow import clock
from caseflow.complaints.register import ComplaintInput, register_complaint
from caseflow.demo.organisation import DemoOrganisation
from caseflow.extensions import db
from caseflow.models import Case, User
from caseflow.objections.decisions import decisions_of
from caseflow.objections.register import ObjectionInput, register_objection
from caseflow.quality.findings import Verdict, checklist_of, record_findings
from caseflow.quality.sampling import SampleRequest, draw_sample
from caseflow.survey.answers import invitation_for, record_answers, refuse
from caseflow.survey.invitations import invite
from caseflow.workflow.engine import assign, fire
from caseflow.workflow.errors import WorkflowError
from caseflow.workflow.registry import registry

OBJECTIONS = 12
COMPLAINTS = 6
# How the demo's objections end, in turn; None: still being handled.
OBJECTION_ENDINGS = (
    "informeel",
    "ongegrond",
    "gegrond",
    None,
    "ongegrond",
    "niet_ontvankelijk",
    "deels_gegrond",
    None,
    "ongegrond",
    "informeel",
    "ongegrond",
    None,
)
COMPLAINT_STORIES = (
    ("Niet teruggebeld terwijl dat was beloofd.", "gegrond"),
    ("Onvriendelijk te woord gestaan aan de balie.", "ongegrond"),
    ("Moest mijn verhaal drie keer vertellen.", "deels_gegrond"),
    ("Brief was onduidelijk over wat ik moest aanleveren.", "ongegrond"),
    ("Afspraak voor het keukentafelgesprek twee keer verzet.", None),
    ("Lang moeten wachten op antwoord op mijn mail.", None),
)


@dataclass(frozen=True)
class QualityDemo:
    objections: int
    complaints: int


def seed_quality(demo: DemoOrganisation, rng: random.Random, end: datetime) -> QualityDemo:
    staff = {u.username: u for u in demo.users}
    objections = _objections(demo, staff, rng, end)
    complaints = _complaints(demo, staff, end)
    _surveys(rng, end)
    _sample(demo, staff, end)
    return QualityDemo(objections, complaints)


def _decided_cases(end: datetime) -> list[Case]:
    types = sorted(n for n, wf in registry().workflows.items() if wf.decision_triggers())
    cases = db.session.scalars(
        sa.select(Case)
        .where(
            Case.case_type.in_(types),
            Case.closed_at.is_not(None),
            Case.closed_at < end - timedelta(days=10),
            Case.person_id.is_not(None),
        )
        .order_by(Case.closed_at, Case.id)
    )
    return [c for c in cases if decisions_of(c)]


def _objections(
    demo: DemoOrganisation, staff: dict[str, User], rng: random.Random, end: datetime
) -> int:
    jurist = staff["jurist"]
    decided = _decided_cases(end)
    made = 0
    for contested, ending in zip(
        rng.sample(decided, min(OBJECTIONS, len(decided))), OBJECTION_ENDINGS, strict=False
    ):
        decided_at = decisions_of(contested)[0].occurred_at
        made_known = clock.local_date(decided_at) + timedelta(days=1)
        late = ending == "niet_ontvankelijk"
        received_at = decided_at + timedelta(days=50 if late else rng.randint(5, 20))
        if received_at >= end:
            continue
        with clock.travel_to(received_at):
            objection = register_objection(
                contested,
                jurist,
                ObjectionInput(
                    decision_id=decisions_of(contested)[0].id,
                    made_known_on=made_known,
                    received_on=clock.today(),
                    posted_on=None,
                    grounds="De inwoner vindt dat zijn situatie niet goed is meegewogen.",
                ),
            )
            assign(objection, jurist, jurist)
            fire(objection, "ontvangst_bevestigen", jurist, {})
        made += 1
        _walk_objection(objection, jurist, ending, received_at, end)
    return made


def _walk_objection(
    objection: Case, jurist: User, ending: str | None, start: datetime, end: datetime
) -> None:
    if ending is None:
        return
    steps: list[tuple[str, dict[str, object]]]
    if ending == "informeel":
        steps = [
            ("informeel_contact", {"toelichting": "Gebeld met de bezwaarmaker."}),
            ("informeel_opgelost", {"verslag": "Na uitleg trekt de inwoner het bezwaar in."}),
        ]
    else:
        ground = "kennelijk_niet_ontvankelijk" if ending == "niet_ontvankelijk" else "afgezien"
        steps = [
            ("oppakken", {}),
            ("niet_horen", {"grond_niet_horen": ground}),
            ("besluiten", {"resultaat": ending, "motivering": "Zie het advies van de jurist."}),
        ]
    moment = start
    for trigger, data in steps:
        moment += timedelta(days=6)
        if moment >= end:
            return
        with clock.travel_to(moment):
            fire(objection, trigger, jurist, data)


def _complaints(demo: DemoOrganisation, staff: dict[str, User], end: datetime) -> int:
    coordinator, front_door = staff["klachten"], staff["toegang"]
    made = 0
    for number, (story, ending) in enumerate(COMPLAINT_STORIES):
        municipality = demo.municipalities[number % 2]
        team = demo.teams_by_domain["wmo" if number % 2 == 0 else "participatie"]
        received = end - timedelta(days=40 - 6 * number)
        with clock.travel_to(received):
            complaint = register_complaint(
                municipality,
                front_door,
                ComplaintInput(team.id, clock.today(), "brief", story, "Demo-klager"),
            )
            assign(complaint, coordinator, coordinator)
            fire(complaint, "ontvangst_bevestigen", coordinator, {})
        made += 1
        if ending is None:
            continue
        with clock.travel_to(received + timedelta(days=10)):
            fire(complaint, "niet_horen", coordinator, {"grond_niet_horen": "afgezien"})
            fire(
                complaint,
                "afhandelen",
                coordinator,
                {"resultaat": ending, "bevindingen": "Besproken met het team; afspraken gemaakt."},
            )
    return made


def _surveys(rng: random.Random, end: datetime) -> None:
    tagged = [
        (name, wf.tagged("clientwaardering"))
        for name, wf in registry().workflows.items()
        if wf.tagged("clientwaardering")
    ]
    closed = db.session.scalars(
        sa.select(Case)
        .where(
            sa.or_(*(sa.and_(Case.case_type == n, Case.state.in_(s)) for n, s in tagged)),
            Case.person_id.is_not(None),
        )
        .order_by(Case.closed_at, Case.id)
    )
    for case in closed:
        token = invite(case)
        if token is None:
            continue
        invitation = invitation_for(token)
        assert invitation is not None
        roll = rng.random()
        if roll < 0.55:
            grade = rng.choice((5, 6, 7, 7, 8, 8, 8, 9, 9, 10))
            record_answers(
                invitation,
                {
                    "cijfer": str(grade),
                    "aanbevelen": str(min(10, grade + rng.choice((-2, -1, 0, 1)))),
                    "respect": "ja" if grade >= 6 else "een_beetje",
                    "duidelijk": rng.choice(("ja", "een_beetje", "nee")),
                },
            )
        elif roll < 0.65:
            refuse(invitation)


def _sample(demo: DemoOrganisation, staff: dict[str, User], end: datetime) -> None:
    reviewer = staff["kwaliteit"]
    first = end.date() - timedelta(days=75)
    with clock.travel_to(end - timedelta(hours=1)):
        try:
            sample = draw_sample(
                reviewer,
                SampleRequest(demo.municipalities[0].id, "wmo", None, first, end.date(), 5),
                seed=2026,
            )
        except WorkflowError:
            return  # no Wmo decision in the period: nothing to sample
        for number, entry in enumerate(sample.cases[:3]):
            case = entry.case
            verdicts = {item.code: Verdict("voldoet") for item in checklist_of(case)}
            if number == 0 and "termijn" in verdicts:
                verdicts["termijn"] = Verdict("voldoet_niet", "proces", "Verdaging niet gemeld.")
            if number == 1 and "motivering" in verdicts:
                verdicts["motivering"] = Verdict("voldoet_niet", "kennis")
            record_findings(sample, case, reviewer, verdicts)
