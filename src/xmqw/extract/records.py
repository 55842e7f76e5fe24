"""The fact records: :class:`Project`, :class:`Rate`, :class:`Total` and :class:`Facts`.

Every record keeps the sentence it came from and that sentence's character offsets in the
clean text (``start``/``end``, end exclusive). ``to_dict()`` gives JSON-ready values.

>>> from decimal import Decimal
>>> Rate('开工率', Decimal('100'), '省重点项目', '前三季度', '2021-Q3', '开工率达到100%。', 0, 9).to_dict()['value']
100
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal
from functools import lru_cache


def json_ready(value):
    """Decimal → int when integral, else float; everything else unchanged.

    >>> json_ready(Decimal('1900000000')), json_ready(Decimal('77.3')), json_ready(None)
    (1900000000, 77.3, None)
    """
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


@lru_cache(maxsize=None)
def field_names(cls: type) -> tuple[str, ...]:
    """The field names of a record class, in order (looked up once per class).

    >>> field_names(Rate)[:3]
    ('metric', 'value', 'scope')
    """
    return tuple(f.name for f in fields(cls))


class _Record:
    def to_dict(self) -> dict:
        """The record as a flat dict of JSON-ready values. Every field holds a plain value
        (str, int, Decimal or None), so the fields are read directly: no deep copy as
        ``dataclasses.asdict`` would make."""
        return {name: json_ready(getattr(self, name)) for name in field_names(type(self))}


@dataclass(frozen=True)
class Project(_Record):
    """A named project, with its own investment amount when the text states it.

    For a range (10亿至20亿元) ``amount_yuan`` is the low end and ``amount_high_yuan`` the high
    end; otherwise ``amount_high_yuan`` is None. ``qualifier`` is the word as written (超, 约…);
    达 (总投资达18亿元, "reaches") is kept as written but the amount is exact.
    """

    name: str
    amount_yuan: Decimal | None
    amount_text: str | None
    qualifier: str | None
    capacity: str | None
    status: str | None
    sentence: str
    start: int
    end: int
    amount_high_yuan: Decimal | None = None


@dataclass(frozen=True)
class Rate(_Record):
    """A progress percentage (``value`` in percent) with its metric, scope and period."""

    metric: str
    value: Decimal
    scope: str | None
    period: str | None
    period_date: str | None
    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class Total(_Record):
    """An aggregate figure (a count of projects or a sum of money) with scope and period."""

    kind: str
    label: str
    value: Decimal
    unit: str
    text: str
    qualifier: str | None
    scope: str | None
    period: str | None
    period_date: str | None
    sentence: str
    start: int
    end: int


@dataclass
class Facts:
    """All facts of one article."""

    projects: list[Project] = field(default_factory=list)
    rates: list[Rate] = field(default_factory=list)
    totals: list[Total] = field(default_factory=list)
