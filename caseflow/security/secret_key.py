"""The key that signs sessions and CSRF tokens: never a default that anyone can read in our source.

It comes from SECRET_KEY (the environment or the app's config), else from the instance folder's
`secret_key` file, which `make run` writes once. Without either the app refuses to start, so a
server cannot run by accident on a key that forges any session. Only a testing app without a key
gets a random one of its own.
"""

import secrets
from pathlib import Path

from flask import Flask

KEY_FILE = "secret_key"


class MissingSecretKeyError(RuntimeError):
    """Raised by create_app() when no SECRET_KEY is set; names both ways to set one."""

    def __init__(self, key_file: Path) -> None:
        make_one = f"python -c 'import secrets; print(secrets.token_hex(32))' > {key_file}"
        super().__init__(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            f"value, or write one to {key_file} (in a checkout, `make run` does this once), "
            f"for example:\n    {make_one}\n"
            "SECRET_KEY ontbreekt. Zet de omgevingsvariabele SECRET_KEY op een lange willekeurige "
            f"waarde, of schrijf die naar {key_file} (in een checkout doet `make run` dat "
            "eenmalig), bijvoorbeeld met de opdracht hierboven."
        )


def secret_key(app: Flask) -> str | bytes:
    configured: str | bytes | None = app.config.get("SECRET_KEY")
    if configured:
        return configured
    key_file = Path(app.instance_path) / KEY_FILE
    stored = key_file.read_text(encoding="utf-8").strip() if key_file.is_file() else ""
    if stored:
        return stored
    if app.testing:
        return secrets.token_hex(32)
    raise MissingSecretKeyError(key_file)
