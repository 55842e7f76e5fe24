"""The corpus folder: raw bytes kept as ingested, one cleaned record per article.

Layout of a corpus folder::

    xmqw-corpus.json     marker (format version)
    raw/<sha>            the input's bytes, byte for byte, named by content hash
    articles/<id>.json   the cleaned record (metadata, clean text, log, facts)
    index/               derived data (see xmqw.index); rebuilt when missing or stale
    .lock                held while anything writes

Every file is written to a temporary name and renamed into place, and all
writing happens under an exclusive lock on ``.lock``: an interrupted ingest
leaves the articles of a completed prefix of its inputs, and two ingests at
once queue rather than interleave. An article exists exactly when its record
file exists; a raw file without a record is an orphan of an interrupted run and
is reused or ignored.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from xmqw.reading import Document, Rejection

MARKER = "xmqw-corpus.json"
CORPUS_FORMAT = 1
ENV_VAR = "XMQW_DATA"
#: Records held in memory before they are added to the index (bounds ingest memory).
INDEX_BATCH = 500

#: Characters allowed in an article id taken from a file stem; others become "_".
_ID_UNSAFE = re.compile(r"[^\w.\-]+")
_ID_MAX = 64


class CorpusError(Exception):
    """A user-facing problem with the corpus folder (one line)."""


@dataclass
class IngestSummary:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    skipped: int = 0


def default_corpus_dir() -> Path:
    """``$XMQW_DATA`` if set, else the bundled seed corpus."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    from xmqw.paths import bundled_data_dir

    return bundled_data_dir() / "corpus"


