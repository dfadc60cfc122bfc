"""All workflows of the app with one shared state machine each (never one per case)."""

from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from transitions import Machine

from caseflow.workflow.errors import WorkflowDefinitionError
from caseflow.workflow.loader import load_directory
from caseflow.workflow.register_loader import check_herindicaties
from caseflow.workflow.schema import Workflow

EXTENSION_KEY = "caseflow.workflows"


def build_machine(workflow: Workflow) -> Machine:
    return Machine(
        model=None,
        states=list(workflow.states),
        transitions=[
            {"trigger": t.trigger, "source": list(t.sources), "dest": t.dest}
            for t in workflow.transitions
        ],
        initial=workflow.initial,
        auto_transitions=False,
        ignore_invalid_triggers=False,
    )


@dataclass(frozen=True)
class WorkflowRegistry:
    workflows: dict[str, Workflow]
    machines: dict[str, Machine]

    @classmethod
    def from_directory(cls, directory: Path) -> "WorkflowRegistry":
        workflows = load_directory(directory)
        check_herindicaties(workflows)
        return cls(workflows, {name: build_machine(wf) for name, wf in workflows.items()})

    def get(self, name: str) -> Workflow:
        try:
            return self.workflows[name]
        except KeyError:
            raise WorkflowDefinitionError(f"unknown workflow '{name}'") from None

    def names(self) -> list[str]:
        return sorted(self.workflows)


def registry() -> WorkflowRegistry:
    reg: WorkflowRegistry = current_app.extensions[EXTENSION_KEY]
    return reg
