"""The validated, immutable shape of a workflow definition."""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from caseflow.deadlines.terms import describe_length

# Where a deadline's label says its length; the title fills it in from the length itself.
TERM_PLACEHOLDER = "{termijn}"


@dataclass(frozen=True)
class FieldDef:
    name: str
    label: str
    type: str  # text | date | int | choice | bool
    options: dict[str, str] = field(default_factory=dict)
    minimum: int | None = None
    maximum: int | None = None
    # "today": a date left empty is the day of the action, and the form offers it filled in.
    default: str | None = None


@dataclass(frozen=True)
class StateDef:
    name: str
    label: str
    final: bool = False
    results: dict[str, str] = field(default_factory=dict)
    suspends: tuple[str, ...] = ()
    # Names services ask for ("editable", "triage") instead of keeping lists of states.
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class FollowUp:
    """A case this transition opens: always one type, or a type chosen by a field's value."""

    case_type: str | None = None
    by_field: str | None = None
    by_value: dict[str, str] = field(default_factory=dict)

    def case_type_for(self, data: Mapping[str, Any]) -> str | None:
        if self.case_type is not None:
            return self.case_type
        return self.by_value.get(str(data.get(self.by_field or "")))

    def case_types(self) -> set[str]:
        return {self.case_type} if self.case_type else set(self.by_value.values())


@dataclass(frozen=True)
class LetterChoice:
    """The letter a transition produces: always one kind, or a kind per result."""

    kind: str | None = None
    by_result: dict[str, str] = field(default_factory=dict)

    def kind_for(self, data: Mapping[str, Any]) -> str | None:
        if self.kind is not None:
            return self.kind
        return self.by_result.get(str(data.get("resultaat")))

    def kinds(self) -> set[str]:
        return {self.kind} if self.kind else set(self.by_result.values())


@dataclass(frozen=True)
class TransitionDef:
    trigger: str
    label: str
    sources: tuple[str, ...]
    dest: str
    roles: frozenset[str]
    requires: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    # Per result: optional fields that result needs (what was granted, on a grant).
    requires_for: dict[str, tuple[str, ...]] = field(default_factory=dict)
    guards: tuple[str, ...] = ()
    extends: str | None = None
    creates: FollowUp | None = None
    # Named effects (caseflow.workflow.effects) the engine runs as part of this transition.
    effects: tuple[str, ...] = ()
    # The page that carries this transition; the generic action form refuses it.
    page: str | None = None
    # A beschikking (Awb 1:3): its legal basis, which the event records with the bezwaar clause.
    decision_basis: str | None = None
    # The letter it drafts (caseflow.letters); a request for information suspends the terms
    # from the day after it is sent rather than on entering the state (Awb 4:15).
    letter: LetterChoice | None = None
    letter_suspends: bool = False


@dataclass(frozen=True)
class DeadlineDef:
    code: str
    # As written, with {termijn} where the length goes; users see `title`.
    label: str
    kind: str  # legal | service_norm
    basis: str | None
    weeks: int = 0
    days: int = 0
    working_days: int = 0
    starts_on_enter: str | None = None
    starts_on_trigger: str | None = None
    stops_on_enter: tuple[str, ...] = ()
    stops_on_trigger: tuple[str, ...] = ()
    # States that end the term without a decision (withdrawn, sent back): no in-time or late.
    lapses_on_enter: tuple[str, ...] = ()
    extendable_weeks: int = 0
    extension_basis: str | None = None
    warning_working_days: int = 5
    # Counted from the melding, the first contact with the college, rather than from the moment
    # the term starts in this case (`starts: {from: melding}`).
    counts_from_melding: bool = False
    # Counted from the date the case recorded in this field (`starts: {from: <date field>}`),
    # e.g. a bezwaar's decision term from the end of the bezwaar term (Awb 7:10), with the
    # field's label to say so.
    counts_from_field: str | None = None
    counts_from_label: str | None = None
    # A legal term a municipality's own regulation may set (the Wgs decision term, say).
    municipal_regulation: bool = False
    # In a municipality whose regulation set it: not a statutory term, so no Atw.
    set_by_regulation: bool = False

    @property
    def statutory(self) -> bool:
        return self.kind in ("legal", "client")

    @property
    def title(self) -> str:
        """The label with the length this term is computed with, so the two always agree:
        in the place of {termijn}, or after the label when it has none."""
        length = describe_length(self.weeks, self.days, self.working_days)
        if TERM_PLACEHOLDER in self.label:
            return self.label.replace(TERM_PLACEHOLDER, length)
        return f"{self.label} ({length})"

    @property
    def starts_on_create(self) -> bool:
        """`starts: {from: melding}` alone: the clock starts when the case is opened."""
        return self.starts_on_enter is None and self.starts_on_trigger is None


