"""The fields a letter text may use: one small, documented set (docs/letters.md lists it).

Two kinds: what the transition knew when it drafted the letter (the reason, the date asked for,
the decision and what was granted), kept with the letter as it was; and the case's facts on the
letter's date (the client, the municipality, the running term, the bezwaar date), read when the
letter is previewed and frozen in its PDF when it is sent.

`voorzieningen` is a list: one decision may grant several provisions, one row per provision the
decision wrote to the register. `uitkering` is the benefit a decision started in the register
(Participatiewet, Bbz, IOAW, IOAZ); `bijzondere_bijstand` what a decision on bijzondere bijstand
granted, as the decision's fields `kosten` and `bedrag` said it.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from caseflow import clock
from caseflow.deadlines import TermSpec, legal_due_date
from caseflow.deadlines.app_calendar import holiday_calendar
from caseflow.deadlines.dutch_dates import MONTHS, plural
from caseflow.extensions import db
from caseflow.letters.letterheads import letterhead_for
from caseflow.models import Benefit, Case, DeadlineKind, DeadlineStatus, Provision, User
from caseflow.provisions.benefits import CAPACITY_FIELD
from caseflow.provisions.wording import amount_text
from caseflow.workflow.deadline_effects import compute_due_date
from caseflow.workflow.effects import Step
from caseflow.workflow.schema import Workflow

# Bezwaar (and beroep after a bezwaar) within 6 weeks of the day after it was made known.
OBJECTION_WEEKS = 6


@dataclass(frozen=True)
class FieldDoc:
    name: str
    description: str
    example: Any


FIELD_DOCS = (
    FieldDoc("inwoner.naam", "Naam van de inwoner (bij een klacht: van de klager)", "Anna Jansen"),
    FieldDoc("gemeente.naam", "De gemeente van de zaak", "Gemeente Maastricht"),
    FieldDoc("zaak.nummer", "Het zaaknummer", "Z-2026-000123"),
    FieldDoc("zaak.soort", "De soort zaak", "Wmo-aanvraag maatwerkvoorziening"),
    FieldDoc(
        "ontvangen_op",
        "Dag dat de zaak binnenkwam (bij bezwaar en klacht: de vastgelegde dag van ontvangst)",
        "2 maart 2026",
    ),
    FieldDoc("melding.datum", "Dag van de melding: het eerste contact", "27 februari 2026"),
    FieldDoc("termijn.naam", "De lopende wettelijke termijn", "Beschikking binnen 2 weken"),
    FieldDoc("termijn.datum", "Uiterste datum van die termijn", "16 maart 2026"),
    FieldDoc("aanvulling.reden", "Welke informatie ontbreekt", "Een offerte van de traplift."),
    FieldDoc("aanvulling.uiterlijk", "Dag waarop de informatie binnen moet zijn", "18 maart 2026"),
    FieldDoc("verdaging.reden", "Waarom het besluit later komt", "Wij wachten op medisch advies."),
    FieldDoc("verdaging.weken", "Hoeveel langer", "4 weken"),
    FieldDoc("verdaging.oude_datum", "De uiterste datum vóór de verdaging", "16 maart 2026"),
    FieldDoc("besluit.resultaat", "Het besluit", "Toegekend"),
    FieldDoc("besluit.motivering", "Waarom zo besloten is", "Met een traplift blijft u thuis."),
    FieldDoc("besluit.grondslag", "De wettelijke grondslag van het besluit", "Wmo 2015 art. 2.3.5"),
    FieldDoc(
        "besluit.niet_toegekend",
        "Bij een gedeeltelijke toekenning: wat niet is toegekend en waarom",
        "Geen logeeropvang: de dagbesteding geeft genoeg rust.",
    ),
    FieldDoc(
        "voorzieningen",
        "Lijst van toegekende voorzieningen, elk met naam, omvang, ingangsdatum en einddatum "
        "(einddatum kan leeg zijn)",
        [
            {
                "naam": "Woonvoorziening",
                "omvang": "1 traplift",
                "ingangsdatum": "1 april 2026",
                "einddatum": "",
            }
        ],
    ),
    FieldDoc("uitkering.naam", "De soort uitkering die is toegekend", "Participatiewet"),
    FieldDoc("uitkering.ingangsdatum", "Dag waarop de uitkering ingaat", "1 maart 2026"),
    FieldDoc(
        "uitkering.arbeidsvermogen",
        "Het arbeidsvermogen dat het besluit vastlegt (kan leeg zijn)",
        "Volledig arbeidsvermogen",
    ),
    FieldDoc(
        "bijzondere_bijstand.kosten",
        "Bij bijzondere bijstand: voor welke kosten zij is toegekend (kan leeg zijn)",
        "Een nieuwe wasmachine",
    ),
    FieldDoc(
        "bijzondere_bijstand.bedrag",
        "Bij bijzondere bijstand: het toegekende bedrag (kan leeg zijn)",
        "€ 450",
    ),
    FieldDoc("verslag", "Het verslag van het onderzoek", "U kunt de trap niet meer op."),
    FieldDoc(
        "bevindingen",
        "Bij een klacht: wat is onderzocht, wat is gevonden en wat de gemeente eraan doet",
        "De consulent is twee keer niet gekomen. Wij hebben de afspraken nu beter geregeld.",
    ),
    FieldDoc(
        "bezwaar.uiterlijk", "Laatste dag voor bezwaar (of beroep): 6 weken na de brief", "1 mei"
    ),
    FieldDoc("bezwaar.adres", "Waar het bezwaar heen moet", "Postbus 1, 6200 AA Maastricht"),
    FieldDoc("bezwaar.online", "Waar bezwaar online kan", "www.example.nl/bezwaar"),
    FieldDoc("datum", "Datum van de brief: de dag van verzenden", "2 maart 2026"),
    FieldDoc("afzender.naam", "Wie de brief verstuurt", "Jeroen Hermans"),
)


def sample_fields() -> dict[str, Any]:
    """Every field with its example value, nested as templates read them (`zaak.nummer`)."""
    sample: dict[str, Any] = {}
    for doc in FIELD_DOCS:
        _put(sample, doc.name, doc.example)
    return sample


def blank_fields() -> dict[str, Any]:
    """Every field, empty: what a letter reads for a field its case has no value for, so a text
    may name a group (`uitkering.naam`) that this letter's decision did not fill."""
    blank: dict[str, Any] = {}
    for doc in FIELD_DOCS:
        _put(blank, doc.name, [] if isinstance(doc.example, list) else "")
    return blank


