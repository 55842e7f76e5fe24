"""The shared output layer: every format, sanitising, CJK widths, colour rules."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from decimal import Decimal

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from xmqw import render as R

ANSI = re.compile(r"\x1b")

FIELDS = ["article", "city", "name", "amount_yuan", "value", "sentence"]
ROWS = [
    {
        "article": "003_b2c1",
        "city": "大庆",
        "name": "大庆智陶瓷业有限公司日用瓷产业园项目",
        "amount_yuan": Decimal("300000000"),
        "value": Decimal("77.3"),
        "sentence": "总投资3亿元的大庆智陶瓷业有限公司日用瓷产业园项目正在加紧建设。",
    },
    {
        "article": "001_a9f0",
        "city": "佳木斯",
        "name": "[bold]隆基绿能[/bold][link=http://x.example]点我[/link]",
        "amount_yuan": 1900000000,
        "value": None,
        "sentence": "红色\x1b[31m警告\x1b[0m，标题\x1b]0;pwned\x07，链接\x1b]8;;http://x.example\x07点\x1b]8;;\x07。",
    },
    {
        "article": "002_77aa",
        "city": None,
        "name": "双向\u202e文本\u2066测试\u200f项目\x85行",
        "amount_yuan": Decimal("1.5E+8"),
        "value": 64.4,
        "sentence": "第一句\t有制表符\n第二句\r\n第三句\x00结束",
    },
]


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def out(fmt: str, rows=ROWS, fields=FIELDS, **kw) -> str:
    s = io.StringIO()
    R.render(rows, fields, fmt, s, **kw)
    return s.getvalue()


def table(rows=ROWS, fields=FIELDS, monkeypatch=None, width: int = 100, **kw) -> str:
    s = FakeTTY()
    if monkeypatch is not None:
        monkeypatch.setenv("COLUMNS", str(width))
    R.render(rows, fields, "table", s, **kw)
    return s.getvalue()


# --- choose_format ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fmt, tty, expected",
    [(None, True, "table"), (None, False, "tsv"), ("json", True, "json"), ("CSV", False, "csv")],
)
def test_choose_format(fmt, tty, expected):
    stream = FakeTTY() if tty else io.StringIO()
    assert R.choose_format(fmt, stream) == expected


def test_choose_format_rejects_unknown():
    with pytest.raises(ValueError, match="table, json, jsonl, csv, tsv"):
        R.choose_format("xml", io.StringIO())


def test_default_when_piped_is_tsv():
    s = io.StringIO()
    R.render(ROWS[:1], ["city", "value"], None, s)
    assert s.getvalue() == "city\tvalue\n大庆\t77.3\n"


# --- JSON / JSONL -------------------------------------------------------------------------------


def test_json_exact_records():
    data = json.loads(out("json"))
    assert data == [
        {
            "article": "003_b2c1",
            "city": "大庆",
            "name": "大庆智陶瓷业有限公司日用瓷产业园项目",
            "amount_yuan": 300000000,
            "value": 77.3,
            "sentence": "总投资3亿元的大庆智陶瓷业有限公司日用瓷产业园项目正在加紧建设。",
        },
        {
            "article": "001_a9f0",
            "city": "佳木斯",
            "name": "[bold]隆基绿能[/bold][link=http://x.example]点我[/link]",
            "amount_yuan": 1900000000,
            "value": None,
            "sentence": "红色警告，标题，链接点。",
        },
        {
            "article": "002_77aa",
            "city": None,
            "name": "双向文本测试项目\n行",
            "amount_yuan": 150000000,
            "value": 64.4,
            "sentence": "第一句\t有制表符\n第二句\n第三句结束",
        },
    ]
    assert [list(d) for d in data] == [FIELDS] * 3


def test_json_types_are_numbers_not_strings():
    text = out("json", rows=ROWS[:1], fields=["amount_yuan", "value"])
    assert text == '[\n{"amount_yuan": 300000000, "value": 77.3}\n]\n'


def test_json_chinese_unescaped_and_missing_fields_null():
    text = out("json", rows=[{"city": "漯河"}], fields=["city", "absent"])
    assert text == '[\n{"city": "漯河", "absent": null}\n]\n'


def test_json_zero_rows():
    assert out("json", rows=[]) == "[]\n"
    assert json.loads(out("json", rows=[])) == []


def test_json_accepts_a_generator():
    assert json.loads(out("json", rows=(r for r in ROWS))) == json.loads(out("json"))


def test_jsonl_one_object_per_line():
    lines = out("jsonl").splitlines()
    assert len(lines) == 3
    assert [json.loads(line) for line in lines] == json.loads(out("json"))
    assert out("jsonl", rows=[]) == ""


def test_json_non_finite_numbers_become_null():
    rows = [{"a": float("nan"), "b": Decimal("Infinity"), "c": float("inf")}]
    assert json.loads(out("json", rows=rows, fields=["a", "b", "c"])) == [
        {"a": None, "b": None, "c": None}
    ]


# --- CSV ----------------------------------------------------------------------------------------


def test_csv_round_trip_with_quoting():
    text = out("csv")
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert parsed[0] == FIELDS
    assert parsed[1] == [
        "003_b2c1",
        "大庆",
        "大庆智陶瓷业有限公司日用瓷产业园项目",
        "300000000",
        "77.3",
        "总投资3亿元的大庆智陶瓷业有限公司日用瓷产业园项目正在加紧建设。",
    ]
    assert parsed[2][4] == ""  # None → empty
    assert parsed[3][2] == "双向文本测试项目\n行"
    assert parsed[3][5] == "第一句\t有制表符\n第二句\n第三句结束"
    assert len(parsed) == 4


def test_csv_quotes_commas_and_quotes():
    rows = [{"a": '说"好",再见'}]
    assert out("csv", rows=rows, fields=["a"]) == 'a\r\n"说""好"",再见"\r\n'


def test_csv_zero_rows_is_header_only():
    assert out("csv", rows=[]) == ",".join(FIELDS) + "\r\n"


def test_csv_bom():
    text = out("csv", rows=[{"city": "烟台"}], fields=["city"], bom=True)
    assert text == "\ufeffcity\r\n烟台\r\n"
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbf")
    assert not out("csv", rows=[], fields=["city"]).startswith("\ufeff")


# --- TSV ----------------------------------------------------------------------------------------


def test_tsv_exact():
    lines = out("tsv").split("\n")
    assert lines[0] == "\t".join(FIELDS)
    assert lines[1] == (
        "003_b2c1\t大庆\t大庆智陶瓷业有限公司日用瓷产业园项目\t300000000\t77.3\t"
        "总投资3亿元的大庆智陶瓷业有限公司日用瓷产业园项目正在加紧建设。"
    )
    assert lines[3] == (
        "002_77aa\t\t双向文本测试项目 行\t150000000\t64.4\t第一句 有制表符 第二句 第三句结束"
    )
    assert lines[4] == ""


def test_tsv_embedded_tabs_and_newlines_keep_columns():
    rows = [{"a": "x\ty", "b": "第一\n第二\r第三\r\n第四", "c": "\u2028分\u2029段\x0b\x0c"}, {"a": None}]
    text = out("tsv", rows=rows, fields=["a", "b", "c"])
    lines = text.splitlines()
    assert len(lines) == 3
    assert all(len(line.split("\t")) == 3 for line in lines)
    assert lines[1].split("\t") == ["x y", "第一 第二 第三 第四", " 分 段  "]
    assert lines[2] == "\t\t"


def test_tsv_zero_rows_is_header_only():
    assert out("tsv", rows=[]) == "\t".join(FIELDS) + "\n"


def test_tsv_lists_join_with_commas():
    rows = [{"flags": ["mojibake-unrepaired", "short"], "n": 0}]
    assert out("tsv", rows=rows, fields=["flags", "n"]) == "flags\tn\nmojibake-unrepaired,short\t0\n"


def test_tsv_bom():
    assert out("tsv", rows=[], fields=["a"], bom=True) == "\ufeffa\n"


# --- escape injection in every format -------------------------------------------------------------


@pytest.mark.parametrize("fmt", R.FORMATS)
def test_no_escape_or_bidi_survives_any_format(fmt, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    text = table() if fmt == "table" else out(fmt)
    assert "\x1b" not in text
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]",
                         text.replace("\r\n", "\n"))
    assert "pwned" not in text  # the OSC title payload is dropped
    assert "http://x.example\x07" not in text


@pytest.mark.parametrize("fmt", R.FORMATS)
def test_lone_surrogates_do_not_crash(fmt):
    rows = [{"a": "坏\ud800字", "b": "\udcff"}]
    s = FakeTTY() if fmt == "table" else io.StringIO()
    R.render(rows, ["a", "b"], fmt, s)
    text = s.getvalue()
    text.encode("utf-8")  # would raise on a surrogate
    assert "坏\ufffd字" in text


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("\x1b[38;5;196mred\x1b[m", "red"),
        ("\x9b31mC1 csi\x9d0;x", "31mC1 csi0;x"),
        ("\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "click"),
        ("\x1bPdevice control\x1b\\after", "after"),
        ("\x1b]0;unterminated title\n下一行", "\n下一行"),
        ("\x1b7save\x1b8", "save"),
        ("bell\x07 bs\x08 del\x7f", "bell bs del"),
        ("\u061carabic mark\u200e\u200f", "arabic mark"),
        ("已开工\u202b23\u202c个", "已开工23个"),
        ("全角１２３保持", "全角１２３保持"),
        ("[red]not markup[/red] :smile:", "[red]not markup[/red] :smile:"),
    ],
)
def test_sanitize_cases(raw, expected):
    assert R.sanitize(raw) == expected


FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                       "\u2028\u2029\ud800-\udfff]")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec=None), max_size=40))
def test_sanitize_leaves_nothing_dangerous(text):
    assert not FORBIDDEN.search(R.sanitize(text))
    assert not re.search("[\t\n]", R.sanitize(text, one_line=True))
    assert R.sanitize(R.sanitize(text)) == R.sanitize(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=15), st.text(max_size=15)), max_size=5))
def test_tsv_structure_survives_any_text(pairs):
    rows = [{"a": a, "b": b} for a, b in pairs]
    lines = out("tsv", rows=rows, fields=["a", "b"]).split("\n")
    assert lines[-1] == "" and len(lines) == len(rows) + 2
    assert all(len(line.split("\t")) == 2 for line in lines[:-1])
    assert json.loads(out("json", rows=rows, fields=["a", "b"])) is not None


# --- tables ---------------------------------------------------------------------------------------


def test_table_cjk_rows_align(monkeypatch):
    from rich.cells import cell_len

    monkeypatch.setenv("NO_COLOR", "1")
    text = table(monkeypatch=monkeypatch, width=90, title="大庆项目")
    lines = text.splitlines()
    assert len(lines) > 6
    assert {cell_len(line) for line in lines} == {90}


def test_table_cjk_narrow_terminal_still_aligned(monkeypatch):
    from rich.cells import cell_len

    monkeypatch.setenv("NO_COLOR", "1")
    lines = table(monkeypatch=monkeypatch, width=50).splitlines()
    assert len({cell_len(line) for line in lines}) == 1


def test_table_markup_is_literal(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    text = table(fields=["city", "name"], monkeypatch=monkeypatch, width=200)
    assert "[bold]隆基绿能[/bold][link=http://x.example]点我[/link]" in text


def test_table_caption_counts_rows(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert table(monkeypatch=monkeypatch).rstrip().endswith("3 rows")
    assert table(ROWS[:1], monkeypatch=monkeypatch).rstrip().endswith("1 row")
    empty = table([], monkeypatch=monkeypatch)
    assert empty.rstrip().endswith("0 rows") and "sentence" in empty


def test_table_numbers_grouped_and_right_aligned(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    text = table(ROWS[:2], ["city", "amount_yuan"], monkeypatch=monkeypatch)
    lines = [line for line in text.splitlines() if "," in line]
    assert [line.rstrip() for line in lines] == ["  大庆       300,000,000", "  佳木斯   1,900,000,000"]


def test_table_highlight_is_styled_when_colour_allowed(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    text = table(ROWS[:1], ["city", "name"], highlight="name")
    assert "\x1b[1;31m大庆智陶瓷业有限公司日用瓷产业园项目" in text


@pytest.mark.parametrize("env", [{"NO_COLOR": ""}, {"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_table_no_ansi_with_no_color_or_dumb_terminal(env, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("FORCE_COLOR", "1")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    text = table(highlight="name")
    assert "大庆智陶瓷业" in text
    assert not ANSI.search(text)


def test_table_not_a_terminal_has_no_ansi(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    text = out("table", highlight="name")
    assert "大庆" in text and not ANSI.search(text)


def test_table_kwic_context_cut_to_one_line(monkeypatch):
    from rich.cells import cell_len

    monkeypatch.setenv("NO_COLOR", "1")
    left = "今年以来，全市上下坚持项目为王，围绕新能源产业链谋划了一批光伏和"
    right = "等清洁能源项目，预计全年新增装机容量超过三十万千瓦，带动就业两千余人。"
    rows = [
        {"article": "001", "city": "佳木斯", "left": left, "match": "风电", "right": right},
        {"article": "004", "city": "烟台", "left": "海上", "match": "风电", "right": "项目"},
    ]
    fields = ["article", "city", "left", "match", "right"]
    lines = table(rows, fields, monkeypatch=monkeypatch, width=80).splitlines()
    body = [line for line in lines if "风电" in line]
    assert len(body) == 2  # one line a hit: no wrapping
    assert re.search(r"  …\S+一批光伏和\s+风电\s+等清洁能源\S+…$", body[0].rstrip())
    # the match column lines up
    assert len({cell_len(line[: line.index("风电")]) for line in body}) == 1
    assert {cell_len(line) for line in lines} == {80}


def test_table_leaves_out_empty_columns(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    rows = [{"city": "烟台", "qualifier": None, "capacity": "", "value": 93.8}]
    text = table(rows, ["city", "qualifier", "capacity", "value"], monkeypatch=monkeypatch)
    assert "qualifier" not in text.splitlines()[1] and "city" in text
    assert " ".join(text.split()).endswith("1 row (empty: qualifier, capacity)")
    # JSON keeps every field
    assert json.loads(out("json", rows=rows, fields=["city", "qualifier"])) == [
        {"city": "烟台", "qualifier": None}
    ]


def test_table_short_columns_stay_on_one_line(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    rows = [{"article": "000_85f6284007b2f627", "city": "佳木斯", "value": Decimal("111"),
             "sentence": "前三季度全市省市重点项目完成投资131.93亿元，投资完成率达到111%。" * 2}]
    text = table(rows, ["article", "city", "value", "sentence"], monkeypatch=monkeypatch, width=70)
    assert "000_85f6284007b2f627" in text
    assert len(text.splitlines()) > 6  # the sentence wrapped instead


def _is_subsequence(needle: str, haystack: str) -> bool:
    it = iter(haystack)
    return all(ch in it for ch in needle)


@pytest.mark.parametrize("width", [120, 100, 80])
def test_table_many_columns_lose_no_text(monkeypatch, width):
    """Regression: a min width on the sentence column made rich crop the lines' ends."""
    monkeypatch.setenv("NO_COLOR", "1")
    sentence = ("聚焦“十大战略”部署，围绕先进制造业、战略性新兴产业等重点领域谋划储备了一批项目，"
                "其中总投资120亿元的某某产业园项目已开工建设。")
    row = {"article": "002_b4d32a4544aaf4f8", "city": "漯河", "name": "某某绿色转型产业园项目",
           "amount_yuan": 12000000000, "amount_text": "120亿元", "qualifier": "超",
           "capacity": "30万千瓦", "status": "开工建设", "sentence": sentence}
    text = table([row], list(row), monkeypatch=monkeypatch, width=width)
    cells = "".join(line.replace(" ", "") for line in text.splitlines())
    assert _is_subsequence(sentence, cells)
    assert _is_subsequence("某某绿色转型产业园项目", cells)


