"""The persisted index answers exactly like a fresh in-memory build (on a small generated corpus)."""

import importlib.util
import subprocess
import sys

import pytest

from conftest import REPO
from xmqw import query
from xmqw.corpus import Corpus
from xmqw.index import Index
from xmqw.reading import iter_documents

GENERATOR = REPO / "bench" / "generate.py"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    raw = tmp_path_factory.mktemp("gen") / "raw"
    subprocess.run([sys.executable, str(GENERATOR), "--n", "120", "--out", str(raw), "--seed", "7"],
                   check=True, capture_output=True, timeout=300)
    corpus = Corpus.open(tmp_path_factory.mktemp("gen") / "corpus", create=True)
    # two ingests, so the persisted index is built incrementally, not in one go
    files = sorted(str(p) for p in raw.rglob("*.txt"))
    corpus.ingest(iter_documents(files[:70]))
    corpus.ingest(iter_documents(files[70:]))
    return corpus


def answers(index):
    cities = [c for (c,) in index.conn.execute("SELECT DISTINCT city FROM articles WHERE city IS NOT NULL ORDER BY city")]
    city = query.Filters(city=cities[0])
    out = {
        "articles": query.articles(index),
        "search": query.search(index, ["风电"]),
        "search-and": query.search(index, ["项目", "开工"], filters=city),
        "search-regex": query.search(index, [r"[0-9.]+亿元"], regex=True),
        "counts": query.search_counts(index, ["项目"]),
        "projects": query.projects(index, over=1e8),
        "projects-city": query.projects(index, under=5e9, filters=city),
        "rates": query.rates(index),
        "rates-city": query.rates(index, metrics=["开工率"], filters=city),
        "overview": query.overview(index),
        "stats-projects": query.stats_projects(index, by="province"),
        "stats-amounts": query.stats_amounts(index, by="month"),
    }
    out = {key: list(value) for key, value in out.items()}
    for by in query.STAT_GROUPS:
        out[f"stats-rates-{by}"] = query.stats_rates(index, by=by)
        out[f"stats-start-{by}"] = query.stats_rates(index, by=by, metrics=list(query.METRIC_FAMILIES["start"]))
    out["stats-rates-city-filter"] = query.stats_rates(index, by="city", filters=city)
    return out


def test_persisted_equals_fresh_build(generated):
    persisted = Index.open(generated)
    assert persisted.persistent and persisted._meta["summary_at"] == persisted._meta["text_size"]
    fresh = Index.build(generated, in_memory=True)
    a, b = answers(persisted), answers(fresh)
    assert a.keys() == b.keys()
    for key in a:
        assert a[key] == b[key], key
    assert a["search"] and a["projects"] and a["rates"] and a["stats-rates-city"]


def test_precomputed_rate_summary_equals_on_the_fly(generated, monkeypatch):
    index = Index.open(generated)
    precomputed = {by: query.stats_rates(index, by=by) for by in query.STAT_GROUPS}
    monkeypatch.setitem(index._meta, "summary_at", "stale")
    on_the_fly = {by: query.stats_rates(index, by=by) for by in query.STAT_GROUPS}
    assert precomputed == on_the_fly
    assert sum(len(v) for v in precomputed.values()) > 20
