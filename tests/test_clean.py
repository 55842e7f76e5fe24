"""Cleaning: one table of cases per rule, negatives, the five seeds, properties."""

import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xmqw.cleaning import CLEANERS, clean_article, clean_body
from xmqw.cleaning.notes import Notes

CASES = Path(__file__).parent / "cases"
SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"

RULE_CASES = json.loads((CASES / "clean.json").read_text(encoding="utf-8"))
NEGATIVE = json.loads((CASES / "negative.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", RULE_CASES, ids=lambda c: f"{c['rule']}: {c['label']}")
def test_rule(case):
    notes = Notes()
    assert CLEANERS[case["rule"]](case["input"], notes) == case["expect"]
    for name, expected in case.get("notes", {}).items():
        assert getattr(notes, name) == expected, name


def test_every_rule_has_cases():
    assert set(CLEANERS) == {c["rule"] for c in RULE_CASES}


def test_log_only_records_rules_that_changed_something():
    notes = Notes()
    for rule in CLEANERS.values():
        rule("重点项目建设进度持续刷新。", notes)
    assert notes.log == {}


@pytest.mark.parametrize("case", NEGATIVE, ids=lambda c: c["label"])
def test_negative_unchanged(case):
    assert clean_body(case["text"]) == case["text"]
    for name, rule in CLEANERS.items():
        if name != "take_title":
            assert rule(case["text"]) == case["text"], name


# --- synthetic GBK byte-shift damage ---------------------------------------------


def damage(before: str, lost: str, middle: str, annotated: str, reading: str, after: str, nfkc: bool):
    """Lose the first byte of ``lost`` in GBK and decode the rest, as a
    scraper would; returns (damaged text, original text less the annotation,
    which the repair drops once it has confirmed the character)."""
    shifted = (lost + middle + annotated).encode("gbk")[1:].decode("gbk")
    if nfkc:
        shifted = unicodedata.normalize("NFKC", shifted)
    return before + shifted + f"({reading})" + after, before + lost + middle + annotated + after


SHIFTS = [
    ("“今年要完成投资30亿元", "。", "”", "縣", "xiàn", "发改局负责人说。"),
    ("“确保年底前投产", "！", "”", "設", "shè", "计单位表示。"),
    ("“还有哪些难题", "？", "”", "現", "xiàn", "场负责人回答。"),
    ("“这批项目全部开工", "。", "”县", "發", "fā", "改局局长说。"),
    ("“全年新开工项目200个", "。", "”市", "統", "tǒng", "计局负责人介绍。"),
]


@pytest.mark.parametrize("nfkc", [True, False], ids=["nfkc", "as-decoded"])
@pytest.mark.parametrize("parts", SHIFTS, ids=lambda p: p[0])
def test_gbk_shift_repaired(parts, nfkc):
    damaged, original = damage(*parts, nfkc=nfkc)
    assert damaged != original
    notes = Notes()
    assert CLEANERS["fix_gbk_shift"](damaged, notes) == original
    assert notes.flags == []


@pytest.mark.parametrize(
    "parts",
    [("推进", "項", "目", "發", "fā", "展"), ("全市", "项", "目", "網", "wǎng", "络")],
    ids=["lost 項", "lost 项"],
)
def test_gbk_shift_uncertain_is_flagged(parts):
    damaged, original = damage(*parts, nfkc=True)
    notes = Notes()
    assert CLEANERS["fix_gbk_shift"](damaged, notes) == damaged.replace(f"({parts[4]})", "")
    assert notes.suspect_spans and notes.suspect_spans[0].endswith(f"({parts[4]})")
    assert notes.flags == ["mojibake-unrepaired"]


# --- the five seeds ------------------------------------------------------------------

SEED_META = {
    "000": dict(
        title="佳木斯:冬日项目建设有热度有速度", published=None, source=None,
        reporters=["孙婧", "刘大泳"], editors=[], script="traditional",
    ),
    "001": dict(
        title="大庆市推进项目建设提速增效 299个重点项目开复工", published="2021-05-28T08:28",
        source="大庆日报", reporters=["赵龙"], editors=["王思迪", "王艳"], script="traditional",
    ),
    "002": dict(
        title=None, published=None, source=None,
        reporters=["谢晓龙", "丁泉洋"], editors=["瘦马"], script="traditional",
    ),
    "003": dict(
        title="叫响“项目为王、效率至上”,一切围着项目转 举全区之力服务项目建设",
        published="2019-08-03T09:29:41", source="胶东在线", reporters=[], editors=["王大鹏"],
        script="simplified",
    ),
    "004": dict(
        title="项目为王、实干为要 葫芦岛市按下高品质发展“加速键”", published="2022-06-10T18:36:53",
        source="中央广电总台国际在线", reporters=["王华"], editors=["黄非", "冯薇薇"], script="traditional",
    ),
}  # fmt: skip


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seeds():
    if not SEEDS.is_dir():
        pytest.skip("shared/seeds not beside the repository")
    return {prefix: clean_article(_seed(prefix)) for prefix in SEED_META}


@pytest.mark.parametrize("prefix", sorted(SEED_META))
def test_seed_metadata(seeds, prefix):
    c = seeds[prefix]
    got = {name: getattr(c, name) for name in SEED_META[prefix]}
    assert got == SEED_META[prefix]
    assert c.flags == []


TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
NOISE = {
    "pinyin annotation": re.compile(rf"[(（][a-zü]*[{TONED}][a-zü]*[)）]"),
    "pipe spam": re.compile(r"\|"),
    "font-size widget": re.compile(r"A\+|A-"),
    "copyright": re.compile(r"版权|转载"),
    "hotline": re.compile(r"热线|QQ群|爆料"),
    "header line": re.compile(r"^(?:来源|责编|编辑|\[|\()", re.M),
    "byline": re.compile(r"[(（](?:记者|文 )|记者 [\u4e00-\u9fff]{2,3}[)）]"),
    "caption": re.compile(r"_fororder_|供图"),
    "footer": re.compile(r"相关新闻|客户端|技术支持|网站简介|分享让更多人看到"),
    "traditional": re.compile(r"[項設發區開業實會個]"),
    "odd space or blank line": re.compile("[\xa0\u3000]|\n\n|^ | $", re.M),
}


@pytest.mark.parametrize("prefix", sorted(SEED_META))
@pytest.mark.parametrize("noise", sorted(NOISE))
def test_seed_text_has_no_noise(seeds, prefix, noise):
    assert NOISE[noise].search(seeds[prefix].text) is None


@pytest.mark.parametrize(
    "prefix, phrase",
    [
        ("000", "华润(黑龙江)中医药产业园项目"),
        ("000", "各县(市)区开工现场"),
        ("001", "实证实验平台(大庆基地)项目"),
        ("003", "规范管理流程(初稿)》"),
        ("003", "新开工项目库(2019年)》"),
        ("003", "优选项目库(第一批、第二批)》"),
        ("003", "东岳CVT变速器"),
        ("004", "年产3.5万吨苯二胺项目"),
        ("004", "绥中四方台、下骆驼"),
        ("002", "“1+8”郑州都市圈"),
        ("002", "金大地联碱绿色转型产业园项目"),
    ],
)
def test_seed_text_keeps(seeds, prefix, phrase):
    assert phrase in seeds[prefix].text


def test_seed_001_mojibake_repaired(seeds):
    assert "开复工个数同比增加27个。”市发改委工作人员告诉记者。" in seeds["001"].text
    assert seeds["001"].log["fix_gbk_shift"] == 1


def test_seed_004_captions(seeds):
    assert seeds["004"].captions == [
        "葫芦岛南票光伏新能源项目 供图 葫芦岛市委宣传部",
        "建设中的葫芦岛碧桂园星澜时代项目 供图 葫芦岛市委宣传部",
        "建设中的葫芦岛首创龙湾·山海天项目 供图 葫芦岛市委宣传部",
    ]


@pytest.mark.parametrize(
    "prefix, first, last",
    [
        ("000", "投资19亿元的隆基绿能", "再添新活力。"),
        ("001", "自4月21日大庆市2021年", "以优异成绩庆祝建党100周年。"),
        ("002", "日前,记者从市发改委获悉", "实现问题从收集到解决的闭环运行。"),
        ("003", "16个市级重点项目中", "有效保障了重点项目申报质量。"),
        ("004", "2022年初夏,在葫芦岛市", "带来新希望!"),
    ],
)
def test_seed_body_bounds(seeds, prefix, first, last):
    text = seeds[prefix].text
    assert text.startswith(first)
    assert text.endswith(last)


@pytest.mark.parametrize("prefix", sorted(SEED_META))
def test_seed_idempotent(seeds, prefix):
    text = seeds[prefix].text
    again = clean_article(text)
    assert again.text == text
    assert again.log == {}
    assert clean_body(text) == text


def test_crlf_bom_and_controls():
    raw = "\ufeff項目建設提速\r\n\r\n來源：某某日報\r\n全市項(xiàng)目\x00開工。\r\n"
    c = clean_article(raw)
    assert (c.title, c.source, c.text) == ("项目建设提速", "某某日报", "全市项目开工。")
    assert c.log["strip_controls"] == 2  # the byte-order mark and the NUL


# --- properties -------------------------------------------------------------------------

ARTICLE_ALPHABET = st.sampled_from(
    list("项目建设發展區(市)（）()：:，,。!！“”|\n \u3000\xa0\r\t") + ["(shè)", "(xiàng)", "A+A-", "记者 ", "来源:", "责编:"]
    + ["相关新闻", "_fororder_", " 供图 ", "2021年05月28日08:28", "笔邪l(fā)", "!", "⻄", "１２", "\x00"]
    + ["首页 > ", "▲", "(记者 甲乙)", "本报讯", "哈尔滨4月19日电", "分享让更多人看到", "甲| ", "版权所有", "的(de)"]
    + ["项目建设提速\n", "——项目巡礼\n", "图为现场\n", "\x1b[31m", "\x1b]0;t\x07"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), st.lists(ARTICLE_ALPHABET, max_size=60).map("".join)))
def test_clean_never_raises_and_is_idempotent(raw):
    c = clean_article(raw)
    assert clean_body(c.text) == c.text
    again = clean_article(c.text)  # the body alone: its first line is never taken as a title
    assert (again.title, again.text) == (None, c.text)
    whole = clean_article(f"{c.title}\n{c.text}" if c.title is not None else c.text)
    assert (whole.title, whole.text) == (c.title, c.text)
    body = clean_body(raw)
    assert clean_body(body) == body


ARTICLES = json.loads((CASES / "clean_articles.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", ARTICLES, ids=lambda c: c["label"])
def test_article(case):
    c = clean_article(case["input"])
    assert {name: getattr(c, name) for name in case["expect"]} == case["expect"]
    assert clean_article(c.text).text == c.text


def test_header_line_source_wins_over_end_credit():
    c = clean_article("标题\n来源：某某日报社新闻网\n正文。\n(来源：某某网)")
    assert c.source == "某某日报社新闻网"
