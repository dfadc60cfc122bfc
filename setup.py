"""What pyproject.toml cannot say: the wheel carries the top-level templates/, workflows/ and
migrations/ inside the package as caseflow/_bundled/<folder>, so an installed caseflow runs
without its checkout (caseflow/bundled.py finds them in either place)."""

from setuptools import find_namespace_packages, setup

BUNDLED = ("templates", "workflows", "migrations")
NOT_CODE = ["*.html", "*.yaml", "*.css", "*.json", "alembic.ini", "script.py.mako", "README"]


def packages_of(folder: str, package: str) -> list[str]:
    # Namespace discovery: caseflow/workflow and the data folders have no __init__.py.
    found = find_namespace_packages(folder, exclude=["*__pycache__"])
    return [package, *(f"{package}.{sub}" for sub in found)]


setup(
    packages=[
        *packages_of("caseflow", "caseflow"),
        *(p for folder in BUNDLED for p in packages_of(folder, f"caseflow._bundled.{folder}")),
    ],
    package_dir={f"caseflow._bundled.{folder}": folder for folder in BUNDLED},
    package_data={"": NOT_CODE},
)
