"""The corpus folder and its index, with the analysis stage replaced by a small stand-in.

The stand-in keeps these tests about storage: ids, dedup, atomic writes, rebuild,
index freshness and repair. The real pipeline is exercised in test_cli.py.
"""

import doctest
import json
import os
import sqlite3

import pytest

import xmqw.article
import xmqw.corpus
from xmqw.corpus import Corpus, CorpusError
from xmqw.index import Index
from xmqw.reading import iter_documents


def fake_analyse(text):
    """Title = first line, city = second line, one project per line containing 项目."""
    lines = text.splitlines()
    projects = [
        {"name": line, "amount_yuan": 100000000 * (i + 1), "amount_text": f"{i + 1}亿元", "qualifier": None,
         "capacity": None, "status": "开工", "sentence": line, "start": 0, "end": len(line)}
        for i, line in enumerate(lines) if "项目" in line
    ]
    rates = [{"metric": "开工率", "value": 90.5, "scope": None, "period": None, "period_date": None,
              "sentence": line, "start": 0, "end": len(line)} for line in lines if "开工率" in line]
    return {
        "title": lines[0] if lines else None, "published": "2021-05-28", "source": None, "reporters": [], "editors": [],
        "city": lines[1] if len(lines) > 1 else None, "province": None, "script": "simplified",
        "chars": len(text), "flags": [], "captions": [], "log": {}, "text": text,
        "facts": {"projects": projects, "rates": rates, "totals": []}, "format": 1, "xmqw": "test",
    }


@pytest.fixture(autouse=True)
def stand_in(monkeypatch):
    monkeypatch.setattr(xmqw.article, "analyse", fake_analyse)


def write(folder, name, text, encoding="utf-8"):
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def ingest(corpus, *paths):
    return corpus.ingest(iter_documents(paths))


def test_create_and_reopen(tmp_path):
    root = tmp_path / "c"
    with pytest.raises(CorpusError, match="no such corpus folder"):
        Corpus.open(root)
    Corpus.open(root, create=True)
    assert Corpus.open(root).article_ids() == []
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "x.txt").write_text("x")
    with pytest.raises(CorpusError, match="not empty and not an xmqw corpus"):
        Corpus.open(tmp_path / "other", create=True)


def test_ids_from_stem_then_hash_and_dedup(tmp_path):
    src = tmp_path / "src"
    (src / "b").mkdir(parents=True)
    a = write(src, "报道 一.txt", "标题一\n大庆\n甲项目\n")
    b = write(src / "b", "报道 一.txt", "标题二\n漯河\n乙项目\n")  # same stem, other content
    corpus = Corpus.open(tmp_path / "c", create=True)
    summary = ingest(corpus, a, b)
    sha_b = xmqw.corpus.sha_of(open(b, "rb").read())
    assert summary.added == ["报道_一", sha_b[:12]]
    again = ingest(corpus, a, b)
    assert (again.added, again.unchanged) == ([], ["报道_一", sha_b[:12]])
    assert corpus.article_ids() == sorted(["报道_一", sha_b[:12]])


def test_raw_bytes_kept_byte_for_byte(tmp_path):
    path = write(tmp_path, "g.txt", "标题\n漯河\n丙项目开工率\r\n", encoding="gb18030")
    corpus = Corpus.open(tmp_path / "c", create=True)
    ingest(corpus, path)
    record = corpus.load_record("g")
    assert corpus.raw_bytes(record) == open(path, "rb").read()
    assert record["encoding"] == "gb18030" and record["origin"] == path


def test_rejections_do_not_stop_the_batch(tmp_path):
    good = write(tmp_path, "good.txt", "标题\n烟台\n")
    empty = write(tmp_path, "empty.txt", "")
    summary = ingest(Corpus.open(tmp_path / "c", create=True), empty, good)
    assert summary.added == ["good"]
    assert [str(r) for r in summary.rejected] == [f"{empty}: empty file"]


