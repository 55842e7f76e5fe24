"""Gazetteer data, city names, and city detection on the seeds and our own sentences."""

from __future__ import annotations

import csv
import os
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xmqw.cleaning.script import to_simplified
from xmqw.gazetteer import Place, detect_city, normalise_city, province_of
from xmqw.paths import bundled_data_dir

TSV = bundled_data_dir() / "gazetteer.tsv"
SEED_DIR = Path(os.environ.get("XMQW_SEEDS", "/work/shared/seeds"))
SEEDS = sorted(SEED_DIR.glob("*.txt"))
needs_seeds = pytest.mark.skipif(not SEEDS, reason=f"seed articles not found in {SEED_DIR}")


def tsv_rows() -> list[dict[str, str]]:
    with TSV.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def test_tsv_columns_and_levels():
    rows = tsv_rows()
    assert list(rows[0]) == ["adcode", "name", "short", "level", "province", "prefecture"]
    assert Counter(r["level"] for r in rows) == {"province": 34, "prefecture": 334, "county": 2851}
    assert len({r["adcode"] for r in rows}) == len(rows)


def test_tsv_every_county_has_a_city_in_its_province():
    rows = tsv_rows()
    cities = {(r["province"], r["prefecture"]) for r in rows if r["level"] != "county" and r["prefecture"]}
    for r in rows:
        if r["level"] == "county" and (r["province"], r["prefecture"]) not in cities:
            # only units directly under their province stand as their own city
            assert r["adcode"][2:4] == "90", r


TSV_ROWS = [
    # adcode, name, short, level, province, prefecture
    ("230000", "黑龙江省", "黑龙江", "province", "黑龙江", ""),
    ("450000", "广西壮族自治区", "广西", "province", "广西", ""),
    ("110000", "北京市", "北京", "province", "北京", "北京"),
    ("230800", "佳木斯市", "佳木斯", "prefecture", "黑龙江", "佳木斯"),
    ("422800", "恩施土家族苗族自治州", "恩施", "prefecture", "湖北", "恩施"),
    ("653000", "克孜勒苏柯尔克孜自治州", "克孜勒苏", "prefecture", "新疆", "克孜勒苏"),
    ("152200", "兴安盟", "兴安", "prefecture", "内蒙古", "兴安"),
    ("230822", "桦南县", "桦南县", "county", "黑龙江", "佳木斯"),
    ("230606", "大同区", "大同区", "county", "黑龙江", "大庆"),
    ("110105", "朝阳区", "朝阳区", "county", "北京", "北京"),
    ("500101", "万州区", "万州区", "county", "重庆", "重庆"),
    ("419001", "济源市", "济源市", "county", "河南", "济源"),
    ("429021", "神农架林区", "神农架林区", "county", "湖北", "神农架"),
]


@pytest.mark.parametrize("row", TSV_ROWS, ids=lambda r: r[1])
def test_tsv_rows(row):
    by_code = {r["adcode"]: tuple(r.values()) for r in tsv_rows()}
    assert by_code[row[0]] == row


@pytest.mark.parametrize(
    "name,expected",
    [
        ("大庆市", "大庆"), ("大庆", "大庆"), ("大慶", "大庆"), ("大慶市", "大庆"),
        (" 佳木斯 ", "佳木斯"), ("北京市", "北京"), ("北京", "北京"), ("恩施土家族苗族自治州", "恩施"),
        ("吉林市", "吉林"), ("济源市", "济源"), ("大同", "大同"),
        ("桦南县", None), ("黑龙江省", None), ("开发区", None), ("", None), ("Tokyo", None),
    ],
)
def test_normalise_city(name, expected):
    assert normalise_city(name) == expected


@pytest.mark.parametrize(
    "city,expected",
    [("佳木斯", "黑龙江"), ("大庆市", "黑龙江"), ("漯河", "河南"), ("烟台", "山东"), ("葫芦岛", "辽宁"),
     ("重庆", "重庆"), ("吉林", "吉林"), ("海南", "青海"), ("仙桃", "湖北"), ("东京", None)],
)
def test_province_of(city, expected):
    assert province_of(city) == expected


SEED_PLACES = {
    "000": Place("佳木斯", "黑龙江"),
    "001": Place("大庆", "黑龙江"),
    "002": Place("漯河", "河南"),
    "003": Place("烟台", "山东"),
    "004": Place("葫芦岛", "辽宁"),
}


