"""Faults: killed ingests, racing ingests, a damaged index, a read-only corpus.

These run the real ``xmqw`` executable in subprocesses (a SIGKILL has to hit a real process).
Timeouts are hang guards only; nothing here asserts how fast anything is.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xmqw.cli import app

XMQW = str(Path(sys.executable).with_name("xmqw"))
HANG_GUARD = 120

CITIES = ["佳木斯", "大庆", "漯河", "烟台", "葫芦岛"]


def article(i: int) -> str:
    """A distinct small article of our own, numbered ``i``."""
    city = CITIES[i % len(CITIES)]
    return (
        f"{city}市第{i}号重点项目推进情况\n"
        f"记者从{city}市发改委获悉，第{i}号风电配套项目总投资{i % 40 + 2}亿元，已完成年度计划投资的{i % 90 + 5}.{i % 10}%。\n"
        f"该项目建成后年产值可达{i + 10}亿元。\n"
    )


def make_folder(folder: Path, numbers) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    stems = []
    for i in numbers:
        stem = f"k{i:03d}"
        (folder / f"{stem}.txt").write_text(article(i), encoding="utf-8")
        stems.append(stem)
    return stems


def xmqw(data: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([XMQW, "--data", str(data), *args], capture_output=True, text=True, timeout=HANG_GUARD, **kw)


def listed_ids(data: Path) -> list[str]:
    """``xmqw --data DATA articles --format json`` (in-process): exit 0 or 1, nothing on stderr."""
    result = CliRunner().invoke(app, ["--data", str(data), "articles", "--format", "json"])
    assert result.exit_code in (0, 1), result.stderr
    assert result.stderr == ""
    return sorted(r["id"] for r in json.loads(result.stdout))


def temporaries(data: Path) -> list[str]:
    return sorted(str(p.relative_to(data)) for p in data.rglob(".tmp-*"))


# -- (a) SIGKILL at random points -----------------------------------------------------------

N_KILL = 200
KILL_TRIALS = 4


def _count_records(data: Path) -> int:
    try:
        return sum(1 for name in os.listdir(data / "articles") if name.endswith(".json") and not name.startswith("."))
    except FileNotFoundError:
        return 0


def test_sigkill_leaves_a_completed_prefix(tmp_path):
    """Kill ingests at seeded-random points; each corpus holds the first k articles, for some k.

    A kill point is "once t articles are written, plus a random pause": progress, not the clock,
    decides, so every trial really lands mid-ingest (t is below the total) on any machine.
    The last trial aims at the very end, where the index is being written.
    """
    folder = tmp_path / "in"
    stems = sorted(make_folder(folder, range(N_KILL)))
    rng = random.Random(20261122)
    targets = [rng.randrange(1, N_KILL - 10) for _ in range(KILL_TRIALS - 1)] + [N_KILL]
    prefixes = []
    for trial, target in enumerate(targets):
        data = tmp_path / f"killed{trial}"
        proc = subprocess.Popen([XMQW, "--data", str(data), "ingest", str(folder)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while proc.poll() is None and _count_records(data) < target:
            time.sleep(0.001)
        time.sleep(rng.uniform(0, 0.02))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=HANG_GUARD)
        ids = listed_ids(data)
        k = len(ids)
        assert ids == stems[:k], f"trial {trial}: not a prefix of the input order"
        prefixes.append(k)
        again = CliRunner().invoke(app, ["--data", str(data), "ingest", str(folder)])
        assert again.exit_code == 0, again.stderr
        assert again.stderr.splitlines()[-1] == f"added {N_KILL - k}, unchanged {k}, rejected 0 — corpus {data}"
        assert listed_ids(data) == stems
        assert temporaries(data) == []
    assert any(0 < k < N_KILL for k in prefixes), f"no kill landed mid-ingest: {prefixes}"


# -- (b) two ingests at once -------------------------------------------------------------------

RACES = [
    # (first folder's articles, second folder's articles)
    ("disjoint", range(0, 60), range(60, 120)),
    ("overlapping", range(0, 80), range(40, 120)),
    ("same folder twice", range(0, 90), range(0, 90)),
]


@pytest.mark.parametrize("name, first, second", RACES, ids=[r[0] for r in RACES])
def test_racing_ingests_end_with_the_union(tmp_path, name, first, second):
    a = make_folder(tmp_path / "a", first)
    b = make_folder(tmp_path / "b", second)
    data = tmp_path / "corpus"
    procs = [subprocess.Popen([XMQW, "--data", str(data), "ingest", str(tmp_path / f)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in ("a", "b")]
    outs = [p.communicate(timeout=HANG_GUARD) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    union = sorted(set(a) | set(b))
    assert listed_ids(data) == union
    # every article was added exactly once across the two runs
    added = [int(err.splitlines()[-1].split(",")[0].split()[1]) for _, err in outs]
    assert sum(added) == len(union)
    count = xmqw(data, "search", "风电配套项目", "--count", "--format", "json")
    assert count.returncode == 0, count.stderr
    assert sorted(r["article"] for r in json.loads(count.stdout)) == union
    db = sqlite3.connect(data / "index" / "xmqw.sqlite")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("SELECT count(*) FROM articles").fetchone() == (len(union),)
    assert temporaries(data) == []


# -- (c) a damaged index is rebuilt through the CLI ------------------------------------------------


def _garbage_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    rng = random.Random(7)
    for i in range(100, len(data)):  # keep the 100-byte header (so the size check passes)
        data[i] = rng.randrange(256)
    path.write_bytes(bytes(data))


def _garble_after_schema(path: Path) -> None:
    """Garble every page after the first three (schema, meta): the open checks pass, queries fail."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    rng = random.Random(11)
    for i in range(3 * page, len(data)):
        data[i] = rng.randrange(256)
    path.write_bytes(bytes(data))


