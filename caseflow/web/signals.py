"""Signal lists per user and per team, marking as read, and the unread badge for base.html."""

from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from caseflow.extensions import db
from caseflow.models import PlanReminder, Signal, SignalKind, Team
from caseflow.safety import flags_to_review
from caseflow.signals import (
    addressed_to,
    case_path,
    mark_read,
    mark_reminders_read,
    meant_for,
    of_team,
    page_of_signals,
    reminders_for,
    reminders_of_team,
    unread_reminders,
    unread_signal_count,
)
from caseflow.web.common import user
from caseflow.workflow.registry import registry

bp = Blueprint("signals", __name__, url_prefix="/signalen")

# The deadline signal each kind is shown as (templates/_macros.html, signal).
KIND_SIGNALS = {
    SignalKind.DUE_SOON: "soon",
    SignalKind.OVERDUE: "overdue",
    SignalKind.ESCALATION: "overdue",
}


@bp.app_context_processor
def signal_badge() -> dict[str, int]:
    if current_user.is_authenticated:
        return {"unread_signals": unread_signal_count(user())}
    return {"unread_signals": 0}


def case_link(case_id: int) -> str:
    # The case page lives in the cases blueprint; an app without it still gets the same path.
    if "cases.show" in current_app.view_functions:
        return url_for("cases.show", case_id=case_id)
    return case_path(case_id)


def plan_link(plan_id: int) -> str:
    if "plans.show" in current_app.view_functions:
        return url_for("plans.show", plan_id=plan_id)
    return f"/plannen/{plan_id}"


def _page() -> int:
    return max(request.args.get("pagina", 1, type=int) or 1, 1)


def _render(
    heading: str,
    team: Team | None,
    where: sa.ColumnElement[bool],
    reminder_where: sa.ColumnElement[bool],
) -> str:
    page = _page()
    me = user()
    signals, has_next = page_of_signals(where, page)
    reminders = unread_reminders(reminder_where)
    mine_reminders = set(
        db.session.scalars(
            sa.select(PlanReminder.id).where(
                PlanReminder.id.in_([r.id for r in reminders]), reminders_for(me)
            )
        )
    )
    return render_template(
        "signals/list.html",
        heading=heading,
        team=team,
        teams=sorted(me.teams, key=lambda t: t.name),
        signals=signals,
        mine=meant_for(me, signals),
        page=page,
        has_next=has_next,
        workflows=registry().workflows,
        signal_codes=KIND_SIGNALS,
        case_link=case_link,
        reminders=reminders,
        mine_reminders=mine_reminders,
        plan_link=plan_link,
        flags=flags_to_review(me),
    )


@bp.route("")
@login_required
def inbox() -> ResponseReturnValue:
    return _render("Mijn signalen", None, addressed_to(user()), reminders_for(user()))


@bp.route("/team/<int:team_id>")
@login_required
def team(team_id: int) -> ResponseReturnValue:
    chosen = db.session.get(Team, team_id)
    if chosen is None or all(t.id != team_id for t in user().teams):
        abort(404)
    return _render(
        f"Signalen van {chosen.name}",
        chosen,
        of_team(user(), chosen),
        reminders_of_team(user(), chosen),
    )


@bp.route("/<int:signal_id>/gelezen", methods=["POST"])
@login_required
def read_one(signal_id: int) -> ResponseReturnValue:
    meant = sa.select(Signal.id).where(Signal.id == signal_id, addressed_to(user()))
    if db.session.scalar(meant) is None:
        abort(404)
    mark_read(user(), Signal.id == signal_id)
    return redirect(_back())


@bp.route("/gelezen", methods=["POST"])
@login_required
def read_all() -> ResponseReturnValue:
    team_id = request.form.get("team_id", type=int)
    if team_id is None:
        mark_read(user(), addressed_to(user()))
        mark_reminders_read(user(), reminders_for(user()))
    else:
        chosen = db.session.get(Team, team_id)
        if chosen is None:
            abort(404)
        mark_read(user(), of_team(user(), chosen))
        mark_reminders_read(user(), reminders_of_team(user(), chosen))
    return redirect(_back())


@bp.route("/plan-herinneringen/<int:reminder_id>/gelezen", methods=["POST"])
@login_required
def read_reminder(reminder_id: int) -> ResponseReturnValue:
    meant = sa.select(PlanReminder.id).where(PlanReminder.id == reminder_id, reminders_for(user()))
    if db.session.scalar(meant) is None:
        abort(404)
    mark_reminders_read(user(), PlanReminder.id == reminder_id)
    return redirect(_back())


def _back() -> str:
    target = request.form.get("next")
    if target and target.startswith("/") and not urlsplit(target).netloc:
        return target
    return url_for("signals.inbox")