@dataclass(frozen=True)
class RetentionDef:
    """How long a closed case of this type is kept before it is destroyed (anonymised)."""

    years: int
    basis: str


@dataclass(frozen=True)
class ProvisionsDef:
    """The provisions register this workflow's decisions write (`provisions:`)."""

    # Results that grant products; any other result grants none.
    grants: tuple[str, ...]
    # The workflow a herindicatie of these provisions opens.
    herindicatie: str | None = None


@dataclass(frozen=True)
class BenefitDef:
    """The benefit this workflow's decisions start (`benefit:`)."""

    scheme: str
    label: str
    grants: tuple[str, ...]


@dataclass(frozen=True)
class ChecklistItem:
    """One rechtmatigheid item a quality reviewer checks in a sampled case."""

    code: str
    label: str
    basis: str
    weight: int = 1


@dataclass(frozen=True)
class MunicipalityOverride:
    deadlines: dict[str, dict[str, Any]] = field(default_factory=dict)
    disabled_triggers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Workflow:
    name: str
    label: str
    domain: str
    initial: str
    states: dict[str, StateDef]
    transitions: tuple[TransitionDef, ...]
    deadlines: dict[str, DeadlineDef]
    fields: dict[str, FieldDef]
    overrides: dict[str, MunicipalityOverride]
    source: Path
    start_roles: frozenset[str] = frozenset()
    description: str = ""
    # Special-category data: need to know (assignee, director, team manager) instead of the team.
    sensitive: bool = False
    # Counted from the day the case closed; without it a case of this type is never listed.
    retention: RetentionDef | None = None
    # The kinds of document a case of this type takes in: code -> label.
    document_types: dict[str, str] = field(default_factory=dict)
    # A checksum of the file's parsed content: each case stores the one it started under.
    version: str = ""
    # The registers its decisions write (caseflow.provisions).
    provisions: ProvisionsDef | None = None
    benefit: BenefitDef | None = None
    # What a quality reviewer checks in a sampled case of this type (kwaliteitstoetsing).
    checklist: tuple[ChecklistItem, ...] = ()

    def transitions_from(self, state: str) -> list[TransitionDef]:
        return [t for t in self.transitions if state in t.sources]

    def transition(self, trigger: str, state: str) -> TransitionDef | None:
        return next((t for t in self.transitions_from(state) if t.trigger == trigger), None)

    def tagged(self, tag: str) -> tuple[str, ...]:
        """The states that carry `tag` in the definition (e.g. "editable", "triage")."""
        return tuple(name for name, state in self.states.items() if tag in state.tags)

    def has_tag(self, state: str, tag: str) -> bool:
        return state in self.states and tag in self.states[state].tags

    def results_of(self, trigger: str) -> dict[str, str]:
        """The results a transition may record: those of the final state it leads to."""
        dest = next((t.dest for t in self.transitions if t.trigger == trigger), None)
        return dict(self.states[dest].results) if dest is not None else {}

    def decision_triggers(self) -> frozenset[str]:
        """The triggers that take a decision (`decision:`): what bezwaar can be lodged against."""
        return frozenset(t.trigger for t in self.transitions if t.decision_basis is not None)

    def has_trigger(self, trigger: str) -> bool:
        return any(t.trigger == trigger for t in self.transitions)

    def state_label(self, state: str | None) -> str:
        if state is None:
            return "-"
        return self.states[state].label if state in self.states else state

    def for_municipality(self, code: str | None) -> "Workflow":
        """This workflow with a municipality's couleur locale applied."""
        override = self.overrides.get(code or "")
        if override is None:
            return self
        deadlines = {
            key: replace(d, **override.deadlines.get(key, {})) for key, d in self.deadlines.items()
        }
        transitions = tuple(
            t for t in self.transitions if t.trigger not in override.disabled_triggers
        )
        return replace(self, deadlines=deadlines, transitions=transitions, overrides={})
