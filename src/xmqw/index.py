"""The index: every article's metadata and facts in SQLite, and its clean text in one flat file.

Loading a corpus of 100k articles must cost milliseconds, so the index is
persisted in the corpus folder (``index/xmqw.sqlite`` and ``index/text.bin``)
and opened, not rebuilt, on every run. It is never trusted blindly:

* ``text.bin`` starts with a random build token that the database's ``meta``
  table repeats; a missing, truncated or foreign file does not match;
* any SQLite error while validating (garbage, truncation) means "damaged";
* the ``articles/`` folder's modification time is recorded; when it differs,
  the article ids on disk are compared with the indexed ones and the index is
  brought up to date (new articles added, removed ones dropped).

A damaged or outdated index is rebuilt in place when the corpus is writable and
no ingest holds the lock; otherwise it is built in memory for this run only.

Search scans ``text.bin`` (UTF-8, articles back to back) in fixed-size chunks
with ``bytes.find``: one pass in C over the whole corpus, with flat memory use.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator

SCHEMA_VERSION = 4
TEXT_MAGIC = b"XMQWTXT1"
TEXT_HEADER = len(TEXT_MAGIC) + 8
CHUNK = 8 * 1024 * 1024

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, sha TEXT, origin TEXT, title TEXT,
    published TEXT, source TEXT, city TEXT, province TEXT, script TEXT, chars INTEGER,
    flags TEXT, encoding TEXT, text_off INTEGER, text_len INTEGER);
CREATE TABLE projects (
    article_rowid INTEGER, article TEXT, city TEXT, name TEXT, amount_yuan REAL, amount_high_yuan REAL,
    amount_text TEXT, qualifier TEXT, capacity TEXT, status TEXT, sentence TEXT,
    start INTEGER, "end" INTEGER);
CREATE TABLE rates (
    article_rowid INTEGER, article TEXT, city TEXT, metric TEXT, value REAL, scope TEXT,
    period TEXT, period_date TEXT, sentence TEXT, start INTEGER, "end" INTEGER);
CREATE TABLE totals (
    article_rowid INTEGER, article TEXT, city TEXT, kind TEXT, label TEXT, value REAL,
    unit TEXT, text TEXT, qualifier TEXT, scope TEXT, period TEXT, period_date TEXT,
    sentence TEXT, start INTEGER, "end" INTEGER);
CREATE TABLE rate_best (
    by_key TEXT, grp TEXT, metric TEXT, value REAL, scope TEXT, period TEXT, period_date TEXT,
    published TEXT, article TEXT, reports INTEGER);
CREATE INDEX projects_amount ON projects(amount_yuan DESC, article, start);
CREATE INDEX projects_article ON projects(article_rowid);
CREATE INDEX rates_city ON rates(city, metric);
CREATE INDEX rates_article ON rates(article_rowid);
CREATE INDEX totals_article ON totals(article_rowid);
CREATE INDEX articles_city ON articles(city);
"""

PROJECT_FIELDS = ("name", "amount_yuan", "amount_high_yuan", "amount_text", "qualifier", "capacity", "status", "sentence", "start", "end")
RATE_FIELDS = ("metric", "value", "scope", "period", "period_date", "sentence", "start", "end")
TOTAL_FIELDS = ("kind", "label", "value", "unit", "text", "qualifier", "scope", "period", "period_date", "sentence", "start", "end")


class IndexDamaged(Exception):
    """The persisted index cannot be trusted; it will be rebuilt."""


def discard(corpus) -> None:
    """Delete the persisted index (after damage was found mid-query)."""
    for name in ("xmqw.sqlite", "text.bin"):
        with contextlib.suppress(OSError):
            (corpus.index_dir / name).unlink()


