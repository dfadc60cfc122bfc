"""The `letter:` key of a transition, checked against the letter kinds caseflow knows."""

from typing import Any, Protocol

from caseflow.letters.kinds import KINDS
from caseflow.workflow.errors import WorkflowDefinitionError
from caseflow.workflow.schema import LetterChoice, StateDef


class Checker(Protocol):
    def fail(self, key: str, message: str) -> WorkflowDefinitionError: ...

    def entries(self, value: Any, key: str) -> dict[str, Any]: ...


def letter_choice(check: Checker, raw: Any, key: str, dest: StateDef) -> LetterChoice | None:
    """`letter: <kind>`, or `letter: {<result>: <kind>}` for a transition that records a result."""
    if raw is None:
        return None
    where = f"{key}.letter"
    if isinstance(raw, str):
        _known(check, raw, where)
        return LetterChoice(kind=raw)
    if not dest.results:
        raise check.fail(where, f"'{dest.name}' records no result to choose a letter by")
    by_result = check.entries(raw, where)
    for result, kind in by_result.items():
        if result not in dest.results:
            raise check.fail(f"{where}.{result}", f"unknown result '{result}'")
        _known(check, kind, f"{where}.{result}")
    return LetterChoice(by_result={str(r): str(k) for r, k in by_result.items()})


def suspends_when_sent(choice: LetterChoice | None) -> bool:
    return choice is not None and any(KINDS[k].suspends_when_sent for k in choice.kinds())


def _known(check: Checker, kind: Any, where: str) -> None:
    if not isinstance(kind, str) or kind not in KINDS:
        raise check.fail(where, f"unknown letter '{kind}' (known: {', '.join(sorted(KINDS))})")