DAMAGE = [
    ("sqlite pages garbled after the schema", "xmqw.sqlite", _garble_after_schema),
    ("sqlite truncated", "xmqw.sqlite", lambda p: p.write_bytes(p.read_bytes()[:1024])),
    ("sqlite emptied", "xmqw.sqlite", lambda p: p.write_bytes(b"")),
    ("sqlite garbage", "xmqw.sqlite", lambda p: p.write_bytes(os.urandom(8192))),
    ("sqlite garbage pages", "xmqw.sqlite", _garbage_pages),
    ("sqlite deleted", "xmqw.sqlite", lambda p: p.unlink()),
    ("text truncated", "text.bin", lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2])),
    ("text emptied", "text.bin", lambda p: p.write_bytes(b"")),
    ("text garbage", "text.bin", lambda p: p.write_bytes(os.urandom(len(p.read_bytes())))),
]

QUERIES = [
    ("articles", "--format", "json"),
    ("search", "风电配套", "--format", "json"),
    ("search", "--regex", r"第\d+号", "--count", "--format", "json"),
    ("projects", "--over", "10亿", "--format", "json"),
    ("rates", "--format", "json"),
    ("stats", "rates", "--format", "json"),
]


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("damage")
    make_folder(root / "in", range(30))
    result = CliRunner().invoke(app, ["--data", str(root / "corpus"), "ingest", str(root / "in")])
    assert result.exit_code == 0, result.stderr
    return root / "corpus"


def _answers(data: Path) -> list[tuple[int, str, str]]:
    out = []
    for args in QUERIES:
        result = CliRunner().invoke(app, ["--data", str(data), *args])
        out.append((result.exit_code, result.stdout, result.stderr))
    return out


@pytest.mark.parametrize("name, target, damage", DAMAGE, ids=[d[0] for d in DAMAGE])
def test_damaged_index_is_rebuilt_with_the_same_answers(tmp_path, small_corpus, name, target, damage):
    data = tmp_path / "corpus"
    shutil.copytree(small_corpus, data)
    before = _answers(data)
    assert [code for code, _, _ in before] == [0] * len(QUERIES)
    damage(data / "index" / target)
    assert _answers(data) == before
    # rebuilt in place: the files are whole again and the next run has nothing to repair
    db = sqlite3.connect(data / "index" / "xmqw.sqlite")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert (data / "index" / "text.bin").is_file()
    assert _answers(data) == before
    assert temporaries(data) == []


# -- (d) a read-only corpus --------------------------------------------------------------------------


def _can_mount_read_only() -> bool:
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount --bind / /mnt && mount -o remount,ro,bind /mnt"],
                           capture_output=True, timeout=HANG_GUARD)
    return probe.returncode == 0


RO_NOTE = "xmqw: note: cannot write the index in {data} (read-only); built it in memory for this run"

READ_ONLY_CASES = [
    # (what happens to the index before the folder becomes read-only, expected stderr note?)
    ("index fresh", lambda idx: None, False),
    ("index missing", lambda idx: shutil.rmtree(idx), True),
    ("index damaged", lambda idx: (idx / "xmqw.sqlite").write_bytes(b"garbage" * 100), True),
]


@pytest.mark.skipif(not _can_mount_read_only(), reason="needs root and unshare -m for a read-only bind mount")
@pytest.mark.parametrize("name, prepare, noted", READ_ONLY_CASES, ids=[c[0] for c in READ_ONLY_CASES])
def test_read_only_corpus_answers_and_says_so(tmp_path, small_corpus, name, prepare, noted):
    """A real read-only bind mount (``mount -o remount,ro,bind`` inside ``unshare -m``)."""
    data = tmp_path / "corpus"
    shutil.copytree(small_corpus, data)
    expected = _answers(data)
    prepare(data / "index")
    script = (
        f'mount --bind "{data}" "{data}" && mount -o remount,ro,bind "{data}" || exit 99\n'
        f'"{XMQW}" --data "{data}" search 风电配套 --format json; echo "rc=$?" >&2\n'
        f'"{XMQW}" --data "{data}" ingest "{tmp_path}"; echo "rc=$?" >&2\n'
    )
    proc = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=HANG_GUARD)
    assert proc.returncode == 0, proc.stderr
    note = [RO_NOTE.format(data=data)] if noted else []
    assert proc.stderr.splitlines() == note + ["rc=0", f"xmqw: {data}: the corpus folder is read-only", "rc=2"]
    assert proc.stdout == expected[1][1]


