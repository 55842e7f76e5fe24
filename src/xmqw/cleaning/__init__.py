"""Cleaning: raw article text -> clean simplified body plus metadata.

``clean_article(raw_text) -> Cleaned``; ``CLEANERS`` maps each rule's name to
its function (each a ``str -> str`` rule with a docstring example).
"""

from xmqw.cleaning.pipeline import CLEANERS, Cleaned, clean_article, clean_body

__all__ = ["CLEANERS", "Cleaned", "clean_article", "clean_body"]
