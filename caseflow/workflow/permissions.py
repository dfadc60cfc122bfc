"""Who may do what to any case, whatever its workflow: claim it, (re)assign it, write a note.

What a transition needs is in its YAML (`roles`); these are the steps every workflow shares.
"""

from caseflow.models.organisation import Role

# Staff who handle cases: they claim one for themselves and appear in caseload lists.
CASE_HANDLERS = frozenset({Role.TOEGANG, Role.CONSULENT, Role.REGISSEUR})
# Who gives a case to someone else, takes it back, or moves it on, always with a reason.
ASSIGNERS = frozenset({Role.TEAMMANAGER})
NOTE_WRITERS = CASE_HANDLERS | ASSIGNERS
