"""Named projects: the name, its own investment, capacity and status words.

A name ends with 项目 and starts after a boundary: punctuation, 的, an earlier 项目, or a verb
such as 推进/签约/纳入 (see :data:`CUT_WORDS`); small leading words (在, 将, 其中, 像…) are
stripped. A name must carry a specific head: 重点项目, 新开工项目, 该项目, 开发区重点项目 or a
count (3个风电项目) are not names (:func:`is_generic`).

The amount belongs to a project in these constructions:

* ``投资19亿元的A项目`` / ``总投资120亿元的A项目`` — the amount right before 的 and the name;
* ``A项目，总投资3亿元`` / ``A项目总投资3亿元`` — the amount right after the name;
* ``A项目…。该项目总投资3亿元`` — the last name before it in the same paragraph.

A name in a list that ends in ``等N个…项目`` gets no amount, and an amount written before or
after a list of names belongs to none of them.

>>> from xmqw.extract.sentences import split_sentences
>>> text = '投资5亿元的宁安市北方冷链物流园项目已开工建设，江源区欣达光伏项目、临江市保温材料项目等3个项目集中开工。'
>>> [(p.name, p.amount_text, p.status) for p in find_projects(text, split_sentences(text))]
[('宁安市北方冷链物流园项目', '5亿元', '开工建设'), ('江源区欣达光伏项目', None, '集中开工'), ('临江市保温材料项目', None, '集中开工')]
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import regex as re

from .amounts import Amount, find_amounts, find_quantities
from .records import Project
from .sentences import Sentence
from .totals import title_spans

#: characters that end the words before a name
BOUNDARY_CHARS = "，,。；;：:！？!?、“”\"‘’'《》【】[]「」『』…的 \t\u3000_|/"
#: verbs and adverbs after which a name starts (the last one in the span wins). A project
#: that is only the object of a verb (推动项目, 服务项目) is left with a generic name.
CUT_WORDS: tuple[str, ...] = (
    "其中", "包括", "例如", "比如", "诸如", "推进", "推动", "签约", "签订", "集中开工", "纳入", "列入",
    "申报", "争取", "谋划", "储备", "引进", "招引", "落地", "落户", "启动", "观摩", "走进", "来到",
    "开展", "围绕", "围着", "盯着", "聚焦", "实施了", "建成", "就是", "服务", "保障", "保证", "确保",
    "检验", "收集", "解决", "联系", "针对", "掀起", "影响", "优化", "促进", "提高", "召开", "对接",
    "了解", "规范", "筛选", "建立", "整个", "一切", "积极", "全力", "主动", "始终", "紧紧", "进一步",
    "深入", "实地", "察看", "查看", "视察", "考察", "调研", "督导", "督查", "检查", "了", "是", "把",
    "被", "着", "住", "抓", "推", "对", "由", "在", "到", "赴",
)
#: words stripped from the start of a name (repeatedly, longest first)
LEAD_WORDS: tuple[str, ...] = tuple(sorted((
    "全力推进", "加快推进", "重点推进", "以及", "正在", "即将", "建设", "实施", "全市", "全区", "全县",
    "在", "有", "将", "如", "像", "及", "和", "与", "为", "从", "向", "已", "也", "还", "以",
), key=len, reverse=True))
#: a stem (the name before 项目) ending with one of these is a category, not a name:
#: 佳木斯市重点项目, 年底前开工项目
GENERIC_ENDINGS: tuple[str, ...] = (
    "重点", "重大", "开工", "续建", "在建", "复工", "投资", "招商", "储备", "签约", "竣工", "投产",
    "民生", "基础设施", "高新技术", "类", "大", "小", "好", "新", "老", "市", "省", "县", "一批",
    "白名单", "四保", "优质", "高质量",
)
#: endings that make a category only when little else is left (汽车产业项目, 城区新建项目);
#: with at least :data:`MIN_SPECIFIC_CHARS` specific characters before them the stem is a name
#: (兰州中川机场改扩建项目, 宜宾市智慧城市项目, 天齐锂电池产业项目)
SOFT_ENDINGS: tuple[str, ...] = ("改扩建", "新建", "城市", "产业", "工业")
#: sectors: before 产业/工业 they do not count as specific (生物医药产业项目 is a kind)
SECTOR_WORDS: tuple[str, ...] = tuple(sorted((
    "生物医药", "医药", "生物", "装备制造", "装备", "制造", "高端", "汽车", "新材料", "材料",
    "电子信息", "电子", "信息", "食品", "化工", "纺织", "服装", "机械", "能源", "智能", "数字",
    "健康", "旅游", "农产品", "加工", "精细", "石化", "冶金", "建材", "家居", "航空", "航天",
    "半导体", "光电", "氢能", "特色", "优势", "主导", "支柱", "未来", "临空", "海洋", "康养",
), key=len, reverse=True))
#: words that carry no identity: a name made only of these (and places) is generic
GENERIC_WORDS: tuple[str, ...] = tuple(sorted((
    "重点", "重大", "产业", "工业", "新开工", "新开", "开工", "续建", "新建", "在建", "复工", "开复工",
    "改扩建", "竣工", "投产", "签约", "储备", "谋划", "招商", "引资", "省市", "省级", "市级", "县级",
    "区级", "国家", "各类", "一批", "高质量", "优质", "高新技术", "新兴", "科技", "技改", "基础设施",
    "民生", "社会事业", "服务业", "农业", "制造业", "现代", "先进", "战略性", "新能源", "白名单",
    "四保", "政府投资", "社会投资", "地方政府", "专项", "债券", "资金", "补助", "城建", "交通", "水利",
    "文旅", "全口径", "中央", "央企", "外资", "示范", "试点", "建设", "龙头", "单体", "一期", "二期",
    "三期", "首期", "前期", "后续", "优选", "动能", "转换", "全市", "全区", "全县", "全省", "我市",
    "本市", "领域", "行业", "攻坚", "入库", "拟建", "计划", "年度", "滚动", "投资", "亿元", "以上",
    "大型", "小型", "大中型", "好", "大", "小", "新", "老", "各", "类", "型", "省", "市", "县", "区",
    "级", "抓", "引", "谋", "推", "促", "稳", "干", "上", "些", "批", "中", "内", "外", "等",
    # categories of work: a name made of these and nothing else is a kind of project
    "老旧小区", "小区", "改造", "城市更新", "更新", "棚户区", "棚改", "乡村振兴", "振兴", "污水处理",
    "公共服务", "实事", "惠民", "环保", "生态", "公益", "文化", "教育", "卫生", "医疗", "养老",
    "数字经济", "数字化", "智能化", "信息化", "绿色", "低碳", "节能", "新基建", "补短板", "强链",
    "补链", "延链", "技术改造", "扩能", "升级", "转型", "提质", "增效", "合作", "招引", "引进",
    "专项债", "预算内", "中央预算内", "以工代赈", "重点工程", "工程", "城市", "农村", "城乡",
    "高标准", "农田", "光伏", "风电", "储能", "物流", "商贸", "房地产", "住宅", "安置",
    # kinds of contract and of standing: PPP项目, 标志性项目
    "PPP", "EPC", "BOT", "标志性", "引领性", "示范性", "支撑性",
), key=len, reverse=True))
#: a name cannot start with these (they point at a project named elsewhere)
DETERMINERS = ("该", "此", "这", "那", "本", "其", "每", "上述", "所有", "部分", "一些", "其他", "其它")
#: a name that is only a place (漯河市, 开发区) is not a name
_PLACE_ONLY = re.compile(r"^.{0,6}(?:省|市|县|区|镇|乡|旗|州|盟|园区|新区|开发区)$")
#: the minimum number of characters left after removing generic words
MIN_SPECIFIC_CHARS = 3
MAX_NAME_CHARS = 45
#: how far after a name its status words are looked for
MAX_WINDOW_CHARS = 80
#: 项目 followed by these is a word like 项目库/项目部, not the end of a name
_NOT_END = re.compile(r"库|部|办|组|群|包|单位|清单|管家|特派员|建设服务|法人")
_COUNTED = re.compile(r"\d+\s*[个项批家次]|[一二两三四五六七八九十百千几多]+[个项批家次]|^[一二三四五六七八九十百千]+大")
#: the whole area (全市, 全省…) in front of a name: a set of projects unless a named organisation
#: or place follows (全市PPP项目 is a category, 全市华能风电项目 would not be)
AREA_WORDS: tuple[str, ...] = ("全市", "全省", "全区", "全县", "全州", "全盟", "全旗", "全国", "我市", "本市")
_NAMED_HEAD = re.compile(
    r"公司|集团|有限|股份|厂|医院|学校|大学|学院|中学|小学|机场|港|站|场馆|基地|园区|产业园|\p{Han}{2}[省市县区镇乡村]"
)
#: a name followed by its own count is a category (专项资金项目21个)
_COUNT_AFTER = re.compile(r"\s*(?:共计|共|达)?\d+\s*[个项]")
_LIST_TAIL = re.compile(r"等\s*(?:\d+|[一二两三四五六七八九十百几多]+)\s*[个项批]|等(?:一批|多个|重点|重大|项目)")
#: the noun closing a list of names: 等3个项目, 等18个已开工省市重点项目
_LIST_NOUN = re.compile(r"等[^，,。；;、]{0,15}?项目")

#: where the words about a name end: a list comma, an ellipsis, or the next 项目 (kept, so
#: that 开复工项目 is seen as a modifier, not a status)
_WINDOW_STOP = re.compile(r"(?=、)|(?=…)|项目")

#: status words as written (longest first); 开工率 etc. are rates, not statuses
STATUS_WORDS: tuple[str, ...] = (
    "集中开工", "云上开工", "开工建设", "竣工验收", "开复工", "开工", "复工", "续建", "投产", "竣工",
    "签约",
)
_STATUS = re.compile("(?:" + "|".join(STATUS_WORDS) + ")(?!率|[^，,。；;、]{0,6}项目)")
#: a status word after one of these is a plan, not a fact
FUTURE_WORDS = ("将", "预计", "计划", "力争", "确保", "争取", "拟", "有望", "准备")
#: words in front of 投资 that make it a part of the investment (done, added, this year's),
#: not the project's total: 今年已完成投资5亿元的A项目 gives A no amount
PART_INVESTMENT_WORDS: tuple[str, ...] = (
    "完成", "新增", "累计", "计划", "年度", "本年", "今年", "当年", "全年", "已", "实际", "追加",
)
#: words that may sit between an amount and the name it precedes: 投资5亿元的A项目
_AMOUNT_BEFORE = re.compile(
    r"(?:总投资|投资总额|总投资额|计划总投资|(?<!" + "|".join(PART_INVESTMENT_WORDS) + r")投资额?)"
    r"(?:为|达|约为?|近)?\s*$"
)
#: a verb that may sit between the amount and 的: 投资5亿元建设的A项目
_BUILD_VERB = re.compile(r"(?:建设|新建|兴建|打造|实施|建成)?")
#: words between a name and its amount: A项目，总投资3亿元
_AMOUNT_AFTER = re.compile(r"\s*[，,(（]?\s*(?:项目)?(?:计划)?(?:总投资|投资总额|总投资额|投资额?)")
#: words between an investment word and its amount (when the amount does not claim them)
_LINK = re.compile(r"\s*(?:为|达|约为?|近|共|计)?\s*")
#: a later sentence that gives the amount of the project named before it
_BACK_REFERENCE = re.compile(
    r"(?:该|此|这个|这一|本)(?:项目|工程)(?:计划|规划|预计)?(?:总投资|投资总额|总投资额|投资额?)"
)


#: a sentence that opens with 项目 and its investment, right after the project was named
_BARE_REFERENCE = re.compile(r"项目(?:计划|规划|预计)?(?:总投资|投资总额|总投资额)")
#: a count of projects: after it, 项目总投资 no longer refers back to a single name
_AGGREGATE = re.compile(r"\d+\s*[个项]|个项目")


def _amount_at(sentence: str, pos: int, amounts: list[Amount]) -> Amount | None:
    """The amount that starts at ``pos``, or after a link word (为/达/约) there.

    >>> s = '总投资约为5亿元'
    >>> _amount_at(s, 3, find_amounts(s)).text in ('5亿元', '约为5亿元')
    True
    """
    for a in amounts:
        if a.start >= pos and _LINK.fullmatch(sentence, pos, a.start):
            return a
    return None
#: words before a capacity that make it this project's: 年产3.5万吨
_CAPACITY_CUE = re.compile(r"(?:年产|产能|装机(?:容量)?|新增|规模)[^，,。；;]{0,4}$")


_CUT = re.compile(
    "[" + re.escape(BOUNDARY_CHARS) + "]|" + "|".join(sorted(CUT_WORDS, key=len, reverse=True)),
    flags=re.REVERSE,
)
_LEAD = re.compile("|".join(LEAD_WORDS))
_GENERIC = re.compile("|".join(w for w in GENERIC_WORDS if len(w) > 1))
_SECTOR = re.compile("|".join(SECTOR_WORDS))
#: single generic characters only count at the edges of a stem (大抓, 新…类), not inside
#: a name (恒大文旅城)
_GENERIC_CHARS = "".join(w for w in GENERIC_WORDS if len(w) == 1) + "()（）—-·. "
_XIANGMU = re.compile("项目")
_COMMA = re.compile(r"[,，]")


@dataclass(frozen=True)
class Mention:
    """A project name inside one sentence; ``cut`` is where its boundary is (before stripping)."""

    name: str
    start: int
    end: int
    cut: int


def strip_lead(name: str) -> str:
    """Strip leading small words from a candidate name.

    >>> strip_lead('在宝能烟台国际物流中心项目')
    '宝能烟台国际物流中心项目'
    >>> strip_lead('将安顺利达新材料项目')
    '安顺利达新材料项目'
    """
    m = _LEAD.match(name)
    while m and len(name) > m.end() + 2:
        name = name[m.end():]
        m = _LEAD.match(name)
    return name


def is_generic(name: str) -> bool:
    """True when a name has no specific head (a category, a place, a count, a threshold).

    >>> [is_generic(n) for n in ('省市重点项目', '新开工产业项目', '该项目', '漯河市重点项目',
    ...  '3个风电项目', '投资500万元以上项目', '瓦鲁机器人项目', '华润(黑龙江)中医药产业园项目',
    ...  '大抓项目', '恒大文旅城项目', '生物医药产业项目', '临沧机场改扩建项目')]
    [True, True, True, True, True, True, False, False, True, False, True, False]
    """
    stem = name[:-2]
    ending = next((e for e in SOFT_ENDINGS if stem.endswith(e)), "")
    stem = stem[: len(stem) - len(ending)]
    if not stem or stem.startswith(DETERMINERS) or stem.endswith(GENERIC_ENDINGS) or _COUNTED.search(stem):
        return True
    if "元" in stem or "以上" in stem or "以下" in stem or len(name) > MAX_NAME_CHARS:
        return True
    if ending in ("产业", "工业"):
        stem = _SECTOR.sub("", stem)
    rest = _GENERIC.sub("", stem).strip(_GENERIC_CHARS)
    return len(rest) < MIN_SPECIFIC_CHARS or bool(_PLACE_ONLY.match(rest))


def is_area_set(before: str, name: str) -> bool:
    """True when a name comes right after the whole area (全市…, ending ``before``) and names
    no organisation or place: the projects of a kind across the city, not one project.

    >>> is_area_set('，全市', 'PPP项目'), is_area_set('全县', '鸡西矿业集团选煤厂项目')
    (True, False)
    """
    return (before.endswith(AREA_WORDS) or name.startswith(AREA_WORDS)) and not _NAMED_HEAD.search(name)


def _cut_position(sentence: str, lo: int, hi: int) -> int:
    """Where a name ending at ``hi`` starts: after the last boundary char or cut word in
    ``sentence[lo:hi]``.

    >>> s = '今年重点推进鞍钢鲅鱼圈钢铁基地改造项目'
    >>> s[_cut_position(s, 0, len(s) - 2):]
    '鞍钢鲅鱼圈钢铁基地改造项目'
    """
    cut = _CUT.search(sentence, lo, hi)
    return cut.end() if cut else lo


_LEADING_ITEM = re.compile(r"的(?P<item>[^，,。；;、“”《》\d的]{2,8})、$")


def _with_leading_item(sentence: str, lo: int, cut: int) -> int:
    """Move a cut back over a short first item joined by 、 after 的: 的国家光伏、储能平台项目
    is one name (国家光伏、储能平台项目), since a list after 的 would repeat its head.

    >>> s = '位于高台子镇的国家光伏、储能实验平台项目'
    >>> s[_with_leading_item(s, 0, 12):]
    '国家光伏、储能实验平台项目'
    """
    if cut < 2 or sentence[cut - 1] != "、":
        return cut
    m = _LEADING_ITEM.search(sentence, max(lo, cut - 11), cut)
    if m and "项目" not in m.group("item"):
        return m.start("item")
    return cut


def find_mentions(sentence: str) -> list[Mention]:
    """Specific project names in one sentence, in order.

    >>> [m.name for m in find_mentions('中建材发电玻璃项目、桦南龙源风电、佳木斯煤机有限公司煤矿机械生产项目等重大项目接续投产')]
    ['中建材发电玻璃项目', '佳木斯煤机有限公司煤矿机械生产项目']
    >>> [m.name for m in find_mentions('谋划储备了“三个五百”项目，其中总投资8亿元的安达市乳品加工项目已开工')]
    ['安达市乳品加工项目']
    """
    out: list[Mention] = []
    titles = title_spans(sentence)
    prev_end = 0
    for m in _XIANGMU.finditer(sentence):
        hi = m.end()
        lo = prev_end
        prev_end = hi
        cut = _cut_position(sentence, lo, m.start())
        if m.start() - cut < MIN_SPECIFIC_CHARS:  # too short to be specific: 推动项目, 重点项目
            continue
        if _NOT_END.match(sentence, hi) or _COUNT_AFTER.match(sentence, hi) or titles.overlaps(m.start(), m.start() + 1):
            continue
        cut = _with_leading_item(sentence, lo, cut)
        raw = sentence[cut:hi]
        name = strip_lead(raw.strip())
        if is_generic(name) or is_area_set(sentence[max(0, cut - 2):hi - len(name)], name):
            continue
        out.append(Mention(name, hi - len(name), hi, cut))
    return out


#: what may separate two names of one list: 、/和/及, or one short unnamed item between
_LIST_GAP = re.compile(r"\s*(?:[、,，]|以及|及|和|与)\s*(?:[^，,。；;、\d]{2,12}、)?\s*[在将有像如]?")


def _joined(sentence: str, a: Mention, b: Mention) -> bool:
    """True when mention ``b`` directly follows ``a`` in a list (A项目、B项目 / A项目和B项目)."""
    gap = sentence[a.end:b.start]
    return bool(_LIST_GAP.fullmatch(gap))


def _run_ends(sentence: str, mentions: list[Mention]) -> list[int]:
    """For each mention, the index of the last mention of the list it belongs to (itself when
    it stands alone): A项目、B项目开工 — A and B share B's words.

    >>> s = '甲乙丙丁项目、戊己庚辛项目开工，壬癸子丑项目'
    >>> _run_ends(s, find_mentions(s))
    [1, 1, 2]
    """
    ends = list(range(len(mentions)))
    for k in range(len(mentions) - 2, -1, -1):
        if _joined(sentence, mentions[k], mentions[k + 1]):
            ends[k] = ends[k + 1]
    return ends


def _status_window(sentence: str, end: int) -> str:
    """The words after a name (or a list of names) ending at ``end`` that say what happens to
    it: up to the next 项目, 、 or …… (at most :data:`MAX_WINDOW_CHARS`).

    >>> _status_window('甲项目等3个项目集中开工，乙项目', 3)
    '等3个项目集中开工，乙项目'
    """
    head = _LIST_NOUN.match(sentence, end)
    skip = head.end() if head else end
    limit = min(len(sentence), skip + MAX_WINDOW_CHARS)
    stop = _WINDOW_STOP.search(sentence, skip, limit)
    return sentence[end: stop.end() if stop else limit]


def statuses(window: str) -> list[str]:
    """Status words in ``window``, except those announced as plans (将/预计/力争… before them).

    >>> statuses('日前顺利通过竣工联合验收'), statuses('“云上”开工'), statuses('预计年底竣工')
    (['竣工'], ['开工'], [])
    """
    out: list[str] = []
    for m in _STATUS.finditer(window):
        clause = _COMMA.split(window[: m.start()])[-1]
        if any(w in clause for w in FUTURE_WORDS):
            continue
        if m.group(0) not in out:
            out.append(m.group(0))
    return out


def capacity_of(name: str, window: str) -> str | None:
    """A capacity written in the name, else one cued by 年产/产能/装机 in the window.

    >>> capacity_of('华泰县新能源30万千瓦风力发电项目', ''), capacity_of('甲项目', '建成后年产20万吨')
    ('30万千瓦', '20万吨')
    """
    found = find_quantities(name)
    if found:
        return found[0].text
    for q in find_quantities(window):
        if _CAPACITY_CUE.search(window[: q.start]):
            return q.text
    return None


def _amount_before(sentence: str, mention: Mention, amounts: list[Amount]) -> Amount | None:
    """``投资X的NAME``: the amount right before the 的 that starts the name.

    >>> s = '总投资8亿元的甲乙丙项目、完成投资2亿元的丁戊己项目'
    >>> [getattr(_amount_before(s, m, find_amounts(s)), 'text', None) for m in find_mentions(s)]
    ['8亿元', None]
    """
    if mention.cut < 1 or sentence[mention.cut - 1] != "的":
        return None
    for a in amounts:
        if (a.end <= mention.cut - 1 and _BUILD_VERB.fullmatch(sentence, a.end, mention.cut - 1)
                and _AMOUNT_BEFORE.search(sentence, 0, a.start)):
            return a
    return None


def _amount_after(sentence: str, mention: Mention, amounts: list[Amount]) -> Amount | None:
    """``NAME，总投资X``: the amount right after the name and an investment word."""
    m = _AMOUNT_AFTER.match(sentence, mention.end)
    return _amount_at(sentence, m.end(), amounts) if m else None


#: a count or a new subject: after it, a later amount no longer belongs to the name before
_NEW_SUBJECT = r"\d+\s*[个项家]|[，,]\s*(?:其中|全市|全区|全县|全省|共|累计)"
#: a later investment word in the same sentence: A项目位于…，占地300亩，总投资5亿元
_LATER_INVESTMENT = re.compile(r"(?:计划)?(?:总投资|投资总额|总投资额)")
#: what may not lie between a name and a later amount: another project, a count, a new
#: subject. 项目 that refers back to the name (该项目, or 项目 opening a clause) is no other project.
_LATER_BLOCK = re.compile(r"(?<!该|此|这个|这一|[，,]\s*)项目|" + _NEW_SUBJECT)


#: 该项目 as the subject of a sentence whose total investment comes later
_THIS_PROJECT = re.compile(r"(?:该|此|这个|这一)项目")
#: what may not lie between 该项目 and a later amount: a count or a new subject
_LATER_BLOCK_SOFT = re.compile(_NEW_SUBJECT)


def _amount_later(sentence: str, mention: Mention, amounts: list[Amount]) -> Amount | None:
    """``A项目位于高新区，占地300亩，总投资5亿元``: the first total investment later in the
    sentence, when nothing between names another project, a count or a new subject.

    >>> s = '白山市矿泉水项目位于靖宇县，占地200亩，总投资4亿元。'
    >>> _amount_later(s, find_mentions(s)[0], find_amounts(s)).text
    '4亿元'
    >>> s = '白山市矿泉水项目开工，全市新开工项目总投资40亿元。'
    >>> _amount_later(s, find_mentions(s)[0], find_amounts(s)) is None
    True
    >>> s = '白山市矿泉水项目位于靖宇县，该项目总投资4亿元。'
    >>> _amount_later(s, find_mentions(s)[0], find_amounts(s)).text
    '4亿元'
    """
    m = _LATER_INVESTMENT.search(sentence, mention.end)
    if not m or _LATER_BLOCK.search(sentence, mention.end, m.start()):
        return None
    return _amount_at(sentence, m.end(), amounts)


#: a list of names followed by one amount each: A项目、B项目总投资分别为20亿元、8亿元
_RESPECTIVELY = re.compile(
    r"\s*[，,]?\s*(?:项目)?(?:计划)?(?:总投资|投资总额|总投资额)(?:分别|依次)(?:为|是|达|约为?)?\s*"
)
_AMOUNT_SEP = re.compile(r"\s*(?:[、，,和及与]|以及)\s*")


def _respective_amounts(sentence: str, mentions: list[Mention], run_ends: list[int],
                        amounts: list[Amount]) -> dict[int, Amount]:
    """Amounts given to the names of a list by 总投资分别为X、Y (one per name, in order), as a
    map from mention index to its amount; lists whose counts differ get none.

    >>> s = '甲乙丙项目、丁戊己项目总投资分别为20亿元、8亿元'
    >>> ms = find_mentions(s)
    >>> {k: a.text for k, a in _respective_amounts(s, ms, _run_ends(s, ms), find_amounts(s)).items()}
    {0: '20亿元', 1: '8亿元'}
    """
    out: dict[int, Amount] = {}
    for end in sorted(set(run_ends)):
        members = [k for k, e in enumerate(run_ends) if e == end]
        m = _RESPECTIVELY.match(sentence, mentions[end].end) if len(members) > 1 else None
        if not m:
            continue
        listed: list[Amount] = []
        pos = m.end()
        for a in amounts:
            if a.start < pos:
                continue
            if a.start != pos:
                break
            listed.append(a)
            sep = _AMOUNT_SEP.match(sentence, a.end)
            pos = sep.end() if sep else -1
        if len(listed) == len(members):
            out.update(zip(members, listed))
    return out


def _in_list(sentence: str, mentions: list[Mention], k: int) -> bool:
    """True when mention ``k`` is one item of a list of names (its amount would be ambiguous)."""
    if k > 0 and _joined(sentence, mentions[k - 1], mentions[k]):
        return True
    if k + 1 < len(mentions) and _joined(sentence, mentions[k], mentions[k + 1]):
        return True
    return bool(_LIST_TAIL.match(sentence, mentions[k].end))


def _project(s: Sentence, m: Mention, amount: Amount | None, window: str) -> Project:
    found = statuses(window)
    return Project(
        name=m.name,
        amount_yuan=amount.value_yuan if amount else None,
        amount_text=amount.text if amount else None,
        qualifier=amount.qualifier if amount else None,
        capacity=capacity_of(m.name, window),
        status=",".join(found) or None,
        sentence=s.text,
        start=s.start,
        end=s.end,
        amount_high_yuan=amount.high_yuan if amount else None,
    )


def find_projects(text: str, sentences: list[Sentence]) -> list[Project]:
    """Named projects of an article, one record per name (the mention with an amount wins).

    ``text`` is only used for offsets; every sentence is read from ``sentences``.
    """
    projects, _ = find_projects_and_amounts(text, sentences)
    return projects


def find_projects_and_amounts(
    text: str, sentences: list[Sentence], amounts_cache: dict[int, list[Amount]] | None = None
) -> tuple[list[Project], dict[int, set[int]]]:
    """Like :func:`find_projects`, plus the amounts given to projects, as a map from a
    sentence's start to the offsets (in the sentence) where those amounts start.
    ``amounts_cache`` (sentence start → its amounts) is filled for the sentences read.

    >>> from xmqw.extract.sentences import split_sentences
    >>> t = '长岭县风机装备制造项目正在加紧施工。该项目总投资6.5亿元，年产风机500台。'
    >>> ps, used = find_projects_and_amounts(t, split_sentences(t))
    >>> [(p.name, p.amount_text, p.sentence) for p in ps], used
    ([('长岭县风机装备制造项目', '6.5亿元', '该项目总投资6.5亿元，年产风机500台。')], {18: {6}})
    """
    cache = {} if amounts_cache is None else amounts_cache
    found: dict[str, Project] = {}
    used: dict[int, set[int]] = {}
    last: tuple[str, int, int] | None = None  # (name, para, sentence index) of the last lone name
    for i, s in enumerate(sentences):
        if "项目" not in s.text:
            continue
        sent = s.text
        mentions = find_mentions(sent)
        back = _back_reference(sent, i, last) if not mentions and last and last[1] == s.para else None
        if "投资" in sent and (mentions or back):
            if s.start not in cache:
                cache[s.start] = find_amounts(sent)
            amounts = cache[s.start]
        else:
            amounts = []
        run_ends = _run_ends(sent, mentions)
        respective = _respective_amounts(sent, mentions, run_ends, amounts)
        for k, m in enumerate(mentions):
            amount = respective.get(k)
            listed = _in_list(sent, mentions, k)
            if not listed:
                amount = (_amount_before(sent, m, amounts) or _amount_after(sent, m, amounts)
                          or (_amount_later(sent, m, amounts) if len(mentions) == 1 else None))
            window = _status_window(sent, mentions[run_ends[k]].end)
            _keep(found, _project(s, m, amount, window))
            if amount:
                used.setdefault(s.start, set()).add(amount.start)
            last = None if listed else (m.name, s.para, i)
        if not mentions and _AGGREGATE.search(sent):
            last = None
        if back is not None and last and found[last[0]].amount_yuan is None:
            amount = _amount_at(sent, back, amounts)
            if amount:
                old = found[last[0]]
                found[last[0]] = replace(
                    old, amount_yuan=amount.value_yuan, amount_high_yuan=amount.high_yuan,
                    amount_text=amount.text, qualifier=amount.qualifier, capacity=old.capacity or capacity_of("", sent),
                    sentence=s.text, start=s.start, end=s.end,
                )
                used.setdefault(s.start, set()).add(amount.start)
    return list(found.values()), used


def _back_reference(sentence: str, index: int, last: tuple[str, int, int]) -> int | None:
    """Where the amount of a back-reference starts: ``该项目总投资…`` anywhere in the paragraph
    after the name, or a sentence opening ``项目总投资…`` right after the sentence (or the one
    after it) that named the project. None when the sentence is no back-reference.

    >>> _back_reference('该项目总投资3亿元。', 5, ('甲项目', 0, 1)), _back_reference('项目总投资3亿元。', 5, ('甲项目', 0, 1))
    (6, None)
    >>> _back_reference('项目总投资3亿元。', 2, ('甲项目', 0, 1))
    5
    >>> _back_reference('该项目是今年引进的最大产业项目，总投资25亿元。', 9, ('甲项目', 0, 1))
    19
    """
    m = _BACK_REFERENCE.search(sentence)
    if m:
        return m.end()
    m = _THIS_PROJECT.search(sentence)
    if m:
        later = _LATER_INVESTMENT.search(sentence, m.end())
        if later and not _LATER_BLOCK_SOFT.search(sentence, m.end(), later.start()):
            return later.end()
    m = _BARE_REFERENCE.match(sentence)
    if m and index - last[2] <= 2:
        return m.end()
    return None


def _keep(found: dict[str, Project], p: Project) -> None:
    """Merge a mention into the article's record for its name."""
    old = found.get(p.name)
    if old is None:
        found[p.name] = p
        return
    words = [w for x in (old.status, p.status) if x for w in x.split(",")]
    status = ",".join(dict.fromkeys(words)) or None
    base = p if (p.amount_yuan is not None and old.amount_yuan is None) else old
    found[p.name] = replace(base, status=status, capacity=old.capacity or p.capacity)
