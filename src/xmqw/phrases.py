"""The phrase router behind ``xmqw query "PHRASE"``: short English or Chinese → another command.

``route(phrase) -> Route`` matches the phrase against :data:`FORMS`, a table of
``Form(pattern, build, examples)`` entries tried in order (the grammar is data). The examples are
the list of known forms shown when a phrase is not understood (``PhraseError.forms``), and every
one of them is a test case.

``Route(command, args)`` — *command* is ``projects``, ``rates``, ``stats``, ``search`` or
``articles``; *args* uses these keys, which mirror the commands' options:

=========  =========================================================================
key        value
=========  =========================================================================
over       ``Decimal`` yuan (``--over``); parsed by ``xmqw.extract.amounts.parse_amount_arg``
under      ``Decimal`` yuan (``--under``)
city       the city as the user wrote it (``--city``; the command normalises 大庆市 → 大庆)
metrics    list of rate metrics (``--metric``, repeatable), from the SPEC §3 vocabulary
what       ``stats`` subject: ``rates`` | ``projects`` | ``amounts``
by         ``stats`` grouping: ``city`` | ``province`` | ``month`` | ``source``
query      ``search`` text
=========  =========================================================================

``Route.explain()`` gives the equivalent command line.

Matching is case-insensitive and NFKC-normalised (full-width ``１亿`` → ``1亿``), control and
escape sequences are removed (``xmqw.render.sanitize``), runs of spaces count as one, a space between a number and its unit is dropped (``1 亿`` → ``1亿``), trailing
``?？。!！`` are ignored, and a leading filler (``show``, ``list``, ``列出``, ``查看``…) may be dropped.

Metrics: a Chinese metric word means exactly that metric (``开工率``; also ``完成率`` → 投资完成率,
``到位率`` → 资金到位率). English names are looser (:data:`ENGLISH_METRICS`: ``start`` = 开工率,
复工率 and 开复工率). In a by-city comparison (``stats rates``) any start-type metric widens to
that whole start family, since cities report 开工率, 复工率 or the combined 开复工率 for the same
question; so ``各市开工率`` and ``start rate by city`` give the same route.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from xmqw.render import sanitize
from xmqw.vocabulary import METRIC_FAMILIES
from xmqw.vocabulary import METRICS as VOCABULARY_METRICS

MAX_PHRASE = 200  # characters: a phrase is short; this also bounds regex work

START_FAMILY = METRIC_FAMILIES["start"]
#: longest first, so an alternation never stops at a shorter metric inside a longer one
METRICS = tuple(sorted(VOCABULARY_METRICS, key=len, reverse=True))
METRIC_ALIASES = {"完成率": "投资完成率", "到位率": "资金到位率"}

ENGLISH_METRICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # (regex for the English name, the metrics it means)
    (r"start\s*/\s*restart|combined\s+start", ("开复工率",)),
    (r"restart|resumption|work\s+resumption|resumed", ("复工率",)),
    (r"start|starts|starting|construction\s+start|commencement", START_FAMILY),
    (r"investment\s+completion|investment\s+progress|investment|completion", ("投资完成率",)),
    (r"funding|funds?(?:\s+in\s+place)?|capital\s+in\s+place", ("资金到位率",)),
    (r"production|commissioning|put\s+into\s+production", ("投产率",)),
    (r"finish(?:ed)?|construction\s+completion|handover", ("竣工率",)),
)

ZH_FILLERS = ("查看", "列出", "显示", "查询", "看看", "给我看", "所有", "全部")

BY_WORDS = {
    "city": "city", "cities": "city", "市": "city", "城市": "city", "地市": "city", "地": "city",
    "province": "province", "provinces": "province", "省": "province",
    "month": "month", "months": "month", "月": "month",
    "source": "source", "sources": "source", "来源": "source",
}


class PhraseError(ValueError):
    """A phrase the router cannot map; ``forms`` lists the phrases it knows."""

    def __init__(self, message: str, forms: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.forms = forms


@dataclass(frozen=True)
class Route:
    """A command and its arguments.

    >>> Route('projects', {'over': Decimal('50000000'), 'city': '大庆'}).explain()
    'xmqw projects --over 5000万 --city 大庆'
    >>> Route('stats', {'what': 'rates', 'by': 'city', 'metrics': ['开工率', '复工率']}).explain()
    'xmqw stats rates --by city --metric 开工率 --metric 复工率'
    >>> Route('search', {'query': 'made in china'}).explain()
    "xmqw search 'made in china'"
    """

    command: str
    args: dict[str, Any] = field(default_factory=dict)

    def explain(self) -> str:
        """The equivalent command line."""
        a = self.args
        parts = ["xmqw", self.command]
        if "what" in a:
            parts.append(a["what"])
        query = a.get("query")
        if query is not None and not query.startswith("-"):
            parts.append(_shell_word(query))
        for key in ("over", "under"):
            if key in a:
                parts += [f"--{key}", _amount_word(a[key])]
        if "by" in a:
            parts += ["--by", a["by"]]
        for metric in a.get("metrics", ()):
            parts += ["--metric", metric]
        if "city" in a:
            parts += ["--city", _shell_word(a["city"])]
        if query is not None and query.startswith("-"):
            parts += ["--", _shell_word(query)]  # a query that looks like an option
        return " ".join(parts)


def _shell_word(text: str) -> str:
    """Quote for a POSIX shell only when needed (CJK needs no quotes).

    >>> _shell_word('风电'), _shell_word("it's")
    ('风电', '\\'it\\'"\\'"\\'s\\'')
    """
    import shlex

    return text if re.fullmatch(r"[\w@%+=:,./-]+", text) else shlex.quote(text)


def _amount_word(value: Decimal) -> str:
    from xmqw.extract.amounts import format_yuan

    return format_yuan(value).removesuffix("元")


# ---------------------------------------------------------------------------------------------
# Builders: named groups of a match → Route


def _amount(text: str, phrase: str) -> Decimal:
    from xmqw.extract.amounts import parse_amount_arg

    try:
        return parse_amount_arg(text)
    except (ValueError, ArithmeticError) as exc:
        raise PhraseError(f"cannot read the amount {text!r} in {phrase!r}: {exc}", _examples()) from exc


def _city(g: dict[str, str]) -> dict[str, str]:
    city = g.get("city") or g.get("in_city")
    return {"city": city} if city else {}


def _metrics(g: dict[str, str]) -> list[str]:
    if g.get("metric"):
        return [METRIC_ALIASES.get(g["metric"], g["metric"])]
    if g.get("family"):
        for pattern, metrics in ENGLISH_METRICS:
            if re.fullmatch(pattern, g["family"], re.I):
                return list(metrics)
    return []


def _widen(metrics: list[str]) -> list[str]:
    if any(m in START_FAMILY for m in metrics):
        return list(START_FAMILY) + [m for m in metrics if m not in START_FAMILY]
    return metrics


def _by(g: dict[str, str]) -> str:
    word = g["by"].lower()
    for prefix in ("各", "按", "分", "每"):
        word = word.removeprefix(prefix)
    return BY_WORDS[word]


Builder = Callable[[dict[str, str], str], Route]


def projects(g: dict[str, str], phrase: str) -> Route:
    args: dict[str, Any] = {}
    for key in ("over", "under"):
        if g.get(key):
            args[key] = _amount(g[key], phrase)
    return Route("projects", args | _city(g))


def rates(g: dict[str, str], phrase: str) -> Route:
    metrics = _metrics(g)
    return Route("rates", ({"metrics": metrics} if metrics else {}) | _city(g))


def stats_rates(g: dict[str, str], phrase: str) -> Route:
    metrics = _widen(_metrics(g))
    return Route("stats", {"what": "rates", "by": _by(g)} | ({"metrics": metrics} if metrics else {}))


def stats_projects(g: dict[str, str], phrase: str) -> Route:
    return Route("stats", {"what": "projects", "by": _by(g)})


def stats_amounts(g: dict[str, str], phrase: str) -> Route:
    return Route("stats", {"what": "amounts", "by": _by(g)})


def overview(g: dict[str, str], phrase: str) -> Route:
    return Route("stats", {})


def articles(g: dict[str, str], phrase: str) -> Route:
    return Route("articles", {})


def search(g: dict[str, str], phrase: str) -> Route:
    query = g["query"].strip()
    if len(query) >= 2 and query[0] + query[-1] in ('""', "''", "“”", "「」", "‘’"):
        query = query[1:-1].strip()
    if not query:
        raise PhraseError(f"nothing to search for in {phrase!r}", _examples())
    return Route("search", {"query": query} | _city(g))


# ---------------------------------------------------------------------------------------------
# The grammar

_ZH_NUMERALS = "零〇一二两三四五六七八九十百千万亿"
_FRAGMENTS = {
    # amounts: one token in English forms; in Chinese forms, a run starting with a numeral
    # (parse_amount_arg decides what it is worth and says what is accepted when it cannot)
    "AMOUNT_OVER": r"(?P<over>[^\s<>≤≥]+)",
    "AMOUNT_UNDER": r"(?P<under>[^\s<>≤≥]+)",
    "ZH_AMOUNT_OVER": rf"(?P<over>[0-9.{_ZH_NUMERALS}]\S*?)",
    "ZH_AMOUNT_UNDER": rf"(?P<under>[0-9.{_ZH_NUMERALS}]\S*?)",
    "PROJECTS": r"(?:projects?|项目)",
    "OVER": r"(?:over|above|more\s+than|greater\s+than|exceeding|at\s+least|>=?|≥)",
    "UNDER": r"(?:under|below|less\s+than|at\s+most|<=?|≤)",
    "IN": r"(?:\s+in\s+(?P<in_city>\S+))?",
    "BY": r"(?:by|per|for\s+each|each)\s+(?P<by>cit(?:y|ies)|provinces?|months?|sources?)",
    "RATE": r"(?:[\s-]*rates?)",
    "FAMILY": "(?P<family>" + "|".join(p for p, _ in ENGLISH_METRICS) + ")",
    "METRIC": "(?P<metric>" + "|".join([*METRICS, *METRIC_ALIASES]) + ")",
    # a Chinese place in front: two or more CJK characters, not starting with a word of the
    # grammar nor with two numerals (二十亿 is an amount, 三亚 a city)
    "CITY": r"(?:(?!(?:总)?投资|超|各|全市|全省|全国|我市|本市|今年|去年|重点|"
            + "|".join([*METRICS, *METRIC_ALIASES, *ZH_FILLERS])
            + f"|[{_ZH_NUMERALS}]{{2}})"
            + r"(?P<city>[\u4e00-\u9fff]{2,}?)\s*的?\s*)?",
    "QUERY": r"(?P<query>\"[^\"]*\"|“[^”]*”|'[^']*'|「[^」]*」|\S.*?)",
    "ZH_OVER_WORD": r"(?:超过|超出|超|大于|高于|多于|逾|不低于|不少于|达到|达)",
    "ZH_UNDER_WORD": r"(?:不到|低于|少于|小于|不超过|不足|未达到)",
    "INVEST": r"(?:(?:总)?投资(?:额|规模)?\s*(?:在\s*)?)?",
    "ZH_PROJECTS": r"\s*(?:元)?\s*的?\s*(?:重点)?项目",
    "BY_ZH": r"(?P<by>[各按分每](?:市|城市|地市|地|省|月|来源))",
}


class Form(NamedTuple):
    pattern: str  # {NAME} placeholders expand from _FRAGMENTS; matched in full, ignoring case
    build: Builder
    examples: tuple[str, ...]  # shown to users as the known forms; each one is a test case


FORMS: tuple[Form, ...] = (
    # English: projects
    Form(r"{PROJECTS}\s*{OVER}\s*{AMOUNT_OVER}{IN}",
         projects, ("projects over 1亿", "projects over 5000万 in 大庆")),
    Form(r"{PROJECTS}\s*{UNDER}\s*{AMOUNT_UNDER}{IN}", projects, ("projects under 10亿",)),
    Form(r"{PROJECTS}\s*{OVER}\s*{AMOUNT_OVER}\s*(?:and\s+)?{UNDER}\s*{AMOUNT_UNDER}{IN}",
         projects, ("projects over 1亿 under 50亿",)),
    Form(r"{PROJECTS}\s+between\s+{AMOUNT_OVER}\s+and\s+{AMOUNT_UNDER}{IN}",
         projects, ("projects between 1亿 and 10亿 in 佳木斯",)),
    Form(r"{PROJECTS}\s+in\s+(?P<city>\S+)(?:\s+{OVER}\s*{AMOUNT_OVER})?"
         r"(?:\s+(?:and\s+)?{UNDER}\s*{AMOUNT_UNDER})?",
         projects, ("projects in 大庆",)),
    Form(r"{PROJECTS}", projects, ("projects",)),
    # English: aggregates
    Form(r"(?:projects?|investments?)\s+{BY}", stats_projects,
         ("projects by city", "investment by city")),
    Form(r"amounts?\s+{BY}", stats_amounts, ("amounts by province",)),
    Form(r"(?:rates?|progress)\s+{BY}", stats_rates, ("rates by city",)),
    Form(r"{FAMILY}{RATE}\s+{BY}", stats_rates, ("start rate by city",)),
    Form(r"{METRIC}\s*{BY}", stats_rates, ("投资完成率 by city",)),
    # English: rates
    Form(r"{FAMILY}{RATE}{IN}", rates, ("start rate in 大庆",)),
    Form(r"(?:rates?|progress)(?:\s+in\s+(?P<city>\S+))?", rates, ("rates in 葫芦岛",)),
    # English: search and the rest
    Form(r"(?:search(?:\s+for)?|find|grep|look\s+for)\s+{QUERY}{IN}", search,
         ("search 风电", "search 风电 in 大庆")),
    Form(r"(?:stats|statistics|overview|summary|概况|概览|总览|统计|汇总)", overview, ("overview",)),
    Form(r"(?:articles?|corpus|文章|文章列表)", articles, ("articles",)),
    # Chinese: projects
    Form(r"{CITY}{INVEST}{ZH_AMOUNT_OVER}\s*元?\s*(?:以上|及以上|或以上){ZH_PROJECTS}{IN}",
         projects, ("1亿以上项目", "大庆 1亿以上项目")),
    Form(r"{CITY}{INVEST}{ZH_OVER_WORD}\s*{ZH_AMOUNT_OVER}\s*元?\s*(?:以上)?{ZH_PROJECTS}{IN}",
         projects, ("投资超过1亿的项目", "大庆投资超过1亿的项目")),
    Form(r"{CITY}{INVEST}{ZH_AMOUNT_UNDER}\s*元?\s*(?:以下|以内){ZH_PROJECTS}{IN}",
         projects, ("10亿以下项目",)),
    Form(r"{CITY}{INVEST}{ZH_UNDER_WORD}\s*{ZH_AMOUNT_UNDER}{ZH_PROJECTS}{IN}",
         projects, ("投资不到10亿的项目",)),
    Form(r"{CITY}(?:重点)?项目{IN}", projects, ("大庆的项目",)),
    # Chinese: aggregates and rates
    Form(r"{BY_ZH}\s*的?\s*{METRIC}", stats_rates, ("各市开工率", "各市投资完成率")),
    Form(r"{BY_ZH}\s*的?\s*(?:进度|比率|各项比率|开复工情况)", stats_rates, ("各市进度",)),
    Form(r"{BY_ZH}\s*的?\s*(?:重点)?(?:项目|投资|项目投资|投资额)", stats_projects, ("各市投资",)),
    Form(r"{CITY}{METRIC}{IN}", rates, ("开工率", "大庆开复工率")),
    Form(r"(?:搜索|查找|检索|搜(?!索))\s*{QUERY}{IN}", search, ("搜索 风电",)),
)

_FILLER = re.compile(
    r"(?:(?:show(?:\s+me)?|list|give\s+me|get|what\s+are|all|the)\s+"
    r"|(?:" + "|".join(ZH_FILLERS) + r")\s*)+",
    re.I,
)
_TRAILING = re.compile(r"[\s?？。!！.]*(?:有哪些|是多少|有多少)?[\s?？。!！]*$")


@functools.lru_cache(maxsize=None)
def _compiled(i: int) -> re.Pattern[str]:
    """Form ``i``'s pattern, compiled on first use (a phrase usually matches an early form)."""
    pattern = FORMS[i].pattern
    for name in sorted(_FRAGMENTS, key=len, reverse=True):
        pattern = pattern.replace("{" + name + "}", _FRAGMENTS[name])
    return re.compile(pattern, re.I)


def _examples() -> tuple[str, ...]:
    return tuple(example for form in FORMS for example in form.examples)


def normalise(phrase: str) -> str:
    """The phrase as the grammar sees it.

    >>> normalise('  Projects   OVER １ 亿？ ')
    'Projects OVER 1亿'
    >>> normalise('大庆 1亿以上项目有哪些')
    '大庆 1亿以上项目'
    >>> normalise('search \\x1b[31m风电\\x1b[0m')
    'search 风电'
    """
    text = sanitize(unicodedata.normalize("NFKC", phrase), one_line=True)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"(?<=[0-9])\s+(?=[万亿元])", "", text)
    stripped = _TRAILING.sub("", text)
    return stripped or text


def route(phrase: str) -> Route:
    """Map a short English or Chinese phrase onto a command.

    >>> route('projects over 5000万 in 大庆')
    Route(command='projects', args={'over': Decimal('50000000'), 'city': '大庆'})
    >>> route('各市开工率').explain()
    'xmqw stats rates --by city --metric 开工率 --metric 复工率 --metric 开复工率'
    >>> route('weather tomorrow')  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    xmqw.phrases.PhraseError: cannot understand 'weather tomorrow'; known forms: ...
    """
    text = normalise(phrase[: MAX_PHRASE + 1])
    if len(phrase) > MAX_PHRASE or len(text) > MAX_PHRASE:
        raise PhraseError(f"phrase too long (at most {MAX_PHRASE} characters)", _examples())
    candidates = [text]
    filler = _FILLER.match(text)
    if filler and text[filler.end():]:
        candidates.append(text[filler.end():])
    for candidate in candidates:
        for i, form in enumerate(FORMS):
            match = _compiled(i).fullmatch(candidate)
            if match:
                groups = {k: v for k, v in match.groupdict().items() if v}
                return form.build(groups, phrase)
    known = " | ".join(_examples())
    raise PhraseError(f"cannot understand {phrase!r}; known forms: {known}", _examples())
