"""The `letter:` key of a transition, checked against the letter kinds caseflow knows.

A kind whose sending records a duty (the receipt confirmed, a notice given) records it in the
workflow's own fields, so the workflow must have them: the guards read them and the timeline
names them by their labels. A kind whose text is shared by several laws names the decision's own
legal basis (`{{ besluit.grondslag }}`), so its transition must give one (`decision:`).
"""

from collections.abc import Mapping
from typing import Any, Protocol

from caseflow.letters.kinds import KINDS
from caseflow.letters.texts import shipped
from caseflow.workflow.errors import WorkflowDefinitionError
from caseflow.workflow.schema import FieldDef, LetterChoice, StateDef


class Checker(Protocol):
    def fail(self, key: str, message: str) -> WorkflowDefinitionError: ...

    def entries(self, value: Any, key: str) -> dict[str, Any]: ...


def letter_choice(
    check: Checker,
    raw: Any,
    key: str,
    dest: StateDef,
    fields: Mapping[str, FieldDef],
    decision_basis: str | None,
) -> LetterChoice | None:
    """`letter: <kind>`, or `letter: {<result>: <kind>}` for a transition that records a result."""
    if raw is None:
        return None
    where = f"{key}.letter"
    if isinstance(raw, str):
        _known(check, raw, where, fields, decision_basis)
        return LetterChoice(kind=raw)
    if not dest.results:
        raise check.fail(where, f"'{dest.name}' records no result to choose a letter by")
    by_result = check.entries(raw, where)
    for result, kind in by_result.items():
        if result not in dest.results:
            raise check.fail(f"{where}.{result}", f"unknown result '{result}'")
        _known(check, kind, f"{where}.{result}", fields, decision_basis)
    return LetterChoice(by_result={str(r): str(k) for r, k in by_result.items()})


def suspends_when_sent(choice: LetterChoice | None) -> bool:
    return choice is not None and any(KINDS[k].suspends_when_sent for k in choice.kinds())


def _known(
    check: Checker,
    kind: Any,
    where: str,
    fields: Mapping[str, FieldDef],
    decision_basis: str | None,
) -> None:
    if not isinstance(kind, str) or kind not in KINDS:
        raise check.fail(where, f"unknown letter '{kind}' (known: {', '.join(sorted(KINDS))})")
    if decision_basis is None and "besluit.grondslag" in shipped(kind).basis:
        raise check.fail(
            where,
            f"letter '{kind}' names the decision's legal basis: give the transition "
            "decision: {basis: ...}",
        )
    letter = KINDS[kind]
    recorded = [(letter.dates_duty, "date")] if letter.dates_duty else []
    for name, kind_of_field in [*recorded, *((told, "bool") for told in letter.tells)]:
        if name not in fields or fields[name].type != kind_of_field:
            raise check.fail(
                where,
                f"letter '{kind}' records '{name}' when sent: add it as a {kind_of_field} field",
            )
