"""Who looked at my file? The processing log searched by person, for the privacy officer."""

import sqlalchemy as sa
from flask import Blueprint, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import login_required
from sqlalchemy.orm import selectinload

from caseflow.access_log import record
from caseflow.extensions import db
from caseflow.models import AccessLog, Person
from caseflow.permissions import READ_PROCESSING_LOG
from caseflow.scope import processing_log_person_scope
from caseflow.scope.queries import UNSCOPED
from caseflow.web.common import user
from caseflow.web.ids import parse_id
from caseflow.web.timeline import case_references

bp = Blueprint("privacy", __name__, url_prefix="/verwerkingen")
LIMIT = 200


@bp.route("/")
@login_required
def search() -> ResponseReturnValue:
    me = user()
    if not me.may(READ_PROCESSING_LOG):
        abort(403)
    term = request.args.get("zoek", "").strip()
    persons: list[Person] = []
    if len(term) >= 2:
        # The officer sees no case, so no client: this search has its own scope.
        query = (
            sa.select(Person).where(processing_log_person_scope(me)).execution_options(**UNSCOPED)
        )
        if term.isdigit():
            query = query.where(Person.bsn == term)
        else:
            query = query.where(sa.func.lower(Person.family_name).like(f"%{term.lower()}%"))
        persons = list(db.session.scalars(query.order_by(Person.family_name).limit(50)))
    chosen = None
    rows: list[AccessLog] = []
    person_id = parse_id(request.args.get("persoon"))
    if person_id is not None:
        chosen = db.session.scalar(
            sa.select(Person)
            .where(Person.id == person_id, processing_log_person_scope(me))
            .execution_options(**UNSCOPED)
        )
        if chosen is None:
            abort(404)
        rows = list(
            db.session.scalars(
                sa.select(AccessLog)
                .where(AccessLog.person_id == chosen.id)
                .options(selectinload(AccessLog.actor))
                .order_by(AccessLog.occurred_at.desc())
                .limit(LIMIT)
            )
        )
        record(
            me, "view", "inzage verwerkingenlog", person_id=chosen.id, origin=request.remote_addr
        )
    return render_template(
        "privacy/search.html",
        term=term,
        persons=persons,
        chosen=chosen,
        rows=rows,
        limit=LIMIT,
        references=case_references(r.case_id for r in rows),
    )
