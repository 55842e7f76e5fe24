"""Scope words shared by the rate and total extractors, and the context they carry.

A *scope* says which set of projects a rate or a total is about: 省市重点项目, 省重点项目,
市级重点项目, 续建项目, 新项目, 新开工项目, 产业项目… A count in front (86个省重点项目) and a
place (全市) are not part of the scope.

>>> find_scopes('全市86个省重点项目、235个市重点项目')
[('省重点项目', 5, 10), ('市重点项目', 15, 20)]
>>> context_scope('其中，续建项目复工率')
'续建项目'
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

_alt = "|".join
SCOPE_PATTERN = (
    f"(?:(?:(?<![全本我该各])(?:{_alt(SCOPE_LEVELS)}))?(?:{_alt(SCOPE_KEY_KINDS)})项目"
    f"|(?:{_alt(SCOPE_STAGES)})项目)"
)
_SCOPE = re.compile(SCOPE_PATTERN)


def find_scopes(text: str) -> list[tuple[str, int, int]]:
    """Every scope mention in ``text`` as (scope, start, end).

    >>> find_scopes('开复工省市重点项目130项')
    [('省市重点项目', 3, 9)]
    """
    return [(m.group(0), m.start(), m.end()) for m in _SCOPE.finditer(text)]


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
    """
    found = find_scopes(text)
    if not found:
        return None
    topics = [f for f in found if not _BREAKDOWN.match(text, f[2])]
    return topics[-1][0] if topics else found[0][0]
