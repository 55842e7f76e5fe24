"""Reliability: hostile article text and file names are data, never markup; errors are one line.

An article (our own text) and its file name carry rich markup, ANSI/OSC escapes, a bidi
override, a newline and a 100,000-character line. Every command that prints it, in every
format, must print it inertly: no escape sequence, bell, bidi control or stray control
character reaches the terminal, markup is shown literally, and the structure of each format
(TSV columns, CSV quoting, JSON) survives.
"""

from __future__ import annotations

import csv
import fcntl
import io
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from typer.testing import CliRunner

import xmqw.article
import xmqw.query
import xmqw.render
from xmqw.cli import app

XMQW = str(Path(sys.executable).with_name("xmqw"))
HANG_GUARD = 60

LONG = "长" * 100_000
HOSTILE_TEXT = (
    "[bold]大庆[/bold]市重点项目\x1b]0;pwned\x07建设提速\n"
    "全市[link=http://x]风电[/link]装备项目\x1b[31m全面开工\x1b[0m，总投资12亿元的\u202e风电装备产业园项目"
    "\x1b]8;;http://evil\x07正式开工\x1b]8;;\x07。\n"
    f"{LONG}\n"
)
HOSTILE_NAME = "[bold red]坏\x1b[31m名\u202e\n第二行.txt"
ARTICLE_ID = "_bold_red_坏_31m名_第二行"  # ESC, [, ], space, U+202E, newline → "_"
ORIGIN = "in/[bold red]坏名\n第二行.txt"  # as printed: the escape sequence and the bidi control removed

