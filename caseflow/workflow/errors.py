"""One error family for everything the engine refuses; every message is Dutch."""


class WorkflowError(Exception):
    """Base of every refusal by the engine. `message` is shown to the user as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnknownTrigger(WorkflowError):
    pass


class TriggerNotAllowed(WorkflowError):
    """The trigger exists but not from the case's current state."""


class NotAuthorised(WorkflowError):
    pass


class GuardFailed(WorkflowError):
    def __init__(self, reasons: list[str]) -> None:
        super().__init__(" ".join(reasons))
        self.reasons = reasons


class InvalidData(WorkflowError):
    """Missing or malformed data for a trigger; `field_errors` maps field name to message."""

    def __init__(self, field_errors: dict[str, str]) -> None:
        super().__init__("Controleer de gemarkeerde velden: " + "; ".join(field_errors.values()))
        self.field_errors = field_errors


class ConflictError(WorkflowError):
    def __init__(self) -> None:
        super().__init__(
            "Iemand anders heeft deze zaak net gewijzigd. Bekijk de nieuwe stand en probeer het "
            "opnieuw."
        )


class FormWithoutVersion(ConflictError):
    """A form that moves a case must say which version of the case it was made for."""

    def __init__(self) -> None:
        WorkflowError.__init__(
            self,
            "Dit formulier is niet compleet of verouderd. Laad de pagina opnieuw en probeer het "
            "nog eens.",
        )


class WorkflowDefinitionError(Exception):
    """A workflow file is not valid; the message names the file and the key."""
