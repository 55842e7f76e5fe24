"""Cleaning: raw article text -> clean simplified body plus metadata.

``clean_article(raw_text) -> Cleaned``; ``CLEANERS`` maps each rule's name to
its function (each a ``str -> str`` rule with a docstring example).

The names live in ``xmqw.cleaning.pipeline`` and are loaded on first use
(PEP 562), so importing a light submodule such as ``xmqw.cleaning.script``
(all ``xmqw search`` needs) does not load and compile every rule.
"""

__all__ = ["CLEANERS", "Cleaned", "clean_article", "clean_body"]


def __getattr__(name: str):
    if name in __all__:
        from xmqw.cleaning import pipeline

        value = getattr(pipeline, name)
        globals()[name] = value  # later look-ups skip this function
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