def _remove_journals(corpus) -> None:
    """Delete SQLite's side files of the index database (under the corpus lock, replacing the database)."""
    for suffix in ("-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            (corpus.index_dir / f"xmqw.sqlite{suffix}").unlink()


class Index:
    """An open index over one corpus."""

    def __init__(self, corpus, conn: sqlite3.Connection, text: BinaryIO, *, persistent: bool) -> None:
        self.corpus = corpus
        self.conn = conn
        self.text = text
        self.persistent = persistent
        self.notes: list[str] = []

    # -- opening --------------------------------------------------------------

    @classmethod
    def open(cls, corpus, *, writable: bool = False) -> "Index":
        """Open the corpus index, repairing or refreshing it as needed.

        ``writable=True`` means the caller already holds the corpus lock (ingest).
        """
        try:
            index = cls._open_persisted(corpus, for_write=writable)
        except IndexDamaged:
            index = None
        if index is not None and not index._is_stale():
            return index
        if writable:
            if index is None:
                return cls.build(corpus)
            index.refresh()
            return index
        if not corpus.is_writable():
            if index is not None:
                index.close()
            memory = cls.build(corpus, in_memory=True)
            if corpus.root.resolve() != _bundled_corpus():
                memory.notes.append(f"cannot write the index in {corpus.root} (read-only); built it in memory for this run")
            return memory
        with corpus.lock(blocking=False) as locked:
            if locked:
                try:
                    if index is None:
                        return cls.build(corpus)
                    index.close()
                    index = cls._open_persisted(corpus, for_write=True)
                    index.refresh()
                    return index
                except (OSError, sqlite3.OperationalError) as exc:  # a full disk: answer, without caching
                    if index is not None:
                        index.close()
                    memory = cls.build(corpus, in_memory=True)
                    reason = getattr(exc, "strerror", None) or str(exc)
                    memory.notes.append(f"cannot write the index in {corpus.root} ({reason}); built it in memory for this run")
                    return memory
        if index is not None:
            index.notes.append("an ingest is in progress; results reflect the corpus before it")
            return index
        memory = cls.build(corpus, in_memory=True)
        memory.notes.append("an ingest is in progress; results reflect the articles written so far")
        return memory

    @classmethod
    def _open_persisted(cls, corpus, *, for_write: bool) -> "Index":
        db_path = corpus.index_dir / "xmqw.sqlite"
        text_path = corpus.index_dir / "text.bin"
        if not db_path.is_file() or not text_path.is_file():
            raise IndexDamaged("missing")
        _check_sqlite_size(db_path)
        try:
            if for_write:
                conn = sqlite3.connect(db_path)
            else:
                conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
            meta = dict(conn.execute("SELECT key, value FROM meta"))
            if meta.get("schema") != str(SCHEMA_VERSION):
                raise IndexDamaged("schema")
            text = open(text_path, "r+b" if for_write else "rb")
        except (sqlite3.DatabaseError, OSError) as exc:
            raise IndexDamaged(str(exc)) from None
        header = text.read(TEXT_HEADER)
        size = os.fstat(text.fileno()).st_size
        if header[: len(TEXT_MAGIC)] != TEXT_MAGIC or header[len(TEXT_MAGIC) :].hex() != meta.get("token") or size < int(meta.get("text_size", -1)):
            text.close()
            conn.close()
            raise IndexDamaged("text")
        index = cls(corpus, conn, text, persistent=True)
        index._meta = meta
        return index

    @classmethod
    def build(cls, corpus, *, in_memory: bool = False) -> "Index":
        """Build a fresh index from the article records."""
        import secrets
        import tempfile

        token = secrets.token_bytes(8)
        if in_memory:
            conn = sqlite3.connect(":memory:")
            text = tempfile.TemporaryFile()
        else:
            corpus.index_dir.mkdir(exist_ok=True)
            db_tmp = corpus.index_dir / f".tmp-{os.getpid()}-xmqw.sqlite"
            text_tmp = corpus.index_dir / f".tmp-{os.getpid()}-text.bin"
            for p in (db_tmp, text_tmp):
                with contextlib.suppress(FileNotFoundError):
                    p.unlink()
            conn = sqlite3.connect(db_tmp)
            text = open(text_tmp, "w+b")
        try:
            text.write(TEXT_MAGIC + token)
            conn.executescript(SCHEMA)
            conn.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [("schema", str(SCHEMA_VERSION)), ("token", token.hex()), ("text_size", str(TEXT_HEADER)), ("articles_mtime_ns", "")],
            )
            index = cls(corpus, conn, text, persistent=not in_memory)
            index._meta = {"token": token.hex()}
            index._insert(index._load(corpus.article_ids()))
            index._summarise()
            if not in_memory:
                text.flush()
                conn.close()
                text.close()
                os.replace(text_tmp, corpus.index_dir / "text.bin")
                _remove_journals(corpus)  # a killed writer's hot journal would be played into the new file
                os.replace(db_tmp, corpus.index_dir / "xmqw.sqlite")
                built = cls._open_persisted(corpus, for_write=True)
                built.notes = index.notes
                return built
            return index
        except BaseException:  # a full disk, an interrupt: leave no half-written temporaries
            if not in_memory:
                with contextlib.suppress(Exception):
                    conn.close()
                with contextlib.suppress(OSError):  # closing flushes, which fails on a full disk
                    text.close()
                for p in (db_tmp, text_tmp):
                    with contextlib.suppress(OSError):
                        p.unlink()
            raise

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.close()
        with contextlib.suppress(Exception):
            self.text.close()

    # -- freshness ----------------------------------------------------------

    def _is_stale(self) -> bool:
        return self._meta.get("articles_mtime_ns") != str(_mtime_ns(self.corpus.articles_dir))

    def refresh(self) -> None:
        """Bring the index up to date with the article files on disk."""
        on_disk = set(self.corpus.article_ids())
        indexed = set(self.ids())
        gone = indexed - on_disk
        new = sorted(on_disk - indexed)
        if gone:
            marks = ",".join("?" * len(gone))
            rows = [r for (r,) in self.conn.execute(f"SELECT rowid FROM articles WHERE id IN ({marks})", list(gone))]
            for table in ("projects", "rates", "totals"):
                self.conn.executemany(f"DELETE FROM {table} WHERE article_rowid = ?", [(r,) for r in rows])
            self.conn.executemany("DELETE FROM articles WHERE rowid = ?", [(r,) for r in rows])
        self._insert(self._load(new))
        if gone or self._meta.get("summary_at") != self._meta.get("text_size"):
            self._summarise()  # removals leave the text size as it was, but not the summary

    def _summarise(self) -> None:
        """Precompute ``rate_best``: per group and metric, the report `stats rates` shows.

        The choice is the one :func:`xmqw.query.best_rates` makes on the fly: the most
        recent (period date, else publication date), then a city-wide scope, then the
        last article id, then the first in the article. ``summary_at`` records the text
        size it was computed at; a query trusts the table only while that still matches.
        """
        from xmqw.query import GENERAL_SCOPES, STAT_GROUPS

        general = [s for s in GENERAL_SCOPES if s]
        marks = ",".join("?" * len(general))
        self.conn.execute("DELETE FROM rate_best")
        for by_key, group in STAT_GROUPS.items():
            self.conn.execute(
                f"""INSERT INTO rate_best
                SELECT ?, grp, metric, value, scope, period, period_date, published, article, reports FROM (
                    SELECT {group} AS grp, r.metric, r.value, r.scope, r.period, r.period_date, a.published, r.article,
                        COUNT(*) OVER (PARTITION BY {group}, r.metric) AS reports,
                        ROW_NUMBER() OVER (PARTITION BY {group}, r.metric ORDER BY
                            COALESCE(r.period_date, a.published, '') DESC,
                            (r.scope IS NULL OR r.scope IN ('', {marks})) DESC, r.article DESC, r.start ASC) AS rn
                    FROM rates r JOIN articles a ON a.rowid = r.article_rowid WHERE {group} IS NOT NULL)
                WHERE rn = 1""",
                [by_key, *general],
            )
        unordered = self.conn.execute(
            "SELECT COUNT(*) FROM (SELECT id, LAG(id) OVER (ORDER BY text_off) AS previous FROM articles) WHERE previous > id"
        ).fetchone()[0]
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('id_ordered', ?)", ("1" if unordered == 0 else "0",))
        self._meta["id_ordered"] = "1" if unordered == 0 else "0"
        size = self._meta.get("text_size")
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('summary_at', ?)", (size,))
        self.conn.commit()
        self._meta["summary_at"] = size

    def in_id_order(self) -> bool:
        """True when the text file holds the articles in id order (so a scan yields them sorted)."""
        return self._meta.get("id_ordered") == "1" and self._meta.get("summary_at") == self._meta.get("text_size")

    def _load(self, ids: Iterable[str]) -> Iterator[dict[str, Any]]:
        """The records of ``ids``; a damaged one is skipped with a note, not fatal."""
        for article_id in ids:
            try:
                yield self.corpus.load_record(article_id)
            except (OSError, ValueError):
                self.notes.append(f"article {article_id}: damaged record skipped (ingest its file again)")

    def append(self, records: Iterable[dict[str, Any]]) -> None:
        """Add records known to be new (the ingest path, under the corpus lock)."""
        self._insert(records)

    def _insert(self, records: Iterable[dict[str, Any]]) -> None:
        size = int(self.conn.execute("SELECT value FROM meta WHERE key = 'text_size'").fetchone()[0])
        self.text.seek(size)
        self.text.truncate()
        cur = self.conn.cursor()
        for rec in records:
            if any(_SURROGATE.search(rec.get(k) or "") for k in _FREE_TEXT_KEYS):
                rec = _replace_surrogates(rec)
            data = rec.get("text", "").encode("utf-8")
            self.text.write(data)
            cur.execute(
                "INSERT INTO articles (id, sha, origin, title, published, source, city, province, script, chars, flags, encoding, text_off, text_len)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (rec["id"], rec.get("sha"), rec.get("origin"), rec.get("title"), rec.get("published"), rec.get("source"),
                 rec.get("city"), rec.get("province"), rec.get("script"), rec.get("chars"),
                 ",".join(rec.get("flags") or []), rec.get("encoding"), size, len(data)),
            )
            rowid = cur.lastrowid
            size += len(data)
            facts = rec.get("facts") or {}
            head = (rowid, rec["id"], rec.get("city"))
            cur.executemany(
                f"INSERT INTO projects VALUES ({','.join('?' * (3 + len(PROJECT_FIELDS)))})",
                [head + tuple(p.get(f) for f in PROJECT_FIELDS) for p in facts.get("projects", ())],
            )
            cur.executemany(
                f"INSERT INTO rates VALUES ({','.join('?' * (3 + len(RATE_FIELDS)))})",
                [head + tuple(r.get(f) for f in RATE_FIELDS) for r in facts.get("rates", ())],
            )
            cur.executemany(
                f"INSERT INTO totals VALUES ({','.join('?' * (3 + len(TOTAL_FIELDS)))})",
                [head + tuple(t.get(f) for f in TOTAL_FIELDS) for t in facts.get("totals", ())],
            )
        self.text.flush()
        mtime = str(_mtime_ns(self.corpus.articles_dir))
        cur.executemany(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)",
            [("text_size", str(size)), ("articles_mtime_ns", mtime)],
        )
        self.conn.commit()
        self._meta["articles_mtime_ns"] = mtime
        self._meta["text_size"] = str(size)

    # -- reading --------------------------------------------------------------

    def ids(self) -> list[str]:
        return [i for (i,) in self.conn.execute("SELECT id FROM articles")]

    def sha_to_id(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT sha, id FROM articles"))

    def article_text(self, text_off: int, text_len: int) -> str:
        self.text.seek(text_off)
        return self.text.read(text_len).decode("utf-8", "replace")

    def texts(self, rowids: set[int] | None = None) -> Iterator[tuple[bytes, list[tuple[int, int, int]]]]:
        """Yield ``(data, [(rowid, start, end), …])``: runs of whole articles' UTF-8 text.

        Articles come in text order; ``data[start:end]`` is one article. Without
        ``rowids`` the file is read sequentially in ``CHUNK``-sized runs; with a
        small ``rowids`` set only those articles are read.
        """
        rows = self.conn.execute("SELECT rowid, text_off, text_len FROM articles ORDER BY text_off").fetchall()
        if rowids is not None:
            total = len(rows)
            rows = [r for r in rows if r[0] in rowids]
            if len(rows) * 4 < total:
                for rowid, off, length in rows:
                    self.text.seek(off)
                    yield self.text.read(length), [(rowid, 0, length)]
                return
        run: list[tuple[int, int, int]] = []
        for row in rows:
            if run and (row[1] + row[2] - run[0][1] > CHUNK or row[1] < run[-1][1] + run[-1][2]):
                yield self._read_run(run)
                run = []
            run.append(row)
        if run:
            yield self._read_run(run)

    def _read_run(self, run: list[tuple[int, int, int]]) -> tuple[bytes, list[tuple[int, int, int]]]:
        first = run[0][1]
        self.text.seek(first)
        data = self.text.read(run[-1][1] + run[-1][2] - first)
        return data, [(rowid, off - first, off - first + length) for rowid, off, length in run]


#: Record fields holding free text; fact strings are slices of ``text``.
_FREE_TEXT_KEYS = ("text", "title", "source", "origin")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _replace_surrogates(value: Any) -> Any:
    r"""Lone surrogates (never decoded from bytes; only in text handed in directly) become U+FFFD.

    One character for one, so character offsets in the record stay right; SQLite and
    UTF-8 cannot store them.

    >>> _replace_surrogates({"text": "风\ud800电", "facts": {"projects": [{"name": "\udfff项目"}]}, "chars": 3})
    {'text': '风\ufffd电', 'facts': {'projects': [{'name': '\ufffd项目'}]}, 'chars': 3}
    """
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {k: _replace_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_surrogates(v) for v in value]
    return value


def _check_sqlite_size(path: Path) -> None:
    """Raise IndexDamaged when the file is shorter or longer than its header says.

    SQLite's header records the page size (bytes 16-17) and, since 3.7, the
    database size in pages (bytes 28-31): a truncated or padded file shows at once,
    without reading the whole database.
    """
    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
        size = os.path.getsize(path)
    except OSError as exc:
        raise IndexDamaged(str(exc)) from None
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        raise IndexDamaged("not a database")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if pages and page_size * pages != size:
        raise IndexDamaged("database size does not match its header")


def _mtime_ns(path: Path) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


def _bundled_corpus() -> Path:
    from xmqw.paths import bundled_data_dir

    return (bundled_data_dir() / "corpus").resolve()