def test_table_long_sentence_wraps_not_lost(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    sentence = "截至9月底全市重点项目开复工率达到77.3%，投资完成率16.4%，" * 3
    text = table([{"city": "大庆", "sentence": sentence}], ["city", "sentence"],
                 monkeypatch=monkeypatch, width=60)
    joined = "".join(line.strip() for line in text.splitlines()[3:-2]).replace("大庆", "", 1)
    assert joined.replace(" ", "") == sentence


# --- show -----------------------------------------------------------------------------------------

RECORD = {
    "id": "003_b2c1",
    "title": "大庆\x1b[2J重点项目[bold]建设[/bold]",
    "published": "2021-05-28",
    "city": "大庆",
    "source": None,
    "flags": ["mojibake-unrepaired"],
    "log": {"t2s": 12, "pinyin-annotation": 3},
    "text": "第一段，项目开工。\n第二段\x1b]8;;http://x.example\x07链接\x1b]8;;\x07。",
}


def test_record_text():
    s = io.StringIO()
    R.render_record(RECORD, None, s)
    assert s.getvalue() == (
        "id: 003_b2c1\n"
        "title: 大庆重点项目[bold]建设[/bold]\n"
        "published: 2021-05-28\n"
        "city: 大庆\n"
        "source: \n"
        "flags: mojibake-unrepaired\n"
        "\n"
        "cleaning log:\n"
        "  t2s: 12\n"
        "  pinyin-annotation: 3\n"
        "\n"
        "第一段，项目开工。\n"
        "第二段链接。\n"
    )


def test_record_text_empty_log():
    s = io.StringIO()
    R.render_record({"id": "x", "log": {}, "text": "正文"}, "text", s)
    assert s.getvalue() == "id: x\n\ncleaning log: (nothing changed)\n\n正文\n"


def test_record_json_is_one_object():
    s = io.StringIO()
    R.render_record(RECORD, "json", s)
    assert json.loads(s.getvalue()) == {
        "id": "003_b2c1",
        "title": "大庆重点项目[bold]建设[/bold]",
        "published": "2021-05-28",
        "city": "大庆",
        "source": None,
        "flags": ["mojibake-unrepaired"],
        "log": {"t2s": 12, "pinyin-annotation": 3},
        "text": "第一段，项目开工。\n第二段链接。",
    }
    s = io.StringIO()
    R.render_record(RECORD, "jsonl", s)
    assert len(s.getvalue().splitlines()) == 1


def test_record_tsv_pairs():
    s = io.StringIO()
    R.render_record(RECORD, "tsv", s)
    lines = s.getvalue().splitlines()
    assert lines[0] == "field\tvalue"
    assert "log.t2s\t12" in lines
    assert lines[-1] == "text\t第一段，项目开工。 第二段链接。"
    assert all(len(line.split("\t")) == 2 for line in lines)


def test_record_table(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "70")
    s = FakeTTY()
    R.render_record(RECORD, None, s)
    text = s.getvalue()
    assert "大庆重点项目[bold]建设[/bold]" in text
    assert "pinyin-annotation" in text and "mojibake-unrepaired" in text
    assert text.endswith("第一段，项目开工。\n第二段链接。\n")
    assert not ANSI.search(text)


def test_record_rejects_unknown_format():
    with pytest.raises(ValueError):
        R.render_record(RECORD, "xml", io.StringIO())


# --- errors and imports ---------------------------------------------------------------------------


def test_error_one_line_on_stderr(capsys):
    R.error("cannot read 坏.txt:\nnot UTF-8 \x1b[31mor GB18030\u202e")
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "xmqw: cannot read 坏.txt: not UTF-8 or GB18030\n"


def test_error_survives_ascii_stderr():
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    R.error("找不到文章 abc", stream=stream)
    assert raw.getvalue() == b"xmqw: \\u627e\\u4e0d\\u5230\\u6587\\u7ae0 abc\n"


def test_import_does_not_load_rich():
    code = "import sys, xmqw.render; print(any(m.split('.')[0] == 'rich' for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_non_table_formats_do_not_load_rich():
    code = (
        "import io, sys, xmqw.render as r\n"
        "for f in ('json', 'jsonl', 'csv', 'tsv'):\n"
        "    r.render([{'a': 1}], ['a'], f, io.StringIO())\n"
        "r.render_record({'a': 1, 'text': 'x'}, 'text', io.StringIO())\n"
        "print(any(m.split('.')[0] == 'rich' for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
