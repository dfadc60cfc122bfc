"""Every key a workflow file may use, with what it means, in one table per level.

The loader accepts exactly these keys and docs/workflows.md lists exactly these (written from
them by `flask --app caseflow workflow-reference`), so the format and its documentation cannot
drift apart. A new key is added here first, with its one-line description.
"""

from dataclasses import dataclass

from caseflow.domains import DOMAINS


@dataclass(frozen=True)
class Key:
    name: str
    description: str
    required: bool = False


@dataclass(frozen=True)
class Level:
    """One kind of mapping in a workflow file, named by where it sits."""

    path: str
    keys: tuple[Key, ...]

    @property
    def allowed(self) -> set[str]:
        return {k.name for k in self.keys}

    @property
    def required(self) -> set[str]:
        return {k.name for k in self.keys if k.required}


TOP = Level(
    "(top)",
    (
        Key("name", "The workflow's name; equals the file name without `.yaml`.", True),
        Key("label", "The case type as users see it.", True),
        Key("description", "Free text shown to users."),
        Key(
            "domain",
            f"The domain new cases are routed by: {', '.join(DOMAINS)} (caseflow/domains.py).",
            True,
        ),
        Key("initial", "The state a new case starts in.", True),
        Key("start_roles", "Roles that may open a case of this type (systeem: the app).", True),
        Key("states", "The states, by name.", True),
        Key("transitions", "The list of transitions (actions) between states.", True),
        Key("deadlines", "Legal terms and service norms, by code."),
        Key("fields", "Data transitions may ask for beyond the common fields, by name."),
        Key("municipalities", "What differs per municipality, by municipality code."),
        Key(
            "sensitive",
            "true for special-category data: only those who need to know (assignee, director, "
            "team manager) see a case, not the whole team. Default false.",
        ),
        Key("retention", "How long a closed case is kept (bewaartermijn)."),
        Key(
            "documents",
            "The kinds of document a case takes in (upload): code -> label. Without it, the "
            "common kinds in caseflow/documents/types.py.",
        ),
        Key(
            "provisions",
            "Its decisions grant provisions (voorzieningen) from the municipality's product "
            "catalogue; a transition with the effect create_provisions writes them.",
        ),
        Key(
            "benefit",
            "Its decisions start a benefit (uitkering); a transition with the effect "
            "start_benefit writes it.",
        ),
        Key(
            "checklist",
            "The items a quality reviewer checks in a sampled case of this type "
            "(rechtmatigheid), each with its legal basis.",
        ),
    ),
)

PROVISIONS = Level(
    "provisions",
    (
        Key(
            "grants",
            "The results that grant products: such a decision needs at least one product row, "
            "any other result (a refusal) may have none.",
            True,
        ),
        Key(
            "herindicatie",
            "The workflow a herindicatie opens for the same person when a provision nears its "
            "end (e.g. wmo_melding).",
        ),
    ),
)

BENEFIT = Level(
    "benefit",
    (
        Key("scheme", "The scheme's short code in the register, e.g. pw, ioaw.", True),
        Key("label", "The scheme as users see it, e.g. Participatiewet.", True),
        Key(
            "grants",
            "The results that start the benefit; the transition then needs `ingangsdatum`.",
            True,
        ),
    ),
)

CHECKLIST_ITEM = Level(
    "checklist[]",
    (
        Key("code", "The item's name, unique in the list.", True),
        Key("label", "What is checked, as the reviewer reads it.", True),
        Key("basis", "The rule it checks, e.g. Awb 3:46.", True),
        Key("weight", "Error points when it is not met; default 1."),
    ),
)

RETENTION = Level(
    "retention",
    (
        Key("years", "Whole years from the day the case closed, at least 1.", True),
        Key("basis", "Why this period, shown to the privacy officer.", True),
    ),
)

FIELD = Level(
    "fields.<name>",
    (
        Key("label", "The field as users see it.", True),
        Key(
            "type",
            "text, date, int, choice, bool or rows (a list of rows, e.g. the products of a "
            "decision; only on a transition with a page of its own).",
            True,
        ),
        Key("options", "For a choice field (required there): code -> label."),
        Key("min", "For an int field: the smallest value accepted."),
        Key("max", "For an int field: the largest value accepted."),
        Key(
            "default",
            "For a date field: today, so a date left empty is the day of the action (and the "
            "form offers it filled in).",
        ),
    ),
)

STATE = Level(
    "states.<name>",
    (
        Key("label", "The state as users see it.", True),
        Key("final", "true: entering it closes the case, and nothing leaves it. Default false."),
        Key(
            "results",
            "For a final state: result code -> label; a transition into it requires `resultaat`.",
        ),
        Key("suspends", "Deadline codes whose clock pauses while a case is here (opschorting)."),
        Key("tags", "List of names services ask for, e.g. editable, triage."),
    ),
)

