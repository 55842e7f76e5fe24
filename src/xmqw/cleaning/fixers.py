"""Character-level fixers: each one a small ``str -> str`` rule.

They run in this order (see ``pipeline.TEXT_RULES``): line breaks, control
and invisible characters, GBK byte-shift mojibake (``mojibake.py``), CJK radical
look-alikes, full-width digits and Latin, pinyin annotations, spaces, the
simplified script, variant forms t2s keeps. The tables they use are at the top
of this module.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Callable

from xmqw.cleaning.notes import Notes
from xmqw.cleaning.script import to_simplified

# --- tables -----------------------------------------------------------------

#: Every toneless pinyin syllable (ü written as ü). From the readings in
#: pypinyin's character dictionary, less the interjection-only m, n, ng, hm, hng.
PINYIN_SYLLABLES = frozenset(
    """
    a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo bong bu
    ca cai can cang cao ce cei cen ceng cha chai chan chang chao che chen cheng chi chong chou
    chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang
    dao de dei den deng di dia dian diao die din ding diu dong dou du duan dui dun duo e ei en
    eng er fa fan fang fei fen feng fiao fo fou fu ga gai gan gang gao ge gei gen geng gong gou
    gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai
    huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai
    kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao
    le lei len leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo lü lüe
    ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang
    nao ne nei nen neng ni nia nian niang niao nie nin ning niu nong nou nu nuan nun nuo nü nüe
    o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang
    qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru rua ruan
    rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng shi
    shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan
    tang tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei
    wen weng wo wong wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan
    yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha
    zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui
    zhun zhuo zi zong zou zu zuan zui zun zuo
    """.split()
)

#: Tone-marked vowels -> the toneless letter (ɑ and ɡ are pinyin-font letters).
TONE_MARKS = {
    **dict.fromkeys("āáǎà", "a"),
    **dict.fromkeys("ēéěè", "e"),
    **dict.fromkeys("īíǐì", "i"),
    **dict.fromkeys("ōóǒò", "o"),
    **dict.fromkeys("ūúǔù", "u"),
    **dict.fromkeys("ǖǘǚǜ", "ü"),
    "ɑ": "a",
    "ɡ": "g",
}
_UNTONE = str.maketrans(TONE_MARKS)
_TONED = frozenset(c for c in TONE_MARKS if c not in "ɑɡ")

#: Toneless (neutral-tone) annotations are removed only where the reading is
#: certain: after these particles, which are always read so. Elsewhere ``(de)``
#: or ``(ma)`` may be a real parenthesis (a label, an abbreviation) and stays.
NEUTRAL_TONE_READINGS = {
    "的": "de", "地": "de", "得": "de", "了": "le", "着": "zhe", "著": "zhe",
    "么": "me", "麼": "me", "吗": "ma", "嗎": "ma", "呢": "ne", "吧": "ba",
    "们": "men", "們": "men",
}  # fmt: skip

#: CJK Radicals Supplement (U+2E80–U+2EFF) characters that text extracted from
#: PDFs and some fonts uses in place of the ordinary ideograph. NFKC does not
#: fold this block (it does fold the Kangxi radicals, U+2F00–U+2FD5). Only the
#: radicals whose form is a whole, ordinary character are mapped, to the
#: ideograph the Unicode Character Database pairs them with
#: (EquivalentUnifiedIdeograph.txt), as their names say: CJK RADICAL WEST TWO is
#: 西, CJK RADICAL C-SIMPLIFIED LONG is 长. Component-only forms (⺅ PERSON,
#: ⻌ SIMPLIFIED WALK, ⻈ C-SIMPLIFIED SPEECH …) have no standalone reading and
#: are left alone.
RADICAL_SUPPLEMENT = {
    "\u2e9c": "日",  # SUN
    "\u2e9d": "月",  # MOON
    "\u2e9f": "母",  # MOTHER
    "\u2ea0": "民",  # CIVILIAN
    "\u2ea9": "王",  # JADE
    "\u2eac": "示",  # SPIRIT ONE
    "\u2ec4": "西",  # WEST TWO
    "\u2ec5": "见",  # C-SIMPLIFIED SEE
    "\u2ec6": "角",  # SIMPLIFIED HORN
    "\u2ec9": "贝",  # C-SIMPLIFIED SHELL
    "\u2ecb": "车",  # C-SIMPLIFIED CART
    "\u2ed1": "長",  # LONG ONE
    "\u2ed3": "长",  # C-SIMPLIFIED LONG
    "\u2ed4": "门",  # C-SIMPLIFIED GATE
    "\u2ed8": "青",  # BLUE
    "\u2ed9": "韦",  # C-SIMPLIFIED TANNED LEATHER
    "\u2eda": "页",  # C-SIMPLIFIED LEAF
    "\u2edb": "风",  # C-SIMPLIFIED WIND
    "\u2edc": "飞",  # C-SIMPLIFIED FLY
    "\u2edd": "食",  # EAT ONE
    "\u2ee1": "首",  # HEAD
    "\u2ee2": "马",  # C-SIMPLIFIED HORSE
    "\u2ee3": "骨",  # BONE
    "\u2ee4": "鬼",  # GHOST
    "\u2ee5": "鱼",  # C-SIMPLIFIED FISH
    "\u2ee6": "鸟",  # C-SIMPLIFIED BIRD
    "\u2ee7": "卤",  # C-SIMPLIFIED SALT
    "\u2ee8": "麦",  # SIMPLIFIED WHEAT
    "\u2ee9": "黄",  # SIMPLIFIED YELLOW
    "\u2eea": "黾",  # C-SIMPLIFIED FROG
    "\u2eeb": "斉",  # J-SIMPLIFIED EVEN
    "\u2eec": "齐",  # C-SIMPLIFIED EVEN
    "\u2eed": "歯",  # J-SIMPLIFIED TOOTH
    "\u2eee": "齿",  # C-SIMPLIFIED TOOTH
    "\u2eef": "竜",  # J-SIMPLIFIED DRAGON
    "\u2ef0": "龙",  # C-SIMPLIFIED DRAGON
    "\u2ef2": "亀",  # J-SIMPLIFIED TURTLE
    "\u2ef3": "龟",  # C-SIMPLIFIED TURTLE
}

#: Variant forms that OpenCC t2s leaves as they are (it converts 産 and 檯,
#: not these), mapped to the standard form of the Table of General Standard
#: Chinese Characters (通用规范汉字表, whose appendix lists them as variants).
#: Only variants with a single standard form: not 祇 (神祇) or 瞭 (瞭望).
VARIANTS = {
    "堿": "碱", "粧": "妆", "銲": "焊", "甎": "砖", "塼": "砖", "姫": "姬", "鬭": "斗", "鬪": "斗",
    "閧": "哄", "麤": "粗", "甖": "罂", "牠": "它", "衹": "只", "秖": "只", "迺": "乃", "廼": "乃",
    "隄": "堤", "凃": "涂", "痺": "痹",
}  # fmt: skip

#: Full-width forms made half width: digits, Latin letters, and the signs that
#: belong to numbers (％ ． ＋ － ／). Chinese punctuation (，。、：；“”（）？！《》)
#: stays as written.
WIDTH = {
    **{chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)},
    **{chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)},
    **{chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)},
    "％": "%", "．": ".", "＋": "+", "－": "-", "／": "/",
}  # fmt: skip

#: Spaces other than U+0020 (tab, no-break, ideographic, the U+2000 family) and
#: invisible characters (zero-width, word joiner, stray byte-order marks).
ODD_SPACES = "\t\x0b\x0c\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
INVISIBLES = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

#: Terminal escape sequences (ECMA-48 and ECMA-35 shapes), removed whole so
#: that no payload (``[31m``, ``]8;;http://…``) is left behind. (name,
#: pattern); each starts with ESC. A control string (OSC, DCS, SOS, PM, APC)
#: runs to its terminator (BEL, ESC backslash or ST) within the line; without
#: one, to the end of its ECMA-48 command string (printable ASCII). An 8-bit
#: C1 introducer (U+009B, U+009D) is removed alone: in decoded text it comes
#: from a bad decode more often than from a terminal.
ESCAPE_SEQUENCES = (
    ("CSI", r"\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"),  # ESC[31m: colours, cursor moves
    ("control string", r"\x1b[\]PX^_](?:[^\x00-\x1f\x7f-\x9f]*(?:\x07|\x1b\\|\x9c)|[\x20-\x7e]*)"),  # ESC]8;;url BEL
    ("ESC", r"\x1b[\x20-\x2f]*[\x30-\x7e]"),  # other escape sequences: ESC 7, ESC ( B
)

# --- compiled patterns --------------------------------------------------------

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PINYIN_LETTERS = "a-zü" + "".join(TONE_MARKS)
#: Opening brackets. A pattern that starts with one is compiled once per
#: bracket (``per_bracket``): the engine skips to a literal first character
#: at memchr speed, but tests a character class at every position (about
#: 5 ns/char, ten times slower).
OPENING_BRACKETS = "(（"


def per_bracket(make: Callable[[str], str]) -> tuple[re.Pattern[str], ...]:
    """Compile ``make(bracket)`` for each opening bracket (escaped).

    >>> [p.match(s) is not None for p in per_bracket(lambda b: b + 'x') for s in ('(x', '（x')]
    [True, False, False, True]
    """
    return tuple(re.compile(make(re.escape(b))) for b in OPENING_BRACKETS)


def search_any(patterns: tuple[re.Pattern[str], ...], text: str, pos: int = 0) -> re.Match[str] | None:
    """The leftmost match of any of ``patterns`` from ``pos``: what one
    pattern with their alternation would find, when at most one of them can
    match at a position (each starts with another character)."""
    found = [m for p in patterns if (m := p.search(text, pos))]
    return min(found, key=lambda m: m.start()) if found else None


def finditer_all(patterns: tuple[re.Pattern[str], ...], text: str) -> list[re.Match[str]]:
    """Every match of each of ``patterns``, in text order: what ``finditer``
    of their alternation finds when no match can start inside another.

    >>> [m.group() for m in finditer_all(per_bracket(lambda b: b + '[a-z]+'), '(ab（cd(ef')]
    ['(ab', '（cd', '(ef']
    """
    runs = [found for p in patterns if (found := list(p.finditer(text)))]
    if len(runs) == 1:
        return runs[0]
    return sorted((m for run in runs for m in run), key=lambda m: m.start())


#: One or more parenthesised groups of pinyin letters after a CJK character.
#: (The pattern starts with the parenthesis and looks behind for the
#: character: a leading character class would make the scan slower.)
_ANNOTATIONS = per_bracket(
    lambda b: rf"{b}(?<=[{_CJK}]{b})[{_PINYIN_LETTERS}]{{1,7}}[)）](?:[(（][{_PINYIN_LETTERS}]{{1,7}}[)）])*"
)
_ONE_ANNOTATION = re.compile(rf"[(（]([{_PINYIN_LETTERS}]{{1,7}})[)）]")
#: The characters without which a rule changes nothing, as character-class
#: sources, for the rules whose characters few articles hold: the pipeline
#: scans once for all of them (``RARE_CHARACTERS``) and skips these rules on
#: a text with none. (The radical class lists the supplement radicals that
#: are mapped, so that it compiles to one bitmap: two plain ranges would
#: make the engine test each range in turn, twice as slow.)
RULE_CHARACTERS = {
    "normalise_newlines": "\r\u2028\u2029\x85",
    "strip_controls": "\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff" + INVISIBLES,
    "fix_radicals": "".join(RADICAL_SUPPLEMENT) + "\u2f00-\u2fd5\uf900-\ufaff\U0002f800-\U0002fa1f",
    "normalise_width": re.escape("".join(WIDTH)),
    "fix_variants": "".join(VARIANTS),
}
RARE_CHARACTERS = re.compile("[" + "".join(RULE_CHARACTERS.values()) + "]")
_CONTROLS = re.compile("[" + RULE_CHARACTERS["strip_controls"] + "]")
_ESCAPE_SEQUENCE = re.compile("|".join(pattern for _, pattern in ESCAPE_SEQUENCES))
_NEWLINES = re.compile("\r\n?|[\u2028\u2029\x85]")
_RADICALS = re.compile("[" + RULE_CHARACTERS["fix_radicals"] + "]")
_VARIANT_CHARS = re.compile("[" + RULE_CHARACTERS["fix_variants"] + "]")
_VARIANT_TABLE = str.maketrans(VARIANTS)
_WIDTH_CHARS = re.compile("[" + RULE_CHARACTERS["normalise_width"] + "]")
_WIDTH_TABLE = str.maketrans(WIDTH)
_ODD_SPACE = re.compile("[" + ODD_SPACES + "]")
_SPACE_RUN = re.compile(r" {2,}")


def _record(notes: Notes | None, rule: str, n: int) -> None:
    if notes is not None:
        notes.count(rule, n)


# --- rules ---------------------------------------------------------------------


def normalise_newlines(text: str, notes: Notes | None = None) -> str:
    r"""Make every line break ``\n`` (Windows ``\r\n``, old Mac ``\r``, the
    Unicode line and paragraph separators).

    >>> normalise_newlines('第一段。\r\n第二段。\r第三段。')
    '第一段。\n第二段。\n第三段。'
    """
    if "\r" not in text and "\u2028" not in text and "\u2029" not in text and "\x85" not in text:
        return text
    text, n = _NEWLINES.subn("\n", text)
    _record(notes, "normalise_newlines", n)
    return text


def strip_controls(text: str, notes: Notes | None = None) -> str:
    r"""Remove terminal escape sequences whole (``ESCAPE_SEQUENCES``), then
    C0 and C1 control characters (NUL, BEL, a lone ESC …), non-characters
    and invisible ones (byte-order mark, zero-width space, soft hyphen); tabs
    and line breaks are kept for the space rules. The log counts a sequence
    once.

    >>> strip_controls('\ufeff项目\x00建设\x1b进度\x85\u200b')
    '项目建设进度'
    >>> strip_controls('全市项目\x1b[1;31m全面开工\x1b[0m。\x1b]8;;http://x.example\x07详情\x1b]8;;\x07')
    '全市项目全面开工。详情'
    >>> strip_controls('第一段\t甲\n第二段')
    '第一段\t甲\n第二段'
    """
    n = 0
    if "\x1b" in text:
        text, n = _ESCAPE_SEQUENCE.subn("", text)
    text, lone = _CONTROLS.subn("", text)
    _record(notes, "strip_controls", n + lone)
    return text


_DECISIONS: dict[tuple[str, str], tuple[str, int]] = {}


def drop_annotations(prev: str, run: str) -> tuple[str, int]:
    """Drop the pinyin annotations in ``run`` (one or more parenthesised
    groups after the character ``prev``); keep any group that is not one.
    Returns (what is kept, how many were dropped)."""
    key = (prev, run)
    decision = _DECISIONS.get(key)
    if decision is not None:
        return decision
    kept = []
    removed = 0
    for m in _ONE_ANNOTATION.finditer(run):
        syllable = m.group(1)
        base = syllable.translate(_UNTONE)
        if base in PINYIN_SYLLABLES and (
            (base != syllable and sum(c in _TONED for c in syllable) == 1)
            or NEUTRAL_TONE_READINGS.get(prev) == syllable
        ):
            removed += 1
        else:
            kept.append(m.group(0))
    decision = ("".join(kept), removed)
    if len(_DECISIONS) < 65536:
        _DECISIONS[key] = decision
    return decision


def strip_pinyin_annotations(text: str, notes: Notes | None = None) -> str:
    """Remove pinyin readings written in parentheses after a character:
    one syllable with exactly one tone mark, in half- or full-width
    parentheses. Toneless readings go only after the neutral-tone particles of
    ``NEUTRAL_TONE_READINGS`` (的(de), 吗(ma)). Real parentheses stay.

    >>> strip_pinyin_annotations('項(xiàng)目建設(shè)進度')
    '項目建設進度'
    >>> strip_pinyin_annotations('為(wèi)民（mín）服務')
    '為民服務'
    >>> strip_pinyin_annotations('華潤(黑龍江)中醫藥、各縣(市)區、(CVT)、如图(a)所示')
    '華潤(黑龍江)中醫藥、各縣(市)區、(CVT)、如图(a)所示'
    >>> strip_pinyin_annotations('好的(de)，真(zhen)好')
    '好的，真(zhen)好'
    """
    if "(" not in text and "（" not in text:
        return text
    pieces = []
    last = 0
    total = 0
    for m in finditer_all(_ANNOTATIONS, text):  # a bracket inside a run follows a bracket, not a CJK character
        kept, removed = drop_annotations(text[m.start() - 1], m.group(0))
        if removed:
            pieces.append(text[last : m.start()])
            pieces.append(kept)
            last = m.end()
            total += removed
    if not total:
        return text
    pieces.append(text[last:])
    _record(notes, "strip_pinyin_annotations", total)
    return "".join(pieces)


def _radical(m: re.Match[str]) -> str:
    ch = m.group(0)
    return RADICAL_SUPPLEMENT.get(ch) or unicodedata.normalize("NFKC", ch)


def fix_radicals(text: str, notes: Notes | None = None) -> str:
    """Replace CJK radical and compatibility look-alikes with the ordinary
    ideograph: the radicals supplement by ``RADICAL_SUPPLEMENT`` (the other
    supplement radicals stay), Kangxi radicals and compatibility ideographs
    by their NFKC form.

    >>> fix_radicals('陕\u2ec4省\u2ed3春市⼈⺠路')
    '陕西省长春市人民路'
    >>> fix_radicals('\uf9a8定')  # CJK COMPATIBILITY IDEOGRAPH-F9A8
    '令定'
    """
    if _RADICALS.search(text) is None:
        return text
    out = _RADICALS.sub(_radical, text)
    _record(notes, "fix_radicals", sum(map(operator.ne, text, out)))
    return out


def normalise_width(text: str, notes: Notes | None = None) -> str:
    """Full-width digits, Latin letters and number signs to half width;
    Chinese punctuation stays full width.

    >>> normalise_width('完成投资１３１．９３亿元，增长２０．３％（ＣＶＴ）')
    '完成投资131.93亿元，增长20.3%（CVT）'
    """
    n = len(_WIDTH_CHARS.findall(text))
    if not n:
        return text
    _record(notes, "normalise_width", n)
    return text.translate(_WIDTH_TABLE)


def normalise_spaces(text: str, notes: Notes | None = None) -> str:
    r"""Odd spaces (no-break, ideographic, tab …) become a plain space;
    runs of spaces become one; lines lose their leading
    and trailing spaces; blank lines go, so paragraphs are separated by a
    single line break.

    >>> normalise_spaces('\u3000\u3000项目建设\xa0\xa0提速\n\n\n 第二段 \n')
    '项目建设 提速\n第二段'
    """
    text, n = _ODD_SPACE.subn(" ", text)
    text, changed = tidy_lines(text)
    _record(notes, "normalise_spaces", n + changed)
    return text


def tidy_lines(text: str) -> tuple[str, int]:
    r"""The rest of ``normalise_spaces`` once odd spaces are plain: runs of
    spaces become one, lines lose their edge spaces, blank lines go.
    Returns the text and the number of changes.

    >>> tidy_lines(' 第一段\n\n第二段  甲 ')
    ('第一段\n第二段 甲', 4)
    """
    if _is_tidy(text):
        return text, 0
    lines = text.split("\n")
    stripped = [line.strip(" ") for line in lines]
    kept = [line for line in stripped if line]
    n = sum(map(operator.ne, lines, stripped)) + len(lines) - len(kept)
    if n:
        text = "\n".join(kept)
    if "  " in text:
        text, runs = _SPACE_RUN.subn(" ", text)
        n += runs
    return text, n


def _is_tidy(text: str) -> bool:
    r"""Whether ``normalise_spaces`` has nothing to do once odd spaces are
    gone: no empty line, no space at a line's edge, no run of spaces (a few
    substring tests, much cheaper than splitting the lines).

    >>> _is_tidy('第一段。\n第二段 甲。'), _is_tidy('第一段。\n\n第二段。'), _is_tidy('')
    (True, False, False)
    """
    return (
        text[:1] not in ("", " ", "\n")
        and text[-1] not in (" ", "\n")
        and "\n\n" not in text
        and "  " not in text
        and " \n" not in text
        and "\n " not in text
    )


def simplify(text: str, notes: Notes | None = None) -> str:
    """Traditional and variant characters to simplified (OpenCC t2s, via
    ``xmqw.cleaning.script.to_simplified``); the log counts changed lines.

    >>> simplify('年産3.5萬噸，綏中四方檯')
    '年产3.5万吨，绥中四方台'
    """
    out = to_simplified(text)
    if out is not text and out != text:
        _record(notes, "simplify", sum(map(operator.ne, text.split("\n"), out.split("\n"))))
    return out


def fix_variants(text: str, notes: Notes | None = None) -> str:
    """Variant forms that t2s keeps, to the standard form (``VARIANTS``).

    >>> fix_variants('金大地联堿绿色转型产业园')
    '金大地联碱绿色转型产业园'
    """
    n = len(_VARIANT_CHARS.findall(text))
    if not n:
        return text
    _record(notes, "fix_variants", n)
    return text.translate(_VARIANT_TABLE)
