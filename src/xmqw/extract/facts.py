"""Facts from clean article text: named projects, progress rates, totals and counts.

``extract_facts(text, year=…)`` splits the text into sentences (:mod:`.sentences`), then runs
each extractor only on the sentences that can hold its facts (项目 for projects, % for rates,
counts and investment words for totals), so the cost stays linear in the text.

>>> facts = extract_facts('前三季度，全市开复工省市重点项目130项，开工率达到100%。', year=2021)
>>> [(r.metric, r.value, r.scope, r.period, r.period_date) for r in facts.rates]
[('开工率', Decimal('100'), '省市重点项目', '前三季度', '2021-Q3')]
>>> [(t.kind, t.label, t.value, t.scope) for t in facts.totals]
[('count', '开复工省市重点项目', Decimal('130'), '省市重点项目')]
"""

from __future__ import annotations

from decimal import Decimal  # noqa: F401  (doctest namespace)

from .context import Context
from .projects import find_projects_and_amounts
from .rates import find_rates
from .records import Facts, Project, Rate, Total
from .sentences import Sentence, split_sentences
from .totals import find_totals, may_hold_totals, scope_of

__all__ = ["Facts", "Project", "Rate", "Total", "Sentence", "extract_facts", "split_sentences"]


def _rates(ctx: Context, s: Sentence) -> list[Rate]:
    out = []
    for r in find_rates(s.text):
        pos = s.start + r.pos
        period = ctx.period_at(pos)
        scope = r.scope or ctx.scope_at(pos)
        out.append(Rate(r.metric, r.value, scope, period.text if period else None,
                        period.date if period else None, s.text, s.start, s.end))
    return out


def _totals(ctx: Context, s: Sentence, used: dict[int, set[int]], cache: dict) -> list[Total]:
    skip = frozenset(used.get(s.start, ()))
    out = []
    for t in find_totals(s.text, skip=skip, amounts=cache.get(s.start)):
        pos = s.start + t.start
        period = ctx.period_at(pos)
        scope = (scope_of(t.label) if t.kind == "count" else None) or ctx.scope_at(pos)
        out.append(Total(t.kind, t.label, t.value, t.unit, t.text, t.qualifier, scope,
                         period.text if period else None, period.date if period else None,
                         s.text, s.start, s.end))
    return out


def extract_facts(text: str, *, year: int | None = None) -> Facts:
    """All facts of one clean article body; ``year`` (from the published date) resolves periods.

    >>> f = extract_facts('投资3亿元的松原市宏达粮食深加工项目已投产。')
    >>> [(p.name, p.amount_yuan, p.status) for p in f.projects]
    [('松原市宏达粮食深加工项目', Decimal('300000000'), '投产')]
    """
    sentences = split_sentences(text)
    ctx = Context(text, sentences, year=year)
    cache: dict = {}
    projects, used = find_projects_and_amounts(text, sentences, cache)
    rates: list[Rate] = []
    totals: list[Total] = []
    for s in sentences:
        if "%" in s.text or "％" in s.text:
            rates.extend(_rates(ctx, s))
        if may_hold_totals(s.text):
            totals.extend(_totals(ctx, s, used, cache))
    return Facts(projects, rates, totals)
