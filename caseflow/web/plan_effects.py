"""Effect indicators of the household plans, for policy and team managers: the change of the
self-reliance scores per life domain, per team and period, each figure with the goals behind it."""

import sqlalchemy as sa
from flask import Blueprint, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from caseflow.extensions import db
from caseflow.models import LIFE_DOMAINS, Cohort, Municipality, Team, TeamKind
from caseflow.plans.effects import EffectFilter, effects, goals_behind
from caseflow.reports.periods import Period, ReportError
from caseflow.scope.reports import ReportScope, scope_for
from caseflow.web.common import int_arg, user

bp = Blueprint("plan_effects", __name__, url_prefix="/regie/effecten")


def _reader() -> ReportScope:
    if not current_user.is_authenticated:
        abort(401)
    found = scope_for(user())
    if not found.readable:
        abort(403)
    return found


def _teams(reader: ReportScope) -> list[Team]:
    query = (
        sa.select(Team)
        .where(
            Team.kind == TeamKind.AREA,
            Team.municipalities.any(Municipality.id.in_(reader.municipality_ids)),
        )
        .order_by(Team.name)
    )
    return [t for t in db.session.scalars(query) if reader.allows_team(t.id)]


def _cohort(reader: ReportScope) -> Cohort | None:
    cohort_id = int_arg("cohort")
    if cohort_id is None:
        return None
    cohort = db.session.get(Cohort, cohort_id)
    if cohort is None:
        abort(404)
    if not reader.allows_municipality(cohort.municipality_id):
        abort(403)
    return cohort


def _filter(reader: ReportScope) -> tuple[EffectFilter, str | None]:
    team_id, municipality_id = int_arg("team"), int_arg("gemeente")
    if team_id is not None and not reader.allows_team(team_id):
        abort(403)
    if municipality_id is not None and not reader.allows_municipality(municipality_id):
        abort(403)
    cohort = _cohort(reader)
    households = (
        tuple(m.household_id for m in cohort.households if m.ended_on is None) if cohort else None
    )
    try:
        period = Period.parse(request.args.get("periode", ""))
    except ReportError as exc:
        return EffectFilter(Period.everything(), team_id, municipality_id, households), str(exc)
    return EffectFilter(period, team_id, municipality_id, households), None


def _context(reader: ReportScope, chosen: EffectFilter, error: str | None) -> dict[str, object]:
    return {
        "chosen": chosen,
        "error": error,
        "teams": _teams(reader),
        "municipalities": sorted(
            db.session.scalars(
                sa.select(Municipality).where(Municipality.id.in_(reader.municipality_ids))
            ),
            key=lambda m: m.name,
        ),
        "args": {
            k: v for k, v in request.args.items() if k in ("periode", "team", "gemeente", "cohort")
        },
        "cohort": _cohort(reader),
        "may_list": reader.may_list_cases,
    }


@bp.route("/")
@login_required
def overview() -> ResponseReturnValue:
    reader = _reader()
    chosen, error = _filter(reader)
    return render_template(
        "plans/effects.html",
        rows=effects(reader, chosen),
        **_context(reader, chosen, error),
    ), (400 if error else 200)


@bp.route("/<domain>")
@login_required
def drill_down(domain: str) -> ResponseReturnValue:
    reader = _reader()
    if domain not in LIFE_DOMAINS:
        abort(404)
    if not reader.may_list_cases:
        abort(403)
    chosen, error = _filter(reader)
    if error:
        abort(400)
    figures = next((r for r in effects(reader, chosen) if r.domain == domain), None)
    return render_template(
        "plans/effects_goals.html",
        domain=domain,
        label=LIFE_DOMAINS[domain],
        figures=figures,
        goals=goals_behind(reader, chosen, domain),
        **_context(reader, chosen, None),
    )
