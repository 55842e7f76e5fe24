"""Queries over an open index: search, projects, rates, stats.

Every function returns ``(fields, rows)``-ready lists of flat dicts whose keys are
the record fields of SPEC §4, so the CLI only chooses a format and renders.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Sequence

from xmqw.vocabulary import METRIC_FAMILIES, METRICS

SEARCH_FIELDS = ["article", "city", "published", "start", "end", "left", "match", "right"]
COUNT_FIELDS = ["article", "city", "published", "title", "count"]
PROJECT_FIELDS = ["article", "city", "name", "amount_yuan", "amount_text", "qualifier", "capacity", "status", "sentence"]
RATE_FIELDS = ["article", "city", "metric", "value", "scope", "period", "sentence"]
ARTICLE_FIELDS = ["id", "origin", "title", "published", "source", "city", "province", "script", "chars", "flags"]


DEFAULT_REGEX_TIMEOUT = 5.0


class QueryError(Exception):
    """A user-caused query problem: bad regex, regex too slow, bad filter (exit 2)."""


@dataclass(frozen=True)
class Filters:
    """Article-level filters shared by every command."""

    city: str | None = None
    since: str | None = None
    until: str | None = None

    def sql(self, alias: str = "a") -> tuple[str, list[Any]]:
        clauses, params = [], []
        if self.city:
            clauses.append(f"{alias}.city = ?")
            params.append(self.city)
        if self.since:
            clauses.append(f"{alias}.published >= ?")
            params.append(self.since)
        if self.until:
            clauses.append(f"substr({alias}.published, 1, {len(self.until)}) <= ?")
            params.append(self.until)
        return (" AND ".join(clauses) or "1"), params


def normalise_query(text: str) -> str:
    """Put a query into the script and widths of the clean text.

    >>> normalise_query("項目建設 ２０２１")
    '项目建设 2021'
    """
    from xmqw.cleaning.script import to_simplified

    return to_simplified(text.translate(_FULLWIDTH))


_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF5B) if chr(cp).isalnum()}


# -- articles -------------------------------------------------------------------------


def articles(index, filters: Filters = Filters()) -> list[dict[str, Any]]:
    where, params = filters.sql()
    rows = index.conn.execute(
        f"SELECT id, origin, title, published, source, city, province, script, chars, flags FROM articles a WHERE {where} ORDER BY id",
        params,
    ).fetchall()
    return [dict(zip(ARTICLE_FIELDS, r)) | {"flags": r[9].split(",") if r[9] else []} for r in rows]


# -- search -----------------------------------------------------------------------------


def search(
    index,
    terms: Sequence[str],
    *,
    regex: bool = False,
    filters: Filters = Filters(),
    context: int = 20,
    limit: int | None = None,
    sort: str = "article",
    timeout: float = DEFAULT_REGEX_TIMEOUT,
) -> Iterator[dict[str, Any]]:
    """Keyword-in-context rows for every match; with several terms, articles holding all of them.

    Rows stream in corpus order, which is article order whenever the corpus was ingested
    in id order (the index records it); otherwise, and for the other sorts, they are
    gathered and sorted first.
    """
    rows = _stream_rows(index, _matches(index, terms, regex, timeout, filters), context)
    if not (sort == "article" and index.in_id_order()):
        rows = iter(sorted(rows, key=_SORTS[sort]))
    return itertools.islice(rows, limit) if limit else rows


def _stream_rows(index, hits, context: int) -> Iterator[dict[str, Any]]:
    """KWIC rows for a stream of hits, resolving article metadata 500 articles at a time."""
    pending = []
    for hit in hits:
        pending.append(hit)
        if len(pending) >= 500:
            yield from _kwic_rows(index, pending, context)
            pending = []
    yield from _kwic_rows(index, pending, context)


def _kwic_rows(index, hits: list[tuple[int, str, list[tuple[int, int]]]], context: int) -> list[dict[str, Any]]:
    """Keyword-in-context rows for a batch of ``(rowid, text, spans)`` hits."""
    meta = _article_meta(index, [rowid for rowid, _, _ in hits])
    rows = []
    for rowid, text, spans in hits:
        article_id, city, published = meta[rowid]
        for start, end in spans:
            rows.append(
                {
                    "article": article_id,
                    "city": city,
                    "published": published,
                    "start": start,
                    "end": end,
                    "left": text[max(0, start - context) : start].replace("\n", " "),
                    "match": text[start:end],
                    "right": text[end : end + context].replace("\n", " "),
                }
            )
    return rows


def search_counts(index, terms: Sequence[str], *, regex: bool = False, filters: Filters = Filters(),
                  timeout: float = DEFAULT_REGEX_TIMEOUT) -> list[dict[str, Any]]:
    """One row per matching article with its number of matches."""
    counts = {rowid: len(spans) for rowid, _, spans in _matches(index, terms, regex, timeout, filters)}
    meta = _article_meta(index, list(counts), title=True)
    rows = [
        {"article": meta[r][0], "city": meta[r][1], "published": meta[r][2], "title": meta[r][3], "count": n}
        for r, n in counts.items()
    ]
    rows.sort(key=lambda r: r["article"])
    return rows


_SORTS = {
    "article": lambda r: (r["article"], r["start"]),
    "date": lambda r: (r["published"] is None, r["published"] or "", r["article"], r["start"]),
    "left": lambda r: (r["left"][::-1], r["article"], r["start"]),
    "right": lambda r: (r["match"] + r["right"], r["article"], r["start"]),
}


def _matches(index, terms: Sequence[str], regex: bool, timeout: float, filters: Filters):
    """The ``(rowid, text, spans)`` hits of a literal search (all terms) or of one regex."""
    if regex:
        return _regex_matches(index, terms[0], timeout, filters)
    return _literal_matches(index, terms, filters)


def _allowed(index, filters: Filters) -> set[int] | None:
    """Rowids passing the article filters, or None when there are no filters."""
    if filters == Filters():
        return None
    where, params = filters.sql()
    return {r for (r,) in index.conn.execute(f"SELECT rowid FROM articles a WHERE {where}", params)}


def _literal_matches(index, terms: Sequence[str], filters: Filters):
    """Yield ``(rowid, text, [(start, end), …])`` for articles holding every term.

    ``bytes.find`` over the raw UTF-8 decides which articles match (in C); only those
    are decoded, and the character offsets come from ``str.find`` on the text.
    Matches of one term do not overlap.
    """
    needles = [t.encode("utf-8") for t in terms]
    for data, articles in index.texts(_allowed(index, filters)):
        for rowid, start, end in articles:
            if all(data.find(n, start, end) >= 0 for n in needles):
                text = data[start:end].decode("utf-8", "replace")
                spans = []
                for term in terms:
                    i = text.find(term)
                    while i >= 0:
                        spans.append((i, i + len(term)))
                        i = text.find(term, i + len(term))
                spans.sort()
                yield rowid, text, spans


def _regex_matches(index, pattern: str, timeout: float, filters: Filters):
    """Yield ``(rowid, text, spans)`` for articles where the pattern matches.

    ``timeout`` bounds the time spent on any one article, so a pattern that backtracks
    catastrophically stops at once, while a plain pattern may scan any size of corpus.
    """
    import regex as re_mod

    try:
        compiled = re_mod.compile(pattern)
    except re_mod.error as exc:
        raise QueryError(f"bad regex {pattern!r}: {exc}") from None
    for data, articles in index.texts(_allowed(index, filters)):
        for rowid, start, end in articles:
            text = data[start:end].decode("utf-8", "replace")
            try:
                spans = [m.span() for m in compiled.finditer(text, timeout=timeout) if m.end() > m.start()]
            except TimeoutError:
                raise QueryError(
                    f"regex {pattern!r} took longer than {timeout:g} s on one article; simplify it or raise --timeout"
                ) from None
            if spans:
                yield rowid, text, spans


def _article_meta(index, rowids: list[int], *, title: bool = False) -> dict[int, tuple]:
    """rowid → (id, city, published[, title]) for the given articles."""
    columns = "rowid, id, city, published" + (", title" if title else "")
    out = {}
    for i in range(0, len(rowids), 900):
        part = rowids[i : i + 900]
        for r in index.conn.execute(f"SELECT {columns} FROM articles WHERE rowid IN ({','.join('?' * len(part))})", part):
            out[r[0]] = r[1:]
    return out


# -- facts ------------------------------------------------------------------------------


def projects(
    index,
    *,
    over: float | None = None,
    under: float | None = None,
    status: str | None = None,
    filters: Filters = Filters(),
) -> Iterator[dict[str, Any]]:
    """Named projects, largest amount first (then by article and position), streamed.

    ``over``/``under`` keep only projects with an amount; ``status`` keeps projects one of
    whose status words contains it (开工 ⊂ 开工建设, 集中开工). The order is the one of the
    ``projects_amount`` index, so rows stream without a sort.
    """
    where, params = filters.sql()
    clauses = [where]
    if over is not None:
        clauses.append("p.amount_yuan >= ?")
        params.append(float(over))
    if under is not None:  # a range (10亿至20亿元) is under a bound only when its high end is
        clauses.append("COALESCE(p.amount_high_yuan, p.amount_yuan) <= ?")
        params.append(float(under))
    if status:  # a status word names its family: 开工 also finds 开工建设, 集中开工, 云上开工
        clauses.append("instr(p.status, ?) > 0")
        params.append(status)
    cols = ", ".join(f"p.{f}" for f in PROJECT_FIELDS)
    join = "" if filters == Filters() else " JOIN articles a ON a.rowid = p.article_rowid"
    cursor = index.conn.execute(
        f"SELECT {cols} FROM projects p{join} WHERE {' AND '.join(clauses)} "
        f"ORDER BY p.amount_yuan DESC, p.article, p.start",
        params,
    )
    for row in cursor:
        yield _numbers(dict(zip(PROJECT_FIELDS, row)), "amount_yuan")


def rates(index, *, metrics: Sequence[str] = (), filters: Filters = Filters()) -> Iterator[dict[str, Any]]:
    """Progress rates, by city then metric (in vocabulary order) then article, streamed."""
    where, params = filters.sql()
    clauses = [where]
    if metrics:
        clauses.append(_in("r.metric", metrics, params))
    metric_order = "CASE r.metric " + " ".join(f"WHEN '{m}' THEN {i}" for i, m in enumerate(METRICS)) + " ELSE 99 END"
    join = "" if filters == Filters() else " JOIN articles a ON a.rowid = r.article_rowid"
    cursor = index.conn.execute(
        f"SELECT r.article, r.city, r.metric, r.value, r.scope, r.period, r.sentence "
        f"FROM rates r{join} WHERE {' AND '.join(clauses)} "
        f"ORDER BY r.city IS NULL, r.city, {metric_order}, r.article, r.start",
        params,
    )
    for row in cursor:
        yield _numbers(dict(zip(RATE_FIELDS, row)), "value")


def _in(column: str, values: Sequence[str], params: list[Any]) -> str:
    """An ``column IN (?, …)`` clause; the values are appended to ``params``."""
    params.extend(values)
    return f"{column} IN ({','.join('?' * len(values))})"


def _numbers(row: dict[str, Any], *keys: str) -> dict[str, Any]:
    for key in keys:
        value = row.get(key)
        if isinstance(value, float) and value.is_integer():
            row[key] = int(value)
    return row


# -- stats -------------------------------------------------------------------------------

STAT_GROUPS = {
    "city": "a.city",
    "province": "a.province",
    "month": "substr(a.published, 1, 7)",
    "source": "a.source",
}

#: Scopes that speak for the whole city's key-project list; preferred when a city reports several.
GENERAL_SCOPES = (None, "", "重点项目", "省市重点项目", "全市重点项目", "市重点项目", "全口径项目")


def stats_rates(index, *, by: str = "city", metrics: Sequence[str] = (), filters: Filters = Filters()) -> list[dict[str, Any]]:
    """One record per group × metric: the most recent report, preferring city-wide scopes.

    Served from the index's precomputed ``rate_best`` table when it is current and no
    article filter other than the grouped city applies; computed here otherwise.
    """
    summary_ok = index._meta.get("summary_at") == index._meta.get("text_size")
    if summary_ok and not filters.since and not filters.until and (not filters.city or by == "city"):
        clauses, params = ["by_key = ?"], [by]
        if filters.city:
            clauses.append("grp = ?")
            params.append(filters.city)
        if metrics:
            clauses.append(_in("metric", metrics, params))
        rows = index.conn.execute(
            f"SELECT grp, metric, value, scope, period, period_date, published, article, reports FROM rate_best WHERE {' AND '.join(clauses)}",
            params,
        ).fetchall()
    else:
        rows = best_rates(index, by=by, metrics=metrics, filters=filters)
    order = {m: i for i, m in enumerate(METRICS)}
    rows.sort(key=lambda r: (r[0], order.get(r[1], 99)))
    return [_numbers(dict(zip([by, *STATS_RATE_FIELDS], row)), "value") for row in rows]


def best_rates(index, *, by: str, metrics: Sequence[str], filters: Filters) -> list[tuple]:
    """The rate_best choice computed on the fly (the reference the precomputed table must equal)."""
    group = STAT_GROUPS[by]
    where, params = filters.sql()
    clauses = [where, f"{group} IS NOT NULL"]
    if metrics:
        clauses.append(_in("r.metric", metrics, params))
    rows = index.conn.execute(
        f"SELECT {group}, r.metric, r.value, r.scope, r.period, r.period_date, a.published, r.article, r.start "
        f"FROM rates r JOIN articles a ON a.rowid = r.article_rowid WHERE {' AND '.join(clauses)}",
        params,
    ).fetchall()
    best: dict[tuple[str, str], tuple] = {}
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (row[0], row[1])
        counts[key] = counts.get(key, 0) + 1
        rank = (row[5] or row[6] or "", row[3] in GENERAL_SCOPES, row[7], -row[8])
        if key not in best or rank > best[key][0]:
            best[key] = (rank, row)
    return [(*row[:8], counts[key]) for key, (_, row) in best.items()]


def pivot_rates(records: list[dict[str, Any]], by: str) -> tuple[list[str], list[dict[str, Any]]]:
    """Turn stats_rates records into a group × metric table (values only), for people."""
    metrics = [m for m in METRICS if any(r["metric"] == m for r in records)]
    table: dict[str, dict[str, Any]] = {}
    for r in records:
        table.setdefault(r[by], {by: r[by]})[r["metric"]] = r["value"]
    return [by, *metrics], list(table.values())


STATS_PROJECT_FIELDS = ["projects", "with_amount", "total_yuan", "largest_yuan", "mentions"]
STATS_AMOUNT_FIELDS = ["kind", "reports", "largest_yuan", "articles"]
STATS_RATE_FIELDS = ["metric", "value", "scope", "period", "period_date", "published", "article", "reports"]

#: A named project is counted once per city, however many articles mention it (its largest amount).
_DISTINCT_PROJECTS = (
    "SELECT {group} AS g, a.city, p.name, MAX(p.amount_yuan) AS amount, COUNT(*) AS mentions "
    "FROM projects p JOIN articles a ON a.rowid = p.article_rowid WHERE {where} GROUP BY g, a.city, p.name"
)


def stats_projects(index, *, by: str = "city", filters: Filters = Filters()) -> list[dict[str, Any]]:
    """Per group: distinct named projects, how many state an amount, their sum and largest, and mentions.

    A project named in several articles of one city counts once (with its largest amount),
    so the sum is not inflated by repeated coverage.
    """
    where, params = filters.sql()
    named = _DISTINCT_PROJECTS.format(group=STAT_GROUPS[by], where=where)
    rows = index.conn.execute(
        f"SELECT g, COUNT(*), COUNT(amount), SUM(amount), MAX(amount), SUM(mentions) FROM ({named}) GROUP BY g "
        f"ORDER BY SUM(amount) IS NULL, SUM(amount) DESC, g",
        params,
    ).fetchall()
    return [_numbers(dict(zip([by, *STATS_PROJECT_FIELDS], row)), "total_yuan", "largest_yuan") for row in rows]


def stats_amounts(index, *, by: str = "city", filters: Filters = Filters()) -> list[dict[str, Any]]:
    """Reported investment totals (总投资 and the like) per group: count and largest."""
    group = STAT_GROUPS[by]
    where, params = filters.sql()
    rows = index.conn.execute(
        f"SELECT {group} AS g, t.kind, COUNT(*), MAX(t.value), COUNT(DISTINCT t.article) "
        f"FROM totals t JOIN articles a ON a.rowid = t.article_rowid WHERE {where} AND t.unit = '元' "
        f"GROUP BY g, t.kind ORDER BY g, t.kind",
        params,
    ).fetchall()
    return [_numbers(dict(zip([by, *STATS_AMOUNT_FIELDS], row)), "largest_yuan") for row in rows]


def overview(index, filters: Filters = Filters()) -> list[dict[str, Any]]:
    """The corpus at a glance, as (item, value) rows."""
    where, params = filters.sql()
    conn = index.conn
    n, first, last = conn.execute(f"SELECT COUNT(*), MIN(published), MAX(published) FROM articles a WHERE {where}", params).fetchone()
    rows = [
        {"item": "articles", "value": n},
        {"item": "published from", "value": first},
        {"item": "published to", "value": last},
    ]
    for label, column in (("articles by province", "province"), ("articles by city", "city")):
        counts = conn.execute(
            f"SELECT {column}, COUNT(*) FROM articles a WHERE {where} GROUP BY {column} ORDER BY COUNT(*) DESC, {column}", params
        ).fetchall()
        rows.append({"item": label, "value": ", ".join(f"{k or '(unknown)'} {c}" for k, c in counts)})
    named = _DISTINCT_PROJECTS.format(group="a.city", where=where)
    n_proj, n_amount, total = conn.execute(f"SELECT COUNT(*), COUNT(amount), SUM(amount) FROM ({named})", params).fetchone()
    rows.append({"item": "named projects", "value": n_proj})
    rows.append({"item": "projects with an amount", "value": n_amount})
    rows.append({"item": "total named investment (yuan)", "value": _numbers({"v": total}, "v")["v"]})
    metrics = conn.execute(
        f"SELECT r.metric, COUNT(*) FROM rates r JOIN articles a ON a.rowid = r.article_rowid WHERE {where} GROUP BY r.metric", params
    ).fetchall()
    order = {m: i for i, m in enumerate(METRICS)}
    rows.append({"item": "rate metrics reported", "value": ", ".join(f"{m} {c}" for m, c in sorted(metrics, key=lambda x: order.get(x[0], 99)))})
    return rows
