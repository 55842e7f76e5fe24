"""Money amounts and capacity quantities in Chinese news text.

The one home of numeral and amount parsing in xmqw. Usable alone::

    >>> from xmqw.extract.amounts import find_amounts
    >>> [(a.text, a.value_yuan, a.bound) for a in find_amounts("项目总投资超100亿元。")]
    [('超100亿元', Decimal('10000000000'), 'lower')]

Decisions (each is tested):

* Values are ``Decimal``, never ``float``.
* A figure is money when it carries a yuan word (元, 圆, 人民币, a leading ¥/￥), or when it
  ends in a bare 万/亿/兆 and the text around it says money (投资3000万, 总投资超5亿, 3000万的投资).
  "3000万" alone is not money; neither is 3000万 followed by a foreign currency, a counter or a
  measure word (3000万美元, 3000万只).
* Qualifiers are kept as written; ``bound`` says how the true value relates to ``value_yuan``:
  ``exact``; ``approx`` (约, 左右, 上下); ``lower`` (超, 逾, 以上, 余, 多: 3000多万 is at least
  3000万); ``upper`` (不到, 不足, 以下, 以内, and 近/将近/接近: "almost" means just under the figure).
  A range (10亿至20亿元) has ``value_yuan`` = low end, ``high_yuan`` = high end and bound ``lower``
  (the true value is at least the low end; ``high_yuan`` caps it).
* When several qualifiers are written (约3000多万元左右), the one before the figure wins, then
  余/多, then the one after.
* Vague numerals (十几亿, 数十亿, 几百万) carry no figure: they yield no amount at all, rather than
  an invented one.
* 兆 is 10^12 as a numeral (四十九兆九千亿元, Taiwan and older usage); in mainland text 兆 is mostly
  the mega prefix of a measure (兆瓦), which the quantity table claims first.
* Colloquial 块/毛 (十块钱) are not read: in project news 块 counts plots of land (3块地).
* A unit without a figure (亿元以上项目, 超亿元) is a class of projects, not an amount: nothing.
* Quantities: measure units (千瓦, 吨, 亩 …) take any figure; counted units (只, 台, 件 …) only
  with 万/亿 (45万台 is a capacity, 24台压桩机 a count). Ranges of quantities are not reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, localcontext

__all__ = [
    "Amount",
    "AmountError",
    "Quantity",
    "find_amounts",
    "find_quantities",
    "format_yuan",
    "parse_amount_arg",
    "parse_amount_text",
    "parse_number",
]

# ---------------------------------------------------------------------------
# Tables (data, not logic)
# ---------------------------------------------------------------------------

#: Chinese digits, ordinary, capital (大写) and traditional forms.
DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "俩": 2, "倆": 2,
    "三": 3, "叁": 3, "參": 3, "叄": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
ZEROS = "零〇○"
#: 两 counts before a unit (两千) but is never a digit in a digit-by-digit reading (二〇二二).
COEFFICIENT_ONLY = "两兩俩倆"

#: Units inside a four-digit section.
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}

#: Section units: each multiplies everything written before it that is smaller.
LARGE_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}

#: Old contracted tens, read as their spelled-out form.
CONTRACTED_TENS: dict[str, str] = {"廿": "二十", "卅": "三十", "卌": "四十"}

#: Figures with this many integer digits or more are not read (no real amount is that large).
MAX_DIGITS = 30

MINUS_SIGNS = ("负", "負", "-", "－")
DECIMAL_POINTS = "点點"

#: Full-width ASCII forms that may survive cleaning.
FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")

#: Qualifier written before the figure -> bound. Longest first wins.
PREFIX_QUALIFIERS: dict[str, str] = {
    "超过": "lower", "超出": "lower", "逾": "lower", "超": "lower", "大于": "lower",
    "高于": "lower", "至少": "lower", "不少于": "lower", "不低于": "lower",
    "近": "upper", "将近": "upper", "接近": "upper", "不到": "upper", "不足": "upper",
    "不超过": "upper", "小于": "upper", "低于": "upper", "最多": "upper",
    "约": "approx", "大约": "approx", "约合": "approx",
    "达": "exact", "达到": "exact", "高达": "exact", "多达": "exact",
}
#: Qualifier between the figure and its 万/亿/元 (3000多万, 2000余元).
MID_QUALIFIERS: dict[str, str] = {"余": "lower", "多": "lower"}
#: Qualifier after the amount (500万元以上).
POSTFIX_QUALIFIERS: dict[str, str] = {
    "以上": "lower", "以下": "upper", "以内": "upper", "左右": "approx", "上下": "approx",
}

#: Words that make a bare 万/亿 figure money when they come shortly before it.
MONEY_WORDS_BEFORE = (
    "投资", "资金", "金额", "预算", "营收", "产值", "收入", "销售额", "利润", "税收", "融资",
    "贷款", "总额", "造价", "投入", "拨付", "补助", "奖励", "资产", "营业额", "债券", "经费",
)
#: Words that make a bare 万/亿 figure money when they follow it (3000万的投资).
MONEY_WORDS_AFTER = ("投资", "资金")

#: Range separators between two figures.
RANGE_SEPARATORS = ("至", "到", "--", "——", "-", "－", "—", "–", "~", "～", "〜")

#: Measure units of capacity. A multiplier before them stays in the value (30万千瓦 -> 300000 千瓦).
MEASURE_UNITS = (
    "千瓦时", "兆瓦时", "千瓦", "兆瓦", "吉瓦", "平方公里", "平方米", "立方米",
    "公里", "公顷", "标准箱", "吨", "亩",
)
#: Counted units: a capacity only with a 万/亿 multiplier (5000万只, 45万台); 24台压桩机 is a count
#: and 一套/一头 are words.
COUNTED_UNITS = ("只", "台", "件", "辆", "套", "头", "羽", "片")
QUANTITY_UNITS = MEASURE_UNITS + COUNTED_UNITS

#: Words after a bare 万/亿 that show it is not yuan: other currencies and counters.
NOT_YUAN_AFTER = (
    "美元", "美金", "美圆", "美分", "欧元", "日元", "日币", "港元", "港币", "英镑", "韩元",
    "泰铢", "卢布", "澳元", "加元", "新台币", "台币", "法郎", "卢比", "比特币", "奈拉",
    "元",  # a 元 we did not accept (e.g. 一元化)
    "个", "项", "人", "户", "家", "名", "次", "倍", "条", "座", "栋", "间", "张", "份", "部",
    "批", "株", "棵", "斤", "米", "千克", "公斤", "块", "年", "元素",
)
#: After 元, these make it part of another word (一元化, 三元里, 元旦, 一元二次方程).
NOT_AFTER_YUAN = (
    "化", "里", "素", "论", "旦", "宵", "首", "帅", "老", "件", "组", "月", "方程", "函数",
    "结构", "二次", "一次", "三次", "复始", "催化",
)
#: Written before a numeral, these make it vague (数十亿, 几百万): no figure, no amount.
VAGUE_BEFORE = "数几幾"

#: Multipliers accepted on the command line (parse_amount_arg) and used by format_yuan.
CLI_MULTIPLIERS: dict[str, int] = {
    "万亿": 10**12, "亿": 10**8, "千万": 10**7, "百万": 10**6, "万": 10**4, "千": 10**3, "": 1,
}
#: format_yuan's choice of multiplier, largest first.
FORMAT_MULTIPLIERS = (("万亿", 10**12), ("亿", 10**8), ("万", 10**4))

# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Amount:
    """A money mention: value in yuan, the text as written and where it is."""

    value_yuan: Decimal
    text: str
    start: int
    end: int
    qualifier: str | None = None
    bound: str = "exact"
    high_yuan: Decimal | None = None


@dataclass(frozen=True)
class Quantity:
    """A non-money measure (capacity): 30万千瓦 -> value=300000, unit='千瓦'."""

    value: Decimal
    unit: str
    text: str
    start: int
    end: int


class AmountError(ValueError):
    """A command-line amount that cannot be read."""


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------

_ARABIC = r"(?:[0-9]+(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)?|\.[0-9]+)"
_PLAIN_FIGURE_RE = re.compile(r"([0-9]{1,15}(?:\.[0-9]{1,12})?)(万|亿|万亿|)")
_SECTION_VALUES = {"": Decimal(1), "万": Decimal(10**4), "亿": Decimal(10**8), "万亿": Decimal(10**12)}
_SCIENTIFIC_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?[eE][+-]?[0-9]+")
_TOKEN_RE = re.compile(
    rf"(?P<arabic>{_ARABIC})|(?P<digit>[{''.join(DIGITS)}])|(?P<small>[{''.join(SMALL_UNITS)}])"
    rf"|(?P<large>[{''.join(LARGE_UNITS)}])|(?P<bad>.)",
    re.S,
)


def _normalise_numeral(s: str) -> str:
    """Half-width digits, no spaces at the ends, 廿 spelled out.

    >>> _normalise_numeral(" １，２３４．５ ")
    '1,234.5'
    >>> _normalise_numeral("廿二")
    '二十二'
    """
    s = s.strip().translate(FULLWIDTH)
    for short, long in CONTRACTED_TENS.items():
        s = s.replace(short, long)
    return s


def _digit_string(s: str) -> str:
    """Digits of a positional numeral, Arabic or Chinese, as an ASCII string.

    >>> _digit_string("二〇〇二")
    '2002'
    >>> _digit_string("一七二零")
    '1720'
    """
    out = []
    for ch in s:
        if ch.isascii() and ch.isdigit():
            out.append(ch)
        elif ch in DIGITS:
            out.append(str(DIGITS[ch]))
        else:
            raise ValueError(f"not a digit: {ch!r}")
    return "".join(out)


def _parse_integer_part(s: str) -> Decimal:
    """Read a numeral without a 点 decimal point (Arabic decimals allowed).

    >>> _parse_integer_part("一亿五千万零六千三百五十五")
    Decimal('150006355')
    >>> _parse_integer_part("两千六")
    Decimal('2600')
    """
    tokens = [(m.lastgroup, m.group()) for m in _TOKEN_RE.finditer(s)]
    if not tokens:
        raise ValueError("empty numeral")
    kinds = {kind for kind, _ in tokens}
    if "bad" in kinds:
        bad = next(text for kind, text in tokens if kind == "bad")
        raise ValueError(f"not a numeral character: {bad!r}")
    if kinds == {"digit"}:  # positional reading: 一二三, 二〇〇二, 零
        if any(ch in COEFFICIENT_ONLY for ch in s) and len(s) > 1:
            raise ValueError("两 is not read digit by digit")  # 两两 means "in pairs"
        return Decimal(_digit_string(s))

    total = Decimal(0)  # completed large sections
    section = Decimal(0)  # the section being written, below the next large unit
    pending: Decimal | None = None  # a digit waiting for its unit
    pending_is_cn_digit = False
    last_small: int | None = None
    top_large = 0  # the largest section unit applied so far
    last_large: int | None = None
    prev_kind: str | None = None
    prev_unit = 0
    after_zero = False
    closed = False  # a decimal coefficient took a unit: only larger units may follow

    for kind, text in tokens:
        if kind == "digit" and text in ZEROS:
            if closed or pending is not None:
                raise ValueError("misplaced zero")
            after_zero = True
            prev_kind = "zero"
            continue
        if kind in ("digit", "arabic"):
            if closed or pending is not None:
                raise ValueError("two figures without a unit between them")
            pending = Decimal(text.replace(",", "")) if kind == "arabic" else Decimal(DIGITS[text])
            pending_is_cn_digit = kind == "digit" and not after_zero and prev_kind in ("small", "large")
            prev_kind = kind
            continue
        if kind == "small":
            unit = SMALL_UNITS[text]
            if closed or (last_small is not None and unit >= last_small):
                raise ValueError("units out of order")
            coefficient = Decimal(1) if pending is None else pending
            closed = coefficient != coefficient.to_integral_value()
            section += coefficient * unit
            last_small, pending, after_zero = unit, None, False
            prev_kind, prev_unit = "small", unit
            continue
        # a large unit: 万 亿 兆
        unit = LARGE_UNITS[text]
        chunk = section + (pending or 0)
        if chunk == 0:
            if prev_kind != "large":
                raise ValueError(f"{text} without a figure")
            total *= unit  # 万亿, 万万
            top_large = max(top_large, last_large * unit)  # type: ignore[operator]
            last_large = last_large * unit  # type: ignore[operator]
        elif unit > top_large:
            total = (total + chunk) * unit
            top_large = last_large = unit
        elif last_large is not None and unit < last_large:
            total += chunk * unit
            last_large = unit
        else:
            raise ValueError("units out of order")
        closed = closed or (pending is not None and pending != pending.to_integral_value())
        section, pending, last_small, after_zero = Decimal(0), None, None, False
        prev_kind, prev_unit = "large", unit

    if prev_kind == "zero":
        raise ValueError("numeral ends in a zero")
    if pending is not None and pending_is_cn_digit and prev_unit >= 100:
        pending *= prev_unit // 10  # 三万五 = 35000, 一百二 = 120
    return total + section + (pending or 0)


def _tidy(value: Decimal) -> Decimal:
    """Drop exponent and trailing-zero noise: whole numbers without decimals.

    >>> _tidy(Decimal("22000.0")), _tidy(Decimal("12.30")), _tidy(Decimal("1E+3"))
    (Decimal('22000'), Decimal('12.3'), Decimal('1000'))
    """
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def parse_number(s: str) -> Decimal:
    """Read an Arabic or Chinese numeral (or a mix of both) as a Decimal.

    Accepts 1,234.5, 1e8, 三, 一百二十, 两千五百万, 百, 〇, 壹仟贰佰, 一点五亿, 2.2万亿, 三万五
    (colloquial: 35000), 二〇二二 (digit by digit), 负三 / -3. Raises ValueError otherwise.

    >>> parse_number("两千五百万")
    Decimal('25000000')
    >>> parse_number("1,234.5")
    Decimal('1234.5')
    >>> parse_number("2.2万亿")
    Decimal('2200000000000')
    >>> parse_number("十一十二")
    Traceback (most recent call last):
    ...
    ValueError: units out of order
    """
    if not isinstance(s, str):
        raise ValueError("not a string")
    fast = _PLAIN_FIGURE_RE.fullmatch(s)
    if fast:  # the common case, 1528.2亿: no context switch, no tokens
        return _tidy(Decimal(fast.group(1)) * _SECTION_VALUES[fast.group(2)])
    try:
        with localcontext() as ctx:
            ctx.prec = 60
            value = _parse_signed(_normalise_numeral(s))
    except ArithmeticError as exc:
        raise ValueError("number out of range") from exc
    if value.adjusted() >= MAX_DIGITS:
        raise ValueError("number out of range")
    return value


def _parse_signed(s: str) -> Decimal:
    """parse_number's work on a normalised string (see there)."""
    sign = 1
    for minus in MINUS_SIGNS:
        if s.startswith(minus):
            sign, s = -1, s[len(minus):]
            break
    if not s:
        raise ValueError("empty numeral")
    if _SCIENTIFIC_RE.fullmatch(s):
        return _tidy(sign * Decimal(s))
    points = sum(s.count(p) for p in DECIMAL_POINTS)
    if points > 1:
        raise ValueError("more than one decimal point")
    if points == 0:
        return _tidy(sign * _parse_integer_part(s))
    integer, fraction = re.split(f"[{DECIMAL_POINTS}]", s)
    match = re.fullmatch(f"([0-9{''.join(DIGITS)}]+)([{''.join(LARGE_UNITS)}]*)", fraction)
    if not integer or not match:
        raise ValueError("a decimal point needs digits on both sides")
    value = _parse_integer_part(integer) + Decimal("0." + _digit_string(match.group(1)))
    if match.group(2):  # 一点五亿: the unit scales the whole decimal
        if not all(ch in DIGITS or ch.isdigit() for ch in integer):
            raise ValueError("units on both sides of the decimal point")
        value *= _parse_integer_part("1" + match.group(2))
    return _tidy(sign * value)