#: Characters that must never reach the output of any format.
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
FORBIDDEN = {chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"} | {"\x7f"} | {chr(c) for c in range(0x80, 0xA0)} | set(BIDI)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    (root / "in").mkdir()
    (root / "in" / HOSTILE_NAME).write_text(HOSTILE_TEXT, encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(root)  # ingest the relative path "in", so origins are exact
    try:
        result = CliRunner().invoke(app, ["--data", "corpus", "ingest", "in"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.stderr
    return root / "corpus"


def _run(data: Path, *args: str):
    return CliRunner().invoke(app, ["--data", str(data), *args], env={"COLUMNS": "400"})


# (command args, a literal that must be shown as typed, the field to compare in JSON/CSV)
COMMANDS = [
    (["articles"], "[bold]大庆[/bold]", "origin"),
    (["search", "装备项目", "-C", "40"], "[link=http://x]风电[/link]", "left"),
    (["projects"], "[link=http://x]风电[/link]", "sentence"),
]
FORMATS = ["table", "json", "jsonl", "csv", "tsv"]


def assert_inert(out: str, fmt: str) -> None:
    bad = sorted({ch for ch in out if ch in FORBIDDEN} | ({"\r"} if fmt != "csv" and "\r" in out else set()))
    assert bad == [], f"{fmt}: control/bidi characters in the output: {bad!r}"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("args, literal, field", COMMANDS, ids=[c[0][0] for c in COMMANDS])
def test_listings_print_hostile_text_inertly(hostile, args, literal, field, fmt):
    result = _run(hostile, *args, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert_inert(out, fmt)
    assert literal in out  # markup shown as typed, not interpreted
    if fmt == "json":
        rows = json.loads(out)
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.splitlines()]
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out, newline="")))
    elif fmt == "tsv":
        lines = out.splitlines()
        header = lines[0].split("\t")
        assert all(len(line.split("\t")) == len(header) for line in lines)  # one record a line
        rows = [dict(zip(header, line.split("\t"))) for line in lines[1:]]
    else:
        return
    assert len(rows) == 1
    row = rows[0]
    assert row[args[0] == "articles" and "id" or "article"] == ARTICLE_ID
    if args[0] == "articles":
        assert row["origin"] == (ORIGIN.replace("\n", " ") if fmt == "tsv" else ORIGIN)
    assert literal in row[field] or literal in row.get("title", "")


@pytest.mark.parametrize("fmt", FORMATS)
def test_show_prints_hostile_text_inertly(hostile, fmt):
    result = _run(hostile, "show", ARTICLE_ID, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert_inert(out, fmt)
    assert "[bold]大庆[/bold]" in out and "[link=http://x]风电[/link]" in out
    assert out.count("长") == len(LONG)  # the 100k-character line arrives whole
    if fmt in ("json", "jsonl"):
        record = json.loads(out)
        assert record["origin"] == ORIGIN
        assert record["text"].endswith("\n" + LONG)


def _read_pty(args: list[str]) -> str:
    """Run xmqw with stdout on a pseudo-terminal 200 columns wide (the user's real terminal)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    proc = subprocess.Popen([XMQW, *args], stdout=slave, stderr=subprocess.PIPE, env=env)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], HANG_GUARD)
        if not ready:
            proc.kill()
            raise AssertionError("no output from xmqw on the terminal")
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.wait(timeout=HANG_GUARD) == 0, proc.stderr.read()
    return b"".join(chunks).decode("utf-8")


TERMINAL_CASES = [
    (["articles"], "[bold]大庆[/bold]"),
    (["search", "装备项目", "-C", "40"], "[link=http://x]风电[/link]"),
    (["projects"], "[link=http://x]风电[/link]"),
    (["show", ARTICLE_ID], "[bold]大庆[/bold]"),
]


@pytest.mark.parametrize("args, literal", TERMINAL_CASES, ids=[c[0][0] for c in TERMINAL_CASES])
def test_terminal_table_is_inert(hostile, args, literal):
    """On a real terminal the default is a styled table: only xmqw's own SGR styling may appear."""
    out = _read_pty(["--data", str(hostile), *args])
    assert "\x1b]" not in out and "\x07" not in out  # no OSC: no title change, no hyperlink
    assert not set(out) & set(BIDI)
    assert literal in out
    sgr_free = re.sub(r"\x1b\[[0-9;]*m", "", out)  # rich's colours are allowed, nothing else
    assert "\x1b" not in sgr_free
    assert not {ch for ch in sgr_free if ch in FORBIDDEN}


# -- file names in error lines ------------------------------------------------------------------

NAME_CASES = [
    # (file name, what the one stderr line names)
    ("坏\n文件.txt", "坏 文件.txt"),
    ("\x1b]0;owned\x07标题.txt", "标题.txt"),
    ("[bold]粗[/bold].txt".replace("/", "_"), "[bold]粗[_bold].txt"),
    ("\u202e文件txt.exe.txt", "文件txt.exe.txt"),
]


@pytest.mark.parametrize("name, shown", NAME_CASES)
def test_rejection_names_hostile_file_in_one_line(tmp_path, name, shown):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_bytes(b"")
    (folder / "ok.txt").write_text("漯河市重点项目推进会召开\n全市重点项目开复工率达到90.2%。\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["--data", str(tmp_path / "c"), "ingest", str(folder)])
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        f"xmqw: {folder}/{shown}: empty file",
        f"added 1, unchanged 0, rejected 1 — corpus {tmp_path / 'c'}",
    ]


# -- a catastrophic regex is stopped -------------------------------------------------------------

REGEX_CASES = [r"(\S|\S)*\d{99}", r"(长|长)*\d{99}", r"(.*)*\d{99}", r"(长+)+\d"]


@pytest.mark.parametrize("pattern", REGEX_CASES)
def test_catastrophic_regex_on_a_long_line_is_stopped(hostile, pattern):
    proc = subprocess.run([XMQW, "--data", str(hostile), "search", "--regex", pattern, "--timeout", "0.5"],
                          capture_output=True, text=True, timeout=HANG_GUARD)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == f"xmqw: regex {pattern!r} took longer than 0.5 s on one article; simplify it or raise --timeout\n"


# -- every error: one line, xmqw:, the input and the reason; --debug shows the traceback ---------------


def _boom(*args, **kwargs):
    raise RuntimeError("stage exploded")


STAGES = [
    # (module, attribute, command)
    (xmqw.query, "articles", ["articles"]),
    (xmqw.query, "search", ["search", "项目"]),
    (xmqw.query, "projects", ["projects"]),
    (xmqw.query, "rates", ["rates"]),
    (xmqw.render, "render", ["articles", "--format", "csv"]),
]


@pytest.mark.parametrize("module, attr, args", STAGES, ids=[s[1] + " " + s[2][0] for s in STAGES])
def test_internal_error_is_one_line_and_debug_shows_traceback(seed_corpus, monkeypatch, module, attr, args):
    monkeypatch.setattr(module, attr, _boom)
    message = "xmqw: internal error: RuntimeError: stage exploded (rerun with --debug and report it)"
    plain = CliRunner().invoke(app, ["--data", str(seed_corpus), *args])
    assert plain.exit_code == 2
    assert plain.stderr == message + "\n"
    debug = CliRunner().invoke(app, ["--debug", "--data", str(seed_corpus), *args])
    assert debug.exit_code == 2
    lines = debug.stderr.splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert "RuntimeError: stage exploded" in lines
    assert lines[-1] == message


def test_a_stage_failing_on_one_article_rejects_only_that_article(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("烟台市重点项目建设\n全市开复工率93.1%。\n", encoding="utf-8")
    (folder / "b.txt").write_text("大庆市重点项目建设\n这一篇让分析阶段出错。\n", encoding="utf-8")
    real = xmqw.article.analyse

    def analyse(text):
        if "出错" in text:
            raise ValueError("bad sentence")
        return real(text)

    monkeypatch.setattr(xmqw.article, "analyse", analyse)
    result = CliRunner().invoke(app, ["--data", str(tmp_path / "c"), "ingest", str(folder)])
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        f"xmqw: {folder}/b.txt: could not be processed (ValueError: bad sentence)",
        f"added 1, unchanged 0, rejected 1 — corpus {tmp_path / 'c'}",
    ]


def _damage_marker(root: Path) -> None:
    (root / "xmqw-corpus.json").write_text("{not json")


USER_ERRORS = [
    # (setup(tmp) -> args, exit code, the one stderr line ({tmp} is the temporary folder))
    (lambda t: ["--data", f"{t}/c", "ingest", f"{t}/nope.txt"], 3, "xmqw: {t}/nope.txt: no such file or folder"),
    (lambda t: (Path(t, "f").write_text("x"), ["--data", f"{t}/f", "ingest", f"{t}/f"])[1], 2, "xmqw: {t}/f: exists and is not a folder"),
    (lambda t: ["--data", f"{t}/none", "articles"], 2,
     "xmqw: {t}/none: no such corpus folder (create one with `xmqw --data {t}/none ingest FILES`)"),
    (lambda t: (Path(t, "d").mkdir(), Path(t, "d", "x").write_text("x"), ["--data", f"{t}/d", "articles"])[2], 2,
     "xmqw: {t}/d: not an xmqw corpus folder (no xmqw-corpus.json)"),
    (lambda t: (Path(t, "d").mkdir(), Path(t, "d", "x").write_text("x"), ["--data", f"{t}/d", "ingest", f"{t}/d/x"])[2], 2,
     "xmqw: {t}/d: folder is not empty and not an xmqw corpus; choose a new folder"),
    (lambda t: ["--data", f"{t}/c", "ingest", "--max-size", "huge", f"{t}"], 2,
     "xmqw: --max-size 'huge': expected a size like 5MB, 500KB or 1048576"),
]


@pytest.mark.parametrize("setup, code, line", USER_ERRORS)
def test_user_errors_are_one_line(tmp_path, setup, code, line):
    args = setup(tmp_path)
    result = CliRunner().invoke(app, args)
    assert result.exit_code == code
    assert result.stderr.splitlines()[0] == line.format(t=tmp_path)
    assert "Traceback" not in result.stderr


SHOW_IDS = ["../../etc/passwd", "/etc/passwd", "..", "a/../../b", "\x1b[31mred"]


@pytest.mark.parametrize("article_id", SHOW_IDS)
def test_show_never_leaves_the_corpus(run, seed_corpus, article_id):
    result = run("show", article_id)
    assert result.exit_code == 1
    shown = xmqw.render.sanitize(article_id, one_line=True)
    assert result.stderr == f"xmqw: {shown}: no such article in {seed_corpus} (see `xmqw articles`)\n"


def test_damaged_marker_is_one_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("烟台市重点项目建设\n全市开复工率93.1%。\n", encoding="utf-8")
    assert CliRunner().invoke(app, ["--data", str(tmp_path / "c"), "ingest", str(folder)]).exit_code == 0
    _damage_marker(tmp_path / "c")
    result = CliRunner().invoke(app, ["--data", str(tmp_path / "c"), "articles"])
    assert result.exit_code == 2
    assert result.stderr == f"xmqw: {tmp_path / 'c'}: damaged xmqw-corpus.json\n"


def test_damaged_article_record_is_one_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("烟台市重点项目建设\n全市开复工率93.1%。\n", encoding="utf-8")
    data = tmp_path / "c"
    assert CliRunner().invoke(app, ["--data", str(data), "ingest", str(folder)]).exit_code == 0
    record = data / "articles" / "a.json"
    record.write_bytes(record.read_bytes()[:40])
    result = CliRunner().invoke(app, ["--data", str(data), "show", "a"])
    assert result.exit_code == 2
    assert result.stderr == f"xmqw: a: damaged article record {record}; ingest its file again\n"