def _put(target: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    for part in parents:
        target = target.setdefault(part, {})
    target[last] = value


def long_date(day: date | None) -> str:
    """2 maart 2026: how a letter writes a date."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else ""


def _date_text(value: Any) -> str:
    if isinstance(value, date):
        return long_date(value)
    try:
        return long_date(date.fromisoformat(str(value))) if value else ""
    except ValueError:
        return str(value)


def drafted_fields(step: Step, workflow: Workflow) -> dict[str, Any]:
    """What the transition knows that the letter tells: kept with the letter as JSON."""
    data = step.data
    effects = step.transition.effects
    fields: dict[str, Any] = {
        "voorzieningen": granted_provisions(step) if "create_provisions" in effects else []
    }
    if "start_benefit" in effects and (benefit := granted_benefit(step, workflow)) is not None:
        fields["uitkering"] = benefit
    if "kosten" in data or "bedrag" in data:
        amount = data.get("bedrag")
        fields["bijzondere_bijstand"] = {
            "kosten": str(data.get("kosten") or ""),
            "bedrag": f"€ {amount_text(Decimal(amount))}" if amount else "",
        }
    if "hersteltermijn_tot" in data or step.transition.letter_suspends:
        fields["aanvulling"] = {
            "reden": str(data.get("reden") or ""),
            "uiterlijk": _date_text(data.get("hersteltermijn_tot")),
        }
    if step.transition.extends is not None:
        term = next((d for d in step.case.deadlines if d.code == step.transition.extends), None)
        weeks = int(data.get("weken") or 0)
        fields["verdaging"] = {
            "reden": str(data.get("reden") or ""),
            "weken": plural(weeks, "week", "weken"),
            "oude_datum": long_date(term.due_date if term else None),
        }
    result = data.get("resultaat")
    results = workflow.states[step.transition.dest].results
    fields["besluit"] = {
        "resultaat": results.get(str(result), str(result or "")),
        "motivering": str(data.get("motivering") or ""),
        "grondslag": step.transition.decision_basis or "",
        "niet_toegekend": str(data.get("niet_toegekend") or ""),
    }
    fields["verslag"] = str(data.get("verslag") or _latest_report(step.case))
    fields["bevindingen"] = str(data.get("bevindingen") or "")
    return fields


def granted_provisions(step: Step) -> list[dict[str, str]]:
    """The provisions this step's decision wrote to the register (create_provisions runs before
    the letter is drafted), as letter rows; none when it grants nothing."""
    granted = db.session.scalars(
        sa.select(Provision)
        .where(Provision.case_id == step.case.id, Provision.decided_at == step.now)
        .order_by(Provision.id)
    )
    return [
        {
            "naam": provision.product_label,
            "omvang": f"{amount_text(provision.amount)} {provision.unit_label}, "
            f"{provision.form_label.lower()}"
            + (f" door {provision.provider.name}" if provision.provider else ""),
            "ingangsdatum": long_date(provision.start_date),
            "einddatum": long_date(provision.end_date) if provision.end_date else "",
        }
        for provision in granted
    ]


def granted_benefit(step: Step, workflow: Workflow) -> dict[str, str] | None:
    """The benefit this step's decision started (start_benefit runs before the letter is
    drafted), as the letter tells it; None when the result grants none."""
    if workflow.benefit is None:
        return None
    benefit = db.session.scalars(
        sa.select(Benefit).where(Benefit.case_id == step.case.id, Benefit.decided_at == step.now)
    ).first()
    if benefit is None:
        return None
    capacity = workflow.fields.get(CAPACITY_FIELD)
    chosen = str(step.data.get(CAPACITY_FIELD) or "")
    return {
        "naam": workflow.benefit.label,
        "ingangsdatum": long_date(benefit.start_date),
        "arbeidsvermogen": capacity.options.get(chosen, "") if capacity else "",
    }


def _latest_report(case: Case) -> str:
    for event in reversed(case.events):
        if event.data.get("verslag"):
            return str(event.data["verslag"])
    return ""


def recorded(case: Case, key: str) -> Any:
    """The first value the case's events recorded for `key` (its registration's receipt date,
    the complainant's name), or None."""
    return next((event.data[key] for event in case.events if event.data.get(key)), None)


