"""The kinds of letter caseflow knows, each with the text it ships (caseflow/letters/texts/).

A workflow names a kind (`letter: verzoek_om_aanvulling`); the loader checks it is one of these.
What a kind does beyond its text is said here and nowhere else: a request for information starts
the suspension of the case's terms when it is sent (Awb 4:5, 4:15).
"""

from dataclasses import dataclass
from pathlib import Path

TEXTS_DIR = Path(__file__).resolve().parent / "texts"


@dataclass(frozen=True)
class LetterKind:
    code: str
    label: str
    # Sending it starts the suspension of the terms the case's state suspends (Awb 4:15 lid 1:
    # from the day after the request to complete the application was sent).
    suspends_when_sent: bool = False
    # A beschikking: it carries the bezwaar clause (Awb 3:45, 6:7, 6:8).
    decision: bool = False


KINDS: dict[str, LetterKind] = {
    k.code: k
    for k in (
        LetterKind("ontvangstbevestiging_melding", "Ontvangstbevestiging melding"),
        LetterKind("verslag_onderzoek", "Verslag van het onderzoek"),
        LetterKind("verzoek_om_aanvulling", "Verzoek om aanvulling", suspends_when_sent=True),
        LetterKind("verdagingsbrief", "Verdaging van de beslissing"),
        LetterKind("beschikking_toekenning", "Beschikking: toekenning", decision=True),
        LetterKind(
            "beschikking_gedeeltelijk", "Beschikking: gedeeltelijke toekenning", decision=True
        ),
        LetterKind("beschikking_afwijzing", "Beschikking: afwijzing", decision=True),
        LetterKind("ontvangstbevestiging_bezwaar", "Ontvangstbevestiging bezwaarschrift"),
        LetterKind("ontvangstbevestiging_klacht", "Ontvangstbevestiging klacht"),
        LetterKind("beslissing_op_bezwaar", "Beslissing op bezwaar", decision=True),
    )
}