def test_leftover_index_temporaries_are_cleared(tmp_path, small_corpus):
    """An index build killed half way leaves .tmp- files in index/; the next ingest clears them."""
    data = tmp_path / "corpus"
    shutil.copytree(small_corpus, data)
    for name in (".tmp-4242-xmqw.sqlite", ".tmp-4242-text.bin"):
        (data / "index" / name).write_bytes(b"half" * 1000)
    make_folder(tmp_path / "more", [500])
    result = CliRunner().invoke(app, ["--data", str(data), "ingest", str(tmp_path / "more")])
    assert result.exit_code == 0, result.stderr
    assert temporaries(data) == []


@pytest.mark.skipif(not _can_mount_read_only(), reason="needs root and unshare -m to mount a small tmpfs")
def test_full_disk(tmp_path):
    """Ingest into a 1 MB tmpfs until it is full: one line, no temporaries, and queries still answer."""
    folder = tmp_path / "in"
    make_folder(folder, range(400))
    data = tmp_path / "full" / "corpus"
    (tmp_path / "full").mkdir()
    out = tmp_path / "out"
    out.mkdir()
    script = (
        f'mount -t tmpfs -o size=1m tmpfs "{tmp_path}/full" || exit 99\n'
        f'"{XMQW}" --data "{data}" ingest "{folder}" 2>"{out}/ingest.err"; echo $? >"{out}/ingest.rc"\n'
        f'"{XMQW}" --data "{data}" articles --format json >"{out}/articles.json" 2>"{out}/articles.err"; echo $? >"{out}/articles.rc"\n'
        f'ls "{data}/articles" >"{out}/files"\n'
        f'find "{data}" -name ".tmp-*" >"{out}/temporaries"\n'
    )
    proc = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=HANG_GUARD)
    assert proc.returncode == 0, proc.stderr
    read = lambda name: (out / name).read_text()  # noqa: E731
    assert read("ingest.rc").strip() == "2"
    assert read("ingest.err") in (f"xmqw: {data}: No space left on device\n", f"xmqw: {data}: database or disk is full\n")
    assert read("temporaries") == ""
    on_disk = sorted(name[:-5] for name in read("files").split())
    stems = [f"k{i:03d}" for i in range(400)]
    assert 0 < len(on_disk) < 400 and on_disk == stems[: len(on_disk)]
    assert read("articles.rc").strip() == "0"
    assert sorted(r["id"] for r in json.loads(read("articles.json"))) == on_disk
    note = f"xmqw: note: cannot write the index in {data} (database or disk is full); built it in memory for this run\n"
    assert read("articles.err") in ("", note)


def test_read_only_corpus_in_process(tmp_path, small_corpus, monkeypatch):
    """The same promise without mount privileges: ``Corpus.is_writable`` monkeypatched to False
    (a simulation — the bind-mount test above is the real thing where it can run)."""
    from xmqw.corpus import Corpus

    data = tmp_path / "corpus"
    shutil.copytree(small_corpus, data)
    expected = _answers(data)
    shutil.rmtree(data / "index")
    monkeypatch.setattr(Corpus, "is_writable", lambda self: False)
    note = RO_NOTE.format(data=data) + "\n"
    assert _answers(data) == [(code, out, note) for code, out, _ in expected]
    assert not (data / "index").exists()
    result = CliRunner().invoke(app, ["--data", str(data), "ingest", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (2, f"xmqw: {data}: the corpus folder is read-only\n")


KILLED_WRITER = """
import os, signal, sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA cache_size=1")  # spill changed pages into the file, leaving a hot journal
db.execute("BEGIN IMMEDIATE")
db.execute("DELETE FROM projects")
db.execute("DELETE FROM articles")
db.execute("UPDATE meta SET value = 'garbage' WHERE key = 'token'")
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_killed_index_writer_leaves_a_hot_journal(tmp_path, small_corpus):
    """A writer killed inside an index transaction leaves a hot xmqw.sqlite-journal; answers stay right,
    also when the index is rebuilt. (The journal played into a rebuilt database was first caught by
    the SIGKILL test above; this fixed scenario checks the outcome but does not always hit that path.)"""
    data = tmp_path / "corpus"
    shutil.copytree(small_corpus, data)
    expected = _answers(data)
    (data / "articles").touch()  # the index is now stale, so the next run rewrites it
    db = data / "index" / "xmqw.sqlite"
    proc = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(db)], capture_output=True, timeout=HANG_GUARD)
    assert proc.returncode == -signal.SIGKILL
    assert (data / "index" / "xmqw.sqlite-journal").exists()
    assert _answers(data) == expected
    # and when the index must be rebuilt from scratch, the stale journal must not be played into it
    proc = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(db)], capture_output=True, timeout=HANG_GUARD)
    assert proc.returncode == -signal.SIGKILL and (data / "index" / "xmqw.sqlite-journal").exists()
    (data / "index" / "text.bin").write_bytes(b"XMQWTXT1" + bytes(8))
    assert _answers(data) == expected