def addressee_name(case: Case) -> str:
    """Who the letter is for: the case's client or, for a complaint that came without one, the
    complainant named when it was registered."""
    if case.person is not None:
        return case.person.full_name
    return str(recorded(case, "klager") or "")


def case_fields(case: Case, workflow: Workflow, on: date, sender: User | None) -> dict[str, Any]:
    """The case's facts as the letter of `on` tells them."""
    head = letterhead_for(case.municipality)
    term = _running_legal_term(case, workflow, on)
    # A bezwaarschrift or a klacht records the day it arrived, which may be before the case
    # was registered; the acknowledgement names that day.
    received = recorded(case, "ontvangen_op")
    return {
        "inwoner": {"naam": addressee_name(case)},
        "gemeente": {"naam": f"Gemeente {case.municipality.name}"},
        "zaak": {"nummer": case.reference, "soort": workflow.label},
        "ontvangen_op": _date_text(received) or long_date(clock.local_date(case.opened_at)),
        "melding": {"datum": long_date(case.melding_date or clock.local_date(case.opened_at))},
        "termijn": term,
        "bezwaar": {
            "uiterlijk": long_date(objection_deadline(on)),
            "adres": head.objection_address,
            "online": head.objection_online,
        },
        "datum": long_date(on),
        "afzender": {"naam": sender.full_name if sender else ""},
    }


def objection_deadline(sent_on: date) -> date:
    """The last day to object: 6 weeks from the day after it was made known (Awb 6:7, 6:8),
    moved past a weekend or holiday (Algemene termijnenwet)."""
    return legal_due_date(
        sent_on, TermSpec(weeks=OBJECTION_WEEKS, statutory=True), calendar=holiday_calendar()
    )


def _running_legal_term(case: Case, workflow: Workflow, on: date) -> dict[str, str]:
    """The legal term the letter speaks of: the decision term when one runs (the term a request
    for information suspends or a verdaging extends, not the advance payment beside it), else
    the first legal term that runs."""
    decision_terms = {code for state in workflow.states.values() for code in state.suspends}
    decision_terms |= {code for code, spec in workflow.deadlines.items() if spec.extendable_weeks}
    running = [
        d
        for d in case.deadlines
        if d.kind == DeadlineKind.LEGAL and d.status != DeadlineStatus.STOPPED
    ]
    chosen = next((d for d in running if d.code in decision_terms), None)
    chosen = chosen or next(iter(running), None)
    if chosen is None:
        return {"naam": "", "datum": ""}
    return {"naam": chosen.label, "datum": long_date(compute_due_date(chosen, on))}
