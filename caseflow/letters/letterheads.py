"""One letterhead per municipality: logo, address, contact line, where bezwaar goes, signature.

Data, not code: caseflow/letters/letterheads.yaml, or the file CASEFLOW_LETTERHEADS names. A
municipality without its own entry writes on the service organisation's (`default`).
"""

import base64
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from flask import current_app, has_app_context

from caseflow.models import Municipality

DEFAULT_FILE = Path(__file__).resolve().parent / "letterheads.yaml"


@dataclass(frozen=True)
class Letterhead:
    name: str
    logo: str  # a data: URI, so the page and the PDF show the same image without fetching
    address: tuple[str, ...]
    contact: str
    objection_address: str
    objection_online: str
    closing: str
    on_behalf: str
    signer: str


@cache
def _load(path: Path) -> dict[str, Letterhead]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {code: _letterhead(path.parent, spec) for code, spec in raw.items()}


def _letterhead(folder: Path, spec: dict[str, object]) -> Letterhead:
    signature = spec["signature"]
    assert isinstance(signature, dict)
    logo = (folder / str(spec["logo"])).read_bytes()
    return Letterhead(
        name=str(spec["name"]),
        logo="data:image/svg+xml;base64," + base64.b64encode(logo).decode("ascii"),
        address=tuple(str(line) for line in spec["address"]),  # type: ignore[attr-defined]
        contact=str(spec["contact"]),
        objection_address=str(spec["objection_address"]),
        objection_online=str(spec["objection_online"]),
        closing=str(signature["closing"]),
        on_behalf=str(signature["on_behalf"]),
        signer=str(signature["signer"]),
    )


def letterheads() -> dict[str, Letterhead]:
    configured = current_app.config.get("LETTERHEADS_FILE") if has_app_context() else None
    return _load(Path(configured) if configured else DEFAULT_FILE)


def letterhead_for(municipality: Municipality | None) -> Letterhead:
    heads = letterheads()
    code = municipality.code if municipality else ""
    return heads.get(code) or heads["default"]