TRANSITION = Level(
    "transitions[]",
    (
        Key("trigger", "The action's name; defined once per source state.", True),
        Key("label", "The action as users see it.", True),
        Key("source", 'A state, a list of states, or "*" for every state.', True),
        Key("dest", "The state the case moves to; may equal the source.", True),
        Key(
            "roles",
            "Roles that may fire it; at least one, since nothing is open by default "
            "(systeem: the app's own jobs).",
            True,
        ),
        Key("requires", "Fields the user must fill in."),
        Key("optional", "Fields the user may fill in."),
        Key(
            "requires_for",
            "Result code -> optional fields that result needs (e.g. what was granted, on a "
            "grant); the other results leave them optional.",
        ),
        Key("guards", "Named predicates (caseflow/workflow/guards.py) that must hold."),
        Key("extends", "The deadline code this transition extends (verdagen); requires `weken`."),
        Key(
            "creates",
            "The follow-up case it opens: a workflow name, or `field` and `cases` to choose "
            "the workflow by a field's value.",
        ),
        Key(
            "effects",
            "List of named effects (caseflow/workflow/effects.py) the engine runs in the "
            "transition.",
        ),
        Key(
            "page",
            "The name of the page that carries this transition; the generic action form "
            "refuses it.",
        ),
        Key(
            "decision",
            "The transition is a beschikking (Awb 1:3): its legal basis, recorded in the event "
            "with the bezwaar clause.",
        ),
        Key(
            "letter",
            "The letter it drafts (caseflow/letters/kinds.py): a kind, or for a transition "
            "into a state with results a mapping result -> kind. The consultant previews and "
            "sends it; a request for information (verzoek_om_aanvulling) suspends the terms "
            "its destination suspends from the day after it is sent, not on entering it.",
        ),
    ),
)

DECISION = Level(
    "transitions[].decision",
    (
        Key(
            "basis",
            "The legal basis the decision rests on, e.g. Wgs; Awb 1:3. The event records it, "
            "and that bezwaar is possible within 6 weeks (Awb 6:7).",
            True,
        ),
    ),
)

FOLLOW_UP = Level(
    "transitions[].creates",
    (
        Key("field", "The transition's field whose value chooses the workflow.", True),
        Key("cases", "Field value -> workflow name; any other value opens nothing.", True),
    ),
)

DEADLINE = Level(
    "deadlines.<code>",
    (
        Key(
            "label",
            "The term as users see it, with {termijn} where its length goes (else the length "
            "follows in brackets) and no other numbers: the title is filled in from the length, "
            "a municipality's own included, so the two cannot disagree.",
            True,
        ),
        Key("basis", "The legal basis; required for a legal term."),
        Key(
            "kind",
            "legal (the college's statutory term: the Algemene termijnenwet applies, it counts in "
            "tijdigheid), client (a statutory term of the client's, such as the 7 days for a "
            "personal plan: the Atw applies, but it is no part of tijdigheid or escalations) or "
            "service_norm (an agreed norm).",
            True,
        ),
        Key("length", "How long: weeks, days and/or working_days.", True),
        Key(
            "starts",
            "When the clock starts: on_enter or on_trigger, and/or from (what it counts from).",
            True,
        ),
        Key(
            "stops",
            "When the clock stops and the term is met or late: on_enter and/or on_trigger.",
            True,
        ),
        Key(
            "lapses",
            "on_enter: states that end the term without a decision (withdrawn, sent back), "
            "neither in time nor late.",
        ),
        Key("extendable", "Whether and how far the term may be extended (verdaging)."),
        Key(
            "warning_working_days", "The 'due soon' window for signals, in working days; default 5."
        ),
        Key(
            "municipal_regulation",
            "true for a legal term a municipality's own regulation may set (e.g. the Wgs "
            "decision term); its override then gives the length and the regulation as basis, "
            "and the Algemene termijnenwet does not apply there. Default false.",
        ),
    ),
)

LENGTH = Level(
    "deadlines.<code>.length",
    (
        Key("weeks", "Whole weeks."),
        Key("days", "Calendar days."),
        Key("working_days", "Working days (no weekends or public holidays)."),
    ),
)

MOMENT = Level(
    "deadlines.<code>.starts",
    (
        Key("on_enter", "A state: the clock starts when a case enters it."),
        Key("on_trigger", "A trigger: the clock starts when it is fired."),
        Key(
            "from",
            "melding: count from the first contact with the college (the intake's received "
            "moment, or the earlier moment a partner channel reported it, carried along the "
            "follow-up chain) instead of from the moment the clock starts; alone, the clock "
            "starts when the case is opened. A case opened directly counts from its own moment. "
            "Or a date field: count from the date the case last recorded in it (e.g. the end of "
            "the bezwaar term, given when the objection was registered).",
        ),
    ),
)

STOPS = Level(
    "deadlines.<code>.stops",
    (
        Key("on_enter", "A state or list of states whose entry stops the clock."),
        Key("on_trigger", "A trigger or list of triggers that stop the clock."),
    ),
)

LAPSES = Level(
    "deadlines.<code>.lapses",
    (Key("on_enter", "A state or list of states whose entry ends the term as lapsed."),),
)

EXTENDABLE = Level(
    "deadlines.<code>.extendable",
    (
        Key("max_weeks", "The most weeks all extensions together may add."),
        Key("basis", "The legal basis of the extension, e.g. Awb 4:14."),
    ),
)

MUNICIPALITY = Level(
    "municipalities.<code>",
    (
        Key("deadlines", "Per deadline code, what differs here."),
        Key("disabled_triggers", "Triggers switched off in this municipality."),
    ),
)

MUNICIPAL_DEADLINE = Level(
    "municipalities.<code>.deadlines.<code>",
    (
        Key(
            "length",
            "A service norm's own length here; a legal term's only when it allows "
            "municipal_regulation, with `basis`.",
        ),
        Key(
            "basis",
            "The municipal regulation that sets a legal term's `length` here (required then).",
        ),
        Key("warning_working_days", "Its own 'due soon' window."),
    ),
)

LEVELS = (
    TOP,
    RETENTION,
    PROVISIONS,
    BENEFIT,
    CHECKLIST_ITEM,
    FIELD,
    STATE,
    TRANSITION,
    FOLLOW_UP,
    DECISION,
    DEADLINE,
    LENGTH,
    MOMENT,
    STOPS,
    LAPSES,
    EXTENDABLE,
    MUNICIPALITY,
    MUNICIPAL_DEADLINE,
)
