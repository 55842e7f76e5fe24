"""Where the bundled data lives: inside the installed package, or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_data_dir() -> Path:
    """The folder holding the gazetteer and the seed corpus.

    An installed wheel carries it as ``xmqw/data``; an editable install or a
    source checkout reads the repository's top-level ``data/``.
    """
    inside = _PACKAGE_DIR / "data"
    if inside.is_dir():
        return inside
    return _PACKAGE_DIR.parent.parent / "data"
