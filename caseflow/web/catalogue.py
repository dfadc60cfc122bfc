"""Beheer productcatalogus: per municipality its products, the providers contracted for them, and
its herindicatie lead time and stapeling thresholds."""

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow.extensions import db
from caseflow.models import Municipality, Product
from caseflow.models.catalogue import FORMS, PRODUCT_KINDS, UNITS
from caseflow.permissions import MANAGE_CATALOGUE
from caseflow.provisions import catalogue
from caseflow.web.common import int_arg, user
from caseflow.web.ids import parse_id
from caseflow.workflow.errors import InvalidData

bp = Blueprint("catalogue", __name__, url_prefix="/beheer/productcatalogus")


def _municipalities() -> list[Municipality]:
    me = user()
    if not me.may(MANAGE_CATALOGUE) or not me.municipalities:
        abort(403)
    return sorted(me.municipalities, key=lambda m: m.name)


def _chosen(municipalities: list[Municipality], municipality_id: int | None) -> Municipality:
    wanted = municipality_id or municipalities[0].id
    chosen = next((m for m in municipalities if m.id == wanted), None)
    if chosen is None:
        abort(403)
    return chosen


def _page(
    municipality: Municipality,
    *,
    errors: dict[str, str] | None = None,
    form: str | None = None,
    values: dict[str, Any] | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    errors = errors or {}
    products = db.session.query(Product).filter_by(municipality_id=municipality.id)
    return render_template(
        "provisions/catalogue.html",
        municipalities=_municipalities(),
        municipality=municipality,
        policy=catalogue.policy_of(municipality.id),
        products=products.order_by(Product.active.desc(), Product.label).all(),
        providers=catalogue.providers(),
        kinds=PRODUCT_KINDS,
        units=UNITS,
        forms=FORMS,
        errors=errors,
        form=form,
        values=values or {},
        summary=[(f"{form}-{name}", text) for name, text in errors.items()],
    ), status


@bp.route("")
@login_required
def page() -> ResponseReturnValue:
    municipalities = _municipalities()
    return _page(_chosen(municipalities, int_arg("gemeente")))


def _product_input() -> catalogue.ProductInput:
    form = request.form
    return catalogue.ProductInput(
        code=form.get("code", ""),
        label=form.get("label", ""),
        kind=form.get("kind", ""),
        unit=form.get("unit", ""),
        forms=form.getlist("forms"),
        provider_ids=[p for p in (parse_id(v) for v in form.getlist("provider_ids")) if p],
        active=form.get("active", "ja") == "ja",
    )


def _values() -> dict[str, Any]:
    return {
        **{k: v for k, v in request.form.items() if k != "csrf_token"},
        "forms": request.form.getlist("forms"),
        "provider_ids": [parse_id(v) for v in request.form.getlist("provider_ids")],
    }


@bp.route("/<int:municipality_id>/producten", methods=["POST"])
@login_required
def add_product(municipality_id: int) -> ResponseReturnValue:
    municipality = _chosen(_municipalities(), municipality_id)
    try:
        product = catalogue.add_product(municipality, user(), _product_input())
    except InvalidData as exc:
        return _page(
            municipality, errors=exc.field_errors, form="nieuw", values=_values(), status=400
        )
    flash(f"Product {product.code} {product.label} staat in de catalogus.")
    return redirect(url_for("catalogue.page", gemeente=municipality.id))


@bp.route("/producten/<int:product_id>", methods=["POST"])
@login_required
def change_product(product_id: int) -> ResponseReturnValue:
    product = db.session.get(Product, product_id)
    if product is None:
        abort(404)
    municipality = _chosen(_municipalities(), product.municipality_id)
    try:
        catalogue.change_product(product, user(), _product_input())
    except InvalidData as exc:
        return _page(
            municipality,
            errors=exc.field_errors,
            form=f"product{product.id}",
            values=_values(),
            status=400,
        )
    flash(f"Product {product.code} is bijgewerkt; besluiten die al genomen zijn blijven gelden.")
    return redirect(url_for("catalogue.page", gemeente=municipality.id))


@bp.route("/aanbieders", methods=["POST"])
@login_required
def add_provider() -> ResponseReturnValue:
    municipality = _chosen(_municipalities(), parse_id(request.form.get("gemeente")))
    try:
        provider = catalogue.add_provider(user(), request.form.get("name", ""))
    except InvalidData as exc:
        values = {"name": request.form.get("name", "")}
        return _page(
            municipality, errors=exc.field_errors, form="aanbieder", values=values, status=400
        )
    flash(f"Aanbieder {provider.name} is toegevoegd; contracteer hem bij de producten.")
    return redirect(url_for("catalogue.page", gemeente=municipality.id))


@bp.route("/<int:municipality_id>/beleid", methods=["POST"])
@login_required
def save_policy(municipality_id: int) -> ResponseReturnValue:
    municipality = _chosen(_municipalities(), municipality_id)
    form = request.form
    try:
        catalogue.save_policy(
            municipality,
            user(),
            form.get("herindicatie_weeks", ""),
            form.get("stacking_limit", ""),
            form.get("wlz_hours_per_week", ""),
        )
    except InvalidData as exc:
        values = {k: v for k, v in form.items() if k != "csrf_token"}
        return _page(
            municipality, errors=exc.field_errors, form="beleid", values=values, status=400
        )
    flash(f"Het beleid van {municipality.name} is opgeslagen.")
    return redirect(url_for("catalogue.page", gemeente=municipality.id))
