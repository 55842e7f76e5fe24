"""Facts from clean article text: named projects, progress rates, totals and counts.

The work is in :mod:`xmqw.extract.facts` (``extract_facts`` and the record types); the
amount parser :mod:`xmqw.extract.amounts` stands alone. The names below load
:mod:`.facts` on first use (PEP 562), so ``import xmqw.extract.amounts`` (the CLI's
``--over 1亿``) does not compile every extractor's patterns.
"""

__all__ = ["Facts", "Project", "Rate", "Total", "Sentence", "extract_facts", "split_sentences"]


def __getattr__(name: str):
    if name in __all__:
        from xmqw.extract import facts

        value = getattr(facts, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
