"""The kinds of letter caseflow knows, each with the text it ships (caseflow/letters/texts/).

A workflow names a kind (`letter: verzoek_om_aanvulling`); the loader checks it is one of these.
What a kind does beyond its text is said here and nowhere else: a request for information starts
the suspension of the case's terms when it is sent (Awb 4:5, 4:15); an acknowledgement or a
report is a duty done on the day it is sent, not on the day it is drafted, so its sending
records that day (and the notices its text gives) for the guards that wait for them.
"""

from dataclasses import dataclass
from datetime import date
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
    # The workflow's date field its sending fills in with the day it was sent: the receipt
    # confirmed (Wmo 2015 art. 2.3.2, Awb 6:14, 9:6), the report handed over (art. 2.3.2 lid 8).
    dates_duty: str | None = None
    # The notices its text gives the client, recorded as given when it is sent; a beheerder who
    # edits the text keeps them in it.
    tells: tuple[str, ...] = ()

    def recorded_when_sent(self, sent_on: date) -> dict[str, str | bool]:
        """What the sending's event records besides the letter itself."""
        recorded: dict[str, str | bool] = {}
        if self.dates_duty is not None:
            recorded[self.dates_duty] = sent_on.isoformat()
        return recorded | dict.fromkeys(self.tells, True)


KINDS: dict[str, LetterKind] = {
    k.code: k
    for k in (
        LetterKind(
            "ontvangstbevestiging_melding",
            "Ontvangstbevestiging melding",
            dates_duty="ontvangst_bevestigd_op",
            tells=("persoonlijk_plan_aangeboden", "clientondersteuning_aangeboden"),
        ),
        LetterKind(
            "verslag_onderzoek", "Verslag van het onderzoek", dates_duty="verslag_verstrekt_op"
        ),
        LetterKind("verzoek_om_aanvulling", "Verzoek om aanvulling", suspends_when_sent=True),
        LetterKind("verdagingsbrief", "Verdaging van de beslissing"),
        LetterKind("beschikking_toekenning", "Beschikking: toekenning", decision=True),
        LetterKind(
            "beschikking_gedeeltelijk", "Beschikking: gedeeltelijke toekenning", decision=True
        ),
        LetterKind("beschikking_afwijzing", "Beschikking: afwijzing", decision=True),
        LetterKind(
            "ontvangstbevestiging_bezwaar",
            "Ontvangstbevestiging bezwaarschrift",
            dates_duty="ontvangst_bevestigd_op",
        ),
        LetterKind("beslissing_op_bezwaar", "Beslissing op bezwaar", decision=True),
        LetterKind(
            "ontvangstbevestiging_klacht",
            "Ontvangstbevestiging klacht",
            dates_duty="ontvangst_bevestigd_op",
        ),
        # Not a beschikking: the outcome of a complaint cannot be objected to; the next step is
        # the Nationale ombudsman (Awb 9:12, 9:18).
        LetterKind("afhandeling_klacht", "Afhandeling klacht"),
        LetterKind(
            "beschikking_toelating_schuldhulp",
            "Beschikking: toelating schuldhulpverlening",
            decision=True,
        ),
        LetterKind(
            "beschikking_weigering_schuldhulp",
            "Beschikking: weigering schuldhulpverlening",
            decision=True,
        ),
        LetterKind(
            "beschikking_beeindiging_schuldhulp",
            "Beschikking: beëindiging schuldhulpverlening",
            decision=True,
        ),
        LetterKind(
            "beschikking_toekenning_jeugd", "Beschikking: toekenning jeugdhulp", decision=True
        ),
        LetterKind(
            "beschikking_gedeeltelijk_jeugd",
            "Beschikking: gedeeltelijke toekenning jeugdhulp",
            decision=True,
        ),
        LetterKind(
            "beschikking_afwijzing_jeugd", "Beschikking: afwijzing jeugdhulp", decision=True
        ),
        # Shared by the Participatiewet, Bbz, IOAW and IOAZ: the text names the decision's own
        # basis ({{ besluit.grondslag }}), so the transition must give one.
        LetterKind(
            "beschikking_toekenning_uitkering", "Beschikking: toekenning uitkering", decision=True
        ),
        LetterKind(
            "beschikking_afwijzing_uitkering", "Beschikking: afwijzing uitkering", decision=True
        ),
        LetterKind(
            "beschikking_toekenning_bijzondere_bijstand",
            "Beschikking: toekenning bijzondere bijstand",
            decision=True,
        ),
        LetterKind(
            "beschikking_gedeeltelijk_bijzondere_bijstand",
            "Beschikking: gedeeltelijke toekenning bijzondere bijstand",
            decision=True,
        ),
        LetterKind(
            "beschikking_afwijzing_bijzondere_bijstand",
            "Beschikking: afwijzing bijzondere bijstand",
            decision=True,
        ),
        # Not treating an incomplete application is a decision too (Awb 4:5), open to bezwaar.
        LetterKind(
            "beschikking_buiten_behandeling",
            "Beschikking: aanvraag buiten behandeling",
            decision=True,
        ),
    )
}
