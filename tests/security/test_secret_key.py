"""The app never signs sessions with a key from our source: no SECRET_KEY, no start."""

from pathlib import Path

import pytest
from flask import Flask

from caseflow import create_app
from caseflow.config import Config
from caseflow.security.secret_key import MissingSecretKeyError


@pytest.fixture
def instance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty instance folder and no SECRET_KEY anywhere in the environment."""
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setattr(Config, "SECRET_KEY", None)  # Config read the environment at import
    monkeypatch.setattr(Flask, "auto_find_instance_path", lambda self: str(tmp_path))
    return tmp_path


def test_without_a_key_the_app_refuses_to_start_and_says_how_to_set_one(instance: Path) -> None:
    with pytest.raises(MissingSecretKeyError) as info:
        create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    message = str(info.value)
    assert "SECRET_KEY is not set" in message
    assert "SECRET_KEY ontbreekt" in message
    assert str(instance / "secret_key") in message


def test_an_empty_key_file_is_no_key(instance: Path) -> None:
    (instance / "secret_key").write_text("\n")
    with pytest.raises(MissingSecretKeyError):
        create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_the_key_in_the_instance_folder_is_used(instance: Path) -> None:
    (instance / "secret_key").write_text("a-key-made-once\n")
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.secret_key == "a-key-made-once"


def test_the_environment_wins_over_the_instance_folder(
    instance: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (instance / "secret_key").write_text("a-key-made-once\n")
    monkeypatch.setattr(Config, "SECRET_KEY", "from-the-environment")
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.secret_key == "from-the-environment"


def test_a_testing_app_without_a_key_gets_a_random_one_of_its_own(instance: Path) -> None:
    first, second = (
        create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"}) for _ in range(2)
    )
    assert first.secret_key and second.secret_key
    assert first.secret_key != second.secret_key
