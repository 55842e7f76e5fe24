"""Progress rates: 开工率, 复工率, 开复工率, 投资完成率, 资金到位率, 投产率, 竣工率.

Constructions understood (values are percents, as written):

* one metric, one value: ``开复工率达93.8%``, ``投资完成率16.4%``;
* an aligned list: ``开复工率、续建项目复工率、新项目开工率分别为65.8%、91.4%、43.7%`` — three
  rates, each item's own scope word (续建项目, 新项目) is its scope;
* a distributed list: ``省重点项目开工率、资金到位率、按期投产率均达到100%`` — three rates of 100,
  all with the first item's scope;
* completion of the annual plan: ``完成年度计划投资的64.4%`` is 投资完成率, and
  ``86个省重点项目、235个市重点项目分别完成年度计划投资的64.4%、66.9%`` gives one per scope.

Growth (同比增长20.3%), shares (占全市10.9%), satisfaction and progress of works are not
rates: only a metric word (or the completion phrase) right before the value makes one.

>>> from decimal import Decimal
>>> [(r.metric, r.value, r.scope) for r in find_rates('其中，省重点项目开工率、资金到位率均达到100%。')]
[('开工率', Decimal('100'), '省重点项目'), ('资金到位率', Decimal('100'), '省重点项目')]
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex as re

from .scopes import WIDE_AREAS, find_scopes

#: metric as written → metric reported (longest written form first)
METRICS: tuple[tuple[str, str], ...] = (
    ("开复工率", "开复工率"),
    ("按期投产率", "投产率"),
    ("投资完成率", "投资完成率"),
    ("资金到位率", "资金到位率"),
    ("开工率", "开工率"),
    ("复工率", "复工率"),
    ("投产率", "投产率"),
    ("竣工率", "竣工率"),
)
_METRIC_OF = dict(METRICS)

#: words allowed between the last metric and its value(s)
LINK_WORDS = r"(?:分别|均|都|全部|已|已经|累计|共|总体|整体|提前|稳定|保持|在)*" \
             r"(?:为|达到|达|是|提高到|提升至|提升到|提高至|实现|超过|超)?"
#: words that make one value apply to every metric in a list
DISTRIBUTIVE = ("均", "都", "全部")

_PCT = r"\d+(?:\.\d+)?\s*[%％]"
_VALUES = re.compile(
    r"\s*" + LINK_WORDS + r"\s*(?P<vals>" + _PCT + r"(?:\s*[、和及与,，]\s*" + _PCT + r")*)"
)
_METRIC = re.compile("|".join(w for w, _ in METRICS))
_ITEM_SEP = re.compile(r"\s*(?:[、和及与/]|以及)\s*")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
#: "completed X% of the annual plan"
_COMPLETION = re.compile(
    r"(?:分别|均|累计|已)*完成(?:了)?(?:年度|全年|年)?(?:计划)?(?:投资|固定资产投资)(?:计划|任务|目标)?(?:的)?"
    r"(?P<vals>" + _PCT + r"(?:\s*[、和及与,，]\s*" + _PCT + r")*)"
    r"|(?:完成|占)(?:了)?(?:年度|全年)(?:计划)?(?:投资)?(?:计划|任务|目标)?(?:的)?(?P<vals>" + _PCT + r")"
)
#: where the words that name the subject of a completion phrase begin
_CLAUSE_END = re.compile(r"[,，:：。；;！？!?]", flags=re.REVERSE)
#: how far back the words naming a rate's subject are looked for
MAX_SUBJECT_CHARS = 60


def clause_start(sentence: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts (after the last comma/colon/end mark before it,
    at most :data:`MAX_SUBJECT_CHARS` back).

    >>> clause_start('前三季度，全市开工率', 9)
    5
    """
    lo = max(0, pos - MAX_SUBJECT_CHARS)
    m = _CLAUSE_END.search(sentence, lo, pos)
    return m.end() if m else lo


@dataclass(frozen=True)
class FoundRate:
    """A rate inside one sentence: ``pos`` is where its metric (or phrase) starts."""

    metric: str
    value: Decimal
    scope: str | None
    pos: int


def percents(vals: str) -> list[Decimal]:
    """The numbers of a run of percentages.

    >>> percents('65.8%、91.4%、43.7%')
    [Decimal('65.8'), Decimal('91.4'), Decimal('43.7')]
    """
    return [Decimal(n) for n in _NUMBER.findall(vals)]


def metric_chains(sentence: str) -> list[list[re.Match]]:
    """Metric mentions grouped into lists joined by 、/和/及 with only a scope word between.

    >>> [[m.group(0) for m in c] for c in metric_chains('开复工率、续建项目复工率、新项目开工率分别为1%')]
    [['开复工率', '复工率', '开工率']]
    """
    chains: list[list[re.Match]] = []
    for m in _METRIC.finditer(sentence):
        if chains:
            prev = chains[-1][-1]
            gap = sentence[prev.end():m.start()]
            sep = _ITEM_SEP.match(gap)
            if sep and _item_prefix_ok(gap[sep.end():]):
                chains[-1].append(m)
                continue
        chains.append([m])
    return chains


def _item_prefix_ok(prefix: str) -> bool:
    """True when the words in front of a metric in a list are empty or exactly one scope."""
    if not prefix:
        return True
    found = find_scopes(prefix)
    return len(found) == 1 and found[0][2] == len(prefix)


