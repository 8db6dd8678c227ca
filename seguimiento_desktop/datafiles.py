"""One way to reach bundled data files: from source, an installed wheel or a frozen app."""

import json
import sys
from functools import cache
from importlib import resources as importlib_resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

_SOURCE_RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Traversable:
    """Return the bundled resource at ``resources/<parts...>``."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root, "resources", *parts)
    try:
        root: Traversable = importlib_resources.files("seguimiento_desktop.resources")
    except (ModuleNotFoundError, TypeError):  # running from a source tree without install
        root = _SOURCE_RESOURCES
    return root.joinpath(*parts)


@cache
def load_json(*parts: str) -> Any:
    """Parse a bundled JSON resource (cached: resources never change while running)."""
    return json.loads(resource(*parts).read_text(encoding="utf-8"))
