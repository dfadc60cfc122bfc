"""Where the app finds its templates, workflow definitions and migrations.

They live at the top of the repository (templates/, workflows/, migrations/), where people edit
them. A wheel carries them inside the package as caseflow/_bundled/<folder> (setup.py), so an
installed caseflow runs without its checkout; a checkout or an editable install has no bundled
copy and reads the folders beside the package.
"""

from pathlib import Path
from typing import Literal

PACKAGE_DIR = Path(__file__).resolve().parent

Folder = Literal["templates", "workflows", "migrations"]


def bundled_dir(folder: Folder) -> Path:
    installed = PACKAGE_DIR / "_bundled" / folder
    return installed if installed.is_dir() else PACKAGE_DIR.parent / folder