def test_index_matches_records_and_refreshes(tmp_path):
    corpus = Corpus.open(tmp_path / "c", create=True)
    ingest(corpus, write(tmp_path, "a.txt", "标题\n大庆\n甲项目\n乙项目\n"))
    index = Index.open(corpus)
    assert index.ids() == ["a"]
    assert index.conn.execute("SELECT name, amount_yuan FROM projects ORDER BY name").fetchall() == [
        ("乙项目", 400000000.0), ("甲项目", 300000000.0)]
    index.close()
    # an article file added behind the index's back (e.g. by an ingest killed before its index update)
    record = fake_analyse("新标题\n烟台\n丙项目\n") | {"id": "z", "sha": "0" * 64, "origin": "z", "encoding": "utf-8", "html": False}
    (corpus.articles_dir / "z.json").write_text(json.dumps(record, ensure_ascii=False))
    index = Index.open(corpus)
    assert sorted(index.ids()) == ["a", "z"]
    assert index.notes == []
    index.close()
    os.unlink(corpus.articles_dir / "a.json")
    index = Index.open(corpus)
    assert index.ids() == ["z"]
    assert index.conn.execute("SELECT name FROM projects").fetchall() == [("丙项目",)]


@pytest.mark.parametrize("damage", ["truncate_db", "half_db", "padded_db", "garbage_db", "delete_text", "truncate_text", "foreign_text"])
def test_damaged_index_is_rebuilt(tmp_path, damage):
    corpus = Corpus.open(tmp_path / "c", create=True)
    ingest(corpus, write(tmp_path, "a.txt", "标题\n大庆\n风电项目\n"), write(tmp_path, "b.txt", "标题\n漯河\n光伏项目\n"))
    db, text = corpus.index_dir / "xmqw.sqlite", corpus.index_dir / "text.bin"
    if damage == "truncate_db":
        db.write_bytes(db.read_bytes()[:200])
    elif damage == "half_db":
        db.write_bytes(db.read_bytes()[: len(db.read_bytes()) // 2])
    elif damage == "padded_db":
        db.write_bytes(db.read_bytes() + b"\x00" * 4096)
    elif damage == "garbage_db":
        db.write_bytes(b"not a database" * 100)
    elif damage == "delete_text":
        text.unlink()
    elif damage == "truncate_text":
        text.write_bytes(text.read_bytes()[:30])
    else:
        text.write_bytes(b"XMQWTXT1" + b"\x00" * 8 + text.read_bytes()[16:])
    index = Index.open(corpus)
    assert sorted(index.ids()) == ["a", "b"]
    from xmqw.query import search

    assert [r["article"] for r in list(search(index, ["风电"]))] == ["a"]
    assert index.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.parametrize("chunk", [1, 7, 1 << 20])
def test_texts_yields_every_article_once(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(xmqw.index, "CHUNK", chunk)
    corpus = Corpus.open(tmp_path / "c", create=True)
    texts = {"a": "风电风电x风电\n大庆\n", "b": "标题风电\n漯河\n", "c": "光伏\n烟台\n"}
    ingest(corpus, *(write(tmp_path, f"{k}.txt", v) for k, v in texts.items()))
    index = Index.open(corpus)
    ids = dict(index.conn.execute("SELECT rowid, id FROM articles"))
    seen = {ids[rowid]: data[start:end].decode() for data, run in index.texts() for rowid, start, end in run}
    assert seen == texts
    only_b = [ids[rowid] for _, run in index.texts({r for r, i in ids.items() if i == "b"}) for rowid, _, _ in run]
    assert only_b == ["b"]
    from xmqw.query import search

    assert [(r["article"], r["start"]) for r in search(index, ["风电"])] == [("a", 0), ("a", 2), ("a", 5), ("b", 2)]


def test_read_only_corpus_still_answers(tmp_path, monkeypatch):
    corpus = Corpus.open(tmp_path / "c", create=True)
    ingest(corpus, write(tmp_path, "a.txt", "标题\n大庆\n甲项目\n"))
    for p in (corpus.index_dir / "xmqw.sqlite", corpus.index_dir / "text.bin"):
        p.unlink()
    monkeypatch.setattr(Corpus, "is_writable", lambda self: False)
    index = Index.open(corpus)
    assert index.ids() == ["a"]
    assert not index.persistent
    assert index.notes == [f"cannot write the index in {corpus.root} (read-only); built it in memory for this run"]
    assert not (corpus.index_dir / "xmqw.sqlite").exists()


def test_busy_lock_uses_existing_index_with_a_note(tmp_path):
    corpus = Corpus.open(tmp_path / "c", create=True)
    ingest(corpus, write(tmp_path, "a.txt", "标题\n大庆\n甲项目\n"))
    record = fake_analyse("新\n烟台\n") | {"id": "n", "sha": "1" * 64, "origin": "n", "encoding": "utf-8", "html": False}
    (corpus.articles_dir / "n.json").write_text(json.dumps(record, ensure_ascii=False))
    import fcntl
    fd = os.open(corpus.root / ".lock", os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)  # another process's ingest (flock is per open file description)
    try:
        index = Index.open(corpus)
        assert index.ids() == ["a"]
        assert index.notes == ["an ingest is in progress; results reflect the corpus before it"]
    finally:
        os.close(fd)


def test_rebuild_reanalyses_from_raw(tmp_path, monkeypatch):
    corpus = Corpus.open(tmp_path / "c", create=True)
    ingest(corpus, write(tmp_path, "a.txt", "标题\n大庆\n甲项目\n"))
    monkeypatch.setattr(xmqw.article, "analyse", lambda text: fake_analyse(text) | {"title": "新版"})
    summary = corpus.rebuild()
    assert summary.added == ["a"]
    assert corpus.load_record("a")["title"] == "新版"
    index = Index.open(corpus)
    assert index.conn.execute("SELECT title FROM articles").fetchall() == [("新版",)]


def test_no_temporaries_left(tmp_path):
    corpus = Corpus.open(tmp_path / "c", create=True)
    (corpus.articles_dir / ".tmp-99-x.json").write_text("half")
    ingest(corpus, write(tmp_path, "a.txt", "标题\n大庆\n"))
    leftovers = [p for p in corpus.root.rglob(".tmp-*")]
    assert leftovers == []


def test_doctests():
    result = doctest.testmod(xmqw.corpus)
    assert result.failed == 0 and result.attempted > 0


def test_damaged_record_is_skipped_with_a_note(tmp_path):
    corpus = Corpus.open(tmp_path / "c", create=True)
    ingest(corpus, write(tmp_path, "a.txt", "标题\n大庆\n"), write(tmp_path, "b.txt", "标题\n漯河\n"))
    (corpus.articles_dir / "b.json").write_text('{"id": "b", "tex')
    for p in corpus.index_dir.iterdir():
        p.unlink()
    index = Index.open(corpus)
    assert index.ids() == ["a"]
    assert index.notes == ["article b: damaged record skipped (ingest its file again)"]


def test_search_rows_are_in_article_order_whatever_the_ingest_order(tmp_path):
    from xmqw.query import search

    corpus = Corpus.open(tmp_path / "c", create=True)
    ingest(corpus, write(tmp_path, "b.txt", "标题\n风电甲\n"))
    ingest(corpus, write(tmp_path, "a.txt", "标题\n风电乙\n"), write(tmp_path, "c.txt", "标题\n风电丙\n"))
    index = Index.open(corpus)
    assert not index.in_id_order()
    assert [r["article"] for r in search(index, ["风电"])] == ["a", "b", "c"]
    in_order = Corpus.open(tmp_path / "d", create=True)
    ingest(in_order, *(write(tmp_path, f"{k}.txt", f"标题\n风电{k}\n") for k in "xyz"))
    ordered = Index.open(in_order)
    assert ordered.in_id_order()
    assert [r["article"] for r in search(ordered, ["风电"], limit=2)] == ["x", "y"]


def test_removing_an_article_refreshes_the_rate_summary(tmp_path):
    from xmqw.query import stats_rates

    corpus = Corpus.open(tmp_path / "c", create=True)
    ingest(corpus, write(tmp_path, "a.txt", "标题\n大庆\n开工率\n"), write(tmp_path, "b.txt", "标题\n漯河\n开工率\n"))
    index = Index.open(corpus)
    assert [r["city"] for r in stats_rates(index)] == ["大庆", "漯河"]
    index.close()
    os.unlink(corpus.articles_dir / "b.json")
    index = Index.open(corpus)
    assert index._meta["summary_at"] == index._meta["text_size"]
    assert [r["city"] for r in stats_rates(index)] == ["大庆"]