# ---------------------------------------------------------------------------
# Finding amounts and quantities: one compiled pattern, then parsing
# ---------------------------------------------------------------------------


def _alternation(words) -> str:
    """A regex alternation of literal words, longest first.

    >>> _alternation(["元", "元人民币"])
    '元人民币|元'
    """
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_D = "0-9０-９"
_CN_DIGITS = "".join(DIGITS)
_CN_SMALL = "".join(SMALL_UNITS) + "".join(CONTRACTED_TENS)
_CN_LARGE = "".join(LARGE_UNITS)
# A unit character that starts a measure word (千瓦, 兆瓦) belongs to the measure, not the figure.
_UNIT_START = "|".join(w for w in QUANTITY_UNITS if w[0] in SMALL_UNITS or w[0] in LARGE_UNITS)
_NOT_MEASURE = f"(?!{_UNIT_START})"
_NUM = (
    rf"(?:(?<![{_D}.．])[{_D}]+(?:[,，][{_D}]{{3}}(?![{_D}]))*(?:[.．][{_D}]+)?"
    rf"(?:[ ]?(?:{_NOT_MEASURE}[{_CN_SMALL}{_CN_LARGE}])+)?"
    rf"|(?<![{_CN_DIGITS}{_CN_SMALL}{_CN_LARGE}{VAGUE_BEFORE}])[{_CN_DIGITS}{_CN_SMALL}]"
    rf"(?:{_NOT_MEASURE}[{_CN_DIGITS}{_CN_SMALL}{_CN_LARGE}])*"
    rf"(?:[点點][{_CN_DIGITS}]+(?:{_NOT_MEASURE}[{_CN_LARGE}])*)?)"
)
_SUB_DIGIT = f"[0-9{_CN_DIGITS}]"
_INCLUSIVE = r"(?:[(（]含[)）])?"
_CANDIDATE_RE = re.compile(
    rf"(?:(?P<lo>{_NUM})(?P<lo_cur>元)?{_INCLUSIVE}[ ]?(?P<sep>{_alternation(RANGE_SEPARATORS)})[ ]?)?"
    rf"(?P<num>{_NUM})"
    rf"(?:(?P<mid>{_alternation(MID_QUALIFIERS)})(?P<mult>[{_CN_LARGE}]*))?"
    rf"[ ]?(?:"
    rf"(?P<cur>元人民币|元|圆|人民币)(?!{_alternation(NOT_AFTER_YUAN)})"
    rf"(?:(?P<jiao>{_SUB_DIGIT})角)?(?:(?P<fen>{_SUB_DIGIT})分)?(?:[整正](?![\u4e00-\u9fff]))?"
    rf"|(?P<qty>{_alternation(QUANTITY_UNITS)})"
    rf")?"
    rf"(?:{_INCLUSIVE}(?P<post_word>{_alternation(POSTFIX_QUALIFIERS)}))?"
)
_RUN_CHARS = f"{_D}{_CN_DIGITS}{_CN_SMALL}{_CN_LARGE},，.．点點"
_RUN = f"[{_D}{_CN_DIGITS}{_CN_SMALL}][{_RUN_CHARS}]*"
#: Cheap first pass: a whole run of numeral characters meeting a unit (a superset of real
#: candidates). Starting only where a run starts keeps the scan linear on long digit runs.
_TRIGGER_RE = re.compile(
    rf"(?<![{_RUN_CHARS}]){_RUN}(?:元?{_INCLUSIVE}[ ]?(?:{_alternation(RANGE_SEPARATORS)})[ ]?{_RUN})?"
    rf"(?:[{''.join(MID_QUALIFIERS)}][{_CN_LARGE}]*)?[ ]?"
    rf"(?:[元圆{_CN_LARGE}]|人民币|{_alternation(QUANTITY_UNITS)})"
    rf"|[￥¥][ ]?[{_D}]"
)
_PREFIX_RE = re.compile(
    rf"(?:(?P<qualifier>{_alternation(PREFIX_QUALIFIERS)})|(?P<marker>人民币|[￥¥])[ \t]*)$"
)
_MONEY_BEFORE_RE = re.compile(rf"(?:{_alternation(MONEY_WORDS_BEFORE)})[^，。；！？、,;!?\n]{{0,6}}$")
_MONEY_AFTER_RE = re.compile(rf"的?(?:总|计划|预计|固定资产)?(?:{_alternation(MONEY_WORDS_AFTER)})")
_NOT_YUAN_AFTER_RE = re.compile(_alternation(NOT_YUAN_AFTER))
#: Cheap first test for find_quantities: every quantity ends in one of these units.
_QUANTITY_UNIT_RE = re.compile(_alternation(QUANTITY_UNITS))
_ARABIC_DIGIT_RE = re.compile(f"[{_D}]")
_TRAILING_LARGE_RE = re.compile(f"[{_CN_LARGE}]+$")


