"""Reliability: a user's real, messy folder goes in; nothing good is lost, nothing bad is silent.

One table of bad (and oddly good) inputs. Every case is ingested as a folder holding the
case's item beside two good articles; the outcome is checked exactly: the article's id and
``encoding`` in its record, or the one-line rejection ``xmqw: <path>: <reason>`` on stderr,
the exit code (3 when anything was rejected), and that the good articles are all there.

All article texts are our own, written for these tests.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xmqw.cli import app

XMQW = str(Path(sys.executable).with_name("xmqw"))
IS_ROOT = os.geteuid() == 0
SETPRIV = shutil.which("setpriv")

GOOD = {
    "good1": "佳木斯市重点项目建设提速\n记者从市发改委获悉，今年以来全市新开工亿元以上项目23个，总投资68亿元。\n",
    "good2": "漯河市召开重点项目观摩推进会\n会议指出，全市省市重点项目投资完成率达到64.1%，续建项目全部复工。\n",
}

DAQING = "大庆市第二批重点项目集中开工\n5月20日，大庆市举行重点项目集中开工仪式，总投资12亿元的化工新材料项目正式开工建设。\n"
YANTAI_TRAD = "煙台市重點項目建設進展順利\n截至7月底，全市省市重點項目開復工率達到92.6%，完成年度計劃投資的61.5%。\n"
HULUDAO = "葫芦岛市重点项目复工复产\n全市续建项目复工率达到88.2%，新项目开工率为40.5%。\n"


def _write(folder: Path, name: str, data: bytes) -> str:
    (folder / name).write_bytes(data)
    return name


def _html(folder: Path) -> str:
    page = (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>烟台市重点项目观摩活动举行</title>\n"
        "<script>var tj = '统计脚本项目'; document.write('<p>弹窗广告</p>');</script>\n"
        "<style>.nav{color:#c00}</style></head>\n<body>\n"
        "<div class=\"content\"><p>8月2日，烟台市重点项目观摩活动举行，观摩团先后察看了15个在建项目。</p>\n"
        "<p>总投资6亿元的海上风电运维基地项目已完成投资3.2亿元。</p></div>\n"
        "<script>console.log('页尾脚本')</script></body></html>\n"
    )
    return _write(folder, "观摩.html", page.encode("utf-8"))


def _zip(folder: Path) -> str:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("article.txt", DAQING)
    return _write(folder, "archive.txt", buf.getvalue())


def _symlink_loop(folder: Path) -> str:
    os.symlink("loop.txt", folder / "loop.txt")
    return "loop.txt"


def _folder_loop(folder: Path) -> str:
    sub = folder / "sub"
    sub.mkdir()
    (sub / "inner.txt").write_text("大庆市重点项目调度会召开\n截至6月末，全市重点项目开复工率达到81.6%。\n", encoding="utf-8")
    os.symlink("..", sub / "up")  # sub/up/sub/up/… — must be walked once
    return "sub/inner.txt"


def _fifo(folder: Path) -> str:
    os.mkfifo(folder / "pipe.txt")
    return "pipe.txt"


def _unreadable(folder: Path) -> str:
    path = folder / "locked.txt"
    path.write_text(DAQING, encoding="utf-8")
    path.chmod(0)
    return "locked.txt"


def _many(folder: Path) -> str:
    many = folder / "many"
    many.mkdir()
    for i in range(2000):
        text = f"大庆市第{i}批重点项目推进\n第{i}批共{i % 37 + 2}个项目，总投资{i + 5}亿元，开工率达到{i % 90 + 10}.{i % 10}%。\n"
        (many / f"n{i:04d}.txt").write_text(text, encoding="utf-8")
    return "many"


def _spaces(folder: Path) -> str:
    text = "葫芦岛市重点项目建设现场会\n总投资9亿元的船舶配套产业园项目主体完工，计划年内投产。\n"
    return _write(folder, "葫芦岛 重点项目 报道(1).txt", text.encode("utf-8"))


def _gbk_name(folder: Path) -> str:
    """A file name in GBK bytes, as Windows zips of Chinese sites deliver them."""
    text = "大庆市重点项目建设推进会召开\n全市重点项目开复工率达到79.4%，投资完成率18.2%。\n"
    with open(os.path.join(os.fsencode(folder), "大庆项目报道.txt".encode("gbk")), "wb") as fh:
        fh.write(text.encode("utf-8"))
    return "大庆项目报道.txt"


def _undecodable_name(folder: Path) -> str:
    with open(os.path.join(os.fsencode(folder), b"bad\xff\xfe.txt"), "wb") as fh:
        fh.write("漯河市重点项目建设情况通报\n全市市重点项目投资完成率达到66.1%。\n".encode("utf-8"))
    return "bad\ufffd\ufffd.txt"


def _big(folder: Path) -> str:
    line = ("总投资12亿元的化工新材料项目正式开工建设，" * 20).encode("utf-8")
    data = line * (6 * 1024 * 1024 // len(line) + 1)
    return _write(folder, "huge.txt", data[: 6 * 1024 * 1024])


# (kind, builder, outcome) — outcome is ("ingested", {id: encoding}) or ("rejected", reason)
CASES = [
    ("GB18030", lambda f: _write(f, "gb.txt", DAQING.encode("gb18030")), ("ingested", {"gb": "gb18030"})),
    ("GBK", lambda f: _write(f, "gbk.txt", HULUDAO.encode("gbk")), ("ingested", {"gbk": "gb18030"})),
    ("Big5", lambda f: _write(f, "big5.txt", YANTAI_TRAD.encode("big5")), ("ingested", {"big5": "big5"})),
    ("UTF-8 cut mid-character", lambda f: _write(f, "cut8.txt", DAQING.rstrip("\n").encode()[:-1]), ("ingested", {"cut8": "utf-8"})),
    ("GB18030 cut mid-character", lambda f: _write(f, "cutgb.txt", HULUDAO.rstrip("\n").encode("gb18030")[:-1]),
     ("ingested", {"cutgb": "gb18030"})),
    ("UTF-16 BOM", lambda f: _write(f, "u16.txt", DAQING.encode("utf-16")), ("ingested", {"u16": "utf-16"})),
    ("UTF-8 BOM", lambda f: _write(f, "bom.txt", b"\xef\xbb\xbf" + DAQING.encode()), ("ingested", {"bom": "utf-8-sig"})),
    ("mixed line endings", lambda f: _write(f, "eol.txt", "葫芦岛市重点项目\r\n续建项目复工率88.2%。\r新项目开工率40.5%。\n".encode()),
     ("ingested", {"eol": "utf-8"})),
    ("HTML page", _html, ("ingested", {"观摩": "utf-8"})),
    ("spaces and Chinese in name", _spaces, ("ingested", {"葫芦岛_重点项目_报道_1_": "utf-8"})),
    ("GBK file name", _gbk_name, ("ingested", {"大庆项目报道": "utf-8"})),
    ("undecodable file name", _undecodable_name, ("ingested", {"bad_": "utf-8"})),
    ("folder symlink loop", _folder_loop, ("ingested", {"inner": "utf-8"})),
    ("2000 tiny files", _many, ("ingested", {f"n{i:04d}": "utf-8" for i in range(2000)})),
    ("empty file", lambda f: _write(f, "empty.txt", b""), ("rejected", "empty file")),
    ("whitespace only", lambda f: _write(f, "blank.txt", b" \r\n\t\n  \n"),
     ("rejected", "empty file (only white space)")),
    ("PNG", lambda f: _write(f, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)), ("rejected", "binary file (PNG image)")),
    ("zip", _zip, ("rejected", "binary file (zip archive)")),
    ("NUL bytes", lambda f: _write(f, "nul.txt", DAQING.encode() + b"\x00\x00\x01" + DAQING.encode()),
     ("rejected", "binary file (contains NUL bytes)")),
    ("6 MB single line", _big, ("rejected", "too large (6.0 MB > 5.0 MB limit; see --max-size)")),
    ("symlink loop", _symlink_loop, ("rejected", "symlink loop")),
    ("FIFO named .txt", _fifo, ("rejected", "not a regular file")),
    ("unreadable file", _unreadable, ("rejected", "permission denied")),
]


def _ingest(folder: Path, data: Path, *, real_permissions: bool) -> tuple[int, str]:
    """Run ``xmqw --data DATA ingest FOLDER``; returns (exit code, stderr).

    In-process through typer's runner, except when the case needs file permissions to
    apply while we run as root: then a subprocess without CAP_DAC_OVERRIDE/READ_SEARCH
    (setpriv), so that ``chmod 0`` really denies the read.
    """
    if real_permissions and IS_ROOT:
        caps = "-dac_override,-dac_read_search"
        cmd = [SETPRIV, f"--inh-caps={caps}", f"--bounding-set={caps}", XMQW, "--data", str(data), "ingest", str(folder)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        return proc.returncode, proc.stderr
    result = CliRunner().invoke(app, ["--data", str(data), "ingest", str(folder)])
    return result.exit_code, result.stderr


def _records(data: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text("utf-8")) for p in (data / "articles").glob("*.json")}


@pytest.mark.parametrize("kind, build, outcome", CASES, ids=[c[0] for c in CASES])
def test_bad_input_matrix(tmp_path, kind, build, outcome):
    if kind == "unreadable file" and IS_ROOT and not SETPRIV:
        pytest.skip("running as root without setpriv: no way to make a file unreadable to us")
    folder = tmp_path / "in"
    folder.mkdir()
    for stem, text in GOOD.items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    name = build(folder)
    data = tmp_path / "corpus"
    code, stderr = _ingest(folder, data, real_permissions=kind == "unreadable file")
    status, expected = outcome
    records = _records(data)
    good = {stem: "utf-8" for stem in GOOD}
    assert "Traceback" not in stderr
    summary = stderr.splitlines()[-1]
    if status == "ingested":
        assert code == 0, stderr
        assert {i: r["encoding"] for i, r in records.items()} == good | expected
        assert stderr.splitlines()[:-1] == []
        assert summary == f"added {len(good) + len(expected)}, unchanged 0, rejected 0 — corpus {data}"
    else:
        assert code == 3, stderr
        assert stderr.splitlines()[:-1] == [f"xmqw: {folder / name}: {expected}"]
        assert summary == f"added {len(good)}, unchanged 0, rejected 1 — corpus {data}"
        assert {i: r["encoding"] for i, r in records.items()} == good
    # the corpus answers: the listing has exactly the same ids, and loads without a note
    listing = CliRunner().invoke(app, ["--data", str(data), "articles", "--format", "json"])
    assert listing.exit_code == 0 and listing.stderr == ""
    assert sorted(r["id"] for r in json.loads(listing.stdout)) == sorted(records)


# What the clean text of the decoded (non-UTF-8 / odd) inputs must be: the same article.
TEXT_CASES = [
    ("gb.txt", DAQING.encode("gb18030"), "大庆市第二批重点项目集中开工",
     "5月20日，大庆市举行重点项目集中开工仪式，总投资12亿元的化工新材料项目正式开工建设。"),
    ("big5.txt", YANTAI_TRAD.encode("big5"), "烟台市重点项目建设进展顺利",
     "截至7月底，全市省市重点项目开复工率达到92.6%，完成年度计划投资的61.5%。"),
    ("u16.txt", HULUDAO.encode("utf-16"), "葫芦岛市重点项目复工复产", "全市续建项目复工率达到88.2%，新项目开工率为40.5%。"),
    ("eol.txt", "葫芦岛市重点项目复工复产\r\n第一段。\r第二段。\n第三段。\r\n".encode(), "葫芦岛市重点项目复工复产", "第一段。\n第二段。\n第三段。"),
    ("cut.txt", DAQING.rstrip("\n").encode()[:-2], "大庆市第二批重点项目集中开工",
     "5月20日，大庆市举行重点项目集中开工仪式，总投资12亿元的化工新材料项目正式开工建设"),
    ("page.html", None, "烟台市重点项目观摩活动举行",
     "8月2日，烟台市重点项目观摩活动举行，观摩团先后察看了15个在建项目。\n总投资6亿元的海上风电运维基地项目已完成投资3.2亿元。"),
]


@pytest.mark.parametrize("name, data, title, text", TEXT_CASES, ids=[c[0] for c in TEXT_CASES])
def test_decoded_inputs_give_the_same_article(tmp_path, name, data, title, text):
    folder = tmp_path / "in"
    folder.mkdir()
    if data is None:
        name = _html(folder)
    else:
        (folder / name).write_bytes(data)
    corpus = tmp_path / "corpus"
    result = CliRunner().invoke(app, ["--data", str(corpus), "ingest", str(folder)])
    assert result.exit_code == 0, result.stderr
    shown = CliRunner().invoke(app, ["--data", str(corpus), "show", Path(name).stem, "--format", "json"])
    record = json.loads(shown.stdout)
    assert (record["title"], record["text"]) == (title, text)
    assert (folder / name).read_bytes() == (corpus / "raw" / record["sha"]).read_bytes()


@pytest.mark.skipif(IS_ROOT and not SETPRIV, reason="root without setpriv cannot make a file unreadable")
def test_one_batch_with_every_kind(tmp_path):
    """All the kinds in one folder, through the real executable: the good ones all arrive."""
    folder = tmp_path / "in"
    folder.mkdir()
    for stem, text in GOOD.items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    expected_ids = set(GOOD)
    expected_errors = []
    for kind, build, (status, expected) in CASES:
        if kind == "2000 tiny files":
            continue
        name = build(folder)
        if status == "ingested":
            expected_ids |= set(expected)
        else:
            expected_errors.append(f"xmqw: {folder / name}: {expected}")
    data = tmp_path / "corpus"
    code, stderr = _ingest(folder, data, real_permissions=True)
    assert code == 3
    assert sorted(stderr.splitlines()[:-1]) == sorted(expected_errors)
    assert set(_records(data)) == expected_ids
    again_code, again = _ingest(folder, data, real_permissions=True)
    assert again_code == 3
    assert again.splitlines()[-1] == f"added 0, unchanged {len(expected_ids)}, rejected {len(expected_errors)} — corpus {data}"


STDIN_CASES = [
    # (bytes piped into `xmqw ingest -`, exit code, stderr lines before the summary, ingested encoding)
    (DAQING.encode("gb18030"), 0, [], "gb18030"),
    (YANTAI_TRAD.encode("big5"), 0, [], "big5"),
    (b"", 3, ["xmqw: -: empty file"], None),
    (b"\x89PNG\r\n\x1a\n" + bytes(32), 3, ["xmqw: -: binary file (PNG image)"], None),
    (b"a" * (5 * 1024 * 1024 + 1), 3, ["xmqw: -: too large (over the 5.0 MB limit; see --max-size)"], None),
]


@pytest.mark.parametrize("data, code, errors, encoding", STDIN_CASES, ids=["gb18030", "big5", "empty", "png", "oversized"])
def test_stdin(tmp_path, data, code, errors, encoding):
    corpus = tmp_path / "corpus"
    result = CliRunner().invoke(app, ["--data", str(corpus), "ingest", "-"], input=data)
    assert result.exit_code == code
    assert result.stderr.splitlines()[:-1] == errors
    records = list(_records(corpus).values())
    assert [(r["origin"], r["encoding"]) for r in records] == ([("-", encoding)] if encoding else [])
    if encoding:  # no file stem: the id is a content-hash prefix
        assert records[0]["id"] == hashlib.sha256(data).hexdigest()[:12]
