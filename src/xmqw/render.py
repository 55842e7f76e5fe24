"""The one shared output layer: every command prints its rows through here.

Public API
----------
``FORMATS``
    ``('table', 'json', 'jsonl', 'csv', 'tsv')``.
``choose_format(fmt, stream) -> str``
    ``None`` → ``'table'`` when *stream* is a terminal, else ``'tsv'``.
``render(rows, fields, fmt, stream, *, title=None, highlight=None, bom=False)``
    Print a list of flat records (dicts) with the given field names, in that order.
``render_record(record, fmt, stream, *, text_field='text', log_field='log')``
    Print one article for ``xmqw show ID`` (see below).
``sanitize(text, *, one_line=False) -> str``
    Make article text safe to print (see below).
``error(message, *, stream=None)``
    Print ``xmqw: <message>`` as one line on stderr.

Formats
-------
- **table**: a rich table (the default on a terminal). Column widths use rich's cell widths, so
  CJK text (two cells a character) stays aligned. Long prose fields (``sentence``, ``text``) wrap
  and take the spare width; ``name``/``title`` wrap, within a quarter of the screen when a prose
  field is shown; short columns (numbers, and values of at most 20 cells: ids, cities, dates) do
  not wrap while that leaves the other columns room (numbers never wrap); the keyword-in-context fields ``left`` and ``right`` are cut to fit on one line (``left``
  keeps its end, ``right`` its start, so that the ``match`` column lines up). The *highlight* field
  is bold red. Integers get thousands separators (not the ``start``/``end`` offsets). Columns empty in every row are left out. The
  caption gives the row count (and names the empty columns left out). Colour and all other ANSI styling are off when ``NO_COLOR`` is
  set (to any value, even empty), when ``TERM=dumb``, and when the stream is not a terminal.
- **json**: an array of objects, one per line, keys in *fields* order, ``[]`` for zero rows;
  ``Decimal`` becomes ``int`` when integral, else ``float``; NaN/Infinity and missing keys become
  ``null``; lists stay lists; Chinese is written as is (``ensure_ascii=False``).
- **jsonl**: the same objects, one per line, nothing else.
- **csv**: the ``csv`` module's excel dialect (quoting, CRLF); header row; ``None`` → empty.
  ``bom=True`` writes a UTF-8 byte-order mark first so spreadsheets detect the encoding.
- **tsv**: header row; ``None`` → empty; **tabs and line breaks inside a value become single
  spaces**, so every line is one record and ``cut -f`` / ``line.split('\\t')`` keep working. This is
  lossy for multi-line values on purpose: use json or csv for exact text. ``bom=True`` applies too.

Lists (e.g. ``flags``) are joined with ``,`` in table/csv/tsv.

Sanitising (article text is data, never markup)
-----------------------------------------------
Every string value, in every format, goes through :func:`sanitize`: ANSI escape sequences
(CSI such as ``ESC[31m``; OSC such as hyperlinks ``ESC]8;;url BEL`` and window titles; DCS/APC/PM
strings), C0 controls other than tab and newline, DEL, C1 controls (U+0080–U+009F) and bidi
controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) are removed (an 8-bit C1
introducer such as U+009B is removed alone, not with what follows it, so mis-decoded text loses
no more than that character); CR LF, CR, VT, FF,
NEL and U+2028/U+2029 become ``\\n``; lone surrogates become U+FFFD, so no format can fail to encode.
JSON would escape the control characters anyway; stripping there too keeps every format showing the
same text. In tables, values are rich ``Text`` objects, so ``[bold]x[/bold]`` prints literally.

``xmqw show``
-------------
``render_record(record, fmt, stream)`` prints one article: the metadata (every key except the
text and the log, in the record's order), the cleaning log (``{rule: count}``), then the text.

- ``fmt=None`` → ``'table'`` on a terminal, ``'text'`` otherwise.
- ``'table'``: a rich panel holding a key/value grid and the log table, then the text below it
  (outside the panel, so that it can be copied).
- ``'text'``: plain ``key: value`` lines, a blank line, ``cleaning log:`` with ``  rule: count`` lines,
  a blank line, then the text with its paragraphs.
- ``'json'`` / ``'jsonl'``: one object (the whole record; the log as an object), indented / one line.
- ``'csv'`` / ``'tsv'``: two columns ``field, value``; log entries as ``log.<rule>`` rows.

rich is imported only when a table is drawn (startup time matters).
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
import math
import os
import re
import sys
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, TextIO

FORMATS = ("table", "json", "jsonl", "csv", "tsv")
RECORD_FORMATS = ("table", "text", "json", "jsonl", "csv", "tsv")

# ---------------------------------------------------------------------------------------------
# Sanitising

_ESCAPE_SEQUENCE = re.compile(
    r"""
      \x1b\[ [\x30-\x3f]* [\x20-\x2f]* [\x40-\x7e]                   # CSI: colours, cursor moves
    | \x1b[\]PX^_] [^\x07\x1b\x9c\n]* (?:\x07|\x1b\\|\x9c)?             # OSC, DCS, SOS, PM, APC
    | \x1b [\x20-\x2f]* [\x30-\x7e]                                  # other ESC sequences
    """,
    re.VERBOSE,
)

_LINE_BREAKS = "\x0b\x0c\x85\u2028\u2029"
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _translation_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]:
        if chr(code) not in "\t\n":
            table[code] = None
    for ch in _LINE_BREAKS + "\r":
        table[ord(ch)] = "\n"
    for ch in _BIDI:
        table[ord(ch)] = None
    for code in range(0xD800, 0xE000):
        table[code] = "\ufffd"
    return table


_TRANSLATE = _translation_table()
_NEEDS_WORK = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f" + _BIDI + "\u2028\u2029\ud800-\udfff]"
)
_ONE_LINE = re.compile(r"[\t\n]")


def sanitize(text: str, *, one_line: bool = False) -> str:
    r"""Make *text* safe to print: no escape sequences, no control or bidi characters.

    Tabs and newlines are kept unless *one_line*, which turns each into a space.

    >>> sanitize('a\x1b[1;31mred\x1b[0m b')
    'ared b'
    >>> sanitize('\x1b]8;;http://x.example\x07link\x1b]8;;\x07 \x1b]0;title\x07ok')
    'link ok'
    >>> sanitize('abc\u202edef\u2066g\x85h\x00i')
    'abcdefg\nhi'
    >>> sanitize('第一段\r\n第二段\t表')
    '第一段\n第二段\t表'
    >>> sanitize('第一段\r\n第二段\t表', one_line=True)
    '第一段 第二段 表'
    >>> sanitize('bad \ud800 surrogate')
    'bad \ufffd surrogate'
    >>> sanitize('[bold]markup is kept as text[/bold]')
    '[bold]markup is kept as text[/bold]'
    """
    if _NEEDS_WORK.search(text):
        if "\x1b" in text:
            text = _ESCAPE_SEQUENCE.sub("", text)
        text = text.replace("\r\n", "\n").translate(_TRANSLATE)
    if one_line and ("\t" in text or "\n" in text):
        text = _ONE_LINE.sub(" ", text)
    return text


# ---------------------------------------------------------------------------------------------
# Values


def json_value(value: Any) -> Any:
    """A JSON-ready, sanitised copy of *value*.

    >>> json_value(Decimal('1900000000')), json_value(Decimal('77.3')), json_value(None)
    (1900000000, 77.3, None)
    >>> json_value(float('nan')), json_value(['a\\x1b[2Jb', Decimal('2')])
    (None, ['ab', 2])
    """
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, Decimal):
        if not value.is_finite():
            return None
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        return sanitize(value)
    if isinstance(value, Mapping):
        return {sanitize(str(k)): json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [json_value(v) for v in value]
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        return value.isoformat()
    return sanitize(str(value))


def cell_text(value: Any, *, one_line: bool = True) -> str:
    """The text of one table/csv/tsv cell: ``None`` → empty, numbers as in JSON.

    >>> cell_text(Decimal('3E+8')), cell_text(Decimal('16.40')), cell_text(None), cell_text(True)
    ('300000000', '16.4', '', 'true')
    >>> cell_text('句一\\n句二\\t完'), cell_text(['mojibake', 'short'])
    ('句一 句二 完', 'mojibake,short')
    """
    if type(value) is str:  # the common case, kept fast
        return sanitize(value, one_line=one_line)
    value = json_value(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return ",".join(cell_text(v, one_line=one_line) for v in value)
    if isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = value
    return _ONE_LINE.sub(" ", text) if one_line else text


def _record(row: Mapping[str, Any], fields: list[str]) -> dict[str, Any]:
    return {field: json_value(row.get(field)) for field in fields}


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def colour_disabled(environ: Mapping[str, str] | None = None) -> bool:
    """True when ``NO_COLOR`` is set (any value) or ``TERM`` is ``dumb``.

    >>> colour_disabled({'NO_COLOR': ''}), colour_disabled({'TERM': 'dumb'}), colour_disabled({})
    (True, True, False)
    """
    env = os.environ if environ is None else environ
    return "NO_COLOR" in env or env.get("TERM") == "dumb"


def choose_format(fmt: str | None, stream: Any) -> str:
    """The output format: *fmt* if given, else ``'table'`` on a terminal and ``'tsv'`` otherwise.

    >>> import io
    >>> choose_format(None, io.StringIO()), choose_format('JSON', io.StringIO())
    ('tsv', 'json')
    """
    if fmt is None:
        return "table" if _isatty(stream) else "tsv"
    chosen = fmt.strip().lower()
    if chosen not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    return chosen


# ---------------------------------------------------------------------------------------------
# Listing formats


def render(
    rows: Iterable[Mapping[str, Any]],
    fields: list[str],
    fmt: str | None,
    stream: TextIO,
    *,
    title: str | None = None,
    highlight: str | None = None,
    bom: bool = False,
) -> None:
    """Print *rows* (flat records) with the columns *fields*, in format *fmt*, to *stream*.

    >>> import io, sys
    >>> rows = [{'city': '大庆', 'metric': '开复工率', 'value': Decimal('77.3')},
    ...         {'city': '烟台', 'metric': '开复工率', 'value': None}]
    >>> render(rows, ['city', 'metric', 'value'], 'tsv', sys.stdout)  # doctest: +NORMALIZE_WHITESPACE
    city metric value
    大庆 开复工率 77.3
    烟台 开复工率
    >>> render(rows[:1], ['city', 'value'], 'json', sys.stdout)
    [
    {"city": "大庆", "value": 77.3}
    ]
    >>> render([], ['city'], 'json', sys.stdout)
    []
    """
    fmt = choose_format(fmt, stream)
    fields = list(fields)
    if fmt == "table":
        _render_table(list(rows), fields, stream, title=title, highlight=highlight)
    elif fmt == "json":
        _render_json(rows, fields, stream)
    elif fmt == "jsonl":
        for row in rows:
            stream.write(json.dumps(_record(row, fields), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        if bom:
            stream.write("\ufeff")
        writer = csv.writer(stream)
        writer.writerow([sanitize(f) for f in fields])
        for row in rows:
            writer.writerow([cell_text(row.get(f), one_line=False) for f in fields])
    else:  # tsv
        if bom:
            stream.write("\ufeff")
        stream.write("\t".join(sanitize(f, one_line=True) for f in fields) + "\n")
        for row in rows:
            stream.write(_tsv_line(row, fields) + "\n")


#: Anything in a joined TSV line that the per-cell path would change, tabs and breaks aside.
_TSV_NEEDS_WORK = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + _BIDI + "\u2028\u2029\ud800-\udfff]")


def _tsv_line(row: Mapping[str, Any], fields: list[str]) -> str:
    r"""One TSV line; plain rows are joined and checked once instead of cell by cell.

    >>> _tsv_line({'a': '大庆', 'b': 77.3, 'c': None, 'd': 5}, ['a', 'b', 'c', 'd'])
    '大庆\t77.3\t\t5'
    >>> _tsv_line({'a': '句一\t句二\x1b[31m', 'b': float('nan')}, ['a', 'b'])
    '句一 句二\t'
    """
    values = [row.get(f) for f in fields]
    parts = []
    for v in values:
        kind = type(v)
        if kind is str:
            parts.append(v)
        elif v is None:
            parts.append("")
        elif kind is int or (kind is float and math.isfinite(v)):
            parts.append(repr(v))
        else:
            break
    else:
        line = "\t".join(parts)
        if line.count("\t") == len(fields) - 1 and "\n" not in line and not _TSV_NEEDS_WORK.search(line):
            return line
    return "\t".join(cell_text(v) for v in values)


def _render_json(rows: Iterable[Mapping[str, Any]], fields: list[str], stream: TextIO) -> None:
    first = True
    for row in rows:
        stream.write("[\n" if first else ",\n")
        stream.write(json.dumps(_record(row, fields), ensure_ascii=False))
        first = False
    stream.write("[]\n" if first else "\n]\n")


# ---------------------------------------------------------------------------------------------
# Tables (rich, imported lazily)

_WRAP_FIELDS = frozenset({"sentence", "text"})  # prose: wrap, take the spare width
_NARROW_WRAP_FIELDS = frozenset({"name", "title", "origin"})  # wrap within a quarter screen
_LEFT_CONTEXT, _RIGHT_CONTEXT = "left", "right"  # keyword in context: cut to one line
_HIGHLIGHT_STYLE = "bold red"
_SHORT = 20  # cells: a column no wider than this (ids, cities, dates, numbers) is kept on one line
_ROOM = 10  # cells: ... if every wrapping column still gets at least this much


def _console(stream: TextIO):
    from rich.console import Console

    off = colour_disabled()
    return Console(
        file=stream,
        color_system=None if off else "auto",
        no_color=off,
        highlight=False,
        markup=False,
        emoji=False,
    )


def _trim_cells(text: str, budget: int, *, keep_end: bool) -> str:
    """Cut *text* to at most *budget* terminal cells, marking the cut with an ellipsis."""
    from rich.cells import cell_len, get_character_cell_size

    if cell_len(text) <= budget:
        return text
    chars = reversed(text) if keep_end else iter(text)
    kept: list[str] = []
    used = 1  # the ellipsis
    for ch in chars:
        size = get_character_cell_size(ch)
        if used + size > budget:
            break
        kept.append(ch)
        used += size
    if keep_end:
        return "…" + "".join(reversed(kept))
    return "".join(kept) + "…"


#: Integer fields that are positions, not quantities: shown without thousands separators.
_POSITION_FIELDS = frozenset({"start", "end"})


def _table_cell(value: Any, field: str = "") -> tuple[str, bool]:
    """The display text of a table cell and whether it is a number (right-justified).

    >>> _table_cell(1900000000, "amount_yuan"), _table_cell(1058, "start")
    (('1,900,000,000', True), ('1058', True))
    """
    value = json_value(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return (str(value) if field in _POSITION_FIELDS else f"{value:,}"), True
    if isinstance(value, float):
        return repr(value), True
    return cell_text(value), False


def _render_table(
    rows: list[Mapping[str, Any]],
    fields: list[str],
    stream: TextIO,
    *,
    title: str | None,
    highlight: str | None,
) -> None:
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    console = _console(stream)
    all_cells = [[_table_cell(row.get(f), f) for f in fields] for row in rows]
    # columns empty in every row say nothing to a reader: leave them out (the caption says so)
    keep = [i for i in range(len(fields)) if not rows or any(c[i][0] for c in all_cells)]
    hidden = [fields[i] for i in range(len(fields)) if i not in keep]
    fields = [fields[i] for i in keep]
    cells = [[c[i] for i in keep] for c in all_cells]
    numeric = [any(c[i][1] for c in cells) and all(c[i][1] or not c[i][0] for c in cells)
               for i in range(len(fields))]
    natural = [max([cell_len(f)] + [cell_len(c[i][0]) for c in cells]) for i, f in enumerate(fields)]

    kwic = [f for f in (_LEFT_CONTEXT, _RIGHT_CONTEXT) if f in fields]
    budget = 0
    if kwic:
        others = sum(natural[i] + 3 for i, f in enumerate(fields) if f not in kwic)
        budget = max(8, (console.width - others - 3 * len(kwic)) // len(kwic))
        for c in cells:
            for i, f in enumerate(fields):
                if f in kwic:
                    c[i] = (_trim_cells(c[i][0], budget, keep_end=f == _LEFT_CONTEXT), False)

    prose = any(f in _WRAP_FIELDS for f in fields)
    short = [f not in kwic and f not in _WRAP_FIELDS and f not in _NARROW_WRAP_FIELDS
             and (numeric[i] or natural[i] <= _SHORT) for i, f in enumerate(fields)]
    # keep short columns on one line only if that leaves the wrapping columns some room
    needed = sum(
        (natural[i] if short[i] else budget if f in kwic else min(natural[i], _ROOM)) + 3
        for i, f in enumerate(fields)
    )
    short_fits = needed <= console.width
    n = len(rows)
    caption = f"{n} row" + ("" if n == 1 else "s")
    if hidden:
        caption += f" (empty: {', '.join(sanitize(h, one_line=True) for h in hidden)})"
    table = Table(
        title=Text(sanitize(title, one_line=True)) if title else None,
        caption=Text(caption),
        box=box.SIMPLE_HEAD,
    )
    for i, field in enumerate(fields):
        options: dict[str, Any] = {"overflow": "fold"}
        if numeric[i]:
            options["justify"] = "right"
        if field in kwic:
            options.update(no_wrap=True, overflow="ellipsis")
            if field == _LEFT_CONTEXT:
                options["justify"] = "right"
        elif field in _NARROW_WRAP_FIELDS:
            if prose:
                options["max_width"] = max(16, console.width // 4)
        elif short[i] and (short_fits or numeric[i]):
            options.update(no_wrap=True, overflow="ellipsis")  # ids, cities, dates, numbers
        if field == highlight:
            options["style"] = _HIGHLIGHT_STYLE
        table.add_column(Text(sanitize(field, one_line=True)), **options)
    for c in cells:
        table.add_row(*(Text(text) for text, _ in c))
    console.print(table)


# ---------------------------------------------------------------------------------------------
# One article (xmqw show)


def render_record(
    record: Mapping[str, Any],
    fmt: str | None,
    stream: TextIO,
    *,
    text_field: str = "text",
    log_field: str = "log",
) -> None:
    """Print one article: metadata, cleaning log, then the text (see the module docstring).

    >>> import sys
    >>> render_record({'id': 'a1', 'city': '大庆', 'log': {'t2s': 3}, 'text': '第一段\\n第二段'},
    ...               'text', sys.stdout)
    id: a1
    city: 大庆
    <BLANKLINE>
    cleaning log:
      t2s: 3
    <BLANKLINE>
    第一段
    第二段
    """
    if fmt is None:
        fmt = "table" if _isatty(stream) else "text"
    fmt = fmt.strip().lower()
    if fmt not in RECORD_FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(RECORD_FORMATS)}")
    meta = {k: v for k, v in record.items() if k not in (text_field, log_field)}
    log = dict(record.get(log_field) or {})
    text = sanitize(str(record.get(text_field) or ""))

    if fmt in ("json", "jsonl"):
        obj = json_value(dict(record))
        indent = 2 if fmt == "json" else None
        stream.write(json.dumps(obj, ensure_ascii=False, indent=indent) + "\n")
    elif fmt in ("csv", "tsv"):
        pairs = [{"field": k, "value": v} for k, v in meta.items()]
        pairs += [{"field": f"{log_field}.{rule}", "value": n} for rule, n in log.items()]
        pairs.append({"field": text_field, "value": text})
        render(pairs, ["field", "value"], fmt, stream)
    elif fmt == "text":
        for key, value in meta.items():
            stream.write(f"{sanitize(str(key), one_line=True)}: {cell_text(value)}\n")
        stream.write("\ncleaning log:\n" if log else "\ncleaning log: (nothing changed)\n")
        for rule, count in log.items():
            stream.write(f"  {sanitize(str(rule), one_line=True)}: {cell_text(count)}\n")
        stream.write("\n" + text + ("\n" if text and not text.endswith("\n") else ""))
    else:
        _render_record_table(meta, log, text, record.get("title"), stream)


def _render_record_table(
    meta: Mapping[str, Any], log: Mapping[str, Any], text: str, title: Any, stream: TextIO
) -> None:
    from rich import box
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    console = _console(stream)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for key, value in meta.items():
        shown = cell_text(value)
        grid.add_row(
            Text(sanitize(str(key), one_line=True)),
            Text(shown) if shown else Text("—", style="dim"),
        )
    if log:
        log_table = Table(box=box.SIMPLE_HEAD, title=Text("cleaning log"), title_justify="left")
        log_table.add_column(Text("rule"))
        log_table.add_column(Text("count"), justify="right")
        for rule, count in log.items():
            log_table.add_row(Text(sanitize(str(rule), one_line=True)), Text(cell_text(count)))
        body = Group(grid, Text(""), log_table)
    else:
        body = Group(grid, Text(""), Text("cleaning log: nothing changed", style="dim"))
    heading = Text(sanitize(str(title), one_line=True)) if title else None
    console.print(Panel(body, title=heading, title_align="left"))
    console.print(Text(text, overflow="fold"))


# ---------------------------------------------------------------------------------------------
# Errors


def error(message: str, *, stream: TextIO | None = None) -> None:
    """Print one line ``xmqw: <message>`` to stderr (or *stream*), sanitised.

    >>> import sys
    >>> error('cannot read 坏.txt:\\nnot UTF-8\\x1b[31m', stream=sys.stdout)
    xmqw: cannot read 坏.txt: not UTF-8
    """
    out = sys.stderr if stream is None else stream
    line = f"xmqw: {sanitize(str(message), one_line=True)}\n"
    try:
        out.write(line)
    except UnicodeEncodeError:
        out.write(line.encode("ascii", "backslashreplace").decode("ascii"))
    out.flush()
