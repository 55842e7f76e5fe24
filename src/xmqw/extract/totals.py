"""Totals and counts: how many projects, how much money, for which scope and period.

``kind`` vocabulary:

=======================  ==============================================  ======
kind                     written as                                      unit
=======================  ==============================================  ======
count                    387个重点项目, 已开复工299个, 续建177个, 130项      个 / 项
investment               总投资1528.2亿元, 计划总投资…, 投资总额…             元
planned_investment       年度计划投资577.5亿元, 计划投资…                    元
completed_investment     完成投资94.5亿元, 累计完成投资…                     元
=======================  ==============================================  ======

``label`` is the words that name the figure (重点项目, 已开复工, 总投资…). Money values are
in yuan. An amount that belongs to a named project (see :mod:`xmqw.extract.projects`), a
threshold (投资500万元以上重点项目) and a change (同比增加100亿元) are not totals.

>>> [(t.kind, t.label, int(t.value), t.unit) for t in find_totals('全市已开复工重点项目329个，总投资1611.89亿元。')]
[('count', '已开复工重点项目', 329, '个'), ('investment', '总投资', 161189000000, '元')]
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal

import regex as re

from .amounts import Amount, find_amounts
from .scopes import find_scopes

#: investment words before an amount → kind (longest first)
MONEY_LABELS: tuple[tuple[str, str], ...] = (
    ("年度计划投资", "planned_investment"),
    ("年度投资计划", "planned_investment"),
    ("累计完成投资", "completed_investment"),
    ("完成固定资产投资", "completed_investment"),
    ("计划总投资", "investment"),
    ("投资总额", "investment"),
    ("总投资额", "investment"),
    ("完成投资", "completed_investment"),
    ("计划投资", "planned_investment"),
    ("总投资", "investment"),
)
_KIND_OF = dict(MONEY_LABELS)
#: words allowed between an investment word and its amount
MONEY_LINK = r"(?:共|达到|达|为|约|累计)?"
_MONEY_LABEL = re.compile(
    "(?P<label>" + "|".join(w for w, _ in MONEY_LABELS) + ")" + MONEY_LINK + r"\s*$"
)
#: an amount followed by these is a threshold: 500万元以上(的)重点项目
_THRESHOLD = re.compile(r"(?:及)?(?:以上|以下)?(?:的)?[^，,。；;、\s]{0,10}?(?:项目|企业)")

_STAGE = r"(?:开复工|新开工|开工|复工|新建|续建|竣工|投产|签约|在建|改扩建)"
_PROJECT_NOUN = r"(?:(?:(?<![全本我该各])(?:省市|省级|市级|县级|省|市|县|区))?(?:重点|重大)?(?:产业|工业)?项目)"
#: 387个重点项目 / 80个项目 / 18个已开工省市重点项目
_COUNT_BEFORE = re.compile(
    r"(?<![\d.])(?P<n>\d+)(?P<q>多|余)?(?P<unit>个|项)(?P<label>(?:已|正在)?" + _STAGE + r"?"
    r"[^\d，,。；;、：:《》“”]{0,8}?项目)(?!库|部|单位)"
)
#: 已开复工299个 / 新开工项目117个 / 重点项目500个 / 开复工省市重点项目130项
_COUNT_AFTER = re.compile(
    r"(?P<label>(?:已|累计)?" + _STAGE + _PROJECT_NOUN + r"?|" + _PROJECT_NOUN + r")"
    r"(?:共计|共有|共|达到|达|为)?(?P<n>\d+)(?P<q>多|余)?(?P<unit>个|项)(?![\d月日年])"
)


_TITLE = re.compile(r"《[^《》]*》")
#: cheap tests that a sentence may hold a count / a money total
_HAS_COUNT = re.compile(r"\d\s*(?:多|余)?[个项]")
_ANY_MONEY_LABEL = re.compile("|".join(w for w, _ in MONEY_LABELS))


@dataclass(frozen=True)
class FoundTotal:
    """A total inside one sentence (offsets in the sentence)."""

    kind: str
    label: str
    value: Decimal
    unit: str
    text: str
    qualifier: str | None
    start: int
    end: int


class Spans:
    """Sorted, non-overlapping spans with a logarithmic overlap test.

    >>> Spans([(2, 5), (8, 9)]).overlaps(4, 6), Spans([(2, 5)]).overlaps(5, 7)
    (True, False)
    """

    def __init__(self, spans: list[tuple[int, int]]):
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_right(self.starts, end - 1) - 1
        return k >= 0 and self.ends[k] > start


#: the titles of a sentence without 《 (most sentences): one shared, never changed
_NO_TITLES = Spans([])


def title_spans(sentence: str) -> Spans:
    """The 《…》 titles of a sentence (document names: their counts and amounts are not facts)."""
    if "《" not in sentence:
        return _NO_TITLES
    return Spans([(m.start(), m.end()) for m in _TITLE.finditer(sentence)])


def find_counts(sentence: str) -> list[FoundTotal]:
    """Counts of projects in one sentence.

    >>> [(t.label, t.value) for t in find_counts('截至5月20日，这387个重点项目已开复工299个，其中新建126个、续建173个')]
    [('重点项目', Decimal('387')), ('已开复工', Decimal('299')), ('新建', Decimal('126')), ('续建', Decimal('173'))]
    >>> find_counts('累计帮助企业解决问题100多个，审批时限从66天压缩至38天')
    []
    """
    titles = title_spans(sentence)
    out: list[FoundTotal] = []
    before: list[tuple[int, int]] = []
    for pat in (_COUNT_BEFORE, _COUNT_AFTER):
        taken = Spans(before)
        for m in pat.finditer(sentence):
            if titles.overlaps(m.start(), m.start() + 1) or taken.overlaps(m.start(), m.end()):
                continue
            label = m.group("label")
            if "元" in label or "以上" in label:
                continue
            if pat is _COUNT_BEFORE:
                before.append((m.start(), m.end()))
            out.append(FoundTotal("count", label, Decimal(m.group("n")), m.group("unit"), m.group(0),
                                  m.group("q"), m.start(), m.end()))
    out.sort(key=lambda t: t.start)
    return out


def money_total(sentence: str, a: Amount) -> FoundTotal | None:
    """The total that amount ``a`` is, from the investment word right before it; else None.

    >>> s = '总投资1528.2亿元，年度计划投资577.5亿元，项目总投资同比增加100亿元'
    >>> [money_total(s, a).kind if money_total(s, a) else None for a in find_amounts(s)]
    ['investment', 'planned_investment', None]
    """
    m = _MONEY_LABEL.search(sentence, max(0, a.start - 12), a.start)
    if not m or _THRESHOLD.match(sentence, a.end):
        return None
    label = m.group("label")
    return FoundTotal(_KIND_OF[label], label, a.value_yuan, "元", a.text, a.qualifier, a.start, a.end)


def find_totals(sentence: str, *, skip: frozenset[int] = frozenset(),
                amounts: list[Amount] | None = None) -> list[FoundTotal]:
    """Counts and money totals of one sentence; amounts starting at an offset in ``skip``
    (amounts already given to a named project) are left out. ``amounts`` are the sentence's
    amounts when already found.

    >>> [(t.kind, t.text) for t in find_totals('投资500万元以上重点项目387个，完成投资94.5亿元')]
    [('count', '重点项目387个'), ('completed_investment', '94.5亿元')]
    """
    out = find_counts(sentence) if _HAS_COUNT.search(sentence) else []
    if _ANY_MONEY_LABEL.search(sentence):
        titles = title_spans(sentence)
        for a in find_amounts(sentence) if amounts is None else amounts:
            if a.start in skip or titles.overlaps(a.start, a.start + 1):
                continue
            t = money_total(sentence, a)
            if t:
                out.append(t)
    out.sort(key=lambda t: t.start)
    return out


def may_hold_totals(sentence: str) -> bool:
    """A cheap test: False when ``sentence`` cannot hold a count or a money total.

    >>> may_hold_totals('项目建设是经济工作的主抓手。'), may_hold_totals('完成投资5亿元')
    (False, True)
    """
    return bool(_HAS_COUNT.search(sentence) or _ANY_MONEY_LABEL.search(sentence))


def scope_of(label: str) -> str | None:
    """The scope written inside a count's own label, e.g. 18个已开工省市重点项目 → 省市重点项目.

    >>> scope_of('已开工省市重点项目'), scope_of('已开复工')
    ('省市重点项目', None)
    """
    found = find_scopes(label)
    return found[-1][0] if found else None
