"""Script normalisation: traditional → simplified Chinese, and script detection.

``to_simplified`` gives exactly what ``opencc.OpenCC('t2s').convert`` gives.
The converter is built once per process, on first use.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["to_simplified"]


@lru_cache(maxsize=1)
def _converter():
    from opencc import OpenCC

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert traditional (and variant) characters to simplified.

    >>> to_simplified('項目建設')
    '项目建设'
    >>> to_simplified('项目建设 ok')
    '项目建设 ok'
    """
    return _converter().convert(text)
