"""Demo households of the area team Maastricht Noordwest: registrations waiting for the
casusoverleg, households with one director, and a household plan in every state of its workflow.

Everything goes the way staff would do it: the front door records the hulpvraag, the casusoverleg
takes it on, the director makes and agrees the plan, all through the engine and the plan services
on a travelling clock.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from caseflow import clock
from caseflow.demo.organisation import DemoOrganisation
from caseflow.demo.partners import co_create
from caseflow.extensions import db
from caseflow.intake import IntakeData, NewPerson, record_intake
from caseflow.models import Case, HouseholdMember, HouseholdPlan, Person, User
from caseflow.plans import content, directors, lifecycle, triage

DEMO_TEAM = "Gebiedsteam Maastricht Noordwest"


@dataclass(frozen=True)
class Story:
    family: str
    given: str
    postcode: str
    days_ago: int
    ending: str  # how far the household gets; see STEPS
    question: str = "Ik krijg steeds meer rekeningen en red het thuis niet meer."
    behind: str = "Schulden, zorgen om de kinderen en een slechte gezondheid hangen samen."
    # The household whose plan the Kredietbank works on (caseflow.demo.partners).
    with_partner: bool = False


STORIES = [
    Story("Bemelmans", "Chantal", "6211 BK", 2, "aangemeld"),
    Story("Claessens", "Ivo", "6212 AC", 6, "geagendeerd"),
    Story("Kerckhoffs", "Lieke", "6213 CD", 9, "teruggestuurd"),
    Story("Ramaekers", "Nadia", "6214 EA", 12, "regisseur"),
    Story("Pluijmen", "Olaf", "6215 GH", 30, "zonder_regisseur"),
    Story("Vliegen", "Sanne", "6216 KL", 16, "concept"),
    Story("Schoonbrood", "Vera", "6211 MN", 24, "afgestemd"),
    Story("Hendriks", "Karim", "6212 PR", 45, "in_uitvoering"),
    Story("Yilmaz", "Hatice", "6213 ST", 150, "evaluatie_te_laat"),
    Story("Smeets", "Maurice", "6214 VW", 110, "evaluatie"),
    Story("Willems", "Fleur", "6215 XZ", 120, "bijgesteld", with_partner=True),
    Story("Peters", "Esra", "6216 AB", 70, "geescaleerd"),
    Story("Janssen", "Gerard", "6211 CE", 160, "afgerond"),
    Story("de Vries", "Priya", "6212 DF", 90, "beeindigd"),
]


def seed_plans(demo: DemoOrganisation, end: datetime) -> int:
    """Make the demo households; returns how many hulpvragen (root cases) that took."""
    staff = {u.username: u for u in demo.users}
    for story in STORIES:
        _Household(story, staff, end).run()
    return len(STORIES)


def _adult(person: Person) -> bool:
    born = person.date_of_birth
    return born is None or (clock.today() - born).days >= 18 * 365


class _Household:
    def __init__(self, story: Story, staff: dict[str, User], end: datetime) -> None:
        self.story = story
        self.staff = staff
        self.start = (end - timedelta(days=story.days_ago)).replace(hour=9, minute=15)
        self.registration: Case | None = None
        self.plan: HouseholdPlan | None = None
        # The demo regisseur directs most households; her colleague directs the others.
        self.director = staff["d.ramakers" if story.family[0] in "HJd" else "regisseur"]

    def at(self, days: float, step: Callable[[], object]) -> None:
        with clock.travel_to(self.start + timedelta(days=days)):
            step()

    def run(self) -> None:
        ending = self.story.ending
        self.at(0, self.register)
        if ending == "aangemeld":
            return
        if ending == "geagendeerd":
            self.at(1, self.schedule)
            return
        if ending == "teruggestuurd":
            self.at(2, self.send_back)
            return
        self.at(2, self.take_on)
        if ending == "regisseur":
            return
        if ending == "zonder_regisseur":
            self.at(20, self.release)
            return
        self.at(4, self.make_plan)
        if ending == "concept":
            return
        weeks = 4 if ending == "evaluatie_te_laat" else 12
        self.at(9, lambda: self.agree(weeks))
        if ending == "afgestemd":
            return
        self.at(10, lambda: lifecycle.start_work(self.the_plan, self.director))
        self.at(14, lambda: self.action_done(0))
        if ending == "in_uitvoering":
            self.at(20, self.hand_over)
        if ending in ("in_uitvoering", "evaluatie_te_laat"):
            return
        if ending == "beeindigd":
            self.at(40, self.end)
            return
        if ending == "geescaleerd":
            self.at(30, self.escalate)
            return
        self.at(80, lambda: lifecycle.start_evaluation(self.the_plan, self.director))
        if ending == "evaluatie":
            return
        decision = {"bijgesteld": "bijstellen", "afgerond": "voortzetten"}[ending]
        self.at(82, lambda: self.evaluate(decision, 3))
        if self.story.with_partner:
            self.at(83, lambda: co_create(self.the_plan, self.director))
        if ending == "afgerond":
            self.at(140, lambda: lifecycle.start_evaluation(self.the_plan, self.director))
            self.at(142, lambda: self.evaluate("afronden", 4))

    @property
    def the_plan(self) -> HouseholdPlan:
        assert self.plan is not None
        return self.plan

    @property
    def the_registration(self) -> Case:
        assert self.registration is not None
        return self.registration

    def register(self) -> None:
        story = self.story
        intake_case = record_intake(
            IntakeData(
                channel="telefoon",
                question=story.question,
                underlying_question=story.behind,
                outcome="gebiedsteam",
                new_person=NewPerson(
                    given_names=story.given,
                    family_name=story.family,
                    date_of_birth=date(1981, 6, 14),
                    bsn=None,
                    street="Boschstraat",
                    house_number=str(10 + len(story.family)),
                    postcode=story.postcode,
                    phone=None,
                    municipality_id=self._maastricht_id(),
                ),
                domain_scores={
                    "financien": 2,
                    "huiselijke_relaties": 3,
                    "lichamelijke_gezondheid": 2,
                },
                with_household=True,
            ),
            self.staff["toegang"],
        )
        self.registration = db.session.scalars(
            sa.select(Case).where(Case.parent_id == intake_case.id)
        ).one()
        household = self.the_registration.household
        assert household is not None
        child = Person(
            given_names="Daan" if story.given[0] < "M" else "Noor",
            family_name=story.family,
            date_of_birth=date(2014, 3, 9),
            postcode=story.postcode,
            city="Maastricht",
            municipality_id=household.municipality_id,
        )
        household.members.append(HouseholdMember(person=child, relation="kind"))
        db.session.flush()

    def _maastricht_id(self) -> int:
        user = self.staff["toegang"]
        return next(m.id for m in user.municipalities if m.code == "maastricht")

    def meeting(self, notes: str) -> triage.Meeting:
        team = self.the_registration.team
        assert team is not None
        return triage.Meeting(
            held_on=clock.today(),
            attendee_ids=tuple(m.id for m in team.members),
            other_attendees="Wijkverpleegkundige, schoolmaatschappelijk werk",
            notes=notes,
        )

    def schedule(self) -> None:
        triage.schedule(
            self.the_registration, self.staff["teammanager"], clock.today() + timedelta(days=6)
        )

    def send_back(self) -> None:
        triage.send_back(
            self.the_registration,
            self.staff["regisseur"],
            self.meeting("Alleen een vraag om hulp in huis; geen samenhang met andere gebieden."),
            "wmo",
            "Enkelvoudige Wmo-vraag: huishoudelijke hulp.",
        )

    def take_on(self) -> None:
        triage.take_on(
            self.the_registration,
            self.staff["teammanager"],
            self.meeting("Geldzorgen, opvoeding en gezondheid hangen samen: integraal oppakken."),
            self.director,
        )

    def hand_over(self) -> None:
        household = self.the_registration.household
        assert household is not None
        self.director = self.staff["regisseur"]
        directors.hand_over(
            household, self.director, self.staff["teammanager"], "Collega gaat naar een ander team."
        )

    def release(self) -> None:
        household = self.the_registration.household
        assert household is not None
        directors.release(household, self.staff["teammanager"], "Regisseur langdurig afwezig.")

    def make_plan(self) -> None:
        household = self.the_registration.household
        assert household is not None
        me = self.director
        members = [m.person_id for m in household.members]
        plan = content.start_plan(
            household, me, "Wij willen weer rust in huis en zelf de rekeningen betalen.", members
        )
        money = content.add_goal(
            plan, me, content.GoalInput("financien", "Elke maand de vaste lasten betalen", 2, 4)
        )
        home = content.add_goal(
            plan,
            me,
            content.GoalInput(
                "huiselijke_relaties", "Minder ruzie over geld waar de kinderen bij zijn", 3, 4
            ),
        )
        week, month = clock.today() + timedelta(days=7), clock.today() + timedelta(days=30)
        content.add_action(
            plan,
            me,
            content.ActionInput(
                money.id,
                "Aanmelden bij schuldhulpverlening",
                "medewerker",
                week,
                owner_user_id=me.id,
            ),
        )
        content.add_action(
            plan,
            me,
            content.ActionInput(
                money.id, "Budgetmaatje zoeken", "partner", month, partner_name="Humanitas"
            ),
        )
        content.add_action(
            plan,
            me,
            content.ActionInput(
                home.id, "Opvoedondersteuning thuis", "nieuwe_zaak", month, new_case_domain="wmo"
            ),
        )
        self.plan = plan

    def agree(self, weeks: int) -> None:
        lifecycle.agree(
            self.the_plan,
            self.director,
            lifecycle.Agreement(
                agreed_on=clock.today(),
                how="gesprek_thuis",
                agreed_by_ids=[
                    p.id
                    for p in self.the_plan.members
                    if p.date_of_birth and p.date_of_birth.year < 2000
                ],
                note=None,
                next_evaluation_on=clock.today() + timedelta(weeks=weeks),
            ),
        )

    def action_done(self, index: int) -> None:
        content.set_action_state(self.the_plan.actions[index], self.director, "klaar")

    def evaluate(self, decision: str, score: int) -> None:
        plan = self.the_plan
        lifecycle.evaluate(
            plan,
            self.director,
            lifecycle.EvaluationInput(
                held_on=clock.today(),
                scores={g.id: max(g.current_score, min(score, g.target_score)) for g in plan.goals},
                what_changed="De vaste lasten worden betaald; thuis is het rustiger.",
                household_view="Het gaat beter, maar we zijn er nog niet.",
                decision=decision,
                result="doelen_bereikt" if decision == "afronden" else None,
                next_evaluation_on=clock.today() + timedelta(weeks=8),
            ),
        )

    def escalate(self) -> None:
        lifecycle.escalate(
            self.the_plan,
            self.director,
            "De woningcorporatie zet de ontruiming door ondanks de betaalafspraak.",
        )

    def end(self) -> None:
        lifecycle.end_plan(
            self.the_plan,
            self.director,
            "Het gezin verhuist naar familie in Heerlen.",
            "verhuisd",
        )
