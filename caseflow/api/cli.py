"""`flask api-application ...`: register the systems that use the Zaken API, with their scopes,
municipalities and case types; `flask set-rsin` gives a municipality the RSIN the API shows."""

import secrets

import click
import sqlalchemy as sa
from flask import Flask
from flask.cli import with_appcontext

from caseflow.bsn import bsn_error
from caseflow.extensions import db
from caseflow.models import API_SCOPES, ApiApplication, Municipality, User
from caseflow.unit_of_work import unit_of_work
from caseflow.workflow.registry import registry


@click.group("api-application")
def api_application() -> None:
    """Applications of the Zaken API (client id, secret, scopes, reach)."""


def _municipalities(codes: tuple[str, ...]) -> list[Municipality]:
    found = list(db.session.scalars(sa.select(Municipality).where(Municipality.code.in_(codes))))
    missing = set(codes) - {m.code for m in found}
    if missing or not codes:
        raise click.UsageError(f"Onbekende of geen gemeenten: {', '.join(sorted(missing))}")
    return found


def _case_types(names: tuple[str, ...], every: bool) -> list[str]:
    known = registry().names()
    if every:
        return known
    unknown = set(names) - set(known)
    if unknown or not names:
        raise click.UsageError(
            f"Onbekende of geen zaaktypen: {', '.join(sorted(unknown))} (bekend: "
            f"{', '.join(known)}); of geef --all-case-types."
        )
    return sorted(set(names))


@api_application.command("create")
@click.argument("client_id")
@click.option("--label", required=True, help="Naam van het systeem, zoals 'KCC Maastricht'.")
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    type=click.Choice(sorted(API_SCOPES)),
    default=("read",),
    show_default=True,
)
@click.option("--municipality", "codes", multiple=True, help="Gemeentecode (herhaalbaar).")
@click.option("--case-type", "case_types", multiple=True, help="Zaaktype (herhaalbaar).")
@click.option("--all-case-types", is_flag=True)
@click.option("--user", "username", help="Caseflow-account waarnamens statussen worden gezet.")
@with_appcontext
def create(
    client_id: str,
    label: str,
    scopes: tuple[str, ...],
    codes: tuple[str, ...],
    case_types: tuple[str, ...],
    all_case_types: bool,
    username: str | None,
) -> None:
    """Register an application and print its secret (shown only this once)."""
    with unit_of_work():
        if db.session.scalar(
            sa.select(ApiApplication).where(ApiApplication.client_id == client_id)
        ):
            raise click.UsageError(f"Applicatie '{client_id}' bestaat al.")
        user = None
        if username:
            user = db.session.scalar(sa.select(User).where(User.username == username))
            if user is None:
                raise click.UsageError(f"Onbekend account '{username}'.")
        if "write" in scopes and user is None:
            raise click.UsageError("Scope write vraagt om --user: de engine handelt namens iemand.")
        secret = secrets.token_urlsafe(32)
        db.session.add(
            ApiApplication(
                client_id=client_id,
                label=label,
                secret=secret,
                scopes=sorted(set(scopes)),
                case_types=_case_types(case_types, all_case_types),
                municipalities=_municipalities(codes),
                user=user,
            )
        )
    click.echo(f"client_id: {client_id}\nsecret: {secret}")


@api_application.command("list")
@with_appcontext
def list_applications() -> None:
    """Every application with its scopes and reach."""
    for app in db.session.scalars(sa.select(ApiApplication).order_by(ApiApplication.client_id)):
        towns = ", ".join(sorted(m.code for m in app.municipalities))
        state = "actief" if app.active else "uit"
        click.echo(
            f"{app.client_id} ({state}): {app.label}; scopes {', '.join(app.scopes)}; "
            f"gemeenten {towns}; zaaktypen {', '.join(app.case_types)}"
        )


@api_application.command("deactivate")
@click.argument("client_id")
@with_appcontext
def deactivate(client_id: str) -> None:
    """Switch an application off: its tokens are refused from now on."""
    with unit_of_work():
        app = db.session.scalar(
            sa.select(ApiApplication).where(ApiApplication.client_id == client_id)
        )
        if app is None:
            raise click.UsageError(f"Onbekende applicatie '{client_id}'.")
        app.active = False
    click.echo(f"{client_id} staat uit.")


@click.command("set-rsin")
@click.argument("code")
@click.argument("rsin")
@with_appcontext
def set_rsin(code: str, rsin: str) -> None:
    """Give a municipality its RSIN (the Zaken API's bronorganisatie)."""
    if (error := bsn_error(rsin)) is not None:
        raise click.UsageError(f"Geen geldig RSIN: {error}")
    with unit_of_work():
        [municipality] = _municipalities((code,))
        municipality.rsin = rsin
    click.echo(f"{municipality.name}: RSIN {rsin}")


def register_api_commands(app: Flask) -> None:
    app.cli.add_command(api_application)
    app.cli.add_command(set_rsin)
