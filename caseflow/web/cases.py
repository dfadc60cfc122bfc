"""The case page: facts, deadlines with their explanation, timeline, actions and notes."""

from dataclasses import replace

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow import clock
from caseflow.domains import DOMAINS, Routing
from caseflow.extensions import db
from caseflow.models import CHANNELS, LIFE_DOMAINS, Case, Note, User
from caseflow.permissions import ASSIGN_CASES, HANDLE_CASES
from caseflow.routing import team_domains
from caseflow.web.common import user
from caseflow.web.errors import refusal_status
from caseflow.web.forms import NoteForm
from caseflow.web.ids import parse_id
from caseflow.web.loading import case_or_403
from caseflow.web.refusals import log_refusal
from caseflow.web.timeline import timeline
from caseflow.web.transition_pages import page_link
from caseflow.workflow.deadline_effects import compute_due_date, explain_deadline
from caseflow.workflow.engine import (
    TriggerOption,
    add_note,
    assign,
    available_triggers,
    fire,
    workflow_for,
)
from caseflow.workflow.errors import (
    ConflictError,
    FormWithoutVersion,
    InvalidData,
    WorkflowError,
)
from caseflow.workflow.registry import registry

bp = Blueprint("cases", __name__, url_prefix="/zaken")


def _receivable(case: Case, options: list[TriggerOption]) -> list[TriggerOption]:
    """A choice of where the question goes (a domain, an urgent referral) offers only the
    places with a team for this case's municipality: no dead end to pick."""
    workflow = workflow_for(case)
    have = team_domains([case.municipality_id])[case.municipality_id]
    offered = []
    for option in options:
        transition = workflow.transition(option.trigger, case.state)
        follow_up = transition.creates if transition else None
        if follow_up is None or follow_up.by_field in (None, "resultaat"):
            offered.append(option)
            continue

        def receives(code: str, by_value: dict[str, str] = follow_up.by_value) -> bool:
            domain = registry().get(by_value[code]).domain if code in by_value else None
            return (
                domain is None
                or DOMAINS[domain].routing is not Routing.DOMAIN_TEAM
                or (domain in have)
            )

        fields = tuple(
            replace(f, options={c: label for c, label in f.options.items() if receives(c)})
            if f.name == follow_up.by_field
            else f
            for f in option.fields
        )
        offered.append(replace(option, fields=fields))
    return offered


def _needed_for(case: Case) -> dict[str, dict[str, str]]:
    """Per trigger, the optional fields some results need, with those results' labels."""
    workflow = workflow_for(case)
    needed: dict[str, dict[str, str]] = {}
    for transition in workflow.transitions_from(case.state):
        results = workflow.states[transition.dest].results
        for result, names in transition.requires_for.items():
            for name in names:
                labels = needed.setdefault(transition.trigger, {})
                labels[name] = " of ".join(filter(None, (labels.get(name), results[result])))
    return needed


