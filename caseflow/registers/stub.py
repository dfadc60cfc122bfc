"""Stand-in registers on loopback, answering in the published shapes of Haal Centraal BRP
bevragen (POST /personen) and the PDOK Locatieserver (GET /free) with a few made-up persons and
addresses (stub_data.json). For tests and the demo: point BRP_URL and BAG_URL at the real
registers to use those instead."""

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click
from werkzeug.serving import run_simple
from werkzeug.wrappers import Request, Response

DATA = json.loads((Path(__file__).with_name("stub_data.json")).read_text(encoding="utf-8"))
_QUERY = re.compile(r"postcode:(\w+) and huisnummer:(\d+)")


def _json(body: Any, status: int = 200) -> Response:
    return Response(json.dumps(body), status=status, mimetype="application/json")


def _persons(request: Request) -> Response:
    try:
        asked = set(request.get_json(force=True)["burgerservicenummer"])
    except (KeyError, TypeError, ValueError):
        problem = {"title": "Ten minste één parameter moet worden opgegeven.", "status": 400}
        return _json(problem, 400)
    found = [p for p in DATA["personen"] if p["burgerservicenummer"] in asked]
    return _json({"type": "RaadpleegMetBurgerservicenummer", "personen": found})


def _addresses(request: Request) -> Response:
    match = _QUERY.fullmatch(request.args.get("q", ""))
    docs = []
    if match:
        postcode, number = match[1].upper(), int(match[2])
        docs = [
            a for a in DATA["adressen"] if a["postcode"] == postcode and a["huisnummer"] == number
        ]
    return _json({"response": {"numFound": len(docs), "start": 0, "docs": docs[:1]}})


def application(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
    request = Request(environ)
    if request.method == "POST" and request.path.endswith("/personen"):
        response = _persons(request)
    elif request.method == "GET" and request.path.endswith("/free"):
        response = _addresses(request)
    else:
        response = _json({"title": "Niet gevonden", "status": 404}, 404)
    return response(environ, start_response)


@click.command("registers-stub")
@click.option("--port", default=8089, show_default=True)
def registers_stub_command(port: int) -> None:
    """Serve the stand-in BRP and BAG on 127.0.0.1 (set BRP_URL and BAG_URL to use them)."""
    click.echo(f"BRP_URL=http://127.0.0.1:{port}/haalcentraal/api/brp")
    click.echo(f"BAG_URL=http://127.0.0.1:{port}/locatieserver/v3")
    run_simple("127.0.0.1", port, application)
