"""A wheel built from the checkout runs on its own: templates, workflows and migrations go along.

The wheel goes with --no-deps into a scratch folder that is put on PYTHONPATH for this venv's
python, so the dependencies come from the venv and nothing is installed into it; every command runs
from a scratch directory, so the checkout itself cannot be what is imported.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory

CHECKOUT = Path(__file__).resolve().parents[2]
# What the wheel is built from. Building from a copy keeps build/ out of the checkout, so runs
# side by side do not share it and no stale file from an earlier build slips into the wheel.
SOURCES = (
    "pyproject.toml",
    "setup.py",
    "README.md",
    "caseflow",
    "templates",
    "workflows",
    "migrations",
)

SMOKE = """
import caseflow
from caseflow import create_app
client = create_app().test_client()
print(caseflow.__file__)
print(client.get("/login").status_code, client.get("/static/caseflow.css").status_code)
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("install")
    (root / "source").mkdir()
    for name in SOURCES:
        if (CHECKOUT / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__")
            shutil.copytree(CHECKOUT / name, root / "source" / name, ignore=ignore)
        else:
            shutil.copy2(CHECKOUT / name, root / "source" / name)
    pip = [sys.executable, "-m", "pip", "-q", "--disable-pip-version-check"]
    _run([*pip, "wheel", "--no-deps", "-w", root / "dist", root / "source"], root)
    (wheel,) = (root / "dist").glob("caseflow-*.whl")
    _run([*pip, "install", "--no-deps", "--target", root / "site", wheel], root)
    return root / "site"


def _run(args: list[object], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_installed_wheel_checks_workflows_migrates_and_serves_pages(
    site: Path, tmp_path: Path
) -> None:
    database = tmp_path / "new.sqlite"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CASEFLOW_", "FLASK_")) and key != "PYTHONPATH"
    }
    env |= {
        "PYTHONPATH": str(site),
        "SECRET_KEY": "install-test",
        "CASEFLOW_DATABASE_URL": f"sqlite:///{database}",
    }
    flask = [sys.executable, "-m", "flask", "--app", "caseflow"]

    listed = _run([*flask, "check-workflows"], tmp_path, env)
    workflows = sorted(p.stem for p in (CHECKOUT / "workflows").glob("*.yaml"))
    assert [line.split()[0] for line in listed.splitlines()[:-1]] == workflows
    assert f"{len(workflows)} workflows geldig." in listed

    _run([*flask, "init-db"], tmp_path, env)
    head = ScriptDirectory(str(CHECKOUT / "migrations")).get_current_head()
    engine = sa.create_engine(f"sqlite:///{database}")
    with engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT version_num FROM alembic_version")) == head
    engine.dispose()

    imported, statuses = _run([sys.executable, "-c", SMOKE], tmp_path, env).split("\n")[:2]
    assert Path(imported).is_relative_to(site), "the installed package, not the checkout"
    assert statuses == "200 200"
