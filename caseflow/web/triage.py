"""Aanmeldingen gebiedsteam: the team's queue, and per registration the casusoverleg's decision."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import LIFE_DOMAINS, Case, Team, TeamKind, User
from caseflow.models.regie import Decision
from caseflow.permissions import DIRECT_HOUSEHOLDS
from caseflow.plans import queue
from caseflow.plans.triage import (
    Meeting,
    area_teams_of,
    hold,
    move_to_team,
    schedule,
    send_back,
    take_on,
)
from caseflow.routing import area_for
from caseflow.web.common import int_arg, user
from caseflow.web.loading import case_or_403
from caseflow.web.plan_forms import (
    Errors,
    MeetingForm,
    MoveForm,
    ScheduleForm,
    fresh,
    place_errors,
    submitted,
    version_of,
)
from caseflow.workflow.engine import workflow_for
from caseflow.workflow.errors import ConflictError, InvalidData, WorkflowError

bp = Blueprint("triage", __name__, url_prefix="/gebiedsteam")


def _area_teams() -> list[Team]:
    return sorted((t for t in user().teams if t.kind == TeamKind.AREA), key=lambda t: t.name)


@bp.route("/")
@login_required
def queue_page() -> ResponseReturnValue:
    teams = _area_teams()
    if not teams:
        return render_template("plans/no_area_team.html")
    chosen = next((t for t in teams if t.id == int_arg("team", teams[0].id)), None)
    if chosen is None:
        abort(403)
    return render_template(
        "plans/triage_queue.html",
        team=chosen,
        teams=teams,
        registrations=queue.queue(user(), chosen, clock.today()),
        meetings=queue.recent_meetings(chosen),
    )


def _members(case: Case) -> list[User]:
    return sorted(case.team.members, key=lambda u: u.full_name) if case.team else []


def _forms(case: Case) -> dict[str, object]:
    meeting = fresh(MeetingForm, "overleg", held_on=clock.today(), version=case.version)
    schedule_form = fresh(ScheduleForm, "agenda", version=case.version)
    move = fresh(MoveForm, "team", version=case.version)
    return {"meeting": meeting, "schedule": schedule_form, "move": move}


def _choices(case: Case, forms: dict[str, object]) -> None:
    members = _members(case)
    meeting = forms["meeting"]
    move = forms["move"]
    assert isinstance(meeting, MeetingForm) and isinstance(move, MoveForm)
    meeting.attendee_ids.choices = [(m.id, m.full_name) for m in members]
    meeting.director_id.choices = [(0, "Kies…")] + [
        (m.id, m.full_name) for m in members if m.may(DIRECT_HOUSEHOLDS)
    ]
    move.team_id.choices = [(0, "Kies…")] + [(t.id, t.name) for t in area_teams_of(case)]


def _page(
    case: Case, errors: Errors | None = None, status: int = 200, **given: object
) -> ResponseReturnValue:
    forms = {**_forms(case), **given}
    _choices(case, forms)
    postcode = case.person.postcode if case.person else None
    return render_template(
        "plans/triage_case.html",
        case=case,
        workflow=workflow_for(case),
        open_for_triage=workflow_for(case).has_tag(case.state, "triage") and not case.is_closed,
        routed_area=area_for(case.municipality, postcode),
        decisions=queue.decisions_for(case),
        life_domains=LIFE_DOMAINS,
        errors=errors or [],
        **forms,
    ), status


def _registration(case_id: int, purpose: str) -> Case:
    case = case_or_403(case_id, purpose)
    if case.case_type != "gebiedsteam":
        abort(404)
    return case


@bp.route("/aanmeldingen/<int:case_id>")
@login_required
def registration(case_id: int) -> ResponseReturnValue:
    return _page(_registration(case_id, "triage gebiedsteam"))


def _meeting(form: MeetingForm) -> Meeting:
    return Meeting(
        held_on=form.held_on.data,
        attendee_ids=tuple(form.attendee_ids.data or ()),
        other_attendees=form.other_attendees.data,
        notes=form.notes.data,
    )


@bp.route("/aanmeldingen/<int:case_id>/besluit", methods=["POST"])
@login_required
def decide(case_id: int) -> ResponseReturnValue:
    case = _registration(case_id, "triage gebiedsteam")
    form = submitted(MeetingForm, "overleg")
    _choices(case, {"meeting": form, "move": fresh(MoveForm, "team")})
    if not form.validate():
        errors = [(f.id, m) for f in form for m in f.errors]
        return _page(case, errors, 400, meeting=form)
    me, version = user(), version_of(form)
    try:
        if form.decision.data == Decision.OPPAKKEN:
            director = db.session.get(User, form.director_id.data or 0)
            row = take_on(case, me, _meeting(form), director, expected_version=version)
            flash(f"Het gebiedsteam pakt de aanmelding op. Regisseur: {row.director.full_name}.")
            return redirect(url_for("regie.household", household_id=row.household_id))
        if form.decision.data == Decision.TERUGSTUREN:
            follow_up = send_back(
                case,
                me,
                _meeting(form),
                form.domain.data,
                form.reason.data,
                expected_version=version,
            )
            where = (
                f" als {follow_up.reference} bij {follow_up.team.name}"
                if follow_up and follow_up.team
                else ""
            )
            flash(f"De aanmelding is teruggestuurd naar één domein{where}.")
            return redirect(url_for("triage.queue_page", team=case.team_id))
        hold(case, me, _meeting(form), expected_version=version)
        flash("Het casusoverleg is vastgelegd; de aanmelding blijft in de triage.")
        return redirect(url_for("triage.registration", case_id=case.id))
    except InvalidData as exc:
        return _page(_fresh_case(case_id), place_errors(form, exc), 400, meeting=form)
    except ConflictError as exc:
        return _page(_fresh_case(case_id), [(None, exc.message)], 409)
    except WorkflowError as exc:
        return _page(_fresh_case(case_id), [(None, exc.message)], 400, meeting=form)


def _fresh_case(case_id: int) -> Case:
    db.session.expire_all()
    return db.session.get_one(Case, case_id)


@bp.route("/aanmeldingen/<int:case_id>/agenderen", methods=["POST"])
@login_required
def plan_meeting(case_id: int) -> ResponseReturnValue:
    case = _registration(case_id, "triage gebiedsteam")
    form = submitted(ScheduleForm, "agenda")
    try:
        schedule(case, user(), form.casusoverleg_op.data, expected_version=version_of(form))
    except InvalidData as exc:
        return _page(_fresh_case(case_id), place_errors(form, exc), 400, schedule=form)
    except WorkflowError as exc:
        return _page(_fresh_case(case_id), [(None, exc.message)], 400, schedule=form)
    flash("De aanmelding staat op de agenda van het casusoverleg.")
    return redirect(url_for("triage.registration", case_id=case_id))


@bp.route("/aanmeldingen/<int:case_id>/ander-team", methods=["POST"])
@login_required
def move(case_id: int) -> ResponseReturnValue:
    case = _registration(case_id, "aanmelding naar ander gebiedsteam")
    form = submitted(MoveForm, "team")
    old_team = case.team_id
    team = db.session.get(Team, form.team_id.data or 0)
    try:
        move_to_team(case, team, user(), form.reason.data, expected_version=version_of(form))
    except InvalidData as exc:
        return _page(_fresh_case(case_id), place_errors(form, exc), 400, move=form)
    except WorkflowError as exc:
        return _page(_fresh_case(case_id), [(None, exc.message)], 400, move=form)
    flash(f"De aanmelding staat nu bij {team.name if team else 'het andere team'}.")
    return redirect(url_for("triage.queue_page", team=old_team))