@needs_seeds
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_city(path):
    text = to_simplified(path.read_text(encoding="utf-8"))
    title, _, body = text.partition("\n")
    expected = SEED_PLACES[path.stem[:3]]
    assert detect_city(title, body) == expected
    assert detect_city(None, text) == expected


# (label, title, body, expected) — our own sentences in the style of the articles
CASES = [
    ("full name", "", "今年以来，齐齐哈尔市新开工亿元以上项目42个，完成投资56亿元。",
     Place("齐齐哈尔", "黑龙江")),
    ("short name in title", "绥化：重点项目建设跑出加速度", "全市新签约项目18个，总投资95亿元。",
     Place("绥化", "黑龙江")),
    ("title outweighs body", "牡丹江：项目建设提速", "与哈尔滨企业签约，哈尔滨客商前来考察。",
     Place("牡丹江", "黑龙江")),
    ("counties map up to their city", "", "尚志市风电项目并网发电，五常市稻米加工园开工建设。",
     Place("哈尔滨", "黑龙江")),
    ("district maps up", "", "我市大同区新建年产10万吨生物质项目，萨尔图区同步推进。",
     Place("大庆", "黑龙江")),
    ("ambiguous district ignored", "", "朝阳区新建学校项目开工，城区道路改造同步推进，鼓楼区完成投资。",
     None),
    ("ambiguous district does not hide the city", "", "长春市朝阳区新建学校项目开工，城区道路改造同步推进。",
     Place("长春", "吉林")),
    ("risky short names are words here", "", "确保定期调度，实现长治久安，推动世界大同，优化山东营商环境。",
     None),
    ("names inside common words", "", "隆重庆祝建党百年，举办盛大庆典，确保山体稳定，推广复合肥。",
     None),
    ("generic county names", "", "推进老城区改造，建设新兴城市和沿海城市，站前区商业开业。",
     None),
    ("names inside common words do not hide real ones", "重庆：重大项目提速", "重庆新开工重大项目80个。",
     Place("重庆", "重庆")),
    ("risky short name counts with 市", "大同市重点项目集中开工", "大同市新开工项目56个。",
     Place("大同", "山西")),
    ("吉林 alone is the province", "吉林省重点项目建设综述", "吉林全省开复工项目1200个。",
     Place(None, "吉林")),
    ("吉林市 is the city", "吉林市重点项目建设提速", "全市新开工项目86个。",
     Place("吉林", "吉林")),
    ("province only", "河南省重点项目建设综述", "1至5月份，全省重点项目完成投资4500亿元。",
     Place(None, "河南")),
    ("no place at all", "项目建设跑出加速度", "全年计划新开工项目120个，目前已开工98个。",
     None),
    ("self reference makes one full name enough", "", "我市印发《鹤岗市重点项目包保工作方案》，压实责任。",
     Place("鹤岗", "黑龙江")),
    ("a metropolitan area is not the city", "", "我市加快融入郑州都市圈，推动项目落地。",
     None),
    ("市场 is a market, not 市", "", "双鸭山市场主体持续增加，双鸭山新增项目12个。",
     Place("双鸭山", "黑龙江")),
    ("区域 is not a district", "", "加快新兴区域建设，推进重大项目落地。",
     None),
    ("keyword spam run ignored", "", "重点项目开工。\n浏阳市| 隆安县| 句容市| 大城县| 永泰县|",
     None),
    ("municipality", "", "重庆市两江新区重点项目集中开工，总投资320亿元。",
     Place("重庆", "重庆")),
    ("county-level city under its province", "", "济源市新开工重点项目23个，济源产城融合示范区建设提速。",
     Place("济源", "河南")),
    ("autonomous prefecture by short name", "恩施：重点项目提质增效", "恩施州新开工项目45个。",
     Place("恩施", "湖北")),
]


@pytest.mark.parametrize("label,title,body,expected", CASES, ids=[c[0] for c in CASES])
def test_detect_city(label, title, body, expected):
    assert detect_city(title, body) == expected

PIECES = ["佳木斯", "市", "我市", "全市", "大同区", "朝阳区", "吉林", "省", "|", " ", "\n", "，", "项目",
          "郑州都市圈", "市场", "区域", "隆重庆祝", "北京", "济源", "海南", "县"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join),
       st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_detect_city_answers_known_places(title, body):
    place = detect_city(title, body)
    if place is not None:
        assert place.city is not None or place.province is not None
        if place.city is not None:
            assert normalise_city(place.city) == place.city
            assert province_of(place.city) == place.province
