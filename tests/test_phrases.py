"""The phrase router: every known form maps to an exact Route and command line."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xmqw.extract.amounts import parse_amount_arg
from xmqw.phrases import FORMS, PhraseError, Route, route

YI = Decimal("100000000")
START = ["开工率", "复工率", "开复工率"]

# (phrase, expected route, expected command line)
CASES = [
    # SPEC §4, English
    ("projects over 1亿", Route("projects", {"over": YI}), "xmqw projects --over 1亿"),
    ("projects over 5000万 in 大庆", Route("projects", {"over": Decimal("50000000"), "city": "大庆"}),
     "xmqw projects --over 5000万 --city 大庆"),
    ("projects under 10亿", Route("projects", {"under": 10 * YI}), "xmqw projects --under 10亿"),
    ("start rate by city", Route("stats", {"what": "rates", "by": "city", "metrics": START}),
     "xmqw stats rates --by city --metric 开工率 --metric 复工率 --metric 开复工率"),
    ("rates by city", Route("stats", {"what": "rates", "by": "city"}), "xmqw stats rates --by city"),
    ("investment by city", Route("stats", {"what": "projects", "by": "city"}),
     "xmqw stats projects --by city"),
    ("projects by city", Route("stats", {"what": "projects", "by": "city"}),
     "xmqw stats projects --by city"),
    ("search 风电", Route("search", {"query": "风电"}), "xmqw search 风电"),
    # SPEC §4, Chinese
    ("1亿以上项目", Route("projects", {"over": YI}), "xmqw projects --over 1亿"),
    ("投资超过1亿的项目", Route("projects", {"over": YI}), "xmqw projects --over 1亿"),
    ("各市开工率", Route("stats", {"what": "rates", "by": "city", "metrics": START}),
     "xmqw stats rates --by city --metric 开工率 --metric 复工率 --metric 开复工率"),
    # English variants: case, spacing, comparison words, cities, ranges
    ("PROJECTS  OVER 1.5亿", Route("projects", {"over": Decimal("150000000")}),
     "xmqw projects --over 1.5亿"),
    ("project over 1 亿", Route("projects", {"over": YI}), "xmqw projects --over 1亿"),
    ("projects > 1e8", Route("projects", {"over": YI}), "xmqw projects --over 1亿"),
    ("projects>=100000000 in 大庆市", Route("projects", {"over": YI, "city": "大庆市"}),
     "xmqw projects --over 1亿 --city 大庆市"),
    ("projects above 2万亿", Route("projects", {"over": Decimal("2000000000000")}),
     "xmqw projects --over 2万亿"),
    ("projects more than 3亿元", Route("projects", {"over": 3 * YI}), "xmqw projects --over 3亿"),
    ("projects below 50亿", Route("projects", {"under": 50 * YI}), "xmqw projects --under 50亿"),
    ("projects less than 5000万 in 烟台", Route("projects", {"under": Decimal("5E+7"), "city": "烟台"}),
     "xmqw projects --under 5000万 --city 烟台"),
    ("projects over 1亿 under 50亿", Route("projects", {"over": YI, "under": 50 * YI}),
     "xmqw projects --over 1亿 --under 50亿"),
    ("projects >1亿<10亿", Route("projects", {"over": YI, "under": 10 * YI}),
     "xmqw projects --over 1亿 --under 10亿"),
    ("projects between 1亿 and 10亿 in 佳木斯",
     Route("projects", {"over": YI, "under": 10 * YI, "city": "佳木斯"}),
     "xmqw projects --over 1亿 --under 10亿 --city 佳木斯"),
    ("projects in 大庆", Route("projects", {"city": "大庆"}), "xmqw projects --city 大庆"),
    ("projects in 大庆 over 1亿", Route("projects", {"over": YI, "city": "大庆"}),
     "xmqw projects --over 1亿 --city 大庆"),
    ("projects in 大庆 over 1亿 and under 5亿", Route("projects", {"over": YI, "under": 5 * YI, "city": "大庆"}),
     "xmqw projects --over 1亿 --under 5亿 --city 大庆"),
    ("projects", Route("projects", {}), "xmqw projects"),
    ("list projects over 1亿", Route("projects", {"over": YI}), "xmqw projects --over 1亿"),
    ("show me all projects in 漯河", Route("projects", {"city": "漯河"}), "xmqw projects --city 漯河"),
    # English aggregates and rates
    ("Start Rate By City", Route("stats", {"what": "rates", "by": "city", "metrics": START}),
     "xmqw stats rates --by city --metric 开工率 --metric 复工率 --metric 开复工率"),
    ("start rates per cities", Route("stats", {"what": "rates", "by": "city", "metrics": START}),
     "xmqw stats rates --by city --metric 开工率 --metric 复工率 --metric 开复工率"),
    ("restart rate by city", Route("stats", {"what": "rates", "by": "city", "metrics": START}),
     "xmqw stats rates --by city --metric 开工率 --metric 复工率 --metric 开复工率"),
    ("completion rate by city",
     Route("stats", {"what": "rates", "by": "city", "metrics": ["投资完成率"]}),
     "xmqw stats rates --by city --metric 投资完成率"),
    ("投资完成率 by city", Route("stats", {"what": "rates", "by": "city", "metrics": ["投资完成率"]}),
     "xmqw stats rates --by city --metric 投资完成率"),
    ("开工率 by city", Route("stats", {"what": "rates", "by": "city", "metrics": START}),
     "xmqw stats rates --by city --metric 开工率 --metric 复工率 --metric 开复工率"),
    ("progress by province", Route("stats", {"what": "rates", "by": "province"}),
     "xmqw stats rates --by province"),
    ("rates by month", Route("stats", {"what": "rates", "by": "month"}), "xmqw stats rates --by month"),
    ("amounts by province", Route("stats", {"what": "amounts", "by": "province"}),
     "xmqw stats amounts --by province"),
    ("investments by source", Route("stats", {"what": "projects", "by": "source"}),
     "xmqw stats projects --by source"),
    ("rates", Route("rates", {}), "xmqw rates"),
    ("rates in 葫芦岛", Route("rates", {"city": "葫芦岛"}), "xmqw rates --city 葫芦岛"),
    ("show me the rates in 葫芦岛?", Route("rates", {"city": "葫芦岛"}), "xmqw rates --city 葫芦岛"),
    ("start rate in 大庆", Route("rates", {"metrics": START, "city": "大庆"}),
     "xmqw rates --metric 开工率 --metric 复工率 --metric 开复工率 --city 大庆"),
    ("restart rate", Route("rates", {"metrics": ["复工率"]}), "xmqw rates --metric 复工率"),
    ("start/restart rate", Route("rates", {"metrics": ["开复工率"]}), "xmqw rates --metric 开复工率"),
    ("funding rate", Route("rates", {"metrics": ["资金到位率"]}), "xmqw rates --metric 资金到位率"),
    ("production rate", Route("rates", {"metrics": ["投产率"]}), "xmqw rates --metric 投产率"),
    ("construction completion rate by city",
     Route("stats", {"what": "rates", "by": "city", "metrics": ["竣工率"]}),
     "xmqw stats rates --by city --metric 竣工率"),
    ("finish rate", Route("rates", {"metrics": ["竣工率"]}), "xmqw rates --metric 竣工率"),
    # search
    ("search 风电 in 大庆", Route("search", {"query": "风电", "city": "大庆"}),
     "xmqw search 风电 --city 大庆"),
    ("search for 光伏 in 佳木斯", Route("search", {"query": "光伏", "city": "佳木斯"}),
     "xmqw search 光伏 --city 佳木斯"),
    ("find 风电", Route("search", {"query": "风电"}), "xmqw search 风电"),
    ('search "made in china"', Route("search", {"query": "made in china"}),
     "xmqw search 'made in china'"),
    ("grep “风 电”", Route("search", {"query": "风 电"}), "xmqw search '风 电'"),
    ("搜索 风电", Route("search", {"query": "风电"}), "xmqw search 风电"),
    ("搜索风电", Route("search", {"query": "风电"}), "xmqw search 风电"),
    ("search -风电 in 大庆", Route("search", {"query": "-风电", "city": "大庆"}),
     "xmqw search --city 大庆 -- -风电"),
    ("search \x1b[31m风电\x1b[0m", Route("search", {"query": "风电"}), "xmqw search 风电"),
    ("搜风电", Route("search", {"query": "风电"}), "xmqw search 风电"),
    ("搜 氢能 in 漯河", Route("search", {"query": "氢能", "city": "漯河"}),
     "xmqw search 氢能 --city 漯河"),
    # overview, articles
    ("stats", Route("stats", {}), "xmqw stats"),
    ("overview", Route("stats", {}), "xmqw stats"),
    ("概况", Route("stats", {}), "xmqw stats"),
    ("articles", Route("articles", {}), "xmqw articles"),
    ("所有文章", Route("articles", {}), "xmqw articles"),
    # Chinese projects
    ("１亿以上项目？", Route("projects", {"over": YI}), "xmqw projects --over 1亿"),
    ("1亿元以上的项目", Route("projects", {"over": YI}), "xmqw projects --over 1亿"),
    ("投资1亿以上的项目", Route("projects", {"over": YI}), "xmqw projects --over 1亿"),
    ("投资额超过5000万元的项目", Route("projects", {"over": Decimal("50000000")}),
     "xmqw projects --over 5000万"),
    ("总投资超10亿元的重点项目", Route("projects", {"over": 10 * YI}), "xmqw projects --over 10亿"),
    ("超过1亿的项目", Route("projects", {"over": YI}), "xmqw projects --over 1亿"),
    ("大庆 1亿以上项目", Route("projects", {"over": YI, "city": "大庆"}),
     "xmqw projects --over 1亿 --city 大庆"),
    ("大庆的1亿以上项目", Route("projects", {"over": YI, "city": "大庆"}),
     "xmqw projects --over 1亿 --city 大庆"),
    ("大庆投资超过1亿的项目", Route("projects", {"over": YI, "city": "大庆"}),
     "xmqw projects --over 1亿 --city 大庆"),
    ("大庆市投资超过1亿的项目", Route("projects", {"over": YI, "city": "大庆市"}),
     "xmqw projects --over 1亿 --city 大庆市"),
    ("三亚1亿以上项目", Route("projects", {"over": YI, "city": "三亚"}),
     "xmqw projects --over 1亿 --city 三亚"),
    ("1亿以上项目 in 大庆", Route("projects", {"over": YI, "city": "大庆"}),
     "xmqw projects --over 1亿 --city 大庆"),
    ("列出1亿以上项目", Route("projects", {"over": YI}), "xmqw projects --over 1亿"),
    ("1亿以上项目有哪些", Route("projects", {"over": YI}), "xmqw projects --over 1亿"),
    ("10亿以下项目", Route("projects", {"under": 10 * YI}), "xmqw projects --under 10亿"),
    ("10亿元以下的项目", Route("projects", {"under": 10 * YI}), "xmqw projects --under 10亿"),
    ("投资不到10亿的项目", Route("projects", {"under": 10 * YI}), "xmqw projects --under 10亿"),
    ("投资低于10亿的项目", Route("projects", {"under": 10 * YI}), "xmqw projects --under 10亿"),
    ("大庆的项目", Route("projects", {"city": "大庆"}), "xmqw projects --city 大庆"),
    ("查看大庆的项目", Route("projects", {"city": "大庆"}), "xmqw projects --city 大庆"),
    ("重点项目", Route("projects", {}), "xmqw projects"),
    ("项目", Route("projects", {}), "xmqw projects"),
    # Chinese aggregates
    ("各城市开工率", Route("stats", {"what": "rates", "by": "city", "metrics": START}),
     "xmqw stats rates --by city --metric 开工率 --metric 复工率 --metric 开复工率"),
    ("各地复工率", Route("stats", {"what": "rates", "by": "city", "metrics": START}),
     "xmqw stats rates --by city --metric 开工率 --metric 复工率 --metric 开复工率"),
    ("各市的开复工率", Route("stats", {"what": "rates", "by": "city", "metrics": START}),
     "xmqw stats rates --by city --metric 开工率 --metric 复工率 --metric 开复工率"),
    ("各市投资完成率", Route("stats", {"what": "rates", "by": "city", "metrics": ["投资完成率"]}),
     "xmqw stats rates --by city --metric 投资完成率"),
    ("各市完成率", Route("stats", {"what": "rates", "by": "city", "metrics": ["投资完成率"]}),
     "xmqw stats rates --by city --metric 投资完成率"),
    ("各市资金到位率", Route("stats", {"what": "rates", "by": "city", "metrics": ["资金到位率"]}),
     "xmqw stats rates --by city --metric 资金到位率"),
    ("按省开工率", Route("stats", {"what": "rates", "by": "province", "metrics": START}),
     "xmqw stats rates --by province --metric 开工率 --metric 复工率 --metric 开复工率"),
    ("各月投资完成率", Route("stats", {"what": "rates", "by": "month", "metrics": ["投资完成率"]}),
     "xmqw stats rates --by month --metric 投资完成率"),
    ("各市进度", Route("stats", {"what": "rates", "by": "city"}), "xmqw stats rates --by city"),
    ("各市投资", Route("stats", {"what": "projects", "by": "city"}), "xmqw stats projects --by city"),
    ("各市项目", Route("stats", {"what": "projects", "by": "city"}), "xmqw stats projects --by city"),
    # Chinese rates
    ("开工率", Route("rates", {"metrics": ["开工率"]}), "xmqw rates --metric 开工率"),
    ("资金到位率", Route("rates", {"metrics": ["资金到位率"]}), "xmqw rates --metric 资金到位率"),
    ("完成率", Route("rates", {"metrics": ["投资完成率"]}), "xmqw rates --metric 投资完成率"),
    ("大庆开复工率", Route("rates", {"metrics": ["开复工率"], "city": "大庆"}),
     "xmqw rates --metric 开复工率 --city 大庆"),
    ("大庆的开工率", Route("rates", {"metrics": ["开工率"], "city": "大庆"}),
     "xmqw rates --metric 开工率 --city 大庆"),
    ("开工率 in 大庆", Route("rates", {"metrics": ["开工率"], "city": "大庆"}),
     "xmqw rates --metric 开工率 --city 大庆"),
    ("葫芦岛开复工率是多少", Route("rates", {"metrics": ["开复工率"], "city": "葫芦岛"}),
     "xmqw rates --metric 开复工率 --city 葫芦岛"),
]


@pytest.mark.parametrize("phrase, expected, command", CASES, ids=[c[0] for c in CASES])
def test_route(phrase, expected, command):
    got = route(phrase)
    assert got == expected
    assert got.explain() == command


def test_every_known_form_is_a_case():
    """The examples shown to users are all pinned above with exact routes."""
    examples = [e for form in FORMS for e in form.examples]
    assert len(examples) == len(set(examples))
    assert set(examples) <= {c[0] for c in CASES}


@pytest.mark.parametrize("index", range(len(FORMS)))
def test_each_example_is_matched_by_its_own_form(index):
    """No form is shadowed by an earlier one."""
    import xmqw.phrases as P

    for example in FORMS[index].examples:
        text = P.normalise(example)
        first = next(i for i in range(len(FORMS)) if P._compiled(i).fullmatch(text))
        assert first == index, example


@pytest.mark.parametrize("phrase", [c[0] for c in CASES if "over" in c[1].args or "under" in c[1].args])
def test_explained_amounts_parse_back(phrase):
    got = route(phrase)
    for key in ("over", "under"):
        if key in got.args:
            word = got.explain().split(f"--{key} ")[1].split()[0]
            assert parse_amount_arg(word) == got.args[key]


@pytest.mark.parametrize(
    "phrase",
    ["weather tomorrow", "", "   ", "projects over", "projects sideways 1亿", "rates by planet",
     "各市天气", "hello 你好", "search", "搜索", "search \"\"", "projects in", "x" * 300],
)
def test_unknown_phrases(phrase):
    with pytest.raises(PhraseError) as info:
        route(phrase)
    assert "projects over 1亿" in info.value.forms
    assert "各市开工率" in info.value.forms


def test_unknown_phrase_message_lists_forms():
    with pytest.raises(PhraseError) as info:
        route("tell me a story")
    message = str(info.value)
    assert message.startswith("cannot understand 'tell me a story'; known forms: ")
    assert "projects over 5000万 in 大庆 | " in message
    assert "\n" not in message


@pytest.mark.parametrize(
    "phrase, amount",
    [("projects over 1亿亿", "1亿亿"), ("projects under 亿万", "亿万"),
     ("projects over abc in 大庆", "abc"), ("1.2.3亿以上项目", "1.2.3亿"),
     ("投资超过1亿亿的项目", "1亿亿"), ("projects between 1亿 and 十亿亿", "十亿亿")],
)
def test_malformed_amount_says_what_is_accepted(phrase, amount):
    with pytest.raises(PhraseError) as info:
        route(phrase)
    message = str(info.value)
    assert f"cannot read the amount {amount!r}" in message
    assert "5000万" in message and "1e8" in message  # what amounts look like


def test_route_is_a_value():
    assert Route("projects", {"over": YI}) == Route("projects", {"over": Decimal("1E+8")})
    assert Route("rates", {}) != Route("stats", {})


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60))
def test_route_never_raises_anything_but_phrase_error(text):
    try:
        got = route(text)
    except PhraseError:
        return
    assert got.command in {"projects", "rates", "stats", "search", "articles"}
    assert got.explain().startswith("xmqw " + got.command)


WORDS = ["projects", "over", "under", "in", "by", "city", "rate", "search", "1亿", "5000万",
         "大庆", "各市", "开工率", "以上", "项目", "投资", "超过", "的", " ", "亿", "1e8", ">", "\"",
         "\x1b[31m", "\ud800", "１", "between", "and"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=8).map("".join))
def test_route_on_grammar_shaped_noise(text):
    try:
        route(text)
    except PhraseError:
        pass