def item_scope(sentence: str, m: re.Match, floor: int) -> str | None:
    """The scope written right before metric ``m`` (after ``floor``), e.g. 续建项目复工率.

    >>> s = '其中，省重点项目开工率'
    >>> item_scope(s, _METRIC.search(s), 0)
    '省重点项目'
    >>> s = '全省开工率'
    >>> item_scope(s, _METRIC.search(s), 0)
    '全省'
    """
    found = [f for f in find_scopes(sentence[floor:m.start()]) if f[2] == m.start() - floor]
    if found:
        return found[0][0]
    return next((a for a in WIDE_AREAS if sentence.startswith(a, m.start() - len(a))), None)


#: what may separate two scopes of one list: 、/和/及, and the next item's count
_SCOPE_GAP = re.compile(r"\s*(?:[、和及与]|以及)\s*(?:\d+\s*[个项]\s*)?")


def scope_list(sentence: str, floor: int, pos: int) -> list[str]:
    """The scopes listed right before ``pos`` (after ``floor``), joined by 、/和/及, in order.

    >>> s = '全市省重点项目、市重点项目、县级重点项目开工率'
    >>> scope_list(s, 0, s.index('开工率'))
    ['省重点项目', '市重点项目', '县级重点项目']
    """
    found = find_scopes(sentence[floor:pos])
    if not found or found[-1][2] != pos - floor:
        return []
    run = [found[-1]]
    for prev in reversed(found[:-1]):
        if not _SCOPE_GAP.fullmatch(sentence, floor + prev[2], floor + run[0][1]):
            break
        run.insert(0, prev)
    return [sc for sc, _, _ in run]


def chain_rates(sentence: str, chain: list[re.Match]) -> list[FoundRate]:
    """Rates of one metric list followed by its value(s); [] when they do not line up.

    >>> s = '开复工率、续建项目复工率分别为65.8%、91.4%'
    >>> [(r.metric, r.value, r.scope) for r in chain_rates(s, metric_chains(s)[0])]
    [('开复工率', Decimal('65.8'), None), ('复工率', Decimal('91.4'), '续建项目')]
    >>> s = '省重点项目、市重点项目开工率分别为90%、80%'
    >>> [(r.metric, r.value, r.scope) for r in chain_rates(s, metric_chains(s)[0])]
    [('开工率', Decimal('90'), '省重点项目'), ('开工率', Decimal('80'), '市重点项目')]
    """
    last = chain[-1]
    vm = _VALUES.match(sentence, last.end())
    if not vm:
        return []
    values = percents(vm.group("vals"))
    link = sentence[last.end():vm.start("vals")]
    floor = clause_start(sentence, chain[0].start())
    if len(chain) == 1 and len(values) > 1:
        listed = scope_list(sentence, floor, chain[0].start())
        if len(listed) != len(values):
            return []
        metric = _METRIC_OF[chain[0].group(0)]
        return [FoundRate(metric, v, sc, chain[0].start()) for v, sc in zip(values, listed)]
    if len(values) == 1 and (len(chain) == 1 or any(w in link for w in DISTRIBUTIVE)):
        values = values * len(chain)
    if len(values) != len(chain):
        return []
    scopes: list[str | None] = []
    for k, m in enumerate(chain):
        scopes.append(item_scope(sentence, m, floor if k == 0 else chain[k - 1].end()))
    if scopes[0] and not any(scopes[1:]):
        scopes = [scopes[0]] * len(chain)
    return [
        FoundRate(_METRIC_OF[m.group(0)], v, sc, m.start())
        for m, v, sc in zip(chain, values, scopes)
    ]


def completion_rates(sentence: str) -> list[FoundRate]:
    """投资完成率 from "完成年度计划投资的X%", one per subject scope when the subjects are a list.

    >>> s = '1至5月份，全市86个省重点项目、235个市重点项目分别完成年度计划投资的64.4%、66.9%'
    >>> [(r.metric, r.value, r.scope) for r in completion_rates(s)]
    [('投资完成率', Decimal('64.4'), '省重点项目'), ('投资完成率', Decimal('66.9'), '市重点项目')]
    """
    out: list[FoundRate] = []
    for m in _COMPLETION.finditer(sentence):
        values = percents(m.group("vals"))
        subject = sentence[clause_start(sentence, m.start()):m.start()]
        scopes = [s for s, _, _ in find_scopes(subject)]
        if len(values) > 1 and len(scopes) != len(values):
            continue
        if len(values) == 1:
            scopes = scopes[-1:] or [None]
        out.extend(FoundRate("投资完成率", v, sc, m.start()) for v, sc in zip(values, scopes))
    return out


def find_rates(sentence: str) -> list[FoundRate]:
    """Every progress rate in one sentence, in order of position.

    >>> [(r.metric, r.value) for r in find_rates('同比增长20.3%，占全市10.9%，开复工率77.3%')]
    [('开复工率', Decimal('77.3'))]
    >>> find_rates('企业满意度一直保持100%')
    []
    """
    if "%" not in sentence and "％" not in sentence:
        return []
    out: list[FoundRate] = []
    for chain in metric_chains(sentence):
        out.extend(chain_rates(sentence, chain))
    out.extend(completion_rates(sentence))
    out.sort(key=lambda r: r.pos)
    return out
