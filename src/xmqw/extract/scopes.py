"""Scope words shared by the rate and total extractors, and the context they carry.

A *scope* says which set of projects a rate or a total is about: 省市重点项目, 省重点项目,
市级重点项目, 续建项目, 新项目, 新开工项目, 产业项目… A count in front (86个省重点项目) and
this city (全市, 我市) are not part of the scope. Another area is: 全省重点项目 and 全国… keep
全省/全国, and a place whose name ends in a level character keeps its name (长兴县重点项目,
not 县重点项目), so that such a scope is never read as the city's own.

>>> find_scopes('全市86个省重点项目、235个市重点项目')
[('省重点项目', 5, 10), ('市重点项目', 15, 20)]
>>> context_scope('其中，续建项目复工率')
'续建项目'
>>> find_scopes('全省重点项目、长兴县重点项目')
[('全省重点项目', 0, 6), ('长兴县重点项目', 7, 14)]
"""

from __future__ import annotations

import regex as re

#: level words that may precede 重点/重大 项目 (longest first)
SCOPE_LEVELS: tuple[str, ...] = (
    "省市县", "省市", "国家级", "省级", "市级", "县级", "区级", "国家", "省", "市", "县", "区",
)
#: kinds of key project: 重点项目, 重点产业项目…
SCOPE_KEY_KINDS: tuple[str, ...] = ("重点产业", "重点工业", "重大产业", "重点", "重大")
#: stage/sector words that make a scope on their own with 项目
SCOPE_STAGES: tuple[str, ...] = (
    "新开工", "新建", "续建", "改扩建", "开复工", "复工", "在建", "新", "产业", "工业", "基础设施", "民生",
)

#: characters after which a one-character level (省/市/县/区) or the stage 新 starts a word:
#: 86个省重点项目, 全市市重点项目, 其中新项目. After any other Chinese character it is the tail
#: of a word: a place (长兴县重点项目, 高新区…) or another word (城市更新项目).
WORD_LEADS = "个项家批类省市县区和及与的中在为是有将对了年入选等工"
#: this city: a level right after these is the place word's own (全市重点项目 → 重点项目)
CITY_WORD_HEADS = "全本我该各"
#: areas wider than the city, kept in front of the scope they qualify
WIDE_AREAS: tuple[str, ...] = ("全省", "全国")
#: characters that end the run of a place name read backwards from its level character
_PLACE_STOP = WORD_LEADS.replace("市", "").replace("省", "").replace("县", "").replace("区", "")
MAX_PLACE_CHARS = 6

_alt = "|".join
_ONE_CHAR = [w for w in SCOPE_LEVELS if len(w) == 1]
_WORD_START = rf"(?<![{CITY_WORD_HEADS}]|(?![{WORD_LEADS}])\p{{Han}})"
SCOPE_PATTERN = (
    f"(?:(?:{_alt(w for w in SCOPE_LEVELS if len(w) > 1)}|{_WORD_START}(?:{_alt(_ONE_CHAR)}))?"
    f"(?:{_alt(SCOPE_KEY_KINDS)})项目"
    f"|(?:{_alt(w for w in SCOPE_STAGES if len(w) > 1)}|{_WORD_START}新)项目)"
)
_SCOPE = re.compile(SCOPE_PATTERN)
_PLACE_RUN = re.compile(rf"[^\P{{Han}}{_PLACE_STOP}]{{1,{MAX_PLACE_CHARS}}}[{''.join(_ONE_CHAR)}]$")


def scope_start(text: str, start: int) -> int | None:
    """Where a scope found at ``start`` really starts: earlier when a wider area (全省) or a
    place ending in a level character (长兴县) is in front of it.

    >>> [scope_start(t, 3) for t in ('今全省重点项目', '长兴县重点项目', '，全市重点项目')]
    [1, 0, 3]
    """
    for area in WIDE_AREAS:
        if text.startswith(area, start - len(area)):
            return start - len(area)
    if start >= 2 and text[start - 2] in CITY_WORD_HEADS:
        return start
    m = _PLACE_RUN.search(text, max(0, start - MAX_PLACE_CHARS - 1), start)
    return m.start() if m else start


def find_scopes(text: str) -> list[tuple[str, int, int]]:
    """Every scope mention in ``text`` as (scope, start, end).

    >>> find_scopes('开复工省市重点项目130项')
    [('省市重点项目', 3, 9)]
    >>> find_scopes('高新区重点项目、全市新项目、城市更新项目')
    [('高新区重点项目', 0, 7), ('新项目', 10, 13)]
    """
    out = []
    for m in _SCOPE.finditer(text):
        start = scope_start(text, m.start())
        out.append((text[start:m.end()], start, m.end()))
    return out


#: this city named after a wider area's scope: the words that follow are about the city
_THIS_CITY = re.compile(r"我市|本市|全市")
_BREAKDOWN = re.compile(r"\s*(?:共计|共|达|为)?\s*\d+\s*(?:个|项)")


def context_scope(text: str) -> str | None:
    """The scope that ``text`` (the words before a rate or total) is about, or None.

    A scope directly followed by its own count (新开工项目8个) is a breakdown, not the topic:
    the nearest other scope wins; if every scope is a breakdown, the first one does.

    >>> context_scope('16个市级重点项目中，新开工项目8个，续建项目7个，')
    '市级重点项目'
    >>> context_scope('全市开复工省市重点项目130项，')
    '省市重点项目'
    >>> context_scope('全市开复工率') is None
    True
    >>> context_scope('全省重点项目开工率为70%，我市开工率') is None
    True
    """
    found = find_scopes(text)
    if not found:
        return None
    topics = [f for f in found if not _BREAKDOWN.match(text, f[2])]
    topic = topics[-1] if topics else found[0]
    if topic[0].startswith(WIDE_AREAS) and _THIS_CITY.search(text, topic[2]):
        return None
    return topic[0]
