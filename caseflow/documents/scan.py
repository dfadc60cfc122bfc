"""The virus-scan hook: off unless VIRUS_SCAN_COMMAND names a scanner.

The command reads the file on standard input and answers with its exit status, as clamdscan
does (`clamdscan --no-summary -`): 0 clean, 1 infected, anything else a failure. A failure
refuses the upload too: a file that could not be checked is not stored.
"""

import shlex

# Runs only the scanner the installation configured, without a shell.
import subprocess  # nosec B404

from flask import current_app

SCAN_SECONDS = 60


def scan_problem(content: bytes) -> str | None:
    """None when the file may be stored, else a Dutch reason for the person uploading."""
    command = current_app.config.get("VIRUS_SCAN_COMMAND") or ""
    if not command.strip():
        return None
    try:
        result = subprocess.run(  # nosec B603
            shlex.split(command), input=content, capture_output=True, timeout=SCAN_SECONDS
        )
    except (OSError, subprocess.TimeoutExpired):
        current_app.logger.exception("virus scan could not run")
        return "Het bestand kon niet op virussen worden gecontroleerd. Probeer het later opnieuw."
    if result.returncode == 0:
        return None
    if result.returncode == 1:
        return "In dit bestand is een virus gevonden. Het is niet opgeslagen."
    current_app.logger.error("virus scan failed with status %s", result.returncode)
    return "Het bestand kon niet op virussen worden gecontroleerd. Probeer het later opnieuw."
