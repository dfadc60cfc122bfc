"""No dead ends: what the front door offers can be received in every demo municipality, and no
choice of where a question goes closes a case without opening the case it names."""

import sqlalchemy as sa
import time_machine
from flask import Flask

from caseflow.demo.organisation import build_organisation
from caseflow.domains import DOMAINS, single_domain_choices
from caseflow.extensions import db
from caseflow.intake import IntakeData, NewPerson, receiving_domains, record_intake
from caseflow.models import Case, Person, Role
from caseflow.routing import route
from caseflow.workflow.registry import registry


def test_every_domain_offered_at_the_front_door_has_a_receiving_team_in_every_demo_municipality(
    app: Flask,
) -> None:
    demo = build_organisation()
    urgent = registry().get("vraagverheldering").fields["spoed_naar"].options
    offered = {code for code, _label in single_domain_choices()} | set(urgent)
    for municipality in demo.municipalities:
        assert receiving_domains([municipality]) == single_domain_choices(), municipality.name
        for code in sorted(offered - {"gebiedsteam"}):
            case_type = DOMAINS[code].case_type
            assert case_type is not None
            team = route(registry().get(case_type).domain, municipality, None)
            assert municipality in team.municipalities, (municipality.name, code)
        for area in municipality.areas:
            resident = Person(postcode=f"{area.postcode_ranges[0].first} AA")
            team = route("integraal", municipality, resident)
            assert team.area_id == area.id, (municipality.name, area.name)


def test_the_demo_front_door_sends_a_wmo_question_on_in_every_municipality(
    app: Flask, travel: time_machine.Traveller
) -> None:
    demo = build_organisation()
    worker = next(u for u in demo.users if u.username == "toegang")
    for number, municipality in enumerate(demo.municipalities):
        first = municipality.areas[0].postcode_ranges[0].first
        record_intake(
            IntakeData(
                channel="telefoon",
                question="Ik kom de trap niet meer op.",
                underlying_question="Veilig thuis blijven wonen.",
                outcome="domein",
                domain="wmo",
                new_person=NewPerson(
                    given_names="Anna",
                    family_name=f"Inwoner {number}",
                    date_of_birth=None,
                    bsn=None,
                    street="Kerkstraat",
                    house_number="1",
                    postcode=f"{first} AB",
                    phone=None,
                    municipality_id=None,
                ),
            ),
            worker,
        )
    meldingen = db.session.scalars(sa.select(Case).where(Case.case_type == "wmo_melding")).all()
    assert sorted(c.municipality.name for c in meldingen) == sorted(
        m.name for m in demo.municipalities
    )
    for melding in meldingen:
        assert melding.team is not None
        assert any(u.has_role(Role.CONSULENT) for u in melding.team.members), melding.team.name


def test_every_choice_of_where_to_send_a_question_opens_that_case(app: Flask) -> None:
    """A field that picks the follow-up case (a domain, an urgent referral) maps every option it
    offers to a case: choosing one never just closes the case. Results are outcomes, where
    some (answered, no application) rightly open nothing."""
    for workflow in registry().workflows.values():
        for transition in workflow.transitions:
            follow_up = transition.creates
            if follow_up is None or follow_up.by_field in (None, "resultaat"):
                continue
            options = set(workflow.fields[follow_up.by_field or ""].options)
            missing = options - set(follow_up.by_value)
            assert not missing, f"{workflow.name}.{transition.trigger} opens nothing for {missing}"