def sha_of(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def article_id_from_stem(stem: str | None) -> str | None:
    """A safe, shell-friendly id from a file stem, or None.

    >>> article_id_from_stem("000_85f6284007b2f627")
    '000_85f6284007b2f627'
    >>> article_id_from_stem("葫芦岛 项目 报道(1)")
    '葫芦岛_项目_报道_1_'
    >>> article_id_from_stem("...") is None
    True
    """
    if not stem:
        return None
    ident = _ID_UNSAFE.sub("_", stem)[:_ID_MAX]
    return ident if ident.strip("._") else None


class Corpus:
    """A corpus folder on disk."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.raw_dir = self.root / "raw"
        self.articles_dir = self.root / "articles"
        self.index_dir = self.root / "index"

    # -- opening -------------------------------------------------------------

    @classmethod
    def open(cls, root: Path, *, create: bool = False) -> "Corpus":
        """Open a corpus folder; with ``create`` make it (and its parents) when missing."""
        corpus = cls(root)
        marker = corpus.root / MARKER
        if marker.is_file():
            corpus._check_marker(marker)
            return corpus
        if not create:
            if not corpus.root.exists():
                raise CorpusError(f"{root}: no such corpus folder (create one with `xmqw --data {root} ingest FILES`)")
            raise CorpusError(f"{root}: not an xmqw corpus folder (no {MARKER})")
        if corpus.root.exists() and not corpus.root.is_dir():
            raise CorpusError(f"{root}: exists and is not a folder")
        try:
            corpus.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CorpusError(f"{root}: cannot create corpus folder ({exc.strerror})") from None
        with corpus.lock():  # two ingests creating one folder: the second waits, then finds the marker
            if marker.is_file():
                corpus._check_marker(marker)
                return corpus
            if any(not _left_by_creation(p) for p in corpus.root.iterdir()):
                raise CorpusError(f"{root}: folder is not empty and not an xmqw corpus; choose a new folder")
            try:
                corpus.raw_dir.mkdir(exist_ok=True)
                corpus.articles_dir.mkdir(exist_ok=True)
                _write_atomic(marker, json.dumps({"format": CORPUS_FORMAT}).encode())
            except OSError as exc:
                raise CorpusError(f"{root}: cannot create corpus folder ({exc.strerror})") from None
        return corpus

    def _check_marker(self, marker: Path) -> None:
        try:
            fmt = json.loads(marker.read_text("utf-8")).get("format")
        except (OSError, ValueError, AttributeError):
            raise CorpusError(f"{self.root}: damaged {MARKER}") from None
        if fmt != CORPUS_FORMAT:
            raise CorpusError(f"{self.root}: corpus format {fmt} is not supported by this xmqw")

    # -- reading ------------------------------------------------------------------

    def article_ids(self) -> list[str]:
        """Ids of all articles, sorted."""
        try:
            names = os.listdir(self.articles_dir)
        except FileNotFoundError:
            return []
        return sorted(n[:-5] for n in names if n.endswith(".json") and not n.startswith("."))

    def record_path(self, article_id: str) -> Path:
        return self.articles_dir / f"{article_id}.json"

    def load_record(self, article_id: str) -> dict[str, Any]:
        with open(self.record_path(article_id), "rb") as fh:
            return json.loads(fh.read())

    def has_article(self, article_id: str) -> bool:
        return article_id_from_stem(article_id) == article_id and self.record_path(article_id).is_file()

    def raw_bytes(self, record: dict[str, Any]) -> bytes:
        return (self.raw_dir / record["sha"]).read_bytes()

    def is_writable(self) -> bool:
        return os.access(self.root, os.W_OK)

    # -- locking ----------------------------------------------------------------

    @contextlib.contextmanager
    def lock(self, *, blocking: bool = True) -> Iterator[bool]:
        """Hold the corpus write lock; yields False when non-blocking and busy (or unwritable)."""
        try:
            fd = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            yield False
            return
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
            yield True
        finally:
            os.close(fd)

    # -- writing ------------------------------------------------------------------

    def ingest(
        self,
        items: Iterable[Document | Rejection],
        *,
        on_item: Callable[[Document | Rejection], None] | None = None,
    ) -> IngestSummary:
        """Add documents; unchanged content is a no-op. Updates the index at the end."""
        from xmqw.article import analyse
        from xmqw.index import Index

        summary = IngestSummary()
        with self.lock():
            self._remove_temporaries()
            index = Index.open(self, writable=True)
            known = index.sha_to_id()
            taken = set(index.ids())
            batch: dict[str, dict[str, Any]] = {}
            try:
                for item in items:
                    if on_item:
                        on_item(item)
                    if isinstance(item, Rejection):
                        summary.rejected.append(item)
                        continue
                    sha = sha_of(item.raw)
                    if sha in known:
                        summary.unchanged.append(known[sha])
                        continue
                    article_id = self._choose_id(item.stem, sha, taken)
                    try:
                        record = analyse(item.text)
                    except Exception as exc:  # a bug in a stage must not stop the batch
                        summary.rejected.append(Rejection(item.origin, f"could not be processed ({type(exc).__name__}: {exc})"))
                        continue
                    record = {
                        "id": article_id,
                        "origin": item.origin,
                        "sha": sha,
                        "encoding": item.encoding,
                        "html": item.is_html,
                        **record,
                    }
                    self._write_article(record, item.raw)
                    known[sha] = article_id
                    taken.add(article_id)
                    batch[article_id] = record
                    summary.added.append(article_id)
                    if len(batch) >= INDEX_BATCH:
                        index.append(batch.values())
                        batch = {}
            finally:
                index.append(batch.values())
                index.refresh()
                index.close()
        return summary

    def rebuild(self, *, on_item: Callable[[str], None] | None = None) -> IngestSummary:
        """Re-clean every article from its kept raw bytes, then rebuild the index."""
        from xmqw.article import analyse
        from xmqw.htmltext import html_to_text
        from xmqw.index import Index
        from xmqw.reading import decode_bytes

        summary = IngestSummary()
        with self.lock():
            self._remove_temporaries()
            for article_id in self.article_ids():
                if on_item:
                    on_item(article_id)
                old = self.load_record(article_id)
                raw = self.raw_bytes(old)
                text, _ = decode_bytes(raw)
                if old.get("html"):
                    text = html_to_text(text)
                keep = {k: old[k] for k in ("id", "origin", "sha", "encoding", "html")}
                self._write_article({**keep, **analyse(text)}, None)
                summary.added.append(article_id)
            Index.build(self)
        return summary

    def _choose_id(self, stem: str | None, sha: str, taken: set[str]) -> str:
        candidate = article_id_from_stem(stem)
        if candidate and candidate not in taken:
            return candidate
        for length in range(12, 65, 4):
            if sha[:length] not in taken:
                return sha[:length]
        raise CorpusError("content hash collision")  # pragma: no cover - needs a SHA-256 collision

    def _write_article(self, record: dict[str, Any], raw: bytes | None) -> None:
        if raw is not None:
            raw_path = self.raw_dir / record["sha"]
            if not raw_path.exists():
                _write_atomic(raw_path, raw)
        data = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        _write_atomic(self.record_path(record["id"]), data)

    def _remove_temporaries(self) -> None:
        for folder in (self.raw_dir, self.articles_dir, self.index_dir):
            with contextlib.suppress(OSError):
                for name in os.listdir(folder):
                    if name.startswith(".tmp-"):
                        with contextlib.suppress(OSError):
                            os.unlink(folder / name)


def _left_by_creation(path: Path) -> bool:
    """True for what an interrupted corpus creation leaves: the lock file, empty raw/ or articles/."""
    if path.name == ".lock":
        return True
    return path.name in ("raw", "articles") and path.is_dir() and not any(path.iterdir())


def _write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it into place."""
    tmp = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)
