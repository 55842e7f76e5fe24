"""What a fact inherits from the words before it: its period and its scope.

A period written earlier in the same paragraph carries forward (``前三季度，…开工率达到100%；
完成投资…，投资完成率达到111%`` — both rates are 前三季度). A scope carries forward only
inside one full sentence (parts split at ；), see :func:`xmqw.extract.scopes.context_scope`.

>>> from xmqw.extract.sentences import split_sentences
>>> text = '前三季度，全市开工；完成投资。\\n全年目标。'
>>> ctx = Context(text, split_sentences(text), year=2021)
>>> ctx.period_at(12).text, ctx.period_at(12).date, ctx.period_at(len(text))
('前三季度', '2021-Q3', None)
"""

from __future__ import annotations

from bisect import bisect_right

from .periods import Period, find_periods
from .scopes import context_scope
from .sentences import Sentence


#: how far back a scope is looked for
MAX_SCOPE_CHARS = 200


class Context:
    """Periods and scopes of one article, looked up by character offset."""

    def __init__(self, text: str, sentences: list[Sentence], *, year: int | None = None):
        self.text = text
        self.year = year
        self._periods: dict[int, tuple[list[Period], list[int]]] = {}  # paragraph start → periods
        self._para_start: list[int] = []
        self._para_end: dict[int, int] = {}
        self._group_start: list[int] = []
        self._starts: list[int] = []
        para_start = group_start = 0
        prev: Sentence | None = None
        for s in sentences:
            if prev is None or s.para != prev.para:
                para_start = s.start
            if prev is None or s.group != prev.group:
                group_start = s.start
            self._starts.append(s.start)
            self._para_start.append(para_start)
            self._group_start.append(group_start)
            self._para_end[para_start] = s.end
            prev = s

    def _index(self, pos: int) -> int:
        return max(bisect_right(self._starts, pos) - 1, 0)

    def period_at(self, pos: int) -> Period | None:
        """The last period ending at or before ``pos`` in the same paragraph, or None."""
        if not self._starts:
            return None
        floor = self._para_start[self._index(pos)]
        if floor not in self._periods:  # found lazily: most paragraphs hold no fact
            found = find_periods(self.text[floor:self._para_end[floor]], year=self.year)
            found = [Period(p.text, p.start + floor, p.end + floor, p.date) for p in found]
            self._periods[floor] = (found, [p.end for p in found])
        periods, ends = self._periods[floor]
        k = bisect_right(ends, pos) - 1
        return periods[k] if k >= 0 else None

    def scope_at(self, pos: int) -> str | None:
        """The scope the words of the same full sentence before ``pos`` are about, or None."""
        if not self._starts:
            return None
        start = max(self._group_start[self._index(pos)], pos - MAX_SCOPE_CHARS)
        return context_scope(self.text[start:pos])
