"""The letters walked transitions draft, and their sending, as the engine and
`caseflow.letters.sending.send_letter` write them.

A transition with a `letter:` drafts it with the fields the transition knew
(`caseflow.letters.fields.drafted_fields`); a consultant sends it minutes to days later. A sent
letter is a row with its document: the document row has a hash, a size and a storage key, but no
PDF is rendered and nothing goes into the document store (the benchmarks never read a letter's
PDF). A letter whose sending would fall after the end of the history stays a draft.
"""

import hashlib
import random
from datetime import date, datetime, timedelta

from benchmarks.sim_model import Ids, Row, SimCase, Tables
from caseflow import clock
from caseflow.deadlines.dutch_dates import plural
from caseflow.letters.fields import long_date
from caseflow.letters.kinds import KINDS
from caseflow.models.catalogue import FORMS, UNITS
from caseflow.models.documents import LETTER
from caseflow.provisions.wording import amount_text
from caseflow.workflow.schema import TransitionDef

# Most letters go out the day they are drafted; some wait a day or three.
SAME_DAY = 0.75


class Papers:
    """Drafts and sends letters, collecting their rows for the next bulk insert."""

    def __init__(
        self,
        rng: random.Random,
        ids: Ids,
        tables: Tables,
        end: datetime,
        provider_names: dict[int, str],
    ) -> None:
        self.rng, self.ids, self.tables, self.end = rng, ids, tables, end
        self.provider_names = provider_names

    def draft(
        self,
        case: SimCase,
        kind: str,
        transition: TransitionDef,
        data: Row,
        actor_id: int | None,
        moment: datetime,
    ) -> Row:
        """The draft letter row (in the tables already; sending fills in the rest)."""
        letter = {
            "id": self.ids.take("letters"),
            "case_id": case.id,
            "kind": kind,
            "template_id": None,
            "template_version": 0,
            "fields": self._fields(case, transition, data, moment),
            "personal_paragraph": None,
            "created_at": moment,
            "created_by_id": actor_id,
            "sent_on": None,
            "sent_at": None,
            "sent_by_id": None,
            "document_id": None,
        }
        self.tables.add("letters", letter)
        return letter

    def send_moment(self, drafted: datetime) -> datetime | None:
        """When the draft is sent; None when that is after the end of the history."""
        rng = self.rng
        if rng.random() < SAME_DAY:
            delay = rng.randint(600, 6 * 3600)
        else:
            delay = rng.randint(86400, 3 * 86400)
        sent = drafted + timedelta(seconds=delay)
        return sent if sent < self.end else None

    def send(self, case: SimCase, letter: Row, sender_id: int, sent_at: datetime) -> Row:
        """The letter as sent with its document; what the sending's event records."""
        kind = KINDS[letter["kind"]]
        document_id = self.ids.take("documents")
        # A stand-in for the PDF: its hash and size are kept, the bytes are not stored.
        content = b"%PDF-1.7\n% letter " + str(letter["id"]).encode() + b"\n%%EOF\n"
        sha256 = hashlib.sha256(content).hexdigest()
        reference = f"Z-{clock.to_local(case.opened_at).year}-{case.id:06d}"
        self.tables.add(
            "documents",
            {
                "id": document_id,
                "case_id": case.id,
                "kind": LETTER,
                "document_type": kind.code,
                "filename": f"{reference} {kind.label}.pdf".replace(":", ""),
                "content_type": "application/pdf",
                "size": len(content),
                "sha256": sha256,
                "storage_key": f"bench{document_id:027d}",
                "added_by_id": sender_id,
                "added_at": sent_at,
                "destroyed_at": None,
            },
        )
        sent_on = clock.local_date(sent_at)
        letter.update(
            sent_on=sent_on, sent_at=sent_at, sent_by_id=sender_id, document_id=document_id
        )
        recorded: Row = {"brief": kind.label, "kenmerk": sha256[:16]}
        return recorded | kind.recorded_when_sent(sent_on)

    def _fields(self, case: SimCase, transition: TransitionDef, data: Row, moment: datetime) -> Row:
        """As `caseflow.letters.fields.drafted_fields`."""
        results = case.workflow.states[transition.dest].results
        fields: Row = {"voorzieningen": self._granted(case, moment)}
        if "hersteltermijn_tot" in data or transition.letter_suspends:
            fields["aanvulling"] = {
                "reden": str(data.get("reden") or ""),
                "uiterlijk": _date_text(data.get("hersteltermijn_tot")),
            }
        if transition.extends is not None:
            term = next((d for d in case.deadlines if d.code == transition.extends), None)
            weeks = int(data.get("weken") or 0)
            fields["verdaging"] = {
                "reden": str(data.get("reden") or ""),
                "weken": plural(weeks, "week", "weken"),
                "oude_datum": long_date(term.due_date) if term else "",
            }
        result = data.get("resultaat")
        fields["besluit"] = {
            "resultaat": results.get(str(result), str(result or "")),
            "motivering": str(data.get("motivering") or ""),
            "grondslag": transition.decision_basis or "",
        }
        fields["verslag"] = str(data.get("verslag") or case.values.get("verslag") or "")
        fields["bevindingen"] = str(data.get("bevindingen") or "")
        return fields

    def _granted(self, case: SimCase, moment: datetime) -> list[Row]:
        """The provisions this decision just wrote (the last rows of the chunk), as letter rows."""
        granted = []
        for row in reversed(self.tables.rows.get("provisions", ())):
            if row["case_id"] != case.id or row["decided_at"] != moment:
                break
            provider = self.provider_names.get(row["provider_id"] or 0)
            granted.append(
                {
                    "naam": row["product_label"],
                    "omvang": f"{amount_text(row['amount'])} {UNITS[row['unit']]}, "
                    f"{FORMS[row['form']].lower()}" + (f" door {provider}" if provider else ""),
                    "ingangsdatum": long_date(row["start_date"]),
                    # As decided: an early end came later.
                    "einddatum": long_date(end) if (end := row["decided_end_date"]) else "",
                }
            )
        return granted[::-1]


def _date_text(value: object) -> str:
    if isinstance(value, date):
        return long_date(value)
    return str(value or "")


__all__ = ["Papers"]
