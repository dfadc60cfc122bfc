"""The survey's questions in plain Dutch (B1): the same two numbers for everyone, a few
statements per domain (after the Wmo cliëntervaringsonderzoek), and room for their own words."""

from dataclasses import dataclass

ANSWERS = {"ja": "Ja", "een_beetje": "Een beetje", "nee": "Nee", "weet_niet": "Weet ik niet"}
GRADES = range(1, 11)
RECOMMENDATIONS = range(0, 11)
MAX_REMARK = 2000


@dataclass(frozen=True)
class Question:
    code: str
    text: str


COMMON = (
    Question("respect", "Werd u vriendelijk en met respect behandeld?"),
    Question("duidelijk", "Wist u steeds wat er ging gebeuren?"),
    Question("een_keer_vertellen", "Hoefde u uw verhaal maar één keer te vertellen?"),
)
BY_DOMAIN: dict[str, tuple[Question, ...]] = {
    "wmo": (
        Question("past", "Past de hulp bij wat u nodig heeft?"),
        Question("zelfstandig", "Kunt u door de hulp beter de dingen doen die u wilt doen?"),
    ),
    "jeugd": (Question("kind_geholpen", "Heeft de hulp uw kind of uw gezin verder geholpen?"),),
    "participatie": (
        Question("weet_waar_aan_toe", "Weet u nu waar u aan toe bent met uw uitkering?"),
    ),
    "bijzondere_bijstand": (
        Question("snel_genoeg", "Kreeg u snel genoeg antwoord op uw aanvraag?"),
    ),
    "integraal": (
        Question("plan_geholpen", "Heeft het plan uw huishouden verder geholpen?"),
        Question("een_contact", "Had u één vast contactpersoon?"),
    ),
}


def questions_for(domain: str) -> tuple[Question, ...]:
    return COMMON + BY_DOMAIN.get(domain, ())
