"""What the cleaning rules learn about one article while they change its text.

Every rule is ``rule(text, notes=None) -> str``. With ``notes`` given, a rule
adds to the article's cleaning log (rule name -> count, only when it changed
something) and files what it took out of the body: header fields, bylines,
captions, flags. Without ``notes`` a rule is a plain ``str -> str`` fixer, which
is how the doctests call them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Notes:
    log: dict[str, int] = field(default_factory=dict)
    title: str | None = None
    published: str | None = None
    source: str | None = None
    reporters: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    #: text spans a rule suspected but did not dare to change (e.g. mojibake)
    suspect_spans: list[str] = field(default_factory=list)
    #: where ``published`` and ``source`` were found (0 header line, 1 credit)
    ranks: dict[str, int] = field(default_factory=dict)

    def count(self, rule: str, n: int) -> None:
        """Add ``n`` changes to ``rule`` in the log; zero is not recorded.

        >>> notes = Notes()
        >>> notes.count('strip_pinyin_annotations', 3)
        >>> notes.count('normalise_width', 0)
        >>> notes.log
        {'strip_pinyin_annotations': 3}
        """
        if n:
            self.log[rule] = self.log.get(rule, 0) + n

    def flag(self, name: str) -> None:
        """Add a flag once."""
        if name not in self.flags:
            self.flags.append(name)


def add_unique(items: list[str], new: list[str] | tuple[str, ...]) -> None:
    """Append the items of ``new`` not yet in ``items``, keeping order.

    >>> names = ['黄非']
    >>> add_unique(names, ['冯薇薇', '黄非'])
    >>> names
    ['黄非', '冯薇薇']
    """
    for item in new:
        if item and item not in items:
            items.append(item)
