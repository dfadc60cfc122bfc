"""Mijn werkvoorraad and Teamwerkvoorraad."""

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow import clock, unit_of_work
from caseflow.extensions import db
from caseflow.models import Case, Team, User
from caseflow.permissions import ASSIGN_CASES, LEAD_TEAMS, REVIEW_QUALITY, WORK_ON_CASES
from caseflow.web.common import int_arg, user
from caseflow.web.ids import parse_id
from caseflow.workflow.engine import assign
from caseflow.workflow.errors import WorkflowError
from caseflow.workflow.registry import registry
from caseflow.worklist import Filters, caseload, my_worklist, team_worklist

bp = Blueprint("worklist", __name__)


def _filters() -> Filters:
    return Filters(
        municipality_id=int_arg("gemeente"),
        case_type=request.args.get("zaaktype") or None,
        state=request.args.get("status") or None,
        page=int_arg("pagina", 1) or 1,
    )


def _filter_choices() -> dict[str, object]:
    workflows = registry().workflows
    return {
        "municipalities": sorted(user().municipalities, key=lambda m: m.name),
        "case_types": sorted((name, wf.label) for name, wf in workflows.items()),
        "states": sorted(
            {
                (name, s.label)
                for wf in workflows.values()
                for name, s in wf.states.items()
                if not s.final
            },
            key=lambda pair: pair[1],
        ),
    }


@bp.route("/")
@login_required
def mine() -> ResponseReturnValue:
    if not user().may(WORK_ON_CASES) and user().may(REVIEW_QUALITY):
        # The quality reviewer has no worklist: their work is the open sample.
        return redirect(url_for("quality.index"))
    filters = _filters()
    return render_template(
        "worklist/mine.html",
        page=my_worklist(user(), filters),
        filters=filters,
        workflows=registry().workflows,
        today=clock.today(),
        **_filter_choices(),
    )


def _my_teams() -> list[Team]:
    return sorted(user().teams, key=lambda t: t.name)


@bp.route("/team")
@login_required
def team() -> ResponseReturnValue:
    teams = _my_teams()
    if not teams:
        return render_template("worklist/no_team.html")
    team_id = int_arg("team", teams[0].id)
    chosen = next((t for t in teams if t.id == team_id), None)
    if chosen is None:
        abort(403)
    filters = _filters()
    unassigned_only = request.args.get("alleen") == "nieuw"
    return render_template(
        "worklist/team.html",
        team=chosen,
        teams=teams,
        filters=filters,
        unassigned_only=unassigned_only,
        page=team_worklist(user(), chosen, filters, unassigned_only),
        caseload=caseload(chosen),
        is_manager=user().may(ASSIGN_CASES),
        workflows=registry().workflows,
        today=clock.today(),
        **_filter_choices(),
    )


@bp.route("/team/<int:team_id>/toewijzen", methods=["POST"])
@login_required
def bulk_assign(team_id: int) -> ResponseReturnValue:
    me = user()
    team = next((t for t in me.teams if t.id == team_id), None)
    if team is None or not me.may(LEAD_TEAMS):
        abort(403)
    back = url_for("worklist.team", team=team_id)
    assignee = db.session.get(User, parse_id(request.form.get("assignee_id")) or 0)
    reason = (request.form.get("reden") or "").strip()
    case_ids = [i for v in request.form.getlist("zaak") if (i := parse_id(v)) is not None]
    if assignee is None or assignee not in team.members or not case_ids or not reason:
        flash("Kies zaken, een medewerker uit het team en geef een reden op.", "error")
        return redirect(back)
    cases = db.session.scalars(
        sa.select(Case).where(Case.id.in_(case_ids), Case.team_id == team.id)
    ).all()
    try:
        for case in cases:
            assign(case, assignee, me, reason=reason)
    except WorkflowError as exc:
        unit_of_work.rollback()
        flash(f"Niets toegewezen: {exc.message}", "error")
        return redirect(back)
    flash(f"{len(cases)} zaak/zaken toegewezen aan {assignee.full_name}.")
    return redirect(back)