def _large_multiplier(units: str) -> Decimal:
    """The value of a run of section units.

    >>> _large_multiplier("万亿"), _large_multiplier("")
    (Decimal('1000000000000'), Decimal('1'))
    """
    value = Decimal(1)
    for ch in units:
        value *= LARGE_UNITS[ch]
    return value


def _read_prefixes(text: str, start: int) -> tuple[int, str | None, str | None]:
    """Walk back over qualifiers and yuan markers (人民币, ¥) written before a figure.

    Returns the new start, the qualifier (or None) and the yuan marker (or None).

    >>> _read_prefixes("总投资超100亿元", 4)
    (3, '超', None)
    >>> _read_prefixes("约人民币  5亿元", 6)
    (0, '约', '人民币')
    """
    qualifier, marker = None, None
    for _ in range(2):
        m = _PREFIX_RE.search(text, max(0, start - 12), start)
        if m is None:
            break
        if m["qualifier"] and qualifier is None:
            qualifier = m["qualifier"]
        elif m["marker"] and marker is None:
            marker = m["marker"]
        else:
            break
        start = m.start()
    return start, qualifier, marker


def _is_money_context(text: str, start: int, end: int) -> bool:
    """Whether a bare 万/亿 figure at text[start:end] is money by what surrounds it.

    >>> _is_money_context("计划投资3000万", 4, 9), _is_money_context("新建3000万", 2, 7)
    (True, False)
    """
    if _MONEY_BEFORE_RE.search(text, max(0, start - 16), start):
        return True
    return _MONEY_AFTER_RE.match(text, end) is not None