def _render(
    case: Case,
    *,
    errors: list[tuple[str | None, str]] | None = None,
    open_action: str | None = None,
    field_errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    note_form: NoteForm | None = None,
    elsewhere: tuple[str, str] | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    if case.is_destroyed:
        return render_template("cases/destroyed.html", case=case, workflow=workflow_for(case)), (
            status
        )
    me = user()
    today = clock.today()
    options = _receivable(case, available_triggers(case, me))
    team_members: list[User] = (
        sorted(case.team.members, key=lambda u: u.full_name) if case.team else []
    )
    workflow = workflow_for(case)
    return render_template(
        "cases/show.html",
        case=case,
        workflow=workflow,
        today=today,
        counts_from_melding=any(d.counts_from_melding for d in workflow.deadlines.values()),
        opened_on=clock.local_date(case.opened_at),
        # The date and its explanation from one computation: a suspended term's stored date
        # is as of its last step, the page shows it as of today.
        deadlines=[
            (d, explain_deadline(d, today), compute_due_date(d, today)) for d in case.deadlines
        ],
        timeline=timeline(case),
        needed_for=_needed_for(case),
        options=options,
        pages={page: page_link(case, page) for page in {o.page for o in options if o.page}},
        elsewhere=elsewhere,
        children=db.session.scalars(sa.select(Case).where(Case.parent_id == case.id)).all(),
        errors=errors or [],
        open_action=open_action,
        field_errors=field_errors or {},
        values=values or {},
        note_form=note_form or NoteForm(),
        can_claim=case.assignee_id is None and not case.is_closed and me.may(HANDLE_CASES),
        is_manager=me.may(ASSIGN_CASES),
        team_members=team_members,
        channels=CHANNELS,
        life_domains=LIFE_DOMAINS,
        notes_by_time=_notes_by_time(case),
        theme_municipality=case.municipality,
    ), status


def _notes_by_time(case: Case) -> dict[object, list[Note]]:
    notes: dict[object, list[Note]] = {}
    for note_row in db.session.scalars(sa.select(Note).where(Note.case_id == case.id)):
        notes.setdefault(note_row.created_at, []).append(note_row)
    return notes


@bp.route("/<int:case_id>")
@login_required
def show(case_id: int) -> ResponseReturnValue:
    return _render(case_or_403(case_id, "zaak behandelen"))


def _logged_status(exc: WorkflowError) -> int:
    """The status of a refused step; a step the user may not take is a refusal for the log."""
    status = refusal_status(exc)
    if status == 403:
        log_refusal(status)
    return status


def _assignment_refused(case_id: int, exc: WorkflowError) -> ResponseReturnValue:
    """The case as it is now, with why it could not be (re)assigned: 403 when not allowed."""
    status = 403 if _logged_status(exc) == 403 else 409
    db.session.expire_all()
    return _render(db.session.get_one(Case, case_id), errors=[(None, exc.message)], status=status)


def _expected_version() -> int:
    """The case version the form was made for; a form without one is refused as stale."""
    version = parse_id(request.form.get("version"))
    if version is None:
        raise FormWithoutVersion()
    return version


@bp.route("/<int:case_id>/acties/<trigger>", methods=["POST"])
@login_required
def act(case_id: int, trigger: str) -> ResponseReturnValue:
    """The generic action form: only the fields the transition declares are passed on."""
    case = case_or_403(case_id, "zaak behandelen")
    transition = workflow_for(case).transition(trigger, case.state)
    if transition is not None and transition.page is not None:
        label, address = page_link(case, transition.page)
        return _render(
            case,
            errors=[(None, f"'{transition.label}' doet u via {label}.")],
            elsewhere=(label, address),
            status=400,
        )
    declared = (*transition.requires, *transition.optional) if transition else ()
    data = {name: request.form[name] for name in declared if name in request.form}
    try:
        fire(case, trigger, user(), data, expected_version=_expected_version())
    except InvalidData as exc:
        fields = {f"{trigger}-{name}": message for name, message in exc.field_errors.items()}
        return _render(
            case,
            errors=[(k, v) for k, v in fields.items()],
            open_action=trigger,
            field_errors=exc.field_errors,
            values=data,
            status=400,
        )
    except ConflictError as exc:
        db.session.expire_all()
        return _render(db.session.get_one(Case, case_id), errors=[(None, exc.message)], status=409)
    except WorkflowError as exc:
        return _render(
            case,
            errors=[(None, exc.message)],
            open_action=trigger,
            values=data,
            status=_logged_status(exc),
        )
    flash("De actie is uitgevoerd.")
    return redirect(url_for("cases.show", case_id=case_id))


@bp.route("/<int:case_id>/oppakken", methods=["POST"])
@login_required
def claim(case_id: int) -> ResponseReturnValue:
    case = case_or_403(case_id, "zaak oppakken")
    try:
        assign(case, user(), user(), expected_version=_expected_version())
    except WorkflowError as exc:
        return _assignment_refused(case_id, exc)
    flash("U behandelt deze zaak nu.")
    return redirect(url_for("cases.show", case_id=case_id))


@bp.route("/<int:case_id>/toewijzen", methods=["POST"])
@login_required
def reassign(case_id: int) -> ResponseReturnValue:
    case = case_or_403(case_id, "zaak toewijzen")
    raw = request.form.get("assignee_id", "")
    chosen = parse_id(raw) if raw else 0
    assignee = db.session.get(User, chosen) if chosen else None
    if chosen is None or (chosen and assignee is None):
        abort(400)
    try:
        assign(
            case,
            assignee,
            user(),
            reason=request.form.get("reden"),
            expected_version=_expected_version(),
        )
    except InvalidData as exc:
        return _render(
            case,
            errors=[("toewijzen-" + k, v) for k, v in exc.field_errors.items()],
            field_errors={f"toewijzen-{k}": v for k, v in exc.field_errors.items()},
            status=400,
        )
    except WorkflowError as exc:
        return _assignment_refused(case_id, exc)
    flash("De zaak is toegewezen." if assignee else "De zaak is teruggezet in de teamwerkvoorraad.")
    return redirect(url_for("cases.show", case_id=case_id))


@bp.route("/<int:case_id>/notities", methods=["POST"])
@login_required
def note(case_id: int) -> ResponseReturnValue:
    case = case_or_403(case_id, "notitie maken")
    form = NoteForm()
    if not form.validate_on_submit():
        return _render(
            case, errors=[("text", m) for m in form.text.errors], note_form=form, status=400
        )
    try:
        add_note(case, user(), form.text.data or "")
    except WorkflowError as exc:
        return _render(
            case, errors=[(None, exc.message)], note_form=form, status=_logged_status(exc)
        )
    flash("De notitie is opgeslagen.")
    return redirect(url_for("cases.show", case_id=case_id) + "#notities")
