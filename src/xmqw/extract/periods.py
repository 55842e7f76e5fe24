"""Reporting periods: find them as written and resolve them to an ISO-ish string.

``period`` keeps the words as written (``截至5月20日``, ``1至5月份``, ``前三季度``). ``period_date``
is the point the period runs up to, as precise as the text allows, and only when a year is
known (written in the period, or the article's year passed in):

=========================  ==============  =====================================
written                    period_date     meaning
=========================  ==============  =====================================
截至5月20日                2021-05-20      cumulative up to that day
1至5月份, 1-5月, 截至5月底  2021-05         cumulative up to the end of that month
截至6月初, 4月              2021-06         the month the period ends in
一季度, 前三季度             2021-Q1, -Q3    up to the end of that quarter
上半年 / 下半年             2021-H1 / -H2   half year
2021年, 全年, 今年          2021            the year
年初以来, 截至目前            None            not resolvable to a point
=========================  ==============  =====================================

>>> [(p.text, p.date) for p in find_periods('截至5月20日，全市开工；1至5月份完成投资。', year=2021)]
[('截至5月20日', '2021-05-20'), ('1至5月份', '2021-05')]
"""

from __future__ import annotations

from dataclasses import dataclass

import regex as re

_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_YEAR = r"(?:(?P<year>(?:19|20)\d\d)年)?"

#: (name, pattern, kind). Tried together; the leftmost-longest match wins. ``kind`` says how
#: to resolve: day, month (end month in group m2 or m), quarter, half, year, open.
PERIOD_PATTERNS: tuple[tuple[str, str, str], ...] = (
    ("until_day", r"截(?:至|止)(?:到)?" + _YEAR + r"(?P<m>" + _NUM + r")月(?P<d>" + _NUM + r")日", "day"),
    ("until_month", r"截(?:至|止)(?:到)?" + _YEAR + r"(?P<m>" + _NUM + r")月(?:初|底|末|中旬|上旬|下旬|份)?", "month"),
    ("month_range", _YEAR + r"(?:1|一)\s*(?:至|到|-|—|–|~|～)\s*(?P<m>" + _NUM + r")月份?", "month"),
    ("quarter", _YEAR + r"(?:前|第)?(?P<q>[一二三四1-4])季度", "quarter"),
    ("half", _YEAR + r"(?P<h>上|下)半年", "half"),
    ("month", _YEAR + r"(?P<m>" + _NUM + r")月份?(?=[,，、])", "month"),
    ("year", r"(?P<year>(?:19|20)\d\d)年(?:以来|初以来|全年)?(?=[,，])", "year"),
    ("this_year", r"今年(?:全年)?(?=[,，以])|全年(?=[,，])", "year"),
    ("open", r"(?:今年|年初)以来|截(?:至|止)目前|目前为止", "open"),
)

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

_COMPILED = tuple((name, re.compile(pat), kind) for name, pat, kind in PERIOD_PATTERNS)
_ANY_PERIOD = re.compile("|".join(f"(?:{pat})" for _, pat, _ in PERIOD_PATTERNS))


@dataclass(frozen=True)
class Period:
    """A period as written (``text``, offsets in the searched string) and its resolved date."""

    text: str
    start: int
    end: int
    date: str | None


def small_number(s: str) -> int:
    """Parse a month/day/quarter number written in Arabic or Chinese digits (1–99).

    >>> small_number('12'), small_number('十二'), small_number('三'), small_number('十')
    (12, 12, 3, 10)
    """
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, units = s.partition("十")
        return _CN_DIGITS.get(tens, 1) * 10 + _CN_DIGITS.get(units, 0)
    return _CN_DIGITS[s]


def resolve(m: re.Match, kind: str, year: int | None) -> str | None:
    """Resolve one period match of ``kind`` to its ISO-ish date (see module table).

    >>> resolve(_COMPILED[3][1].match('前三季度'), 'quarter', 2021)
    '2021-Q3'
    >>> resolve(_COMPILED[3][1].match('2020年一季度'), 'quarter', 2021)
    '2020-Q1'
    >>> resolve(_COMPILED[3][1].match('前三季度'), 'quarter', None) is None
    True
    """
    written = m.groupdict().get("year")
    y = int(written) if written else year
    if kind == "open" or y is None:
        return None
    try:
        if kind == "day":
            mon, day = small_number(m["m"]), small_number(m["d"])
            if 1 <= mon <= 12 and 1 <= day <= 31:
                return f"{y:04d}-{mon:02d}-{day:02d}"
            return None
        if kind == "month":
            mon = small_number(m["m"])
            return f"{y:04d}-{mon:02d}" if 1 <= mon <= 12 else None
        if kind == "quarter":
            return f"{y:04d}-Q{small_number(m['q'])}"
        if kind == "half":
            return f"{y:04d}-H{1 if m['h'] == '上' else 2}"
    except (KeyError, ValueError):
        return None
    return f"{y:04d}"


def find_periods(text: str, *, year: int | None = None) -> list[Period]:
    """All periods in ``text``, in order, non-overlapping.

    >>> [(p.text, p.date) for p in find_periods('2022年，全市计划；截至6月初，已开工；上半年', year=None)]
    [('2022年', '2022'), ('截至6月初', None), ('上半年', None)]
    >>> [(p.text, p.date) for p in find_periods('前三季度，开工率达到100%', year=2021)]
    [('前三季度', '2021-Q3')]
    """
    out: list[Period] = []
    for m in _ANY_PERIOD.finditer(text):
        for _, pat, kind in _COMPILED:
            sub = pat.match(text, m.start())
            if sub and sub.end() == m.end():
                out.append(Period(m.group(0), m.start(), m.end(), resolve(sub, kind, year)))
                break
    return out