def _figure(num: str, mid: str | None, mult: str | None) -> Decimal:
    """Value of a figure with its optional 余/多 and following units.

    >>> _figure("3000", "多", "万"), _figure("1.5亿", None, None)
    (Decimal('30000000'), Decimal('150000000'))
    """
    value = parse_number(num.replace(" ", ""))
    if mid:
        value *= _large_multiplier(mult or "")
    return _tidy(value)


def _units_of(num: str, mid: str | None, mult: str | None) -> str:
    """The figure as written without its 余/多, for checking which unit it ends in.

    >>> _units_of("3000", "多", "万"), _units_of("5亿", None, None)
    ('3000万', '5亿')
    """
    return num + (mult or "") if mid else num


def _bound_of(qualifier: str) -> str:
    """The bound a qualifier word sets.

    >>> _bound_of("近"), _bound_of("余"), _bound_of("左右")
    ('upper', 'lower', 'approx')
    """
    for table in (PREFIX_QUALIFIERS, MID_QUALIFIERS, POSTFIX_QUALIFIERS):
        if qualifier in table:
            return table[qualifier]
    raise KeyError(qualifier)


def _scan(text: str, *, assume_money: bool = False, kind: type | None = None):
    """Yield Amount and Quantity records from text, in order (only those of ``kind`` if given:
    a candidate with a measure unit can only be a Quantity, one without only an Amount).

    The cheap trigger pattern finds where a figure meets a unit; the full candidate pattern is only
    tried from there (same results as running the full pattern over the whole text, much faster).

    >>> [type(r).__name__ for r in _scan("投资3亿元建设30万千瓦风电")]
    ['Amount', 'Quantity']
    >>> [r.text for r in _scan("投资3亿元建设30万千瓦风电", kind=Quantity)]
    ['30万千瓦']
    """
    pos = 0
    while True:
        trigger = _TRIGGER_RE.search(text, pos)
        if trigger is None:
            return
        at, pos = trigger.start(), trigger.end()
        while at < pos:
            m = _CANDIDATE_RE.match(text, at)
            if m is None or m.end() == at:
                at += 1
                continue
            try:
                record = _record(text, m, assume_money) if _may_be(kind, m) else None
            except (ValueError, ArithmeticError):
                record = None
            if record is not None:
                yield record
            at = m.end()
        pos = max(pos, at)


