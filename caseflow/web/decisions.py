"""The decision page: the result, the reasons and the granted products as rows, fired once.

A decision that grants provisions (`page: besluit` in its workflow) is taken here rather than in
the case page's generic form: it has a fixed number of product rows, rows left empty are ignored,
and "Nog een productregel" adds one by a round trip, so the page works without scripts. The rows
go to the engine as they were filled in; the effect that writes the provisions checks them
against the catalogue and names each bad field, which lands beside that field here.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow.extensions import db
from caseflow.models import Case, Product
from caseflow.provisions.catalogue import products_of
from caseflow.provisions.herindicatie import under_review
from caseflow.web.common import user
from caseflow.web.errors import refusal_status
from caseflow.web.ids import parse_id
from caseflow.web.loading import case_or_403
from caseflow.web.refusals import log_refusal
from caseflow.workflow.engine import available_triggers, fire, workflow_for
from caseflow.workflow.errors import ConflictError, FormWithoutVersion, InvalidData, WorkflowError
from caseflow.workflow.register_loader import PRODUCTS_FIELD
from caseflow.workflow.schema import TransitionDef

bp = Blueprint("decisions", __name__, url_prefix="/zaken")

PAGE = "besluit"
ROWS_SHOWN = 3
MOST_ROWS = 12
ROW_FIELDS = ("product", "vorm", "aanbieder", "omvang", "ingangsdatum", "einddatum")
# What makes a row filled in; a form chosen alone is not a product.
ROW_CONTENT = ("product", "aanbieder", "omvang", "ingangsdatum", "einddatum")


@dataclass
class Filled:
    """The page as the user left it: values per field name, the rows, and the messages."""

    values: dict[str, str] = field(default_factory=dict)
    rows: list[dict[str, str]] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    message: str | None = None


def _transition(case: Case) -> TransitionDef:
    transition = next(
        (t for t in workflow_for(case).transitions_from(case.state) if t.page == PAGE), None
    )
    if transition is None:
        abort(404)
    return transition


def _row_key(number: int, name: str) -> str:
    return f"{PRODUCTS_FIELD}-{number}-{name}"


def _rows_from_form(count: int) -> list[dict[str, str]]:
    return [
        {"regel": str(n), **{f: request.form.get(_row_key(n, f), "").strip() for f in ROW_FIELDS}}
        for n in range(1, count + 1)
    ]


def _filled_in(row: dict[str, str]) -> bool:
    return any(row.get(name) for name in ROW_CONTENT)


def _shown_rows(count: int) -> int:
    return max(ROWS_SHOWN, min(count, MOST_ROWS))


def _render(case: Case, filled: Filled, status: int = 200) -> ResponseReturnValue:
    transition = _transition(case)
    workflow = workflow_for(case)
    products = products_of(case.municipality_id, workflow.domain)
    option = next(o for o in available_triggers(case, user()) if o.trigger == transition.trigger)
    rows = filled.rows or [{"regel": str(n)} for n in range(1, ROWS_SHOWN + 1)]
    return render_template(
        "provisions/decision.html",
        case=case,
        workflow=workflow,
        transition=transition,
        option=option,
        results=workflow.states[transition.dest].results,
        grant_labels=" of ".join(
            workflow.states[transition.dest].results[g].lower()
            for g in (workflow.provisions.grants if workflow.provisions else ())
        ),
        products=products,
        providers=_providers(products),
        rows=rows,
        values=filled.values,
        field_errors=filled.errors,
        errors=_summary(filled),
        message=filled.message,
        under_review=under_review(case),
        asks=set(transition.requires) | set(transition.optional),
    ), status


def _providers(products: list[Product]) -> list[tuple[Product, list[tuple[int, str]]]]:
    return [
        (p, [(v.id, v.name) for v in p.providers if v.active]) for p in products if p.allows_zin
    ]


def _summary(filled: Filled) -> list[tuple[str | None, str]]:
    """The messages for the summary, each linking to its field (a missing product: the first)."""
    found: list[tuple[str | None, str]] = [(None, filled.message)] if filled.message else []
    first = _row_key(int(filled.rows[0]["regel"]), "product") if filled.rows else None
    for key, text in filled.errors.items():
        found.append((first if key == PRODUCTS_FIELD else key, text))
    return found


def _placed(field_errors: dict[str, str]) -> dict[str, str]:
    """The engine names fields by their data name; the page's ids carry a prefix."""
    return {
        name if name.startswith(PRODUCTS_FIELD) else f"besluit-{name}": text
        for name, text in field_errors.items()
    }


def _prefilled(case: Case) -> list[dict[str, str]]:
    """A herindicatie starts from what runs now: the same products, from the day after."""
    rows = []
    for number, provision in enumerate(under_review(case).provisions, start=1):
        after = provision.end_date + timedelta(days=1) if provision.end_date else None
        rows.append(
            {
                "regel": str(number),
                "product": str(provision.product_id),
                "vorm": provision.form,
                "aanbieder": str(provision.provider_id or ""),
                "omvang": str(provision.amount.normalize()).replace(".", ","),
                "ingangsdatum": after.isoformat() if after else "",
            }
        )
    return rows


@bp.route("/<int:case_id>/besluit")
@login_required
def form(case_id: int) -> ResponseReturnValue:
    case = case_or_403(case_id, "besluit nemen")
    if case.is_closed:
        return redirect(url_for("cases.show", case_id=case.id))
    prefilled = _prefilled(case)
    count = _shown_rows(len(prefilled))
    rows = prefilled + [{"regel": str(n)} for n in range(len(prefilled) + 1, count + 1)]
    return _render(case, Filled(rows=rows))


@bp.route("/<int:case_id>/besluit", methods=["POST"])
@login_required
def decide(case_id: int) -> ResponseReturnValue:
    case = case_or_403(case_id, "besluit nemen")
    if case.is_closed:
        return redirect(url_for("cases.show", case_id=case.id))
    transition = _transition(case)
    count = _shown_rows(parse_id(request.form.get("regels")) or ROWS_SHOWN)
    rows = _rows_from_form(count)
    asked = (*transition.requires, *transition.optional)
    values = {name: request.form.get(f"besluit-{name}", "") for name in asked}
    if "meer_regels" in request.form:
        more = _shown_rows(count + 1)
        rows += [{"regel": str(n)} for n in range(count + 1, more + 1)]
        return _render(case, Filled(values, rows))
    data: dict[str, Any] = {k: v for k, v in values.items() if k != PRODUCTS_FIELD}
    data[PRODUCTS_FIELD] = [r for r in rows if _filled_in(r)]
    try:
        version = parse_id(request.form.get("version"))
        if version is None:
            raise FormWithoutVersion()
        fire(case, transition.trigger, user(), data, expected_version=version)
    except InvalidData as exc:
        return _render(case, Filled(values, rows, _placed(exc.field_errors)), 400)
    except ConflictError as exc:
        db.session.expire_all()
        fresh = db.session.get_one(Case, case_id)
        return _render(fresh, Filled(values, rows, message=exc.message), 409)
    except WorkflowError as exc:
        status = refusal_status(exc)
        if status == 403:
            log_refusal(status)
        return _render(case, Filled(values, rows, message=exc.message), status)
    flash("Het besluit is vastgelegd.")
    return redirect(url_for("cases.show", case_id=case_id))
