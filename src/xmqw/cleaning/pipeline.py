"""The cleaning pipeline: raw article text -> ``Cleaned``.

``CLEANERS`` names every rule, in the order they run. Character rules come
first (the mojibake repair needs the text as decoded), ending with
``simplify``; then the line rules, which are written for simplified text;
then the title, taken from the clean lines. ``clean_body`` is everything but
the title. Cleaning clean text changes nothing: neither the body alone
(``clean_article(c.text).text == c.text``) nor the title line with the body.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from xmqw.cleaning.fixers import (
    RARE_CHARACTERS,
    RULE_CHARACTERS,
    fix_radicals,
    fix_variants,
    normalise_newlines,
    normalise_spaces,
    normalise_width,
    simplify,
    strip_controls,
    strip_pinyin_annotations,
    tidy_lines,
)
from xmqw.cleaning.furniture import (
    cut_footer,
    drop_furniture_lines,
    drop_navigation,
    drop_seo_spam,
    is_furniture_line,
    is_navigation_line,
    is_table_row,
    strip_furniture_suffix,
    take_captions,
)
from xmqw.cleaning.headers import parse_header_line, take_bylines, take_header_lines
from xmqw.cleaning.mojibake import fix_gbk_shift
from xmqw.cleaning.notes import Notes
from xmqw.cleaning.script import detect_script

Rule = Callable[..., str]

#: Rules that change characters, in order. The mojibake repair needs the text
#: as decoded (before any width or script change); pinyin annotations are
#: recognised after the characters and letters around them are normalised.
TEXT_RULES: tuple[Rule, ...] = (
    normalise_newlines,
    strip_controls,
    fix_gbk_shift,
    fix_radicals,
    normalise_width,
    strip_pinyin_annotations,
    normalise_spaces,
    simplify,
    fix_variants,
)

#: Rules that remove part of a line (from its end or start). Each can lay
#: bare what another one removes, so they run until nothing changes (each
#: round that changes something removes text, so this ends).
PART_RULES: tuple[Rule, ...] = (drop_seo_spam, strip_furniture_suffix, take_bylines)

#: Rules that remove whole lines, after the part rules (a line they shortened
#: may now be a whole header or furniture line). Removing a line never makes
#: another line match, so one pass is enough. Navigation bars go last: the
#: header and furniture lines around them are gone by then.
LINE_RULES: tuple[Rule, ...] = (cut_footer, take_captions, take_header_lines, drop_furniture_lines, drop_navigation)

#: A title is at most this long, has no full stop inside and does not open
#: with a bracket (as a byline does); nor is it a navigation bar or a table
#: row (a table row tells a header row above it from a menu, so it must not
#: go with the title).
MAX_TITLE = 80
_NOT_A_TITLE = re.compile(r"[。]|^[(（]")


@dataclass
class Cleaned:
    text: str
    title: str | None
    published: str | None
    source: str | None
    reporters: list[str]
    editors: list[str]
    captions: list[str]
    script: str
    log: dict[str, int]
    flags: list[str]
    #: spans a rule suspected but left alone (see ``flags``), e.g. mojibake
    suspect_spans: list[str] = field(default_factory=list)


def _tidy(text: str) -> str:
    """Remove the blank lines and edge spaces the line rules leave behind
    (not logged: the rules that made them are). The line rules work on
    character-clean text, where ``normalise_spaces`` has made every odd
    space plain, so only the line part is needed (no rescan for them)."""
    return tidy_lines(text)[0]


def clean_text(text: str, notes: Notes | None = None) -> str:
    """The character rules: line breaks, controls, mojibake, pinyin,
    radicals, widths, spaces, script. One scan finds whether the text has
    any of the characters the rare-character rules act on
    (``fixers.RULE_CHARACTERS``); without, they are skipped.

    >>> clean_text('\\ufeff  佳木斯:冬日項目建設(shè)有熱度\\r\\n\\r\\n　全市１２月…')
    '佳木斯:冬日项目建设有热度\\n全市12月…'
    """
    rare = RARE_CHARACTERS.search(text) is not None
    for rule in TEXT_RULES:
        if not rare and rule.__name__ in RULE_CHARACTERS:
            continue  # none of the characters it changes (the usual case)
        out = rule(text, notes)
        if rule is fix_gbk_shift and out != text:  # a repair may bring any character in
            rare = rare or RARE_CHARACTERS.search(out) is not None
        text = out
    return text


def clean_lines(text: str, notes: Notes | None = None) -> str:
    """The line rules on character-clean text: spam, glued widgets and
    bylines, then footer, captions, header lines and furniture lines.

    >>> clean_lines('来源:胶东在线  2019-08-03 09:29:41\\nA+A- |举报纠错\\n正文。(记者 赵龙)\\n相关新闻\\n更多')
    '正文。'
    """
    start = text
    while True:
        before = text
        for rule in PART_RULES:
            text = rule(text, notes)
        if text == before:
            break
    if text != start:
        text = _tidy(text)  # the line rules see lines without edge spaces
    for rule in LINE_RULES:
        text = rule(text, notes)
    return _tidy(text)


def clean_body(text: str, notes: Notes | None = None) -> str:
    """All rules except the title: what ``Cleaned.text`` is made of.
    Cleaning its own output changes nothing.

    >>> clean_body('(記者 謝曉龍)日前,記者從市發(fā)改委獲悉。\\n責編:瘦馬')
    '日前,记者从市发改委获悉。'
    """
    return clean_lines(clean_text(text, notes), notes)


def _is_title(line: str) -> bool:
    """Whether a line looks like a headline: not empty, short, no full stop,
    not opening with a bracket, not a navigation bar nor a table row.

    >>> _is_title('项目建设提速增效'), _is_title(''), _is_title('全市项目开工。'), _is_title('首页|要闻|专题')
    (True, False, False, False)
    """
    return (
        0 < len(line) <= MAX_TITLE
        and _NOT_A_TITLE.search(line) is None
        and not is_navigation_line(line)
        and not is_table_row(line)
    )


def _is_page_line(line: str) -> bool:
    """A header or furniture line: the page's, not the article's writing."""
    return parse_header_line(line) is not None or is_furniture_line(line)


def take_title(text: str, notes: Notes | None = None) -> str:
    """Take the first line as the title when it looks like one (short, no
    full stop, not a byline) and stands above the article's prose: a line
    follows it, and that line does not look like a headline too unless it is
    the last (a body of one short paragraph). So a lone line, or a headline
    over a subtitle, gives no title: either way the body, cleaned again, would
    give up its first line as a title. Header and furniture lines (a
    breadcrumb, say) are passed over and left for their rules. The same line
    repeated in the body goes too. The pipeline runs it on clean lines.

    >>> notes = Notes()
    >>> take_title('首页 > 新闻中心\\n项目建设提速增效\\n来源:大庆日报\\n项目建设提速增效\\n正文。', notes)
    '首页 > 新闻中心\\n来源:大庆日报\\n正文。'
    >>> notes.title
    '项目建设提速增效'
    >>> take_title('(记者 甲乙)日前,全市项目开工。')
    '(记者 甲乙)日前,全市项目开工。'
    >>> take_title('项目建设提速增效\\n重点项目巡礼\\n正文。'), take_title('项目建设提速增效')
    ('项目建设提速增效\\n重点项目巡礼\\n正文。', '项目建设提速增效')
    """
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _is_page_line(line):
            continue
        if not _is_title(line):
            return text
        rest = [x for x in lines[i + 1 :] if x != line]
        prose = [x for x in rest if not _is_page_line(x)]
        if not prose or (len(prose) > 1 and _is_title(prose[0])):
            return text
        if notes is not None:
            notes.title = line
            notes.count("take_title", len(lines) - i - len(rest))
        return "\n".join(lines[:i] + rest)
    return text


#: Every rule by name: ``CLEANERS['strip_pinyin_annotations']('項(xiàng)')``.
CLEANERS: dict[str, Rule] = {rule.__name__: rule for rule in (*TEXT_RULES, *PART_RULES, *LINE_RULES, take_title)}


def clean_article(raw_text: str) -> Cleaned:
    """Clean one article (text already decoded by the reading stage).

    >>> c = clean_article('項目建設提速\\n來源:大慶日報\\n日前,全市項(xiàng)目開工。(記者 趙龍)\\nA+A-')
    >>> c.title, c.source, c.reporters, c.text, c.script
    ('项目建设提速', '大庆日报', ['赵龙'], '日前,全市项目开工。', 'traditional')
    """
    notes = Notes()
    text = clean_lines(clean_text(raw_text, notes), notes)
    text = take_title(text, notes)
    return Cleaned(
        text=text,
        title=notes.title,
        published=notes.published,
        source=notes.source,
        reporters=notes.reporters,
        editors=notes.editors,
        captions=notes.captions,
        script=detect_script(raw_text),
        log=notes.log,
        flags=notes.flags,
        suspect_spans=notes.suspect_spans,
    )