def _may_be(kind: type | None, m: re.Match) -> bool:
    """Whether candidate ``m`` can make a record of ``kind`` (None: of any kind).

    >>> m = _CANDIDATE_RE.match("30万千瓦")
    >>> _may_be(Quantity, m), _may_be(Amount, m), _may_be(None, m)
    (True, False, True)
    """
    return kind is None or (kind is Quantity) == (m["qty"] is not None)


def _record(text: str, m: re.Match, assume_money: bool) -> Amount | Quantity | None:
    """Turn one pattern match into an Amount, a Quantity or nothing.

    >>> _record("新建5000万只", _CANDIDATE_RE.match("新建5000万只", 2), False).unit
    '只'
    """
    num, mid, mult, cur, qty = m["num"], m["mid"], m["mult"], m["cur"], m["qty"]
    units = _units_of(num, mid, mult)
    has_arabic = _ARABIC_DIGIT_RE.search(num) is not None
    if qty:
        if m["lo"] is not None:
            return None  # ranges of quantities are not reported
        if qty in COUNTED_UNITS and not _TRAILING_LARGE_RE.search(units):
            return None  # 24台压桩机 is a count; 45万台 is a capacity
        if not has_arabic and len(num) == 1:
            return None  # 一头, 三吨: a lone Chinese digit before a measure is a word or a count
        end = m.end("qty")
        value = _figure(num, mid, mult)
        return Quantity(value=value, unit=qty, text=text[m.start():end], start=m.start(), end=end)
    if cur == "人民币" and not (has_arabic or _TRAILING_LARGE_RE.search(units)):
        return None  # 李四人民币: a lone Chinese digit before 人民币 is a name, not a sum
    value = _figure(num, mid, mult)
    low = None
    if m["lo"] is not None:
        low = parse_number(m["lo"].replace(" ", ""))
        trailing = _TRAILING_LARGE_RE.search(units)
        if not m["lo_cur"] and not _TRAILING_LARGE_RE.search(m["lo"]) and trailing:
            low *= _large_multiplier(trailing.group())  # 10-20亿元: the 亿 covers both
        if low >= value:
            low = None  # not a range (2019-3亿元): the second figure stands alone
    start, qualifier, marker = _read_prefixes(text, m.start() if low is not None else m.start("num"))
    end = m.end()
    if not cur:
        if _NOT_YUAN_AFTER_RE.match(text, m.end("mid") if mid else m.end("num")):
            return None  # 1200亿美元, 30万个
        if marker not in ("￥", "¥"):
            if not _TRAILING_LARGE_RE.search(units.rstrip()):
                return None  # a bare figure without 万/亿 is never money
            if not (assume_money or marker or _is_money_context(text, start, end)):
                return None
    for digit, scale in ((m["jiao"], Decimal("0.1")), (m["fen"], Decimal("0.01"))):
        if digit:
            value += parse_number(digit) * scale
    qualifier = qualifier or mid or m["post_word"]
    if low is not None:
        return Amount(
            value_yuan=_tidy(low), text=text[start:end], start=start, end=end, qualifier=qualifier,
            bound=_bound_of(qualifier) if qualifier else "lower", high_yuan=_tidy(value),
        )
    return Amount(
        value_yuan=_tidy(value), text=text[start:end], start=start, end=end, qualifier=qualifier,
        bound=_bound_of(qualifier) if qualifier else "exact",
    )


