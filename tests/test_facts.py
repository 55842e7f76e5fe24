"""extract_facts end to end: the five seed articles (cleaned by the real cleaner), JSON-ready
records, and robustness on arbitrary text."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xmqw.cleaning import clean_article
from xmqw.extract import Facts, extract_facts
from xmqw.paths import bundled_data_dir

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

#: seed → projects over 1亿 (name, yuan), exactly
PROJECTS_OVER_1YI = {
    "000": [("隆基绿能高效单晶组建项目", 1_900_000_000), ("华润(黑龙江)中医药产业园项目", 300_000_000)],
    "001": [("大庆智陶瓷业有限公司日用瓷产业园项目", 300_000_000)],
    "002": [("金大地联碱绿色转型产业园项目", 12_000_000_000)],
    "003": [],
    "004": [],
}
#: seed → rates (metric, value, scope, period, period_date), exactly
RATES = {
    "000": [("开工率", 100, "省市重点项目", "前三季度", None),
            ("投资完成率", 111, "省市重点项目", "前三季度", None),
            ("开工率", 100, "省重点项目", "前三季度", None),
            ("资金到位率", 100, "省重点项目", "前三季度", None),
            ("投产率", 100, "省重点项目", "前三季度", None)],
    "001": [("开复工率", 77.3, "重点项目", "截至5月20日", "2021-05-20"),
            ("投资完成率", 16.4, "重点项目", "截至5月20日", "2021-05-20")],
    "002": [("投资完成率", 64.4, "省重点项目", "1至5月份", None),
            ("投资完成率", 66.9, "市重点项目", "1至5月份", None)],
    "003": [("开复工率", 93.8, "市级重点项目", None, None)],
    "004": [("开复工率", 65.8, None, "截至6月初", "2022-06"),
            ("复工率", 91.4, "续建项目", "截至6月初", "2022-06"),
            ("开工率", 43.7, "新项目", "截至6月初", "2022-06")],
}
#: named projects without an amount that must be found, with (capacity, status)
NAMED = {
    "000": {"桦南县华润新能源30万千瓦风力发电项目": ("30万千瓦", "开工")},
    "003": {"宝能烟台国际物流中心项目": (None, None), "万华聚氨酯产业链一体化——乙烯项目": (None, None)},
    "004": {"葫芦岛连石化工有限责任公司年产3.5万吨苯二胺项目": ("3.5万吨", "竣工")},
}


def seed_raw(prefix: str) -> str:
    """The raw text of a seed: from the shared seed folder, else from the bundled corpus."""
    if SEEDS.is_dir():
        (path,) = SEEDS.glob(prefix + "_*.txt")
        return path.read_text(encoding="utf-8")
    corpus = bundled_data_dir() / "corpus"
    (record,) = (corpus / "articles").glob(prefix + "_*.json")
    meta = json.loads(record.read_text(encoding="utf-8"))
    return (corpus / "raw" / meta["sha"]).read_bytes().decode(meta["encoding"])


def seed_facts(prefix: str) -> tuple[str, Facts]:
    cleaned = clean_article(seed_raw(prefix))
    year = int(cleaned.published[:4]) if cleaned.published else None
    return cleaned.text, extract_facts(cleaned.text, year=year)


@pytest.mark.parametrize("prefix", sorted(PROJECTS_OVER_1YI))
def test_seed_projects_over_1yi(prefix):
    _, facts = seed_facts(prefix)
    got = [(p.name, int(p.amount_yuan)) for p in facts.projects
           if p.amount_yuan is not None and p.amount_yuan > Decimal("100000000")]
    assert got == PROJECTS_OVER_1YI[prefix]


@pytest.mark.parametrize("prefix", sorted(RATES))
def test_seed_rates(prefix):
    _, facts = seed_facts(prefix)
    got = [(r.metric, r.to_dict()["value"], r.scope, r.period, r.period_date) for r in facts.rates]
    assert got == RATES[prefix]


@pytest.mark.parametrize("prefix", sorted(NAMED))
def test_seed_named_projects(prefix):
    _, facts = seed_facts(prefix)
    found = {p.name: (p.capacity, p.status) for p in facts.projects}
    for name, expected in NAMED[prefix].items():
        assert found.get(name) == expected


@pytest.mark.parametrize("prefix", sorted(RATES))
def test_seed_facts_point_at_their_sentences(prefix):
    text, facts = seed_facts(prefix)
    for record in facts.projects + facts.rates + facts.totals:
        assert text[record.start:record.end] == record.sentence


def test_seed_totals_of_daqing():
    _, facts = seed_facts("001")
    got = {(t.kind, t.label, t.to_dict()["value"]) for t in facts.totals}
    assert {("count", "重点项目", 387), ("count", "新建", 210), ("count", "续建", 177),
            ("investment", "总投资", 152_820_000_000), ("planned_investment", "年度计划投资", 57_750_000_000),
            ("count", "已开复工", 299), ("completed_investment", "完成投资", 9_450_000_000)} <= got


def test_seed_aggregates_are_totals_not_projects():
    _, facts = seed_facts("000")
    assert ("investment", 10_000_000_000, "超") in {(t.kind, t.to_dict()["value"], t.qualifier) for t in facts.totals}
    assert ("count", 208) in {(t.kind, t.to_dict()["value"]) for t in facts.totals}


def test_to_dict_is_json_ready():
    facts = extract_facts("前三季度，全市开工率达到100%，投资5亿元的抚松县人参产业园项目开工，全市总投资12.5亿元。",
                          year=2021)
    records = [r.to_dict() for r in facts.projects + facts.rates + facts.totals]
    assert records and json.loads(json.dumps(records, ensure_ascii=False)) == records
    assert facts.rates[0].to_dict()["value"] == 100
    assert facts.totals[-1].to_dict()["value"] == 1_250_000_000


#: characters the extractors react to, so that random text often hits their patterns
PATTERN_CHARS = list("项目总投资亿万元的、，。；%：“”()（）——等个率开工复续建签约投产竣工1234567890."
                     "其中该全市省重点截至月日年季度上半年分别为均达到完成年度计划《》\n ")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(PATTERN_CHARS) | st.characters(), max_size=200),
       st.one_of(st.none(), st.integers(1, 9999)))
def test_never_raises(text, year):
    facts = extract_facts(text, year=year)
    for record in facts.projects + facts.rates + facts.totals:
        assert text[record.start:record.end] == record.sentence
        json.dumps(record.to_dict(), ensure_ascii=False)
