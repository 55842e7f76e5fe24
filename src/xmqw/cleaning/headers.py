"""Header and credit lines: source, date-time, editors, reporters.

They leave the body and go into the article's metadata. Two shapes:

* a whole line of ``label: value`` fields and date-times, e.g.
  ``来源:胶东在线  2019-08-03 09:29:41``, ``[ 责任编辑: 王大鹏 ]``,
  ``2022-06-10 18:36:53来源:中央广电总台国际在线编辑:黄非责编:冯薇薇``
  (``take_header_lines``);
* a bracketed credit at the start or end of a paragraph, e.g.
  ``(记者 谢晓龙 通讯员 丁泉洋)日前,…`` or ``…新活力。(孙婧 记者 刘大泳)``
  (``take_bylines``).

The rules run on simplified text (after ``simplify``), so the tables below are
written in simplified characters only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xmqw.cleaning.notes import Notes, add_unique

# --- tables -----------------------------------------------------------------

#: Field labels (followed by a colon) and what their value is.
SOURCE_LABELS = ("来源", "稿源", "信息来源", "文章来源", "出处")
EDITOR_LABELS = (
    "责任编辑", "责编", "编辑", "值班编辑", "实习编辑", "网络编辑", "审核", "审校", "校对", "终审", "监制",
)  # fmt: skip
REPORTER_LABELS = ("记者", "本报记者", "作者", "通讯员", "撰稿", "撰文", "文字", "摄影", "文/图", "图/文")
DATE_LABELS = ("发布时间", "发布日期", "发表时间", "更新时间", "时间", "日期")
#: Labels whose values are page furniture, dropped with the line.
IGNORED_LABELS = ("浏览次数", "浏览量", "浏览", "阅读量", "阅读", "点击数", "点击量", "点击", "访问量", "字号", "字体")

#: Credit roles inside a bracketed byline: ``(记者 赵龙)``, ``(文 王华)``,
#: ``(孙婧 记者 刘大泳)``, ``(新华社记者 张三)``.
BYLINE_ROLES = (
    r"(?:本报|本台|本网|本刊|新华社|[\u4e00-\u9fff]{2,6}?(?:日报|晚报|报社|电视台|融媒体中心))?"
    r"(?:特约|见习|实习|首席)?(?:记者|通讯员)",
    "实习生", "作者", "撰稿", "撰文", "文字", "摄影", "编译", "文/图", "图/文", "文", "图",
)  # fmt: skip

#: Characters that separate fields on a header line, or wrap it.
SEPARATORS = " |｜丨/·•[]【】()（）"

# --- compiled patterns ------------------------------------------------------------

_LABEL_KINDS = {
    **dict.fromkeys(SOURCE_LABELS, "source"),
    **dict.fromkeys(EDITOR_LABELS, "editors"),
    **dict.fromkeys(REPORTER_LABELS, "reporters"),
    **dict.fromkeys(DATE_LABELS, "date"),
    **dict.fromkeys(IGNORED_LABELS, "ignored"),
}
_LABELS = "|".join(sorted(map(re.escape, _LABEL_KINDS), key=len, reverse=True))
_FIELD = re.compile(rf"(?P<label>{_LABELS})\s*[:：]\s*")
DATETIME = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*(?:年|-|/|\.)\s*(?P<m>\d{1,2})\s*(?:月|-|/|\.)\s*(?P<d>\d{1,2})"
    r"(?!\d)\s*日?(?:\s*(?P<H>\d{1,2})\s*(?:[:：]|时|点)\s*(?P<M>\d\d)\s*分?"
    r"(?:\s*(?<!分)[:：]\s*(?P<S>\d\d)|(?<=分)\s*(?P<S2>\d\d)\s*秒)?(?!\d))?"
)
_NAME = re.compile(r"[\u4e00-\u9fff]{2,5}|[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,6}|[A-Za-z][A-Za-z .'-]{0,30}[A-Za-z]")
_NAME_SPLIT = re.compile(r"[、,，;；\s/]+")
_SENTENCE_PUNCT = re.compile(r"[。！？，,；;！?]")
#: A line that may be a header line: short, and holding a label with a colon or
#: a date-time.
#: Every header line has a colon or a year.
_HEADER_HINT = re.compile(r"[:：]|(?:19|20)\d\d")
#: Header lines are at most this long.
MAX_HEADER = 160

_ROLE = "(?:" + "|".join(BYLINE_ROLES) + ")"
_ROLE_TOKEN = re.compile(rf"{_ROLE}")
_MULTI_CHAR_ROLE = re.compile(r"记者|通讯员|实习生|作者|撰稿|撰文|摄影|编译")
_CJK_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,6}")
_ROLE_AND_NAME = re.compile(rf"({_ROLE})[:：/]?({_CJK_NAME.pattern})")
#: A credit at the start of a paragraph, after an optional news-agency
#: dateline (kept: ``新华社哈尔滨4月19日电``) or ``本报讯`` (dropped with it).
_BRACKET_AT_START = re.compile(
    r"^(?P<dateline>[\u4e00-\u9fff]{2,12}\d{1,2}月\d{1,2}日电)?(?:(?:本报|本刊|本台|本网)讯)?\s*"
    r"[(（](?P<credit>[^()（）\n]{2,48})[)）]\s*"
)
_BRACKET_AT_END = re.compile(r"[(（](?P<credit>[^()（）\n]{2,48})[)）][ \t]*$")


@dataclass
class Header:
    """The fields found on one header line or credit."""

    published: str | None = None
    source: str | None = None
    editors: list[str] = field(default_factory=list)
    reporters: list[str] = field(default_factory=list)

    def file_into(self, notes: Notes, rank: int = 0) -> None:
        """File the fields into ``notes``. A field already filed from a
        place of the same or better ``rank`` stays: header lines (rank 0)
        win over credits in the body (rank 1), and the first of each wins."""
        if self.published and rank < notes.ranks.get("published", 9):
            notes.published = self.published
            notes.ranks["published"] = rank
        if self.source and rank < notes.ranks.get("source", 9):
            notes.source = self.source
            notes.ranks["source"] = rank
        add_unique(notes.editors, self.editors)
        add_unique(notes.reporters, self.reporters)


# --- parsers -------------------------------------------------------------------------


def iso_datetime(m: re.Match[str]) -> str | None:
    """An ISO 8601 string from a ``DATETIME`` match, or None if it is no
    real date.

    >>> iso_datetime(DATETIME.search('2021年05月28日08:28'))
    '2021-05-28T08:28'
    >>> iso_datetime(DATETIME.search('来源:胶东在线  2019-08-03 09:29:41'))
    '2019-08-03T09:29:41'
    >>> iso_datetime(DATETIME.search('发布时间:2023年3月5日 10时05分')), iso_datetime(DATETIME.search('2023.03.05 10时05分09秒'))
    ('2023-03-05T10:05', '2023-03-05T10:05:09')
    >>> iso_datetime(DATETIME.search('2022/6/1')), iso_datetime(DATETIME.search('2022-13-01'))
    ('2022-06-01', None)
    """
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not (1 <= mo <= 12 and 1 <= d <= (29 if mo == 2 else 30 if mo in (4, 6, 9, 11) else 31)):
        return None
    out = f"{y:04d}-{mo:02d}-{d:02d}"
    if m["H"] is not None:
        h, mi = int(m["H"]), int(m["M"])
        if h > 23 or mi > 59:
            return out
        out += f"T{h:02d}:{mi:02d}"
        seconds = m["S"] or m["S2"]
        if seconds is not None and int(seconds) <= 59:
            out += f":{int(seconds):02d}"
    return out


def split_names(value: str) -> list[str] | None:
    """Names from a credit value, or None if it is not a list of names.

    >>> split_names('王思迪、王艳')
    ['王思迪', '王艳']
    >>> split_names('今年项目进展如何?') is None
    True
    """
    names = [n for n in _NAME_SPLIT.split(value.strip()) if n]
    if not names or not all(_NAME.fullmatch(n) for n in names):
        return None
    return names


def parse_header_line(line: str) -> Header | None:
    """Parse a line made only of header fields and date-times; None if the
    line holds anything else.

    >>> parse_header_line('2022-06-10 18:36:53来源:中央广电总台国际在线编辑:黄非责编:冯薇薇')
    Header(published='2022-06-10T18:36:53', source='中央广电总台国际在线', editors=['黄非', '冯薇薇'], reporters=[])
    >>> parse_header_line('[ 责任编辑: 王大鹏 ]')
    Header(published=None, source=None, editors=['王大鹏'], reporters=[])
    >>> parse_header_line('记者:今年项目进展如何?') is None
    True
    """
    inner = line.strip(SEPARATORS)
    if not inner or len(inner) > 160:
        return None
    header = Header()
    masked = inner
    for m in DATETIME.finditer(inner):
        iso = iso_datetime(m)
        if iso is None:
            return None
        if header.published is None:
            header.published = iso
        masked = masked[: m.start()] + "\x00" * (m.end() - m.start()) + masked[m.end() :]
    fields = list(_FIELD.finditer(masked))
    if not fields and header.published is None:
        return None
    head = masked[: fields[0].start()] if fields else masked
    if head.replace("\x00", "").strip(SEPARATORS):
        return None
    for i, f in enumerate(fields):
        end = fields[i + 1].start() if i + 1 < len(fields) else len(masked)
        value, _, rest = masked[f.end() : end].partition("\x00")
        if rest.replace("\x00", "").strip(SEPARATORS):
            return None
        value = value.strip(SEPARATORS)
        kind = _LABEL_KINDS[f.group("label")]
        if kind == "source":
            if not value or len(value) > 30 or _SENTENCE_PUNCT.search(value):
                return None
            header.source = header.source or value
        elif kind in ("editors", "reporters"):
            names = split_names(value)
            if names is None:
                return None
            add_unique(getattr(header, kind), names)
        elif kind == "date":
            if value:
                return None
        elif len(value) > 20:  # ignored furniture value (浏览次数: 123)
            return None
    return header


def parse_byline(content: str) -> list[str] | None:
    """Names in a bracketed byline (the text inside the brackets), or None if
    it is not one: tokens must be credit roles and 2–4 character names, with
    at least one of each.

    >>> parse_byline('记者 谢晓龙 通讯员 丁泉洋')
    ['谢晓龙', '丁泉洋']
    >>> parse_byline('孙婧 记者 刘大泳'), parse_byline('文 王华'), parse_byline('新华社记者张三')
    (['孙婧', '刘大泳'], ['王华'], ['张三'])
    >>> parse_byline('记者 买买提·吐尔逊 实习生 欧阳小明')
    ['买买提·吐尔逊', '欧阳小明']
    >>> parse_byline('第一批、第二批') is None, parse_byline('大庆基地') is None
    (True, True)
    """
    names: list[str] = []
    roles = 0
    for token in _NAME_SPLIT.split(content.strip()):
        if not token:
            continue
        if _ROLE_TOKEN.fullmatch(token):
            roles += 1
        elif m := _ROLE_AND_NAME.fullmatch(token):
            roles += 1
            names.append(m.group(2))
        elif _CJK_NAME.fullmatch(token) and not _MULTI_CHAR_ROLE.search(token):
            names.append(token)
        else:
            return None
    return names if roles and names else None


def parse_credit(content: str) -> Header | None:
    """A bracketed credit: a byline, or labelled fields (not a bare date).

    >>> parse_credit('责编:王思迪、王艳').editors
    ['王思迪', '王艳']
    >>> parse_credit('记者 赵龙').reporters
    ['赵龙']
    >>> parse_credit('2019年') is None, parse_credit('2022年6月10日') is None
    (True, True)
    """
    names = parse_byline(content)
    if names is not None:
        return Header(reporters=names)
    if _FIELD.search(content) is None:
        return None
    return parse_header_line(content)


# --- rules -----------------------------------------------------------------------------


def take_header_lines(text: str, notes: Notes | None = None) -> str:
    r"""Remove whole header lines (fields and date-times only); their source,
    date-time, editors and reporters go into ``notes``.

    >>> notes = Notes()
    >>> take_header_lines('来源:大庆日报\n2021年05月28日08:28\n正文第一段。\n(责编:王思迪、王艳)', notes)
    '正文第一段。'
    >>> notes.source, notes.published, notes.editors
    ('大庆日报', '2021-05-28T08:28', ['王思迪', '王艳'])
    """
    if _HEADER_HINT.search(text) is None:
        return text
    kept = []
    for line in text.split("\n"):
        if len(line) <= MAX_HEADER and "。" not in line and "，" not in line and _HEADER_HINT.search(line):
            header = parse_header_line(line)
            if header is not None:
                if notes is not None:
                    header.file_into(notes, rank=0)
                continue
        kept.append(line)
    n = text.count("\n") + 1 - len(kept)
    if not n:
        return text
    if notes is not None:
        notes.count("take_header_lines", n)
    return "\n".join(kept)


def take_bylines(text: str, notes: Notes | None = None) -> str:
    """Remove bracketed credits at the start or end of a paragraph (bylines,
    editor or source notes); the names go into ``notes``. Other brackets stay.
    (Spaces left at the edge of a line are tidied by the pipeline.)

    >>> notes = Notes()
    >>> take_bylines('(记者 谢晓龙 通讯员 丁泉洋)日前,记者获悉。\\n再添新活力。(孙婧 记者 刘大泳)', notes)
    '日前,记者获悉。\\n再添新活力。'
    >>> notes.reporters
    ['谢晓龙', '丁泉洋', '孙婧', '刘大泳']
    >>> take_bylines('新华社哈尔滨4月19日电（记者 孙明）19日,全市项目集中开工。')
    '新华社哈尔滨4月19日电 19日,全市项目集中开工。'
    >>> take_bylines('国家光伏实证实验平台(大庆基地)项目。规范管理流程(初稿)')
    '国家光伏实证实验平台(大庆基地)项目。规范管理流程(初稿)'
    """
    if "(" not in text and "（" not in text:
        return text
    n = 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line[:1] in ("(", "（") or "讯" in line[:6] or "日电" in line[:24]:
            # a paragraph may carry two credits: (记者 甲)(通讯员 乙)
            while (m := _BRACKET_AT_START.match(line)) and (header := parse_credit(m["credit"])):
                n += 1
                if notes is not None:
                    header.file_into(notes, rank=1)
                line = (m["dateline"] + " " if m["dateline"] else "") + line[m.end() :]
        while line.rstrip(" \t")[-1:] in (")", "）") and (
            (m := _BRACKET_AT_END.search(line)) and (header := parse_credit(m["credit"]))
        ):
            n += 1
            if notes is not None:
                header.file_into(notes, rank=1)
            line = line[: m.start()]
        lines[i] = line
    if not n:
        return text
    text = "\n".join(lines)
    if notes is not None:
        notes.count("take_bylines", n)
    return text