def find_amounts(text: str) -> list[Amount]:
    """Money mentions in text, in order. Never raises on text.

    >>> [(a.text, a.value_yuan, a.qualifier, a.bound) for a in find_amounts("投资3000多万的项目")]
    [('3000多万', Decimal('30000000'), '多', 'lower')]
    >>> find_amounts("新建5000万只肉鸡项目")
    []
    """
    if not isinstance(text, str):
        return []
    return list(_scan(text, kind=Amount))


def find_quantities(text: str) -> list[Quantity]:
    """Capacity measures in text (万千瓦, 万吨, 万只, 亩, 公里 …), in order. Never raises on text.

    >>> [(q.value, q.unit, q.text) for q in find_quantities("建设30万千瓦风电项目，年产3.5万吨")]
    [(Decimal('300000'), '千瓦', '30万千瓦'), (Decimal('35000'), '吨', '3.5万吨')]
    """
    if not isinstance(text, str) or not _QUANTITY_UNIT_RE.search(text):
        return []
    return list(_scan(text, kind=Quantity))


def parse_amount_text(s: str) -> Amount:
    """Read a string that is one money mention as a whole (bare 万/亿 counts as yuan).

    >>> a = parse_amount_text("肆佰叁拾萬圆整")
    >>> a.value_yuan, a.text
    (Decimal('4300000'), '肆佰叁拾萬圆整')
    """
    stripped = s.strip() if isinstance(s, str) else ""
    found = list(_scan(stripped, assume_money=True, kind=Amount))
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(stripped):
        raise ValueError(f"not one amount: {s!r}")
    return found[0]


