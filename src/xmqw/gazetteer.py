"""Chinese administrative divisions, and which city an article reports on.

The gazetteer (``data/gazetteer.tsv``, see ``data/GAZETTEER.md``) lists
provinces, prefecture-level divisions and counties/districts. A *city* here
is a prefecture-level division (佳木斯, 恩施), a municipality or SAR (北京,
香港), or a county-level unit directly under its province (济源, 仙桃); all
names returned are short names.

``detect_city(title, body)`` scores mentions:

* a city's full name (佳木斯市) 3 points, its short name (佳木斯) 2, a county
  or district whose name is unique in the country (桦南县 → 佳木斯) 2;
* mentions in the title count ``TITLE_FACTOR`` times;
* when the text speaks of "the city" itself (我市, 全市, 本市), full-name
  mentions (《漯河市…办法》, 漯河市委) count double, and one mention suffices;
* not counted: short names that are ordinary words or cross word boundaries
  (``RISKY_SHORT_NAMES``: 长治久安, 确保定期, 山东营商…) — those cities need
  their full name; county names shared by several places (朝阳区, 城区) or of
  two characters (东区); names before 都市圈/城市群 (a region, not the
  article's city); names inside common words (``NOT_PLACE_WORDS``: 隆重庆祝
  is not 重庆); anything inside a ``|``-separated keyword run.

The best city needs ``MIN_CITY_SCORE`` (``MIN_CITY_SCORE_SELF`` with
我市/全市/本市). Its province is the answer's province; without a city, the
province with the most mentions (its cities' mentions included) may still be
given, with ``city=None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from xmqw.paths import bundled_data_dir

# xmqw.cleaning.script is imported inside the functions that need it: importing
# the cleaning package costs more than loading the gazetteer, and city filters
# (normalise_city, province_of) rarely need it.

__all__ = ["Place", "detect_city", "normalise_city", "province_of"]

FULL_NAME_POINTS = 3
SHORT_NAME_POINTS = 2
COUNTY_POINTS = 2
PROVINCE_FULL_POINTS = 3
PROVINCE_SHORT_POINTS = 2
TITLE_FACTOR = 3
SELF_REFERENCE_FACTOR = 2
MIN_CITY_SCORE = 3
MIN_CITY_SCORE_SELF = 2
MIN_PROVINCE_SCORE = 3

#: Words by which an article refers to its own city.
SELF_REFERENCE = re.compile(r"我市|本市|全市")

#: City short names that are ordinary words, parts of common phrases, or
#: easily read across a word boundary; they count only as full names (大同市).
#: Short names equal to a province's short name (吉林, 海南) are added to
#: these automatically.
RISKY_SHORT_NAMES = frozenset(
    {
        "大同",  # 世界大同; also 大同区 in 大庆
        "长治",  # 长治久安
        "保定",  # 确保定期
        "中山",  # 孙中山, 中山路
        "开封",  # 开封 "to unseal"
        "朝阳",  # 朝阳产业, 朝阳区 (北京, 长春)
        "通化",  # 沟通化解
        "东营",  # 山东营商环境
        "安康",  # 平安安康
        "安顺",  # 平安顺利
        "白银",  # silver
        "三明",  # 三明治
        "日照",  # 日照时数
        "黄山",  # the mountain
        "白山",  # 白山黑水
        "四平",  # 四平八稳
        "来宾",  # guests
        "普洱",  # the tea
        "大理",  # 大理石
        "红河",  # the river
        "怒江",  # the river
        "文山",  # 文山会海
        "玉树",  # 玉树临风
        "哈密",  # 哈密瓜
        "阿里",  # 阿里巴巴
        "山南",  # 山南海北
        "海东",
        "海北",
        "海西",  # 海西经济区 (the west side of the Strait)
        "黄南",
        "兴安",  # 大兴安岭, 兴安岭
        "新乡",  # 新乡村
        "广安",  # 推广安全
        "宁德",  # 宁德时代, a company building plants everywhere
        "和田",  # 和田玉, a surname
        "天门",  # 省直辖 units whose short names are words
        "东方",
        "五指山",
        "文昌",
        "定安",
        "白沙",
        "昌江",
        "乐东",
        "保亭",
        "琼中",
        "屯昌",
        "临高",
        "澄迈",
        "万宁",
        "琼海",
        "陵水",
    }
)

#: Common words that would otherwise be read as containing a name across a
#: word boundary. They are matched like names (the longest match starting
#: leftmost wins) and counted for nothing, so the name inside is not seen.
NOT_PLACE_WORDS = (
    "确保",  # 确保山体稳定: not 保山
    "平安",  # 平安庆祝, 平安顺利: not 安庆, 安顺
    "隆重",  # 隆重庆祝: not 重庆
    "盛大",  # 盛大庆典: not 大庆
    "重大",  # 重大庆典活动: not 大庆
    "复合",  # 复合肥: not 合肥
    "夸海口",  # not 海口
    "北海道",  # Hokkaido, not 北海
    "黄河源",  # the source of the Yellow River, not 河源
    "万古长春",  # not 长春
    # county names that are generic words (老城区 "old town") or sit inside
    # them (沿海城市 holds 海城市, 新兴城市 holds 兴城市)
    "老城区",
    "古城区",
    "新市区",
    "新建区",
    "城东区",
    "城西区",
    "城北区",
    "城厢区",
    "市北区",
    "市南区",
    "南郊区",
    "解放区",
    "站前区",
    "港口区",
    "海港区",
    "海城区",
    "海城市",
    "兴城市",
)

#: A city name followed by one of these names a region around it.
REGIONAL_SUFFIX = re.compile(r"都市圈|城市群|经济圈|都市区|一小时")


@dataclass(frozen=True)
class Place:
    """Where an article reports on, as short names; ``city`` may be None
    when only the province is known."""

    city: str | None
    province: str | None


@dataclass(frozen=True)
class _Effect:
    kind: str  # 'city' | 'province'
    name: str  # short name of the city or province
    points: int
    full: bool  # a full name (佳木斯市), which self-reference doubles


@dataclass(frozen=True)
class _Gazetteer:
    city_province: dict[str, str]  # city short -> province short
    city_names: dict[str, str]  # full or short city name -> city short
    effects: dict[str, tuple[_Effect, ...]]  # token -> what a mention counts for


def _read_rows() -> list[list[str]]:
    path = bundled_data_dir() / "gazetteer.tsv"
    with path.open(encoding="utf-8") as f:
        lines = f.read().splitlines()
    return [line.split("\t") for line in lines[1:] if line]


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    rows = _read_rows()
    city_province: dict[str, str] = {}  # city short -> province short
    city_full: dict[str, str] = {}  # city full name -> city short
    province_full: dict[str, str] = {}
    city_provinces: set[str] = set()  # 北京, 香港: a province that is a city too
    for _code, name, short, level, province, prefecture in rows:
        if level == "province":
            province_full[name] = short
            if prefecture:
                city_provinces.add(short)
        if level != "county" and prefecture:  # prefectures, municipalities, SARs
            city_province[short] = province
            city_full[name] = short
    county_cities: dict[str, set[str]] = {}
    for _code, name, _short, level, province, prefecture in rows:
        if level != "county":
            continue
        if city_province.get(prefecture) == province:
            county_cities.setdefault(name, set()).add(prefecture)
        else:  # 省直辖县级: the unit is its own city
            city_province[prefecture] = province
            city_full[name] = prefecture

    risky = RISKY_SHORT_NAMES | set(province_full.values())
    effects: dict[str, list[_Effect]] = {}

    def add(token: str, effect: _Effect | None) -> None:
        bucket = effects.setdefault(token, [])
        if effect is not None:
            bucket.append(effect)

    for name, short in city_full.items():
        add(name, _Effect("city", short, FULL_NAME_POINTS, True))
        add(short, None if short in risky else _Effect("city", short, SHORT_NAME_POINTS, False))
    for name, short in province_full.items():
        add(name, _Effect("province", short, PROVINCE_FULL_POINTS, True))
        add(short, _Effect("province", short, PROVINCE_SHORT_POINTS, False))
        if short in city_provinces:
            effects[short].append(_Effect("city", short, SHORT_NAME_POINTS, False))
    for name, cities in county_cities.items():
        if name in effects:
            continue
        if len(cities) == 1 and len(name) >= 3:
            (city,) = cities
            add(name, _Effect("city", city, COUNTY_POINTS, False))
        else:  # shared by several places: matched, so that it hides 朝阳 in 朝阳区, but not counted
            add(name, None)
    effects = {k: v for k, v in effects.items() if v or len(k) >= 3}
    for word in NOT_PLACE_WORDS:
        effects[word] = []

    city_names = dict(city_full)
    city_names.update({short: short for short in city_province})
    return _Gazetteer(
        city_province=city_province,
        city_names=city_names,
        effects={k: tuple(v) for k, v in effects.items()},
    )


#: how many first characters one branch of the name pattern tries in turn
FIRST_CHARS_PER_BRANCH = 8


def name_pattern(names: list[str]) -> str:
    """A regex source matching any of ``names``, longest first at a position.

    The names are grouped by their first character (each group one ``trie_pattern``), and the
    groups are split in halves, each half behind a lookahead of its first characters: the
    engine then makes about ten class tests at a position instead of trying each of the ~900
    first characters in turn (a third of all characters of an article start some name).

    >>> re.findall(name_pattern(['佳木斯', '佳木斯市', '大庆', '大同区']), '佳木斯市和大庆、大同区')
    ['佳木斯市', '大庆', '大同区']
    """
    from xmqw.cleaning.script import trie_pattern

    by_first: dict[str, list[str]] = {}
    for name in names:
        by_first.setdefault(name[0], []).append(name)

    def branch(firsts: list[str]) -> str:
        if len(firsts) <= FIRST_CHARS_PER_BRANCH:
            return trie_pattern([name for ch in firsts for name in by_first[ch]])
        mid = len(firsts) // 2
        halves = (firsts[:mid], firsts[mid:])
        return "(?:" + "|".join(f"(?=[{re.escape(''.join(h))}]){branch(h)}" for h in halves) + ")"

    return branch(sorted(by_first))


@lru_cache(maxsize=1)
def _tokens() -> re.Pattern[str]:
    """One regex for every name, longest first (compiled on first detection:
    ~50 ms, which ``normalise_city`` does not need)."""
    return re.compile(name_pattern(sorted(_gazetteer().effects)))


def _mentions(text: str, factor: int, offset: int, g: _Gazetteer):
    """(effect, points, position) for every counted name in ``text``.

    >>> [(e.name, p) for e, p, _ in _mentions('桦南县和大同区', 1, 0, _gazetteer())]
    [('佳木斯', 2), ('大庆', 2)]
    """
    for m in _tokens().finditer(text):
        token, end = m.group(), m.end()
        if REGIONAL_SUFFIX.match(text, end):
            continue
        if token.endswith("区") and text.startswith("域", end):  # 新兴区域 is not 新兴区
            continue
        if token.endswith("市") and text.startswith("场", end):  # 大庆市场: a market
            token = token[:-1]
        for effect in g.effects.get(token, ()):
            yield effect, effect.points * factor, offset + m.start()


def city_scores(title: str, body: str) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """(city scores, province scores, first positions) for a title and body.

    >>> cities, provinces, _ = city_scores('佳木斯:项目建设', '佳木斯市桦南县')
    >>> cities
    {'佳木斯': 11}
    """
    from xmqw.cleaning.script import strip_pipe_runs

    g = _gazetteer()
    body = strip_pipe_runs(body, "\n")
    self_reference = SELF_REFERENCE.search(title) or SELF_REFERENCE.search(body)
    cities: dict[str, int] = {}
    provinces: dict[str, int] = {}
    first: dict[str, int] = {}
    found = [*_mentions(title, TITLE_FACTOR, 0, g), *_mentions(body, 1, len(title) + 1, g)]
    for effect, points, position in found:
        if self_reference and effect.full:
            points *= SELF_REFERENCE_FACTOR
        scores = cities if effect.kind == "city" else provinces
        scores[effect.name] = scores.get(effect.name, 0) + points
        first.setdefault(effect.name, position)
    for city, points in cities.items():
        province = g.city_province[city]
        provinces[province] = provinces.get(province, 0) + points
    return cities, provinces, first


def detect_city(title: str | None, body: str) -> Place | None:
    """The city (and province) an article reports on, or None.

    >>> detect_city('大庆市推进项目建设', '全市已开复工299个重点项目。')
    Place(city='大庆', province='黑龙江')
    >>> detect_city(None, '我市制订《漯河市重点项目保障办法》,融入郑州都市圈。')
    Place(city='漯河', province='河南')
    >>> detect_city('黑龙江省重点项目建设提速', '全省项目开复工率达到八成。')
    Place(city=None, province='黑龙江')
    >>> detect_city('项目建设提速', '开复工率达到八成。') is None
    True
    """
    title = title or ""
    cities, provinces, first = city_scores(title, body)
    self_reference = SELF_REFERENCE.search(title) or SELF_REFERENCE.search(body)
    needed = MIN_CITY_SCORE_SELF if self_reference else MIN_CITY_SCORE
    if cities:
        city = max(cities, key=lambda c: (cities[c], -first[c]))
        if cities[city] >= needed:
            return Place(city, _gazetteer().city_province[city])
    if provinces:
        province = max(provinces, key=lambda p: (provinces[p], -first.get(p, 0)))
        if provinces[province] >= MIN_PROVINCE_SCORE:
            return Place(None, province)
    return None


def normalise_city(name: str) -> str | None:
    """The short name of a city given in any form, or None if it is not a
    known city (prefecture level, municipality, or 省直辖 unit).

    >>> [normalise_city(n) for n in ('大庆市', '大庆', '大慶', ' 北京市 ', '桦南县', 'xyz')]
    ['大庆', '大庆', '大庆', '北京', None, None]
    """
    names = _gazetteer().city_names
    name = name.strip()
    if name in names:
        return names[name]
    from xmqw.cleaning.script import to_simplified

    return names.get(to_simplified(name))


def province_of(city: str) -> str | None:
    """The short name of a city's province, or None for an unknown city.

    >>> [province_of(c) for c in ('佳木斯', '漯河市', '上海', '济源', '东京')]
    ['黑龙江', '河南', '上海', '河南', None]
    """
    short = normalise_city(city)
    return None if short is None else _gazetteer().city_province[short]
