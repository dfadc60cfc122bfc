"""Landing page after login: the user's own open cases by nearest deadline."""

import sqlalchemy as sa
from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Case, Deadline, DeadlineStatus
from caseflow.workflow.registry import registry

bp = Blueprint("home", __name__)
PAGE_SIZE = 50


@bp.route("/")
@login_required
def index() -> ResponseReturnValue:
    nearest = (
        sa.select(Deadline.case_id, sa.func.min(Deadline.due_date).label("due"))
        .where(Deadline.status == DeadlineStatus.RUNNING)
        .group_by(Deadline.case_id)
        .subquery()
    )
    rows = db.session.execute(
        sa.select(Case, nearest.c.due)
        .outerjoin(nearest, nearest.c.case_id == Case.id)
        .where(Case.assignee_id == current_user.id, Case.closed_at.is_(None))
        .order_by(nearest.c.due.is_(None), nearest.c.due, Case.id)
        .limit(PAGE_SIZE)
    ).all()
    return render_template(
        "home.html", rows=rows, today=clock.today(), workflows=registry().workflows
    )