# ---------------------------------------------------------------------------
# Command line amounts and their human form
# ---------------------------------------------------------------------------

_ACCEPTED = "expected an amount like 1亿, 1.5亿, 5000万, 2万亿, 100000000 or 1e8"
_ARG_RE = re.compile(
    rf"(?P<num>[0-9]+(?:,[0-9]{{3}})*(?:\.[0-9]+)?(?:[eE][+]?[0-9]+)?|\.[0-9]+)"
    rf"(?P<mult>{_alternation(CLI_MULTIPLIERS)})?元?"
)


def parse_amount_arg(s: str) -> Decimal:
    """Read a command-line amount as yuan.

    >>> parse_amount_arg("1.5亿"), parse_amount_arg("5000万"), parse_amount_arg("1e8")
    (Decimal('150000000'), Decimal('50000000'), Decimal('100000000'))
    >>> parse_amount_arg("1亿亿")
    Traceback (most recent call last):
    ...
    xmqw.extract.amounts.AmountError: '1亿亿': expected an amount like 1亿, 1.5亿, 5000万, 2万亿, 100000000 or 1e8
    """
    text = s.strip().translate(FULLWIDTH).replace(" ", "") if isinstance(s, str) else ""
    m = _ARG_RE.fullmatch(text)
    if not m:
        raise AmountError(f"{s!r}: {_ACCEPTED}")
    try:
        with localcontext() as ctx:
            ctx.prec = 60
            value = Decimal(m["num"].replace(",", "")) * CLI_MULTIPLIERS[m["mult"] or ""]
            if value.adjusted() >= MAX_DIGITS:
                raise AmountError(f"{s!r}: too large; {_ACCEPTED}")
            return _tidy(value)
    except ArithmeticError as exc:
        raise AmountError(f"{s!r}: {_ACCEPTED}") from exc


def format_yuan(value: Decimal) -> str:
    """Human form of a yuan value; parse_amount_arg reads it back exactly.

    >>> format_yuan(Decimal("1900000000")), format_yuan(Decimal("5000000")), format_yuan(Decimal("3.5"))
    ('19亿元', '500万元', '3.5元')
    """
    value = Decimal(value)
    with localcontext() as ctx:
        ctx.prec = 80
        for suffix, multiplier in FORMAT_MULTIPLIERS:
            if abs(value) >= multiplier:
                return f"{_plain(value / multiplier)}{suffix}元"
        return f"{_plain(value)}元"


def _plain(value: Decimal) -> str:
    """A Decimal written without exponent or trailing zeros.

    >>> _plain(Decimal("1.50")), _plain(Decimal("2E+3"))
    ('1.5', '2000')
    """
    text = format(value.normalize(), "f")
    return text
