"""The command line: parses options and calls library functions (xmqw.query, xmqw.corpus).

Exit codes: 0 results, 1 no results, 2 usage or query error, 3 some inputs were rejected.
Heavy modules (rich, OpenCC, the cleaner) are imported only by the commands that need them.
"""

from __future__ import annotations

import os
import re
import sys
from enum import Enum
from pathlib import Path
from typing import Any, Iterable, List, Optional

import typer
from click import exceptions as click_exceptions
from typer.core import TyperGroup

EXIT_OK, EXIT_NO_RESULTS, EXIT_USAGE, EXIT_REJECTED = 0, 1, 2, 3

#: One example per command, shown by `xmqw --help` (and checked against the README by a test).
EXAMPLES = (
    ("xmqw --data my-corpus ingest ~/articles/", "add raw articles (files, folders, - for stdin)"),
    ("xmqw articles", "the corpus, one row an article"),
    ("xmqw show 001_4bc857938f439df1", "one article, its metadata and cleaning log"),
    ("xmqw search 风电 --city 佳木斯", "keyword in context, either script"),
    ("xmqw projects --over 1亿", "named projects of 1亿元 or more"),
    ("xmqw rates --metric 开工率", "progress rates by city"),
    ("xmqw stats rates --by city", "a city × metric table"),
    ('xmqw query "start rate by city"', "a short phrase, English or Chinese"),
)


def _epilog() -> str:
    import unicodedata

    def cells(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    width = max(cells(cmd) for cmd, _ in EXAMPLES) + 3
    lines = [f"  {cmd}{' ' * (width - cells(cmd))}{what}" for cmd, what in EXAMPLES]
    return (
        "\b\nExamples (a table on a terminal, TSV when piped; --format table|json|jsonl|csv|tsv):\n"
        + "\n".join(lines)
        + "\n\b\nExit codes: 0 results, 1 no results, 2 usage or query error, 3 some inputs rejected."
    )


class _Group(TyperGroup):
    """Turns user-caused errors into one line on stderr and an exit code, in every command."""

    def parse_args(self, ctx, args):
        bare = not args  # `xmqw` alone: the help is the answer (exit 2, as click does)
        try:
            return super().parse_args(ctx, args)
        except click_exceptions.UsageError as exc:
            if bare:
                raise
            _usage_error(exc)

    def invoke(self, ctx):
        from xmqw.corpus import CorpusError

        import sqlite3

        # the first invoke consumes the command line; a retry needs it back
        args_attr = "_protected_args" if hasattr(ctx, "_protected_args") else "protected_args"
        saved = list(getattr(ctx, args_attr)), list(ctx.args)
        try:
            try:
                return super().invoke(ctx)
            except sqlite3.DatabaseError:
                # the index passed its checks but is damaged inside: drop it and answer again
                from xmqw.index import discard

                discard(_corpus())
                setattr(ctx, args_attr, saved[0])
                ctx.args = saved[1]
                return super().invoke(ctx)
        except click_exceptions.UsageError as exc:
            _usage_error(exc)
        except (click_exceptions.Exit, click_exceptions.Abort, click_exceptions.ClickException):
            raise
        except (UserError, CorpusError) as exc:
            _fail(exc, str(exc), getattr(exc, "code", EXIT_USAGE))
        except KeyboardInterrupt as exc:
            _fail(exc, "interrupted", 130)
        except BrokenPipeError:
            # the reader went away (`xmqw … | head`): stop quietly and successfully, as rg does
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(EXIT_OK) from None
        except (OSError, sqlite3.OperationalError) as exc:  # the disk, not xmqw: full, read-only, gone
            from xmqw.corpus import default_corpus_dir

            where = getattr(exc, "filename", None) or STATE.data or default_corpus_dir()
            _fail(exc, f"{where}: {getattr(exc, 'strerror', None) or exc}", EXIT_USAGE)
        except Exception as exc:
            _fail(exc, f"internal error: {type(exc).__name__}: {exc} (rerun with --debug and report it)", EXIT_USAGE)


app = typer.Typer(
    cls=_Group,
    help=(
        "xmqw — query Chinese news about local key-project construction (重点项目).\n\n"
        "Cleans scraped articles, extracts projects, amounts and progress rates, answers questions."
    ),
    epilog=_epilog(),
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"


class SortKey(str, Enum):
    article = "article"
    date = "date"
    left = "left"
    right = "right"


class StatsWhat(str, Enum):
    overview = "overview"
    rates = "rates"
    projects = "projects"
    amounts = "amounts"


class GroupBy(str, Enum):
    city = "city"
    province = "province"
    month = "month"
    source = "source"


class UserError(Exception):
    """One line for stderr, and an exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


class State:
    data: Optional[Path] = None
    debug: bool = False


STATE = State()

FormatOpt = typer.Option(None, "--format", "-f", help="table, json, jsonl, csv or tsv (default: table on a terminal, tsv when piped).")
BomOpt = typer.Option(False, "--bom", help="Start CSV output with a UTF-8 byte-order mark (for spreadsheets).")
CityOpt = typer.Option(None, "--city", help="Only articles about this city (大庆, 大庆市 or 大慶).")


def _version(value: bool) -> None:
    if value:
        from xmqw import __version__

        typer.echo(f"xmqw {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    data: Optional[Path] = typer.Option(None, "--data", help="Corpus folder (default: $XMQW_DATA, else the bundled seed corpus).", show_default=False),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks of errors, for bug reports."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    STATE.data = data
    STATE.debug = debug


# -- shared helpers -----------------------------------------------------------------


def _corpus(create: bool = False):
    from xmqw.corpus import Corpus, default_corpus_dir

    return Corpus.open(STATE.data or default_corpus_dir(), create=create)


def _index():
    from xmqw.index import Index
    from xmqw.render import error

    index = Index.open(_corpus())
    for note in index.notes:
        error(f"note: {note}")
    return index


def _emit(rows: Iterable[dict[str, Any]], fields: list[str], fmt: Optional[Format], *, bom: bool = False,
          title: Optional[str] = None, highlight: Optional[str] = None) -> None:
    """Render rows (a list or a stream) in the chosen format; no rows means exit 1."""
    from xmqw.render import choose_format, render

    import itertools

    chosen = choose_format(fmt.value if fmt else None, sys.stdout)
    rows = iter(rows)
    first = next(rows, None)  # an error in the query (a bad regex) surfaces before any output
    if first is None:
        render([], fields, chosen, sys.stdout, title=title, highlight=highlight, bom=bom)
        sys.stdout.flush()
        raise typer.Exit(EXIT_NO_RESULTS)
    render(itertools.chain([first], rows), fields, chosen, sys.stdout, title=title, highlight=highlight, bom=bom)
    sys.stdout.flush()


def _filters(city: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None):
    from xmqw.query import Filters

    filters = Filters(city=_city(city), since=_date(since, "--since"), until=_date(until, "--until"))
    if filters.since and filters.until and filters.since[: len(filters.until)] > filters.until:
        raise UserError(f"--since {since} is after --until {until}")
    return filters


def _city(name: Optional[str]) -> Optional[str]:
    if name is None:
        return None
    from xmqw.gazetteer import normalise_city

    city = normalise_city(name.strip())
    if city is None:
        raise UserError(f"--city {name!r}: not a prefecture-level city (try 大庆, 大庆市 or 大慶)")
    return city


_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _date(value: Optional[str], option: str) -> Optional[str]:
    if value is None:
        return None
    import datetime

    try:
        if not _DATE.match(value):
            raise ValueError
        datetime.date.fromisoformat((value + "-01-01")[:10])
    except ValueError:
        raise UserError(f"{option} {value!r}: expected a date like 2021, 2021-05 or 2021-05-20") from None
    return value


def _amount(value: Optional[str], option: str):
    if value is None:
        return None
    from xmqw.extract.amounts import AmountError, parse_amount_arg

    try:
        return parse_amount_arg(value)
    except AmountError as exc:
        reason = str(exc).removeprefix(f"{value!r}: ").removeprefix(f"{value}: ")
        raise UserError(f"{option} {value!r}: {reason}") from None


def _metrics(values: Optional[List[str]]) -> list[str]:
    from xmqw.query import METRICS, normalise_query

    out = []
    for value in values or []:
        metric = normalise_query(value.strip())
        if metric not in METRICS:
            raise UserError(f"--metric {value!r}: expected one of {', '.join(METRICS)}")
        out.append(metric)
    return out


# -- ingest -------------------------------------------------------------------------


_SIZE = re.compile(r"^(\d+(?:\.\d+)?)\s*([kmg]?)b?$", re.I)


def _size(value: str) -> int:
    m = _SIZE.match(value.strip())
    if not m or float(m.group(1)) <= 0:
        raise UserError(f"--max-size {value!r}: expected a size like 5MB, 500KB or 1048576")
    return int(float(m.group(1)) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[m.group(2).lower()])


@app.command(help="Add raw articles (files, folders, - for stdin) to the corpus.  e.g. xmqw --data my-corpus ingest ~/articles/")
def ingest(
    paths: List[str] = typer.Argument(None, help="Files or folders (.txt, .html, .htm, read recursively), or - for stdin.", show_default=False),
    rebuild: bool = typer.Option(False, "--rebuild", help="Re-clean every article from its kept raw text (after upgrading xmqw)."),
    max_size: str = typer.Option("5MB", "--max-size", help="Reject files larger than this."),
) -> None:
    from xmqw.render import error

    if not paths and not rebuild:
        raise UserError("ingest needs at least one PATH (or --rebuild)")
    limit = _size(max_size)  # before anything is created: a typo must leave no empty corpus behind
    corpus = _corpus(create=True)
    if not corpus.is_writable():
        raise UserError(f"{corpus.root}: the corpus folder is read-only")
    progress = _Progress()
    try:
        if rebuild:
            summary = corpus.rebuild(on_item=lambda _id: progress.step(0))
        if paths:
            from xmqw.reading import Rejection, iter_documents

            def seen(item):
                progress.step(0 if isinstance(item, Rejection) else len(item.raw))

            summary = corpus.ingest(iter_documents(paths, max_bytes=limit), on_item=seen)
    finally:
        progress.close()
    for rejection in summary.rejected:
        error(str(rejection))
    if paths and not (summary.added or summary.unchanged or summary.rejected):
        raise UserError(f"nothing to ingest in {' '.join(paths)}: no .txt, .html or .htm files", EXIT_NO_RESULTS)
    verb = "re-cleaned" if rebuild and not paths else "added"
    print(
        f"{verb} {len(summary.added)}, unchanged {len(summary.unchanged)}, rejected {len(summary.rejected)}"
        f" — corpus {corpus.root}",
        file=sys.stderr,
    )
    if summary.rejected:
        raise typer.Exit(EXIT_REJECTED)


class _Progress:
    """A progress line on a terminal's stderr; silent otherwise."""

    def __init__(self) -> None:
        self.bar = None
        if sys.stderr.isatty() and os.environ.get("TERM") != "dumb":
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TransferSpeedColumn

            self.bar = Progress(
                TextColumn("ingesting"), BarColumn(), TextColumn("{task.fields[n]} articles"),
                TransferSpeedColumn(), TimeElapsedColumn(), console=Console(stderr=True), transient=True,
            )
            self.task = self.bar.add_task("ingest", total=None, n=0)
            self.bar.start()
            self.n = 0

    def step(self, nbytes: int) -> None:
        if self.bar is not None:
            self.n += 1
            self.bar.update(self.task, advance=nbytes, n=self.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


# -- articles and show ---------------------------------------------------------------


@app.command(help="The corpus, one row an article.  e.g. xmqw articles --city 大庆")
def articles(
    city: Optional[str] = CityOpt,
    fmt: Optional[Format] = FormatOpt,
    bom: bool = BomOpt,
) -> None:
    from xmqw import query

    rows = query.articles(_index(), _filters(city))
    _emit(rows, query.ARTICLE_FIELDS, fmt, bom=bom, title="articles")


@app.command(help="One article, clean (or as ingested), with its metadata and cleaning log.  e.g. xmqw show 001_4bc857938f439df1")
def show(
    article_id: str = typer.Argument(..., metavar="ID", help="An article id (see `xmqw articles`)."),
    original: bool = typer.Option(False, "--original", help="Show the text as ingested instead of the clean text."),
    fmt: Optional[Format] = FormatOpt,
) -> None:
    from xmqw.render import render_record

    corpus = _corpus()
    if not corpus.has_article(article_id):
        raise UserError(f"{article_id}: no such article in {corpus.root} (see `xmqw articles`)", EXIT_NO_RESULTS)
    try:
        record = corpus.load_record(article_id)
    except (OSError, ValueError):
        raise UserError(f"{article_id}: damaged article record {corpus.record_path(article_id)}; ingest its file again") from None
    if original:
        from xmqw.reading import decode_bytes

        record["text"] = decode_bytes(corpus.raw_bytes(record))[0]
    record.pop("facts", None)
    render_record(record, fmt.value if fmt else None, sys.stdout)


# -- search ---------------------------------------------------------------------------


def run_search(query_text: List[str], *, regex: bool = False, city: Optional[str] = None, since: Optional[str] = None,
               until: Optional[str] = None, context: int = 20, count: bool = False, limit: Optional[int] = None,
               sort: SortKey = SortKey.article, timeout: float = 5.0, fmt: Optional[Format] = None, bom: bool = False) -> None:
    from xmqw import query

    terms = [query.normalise_query(t) for t in query_text]
    if not terms or any(not t.strip() for t in terms):
        raise UserError("search needs a non-empty QUERY (words, a quoted phrase, or --regex PATTERN)")
    if regex and len(terms) > 1:
        raise UserError("--regex takes one pattern (quote it)")
    try:
        filters = _filters(city, since, until)
        index = _index()
        if count:
            counts = query.search_counts(index, terms, regex=regex, filters=filters, timeout=timeout)
            _emit(counts, query.COUNT_FIELDS, fmt, bom=bom, title=f"search {' '.join(terms)}")
        else:
            rows = query.search(index, terms, regex=regex, filters=filters, context=context, limit=limit,
                                sort=sort.value, timeout=timeout)
            _emit(rows, query.SEARCH_FIELDS, fmt, bom=bom, title=f"search {' '.join(terms)}", highlight="match")
    except query.QueryError as exc:
        raise UserError(str(exc)) from None


def _split_terms(text: str) -> list[str]:
    """Split a search phrase the way a shell would: words are ANDed, quotes keep a phrase.

    >>> _split_terms('风电 "重点 项目"')
    ['风电', '重点 项目']
    """
    import shlex

    try:
        return shlex.split(text)
    except ValueError:  # an unbalanced quote: plain words
        return text.split()


@app.command(help="Full-text search, simplified/traditional-insensitive, keyword in context.  e.g. xmqw search 风电 --city 佳木斯")
def search(
    query_text: List[str] = typer.Argument(..., metavar="QUERY...", help="Words (all must occur); quote a phrase; with --regex one pattern."),
    regex: bool = typer.Option(False, "--regex", "-e", help="QUERY is a regular expression (regex module syntax)."),
    city: Optional[str] = CityOpt,
    since: Optional[str] = typer.Option(None, "--since", help="Only articles published on or after this date (2021, 2021-05, 2021-05-20)."),
    until: Optional[str] = typer.Option(None, "--until", help="Only articles published on or before this date."),
    context: int = typer.Option(20, "-C", "--context", min=0, max=10000, help="Characters of context on each side."),
    count: bool = typer.Option(False, "--count", "-c", help="One row per article with its number of matches."),
    limit: Optional[int] = typer.Option(None, "--limit", "-n", min=1, help="At most this many rows."),
    sort: SortKey = typer.Option(SortKey.article, "--sort", help="Order rows by article, date, left or right context."),
    timeout: float = typer.Option(5.0, "--timeout", min=0.001, help="Seconds a --regex may spend on one article before it is stopped."),
    fmt: Optional[Format] = FormatOpt,
    bom: bool = BomOpt,
) -> None:
    run_search(query_text, regex=regex, city=city, since=since, until=until, context=context, count=count,
               limit=limit, sort=sort, timeout=timeout, fmt=fmt, bom=bom)


# -- projects and rates -------------------------------------------------------------


def run_projects(*, over=None, under=None, city=None, status=None, fmt=None, bom=False) -> None:
    from xmqw import query

    rows = query.projects(_index(), over=over, under=under, status=status, filters=_filters(city))
    _emit(rows, query.PROJECT_FIELDS, fmt, bom=bom, title="projects")


@app.command(help="Named projects and their investment, largest first.  e.g. xmqw projects --over 1亿")
def projects(
    over: Optional[str] = typer.Option(None, "--over", help="Only projects of at least this amount: 1亿, 1.5亿, 5000万, 2万亿, 100000000, 1e8."),
    under: Optional[str] = typer.Option(None, "--under", help="Only projects of at most this amount."),
    city: Optional[str] = CityOpt,
    status: Optional[str] = typer.Option(None, "--status", help="Only projects with this status word (开工, 复工, 续建, 投产, 竣工, 签约…)."),
    fmt: Optional[Format] = FormatOpt,
    bom: bool = BomOpt,
) -> None:
    low, high = _amount(over, "--over"), _amount(under, "--under")
    if low is not None and high is not None and low > high:
        raise UserError(f"--over {over} is more than --under {under}: no amount can be both")
    run_projects(over=low, under=high, city=city, status=_status(status), fmt=fmt, bom=bom)


def _status(value: Optional[str]) -> Optional[str]:
    if not value:
        return None
    from xmqw.query import normalise_query

    return normalise_query(value.strip())


def run_rates(*, metrics=(), city=None, fmt=None, bom=False) -> None:
    from xmqw import query

    rows = query.rates(_index(), metrics=metrics, filters=_filters(city))
    _emit(rows, query.RATE_FIELDS, fmt, bom=bom, title="rates")


@app.command(help="Progress rates (开工率, 复工率, 开复工率, 投资完成率…) by city.  e.g. xmqw rates --metric 开工率")
def rates(
    metric: Optional[List[str]] = typer.Option(None, "--metric", "-m", help="Only this metric (repeatable): 开工率, 复工率, 开复工率, 投资完成率, 资金到位率, 投产率, 竣工率."),
    city: Optional[str] = CityOpt,
    fmt: Optional[Format] = FormatOpt,
    bom: bool = BomOpt,
) -> None:
    run_rates(metrics=_metrics(metric), city=city, fmt=fmt, bom=bom)


# -- stats ----------------------------------------------------------------------------


def run_stats(*, what: StatsWhat = StatsWhat.overview, by: GroupBy = GroupBy.city, metrics=(), city=None,
              fmt: Optional[Format] = None, bom: bool = False) -> None:
    from xmqw import query
    from xmqw.render import choose_format

    index = _index()
    filters = _filters(city)
    by_key = by.value
    if what is StatsWhat.overview:
        _emit(query.overview(index, filters), ["item", "value"], fmt, bom=bom, title="corpus overview")
    elif what is StatsWhat.rates:
        records = query.stats_rates(index, by=by_key, metrics=metrics, filters=filters)
        chosen = choose_format(fmt.value if fmt else None, sys.stdout)
        if chosen in ("json", "jsonl"):
            _emit(records, [by_key, *query.STATS_RATE_FIELDS], Format(chosen), title=f"rates by {by_key}")
        else:
            fields, rows = query.pivot_rates(records, by_key)
            _emit(rows, fields, Format(chosen), bom=bom, title=f"rates by {by_key} (latest report)")
    elif what is StatsWhat.projects:
        rows = query.stats_projects(index, by=by_key, filters=filters)
        _emit(rows, [by_key, *query.STATS_PROJECT_FIELDS], fmt, bom=bom, title=f"projects by {by_key}")
    else:
        rows = query.stats_amounts(index, by=by_key, filters=filters)
        _emit(rows, [by_key, *query.STATS_AMOUNT_FIELDS], fmt, bom=bom, title=f"reported totals by {by_key}")


@app.command(help="Aggregates: an overview, or rates/projects/amounts by city, province, month or source.  e.g. xmqw stats rates --by city")
def stats(
    what: StatsWhat = typer.Argument(StatsWhat.overview, help="overview (default), rates, projects or amounts."),
    by: GroupBy = typer.Option(GroupBy.city, "--by", help="Group by city, province, month or source."),
    metric: Optional[List[str]] = typer.Option(None, "--metric", "-m", help="With rates: only this metric (repeatable)."),
    city: Optional[str] = CityOpt,
    fmt: Optional[Format] = FormatOpt,
    bom: bool = BomOpt,
) -> None:
    run_stats(what=what, by=by, metrics=_metrics(metric), city=city, fmt=fmt, bom=bom)


# -- query ------------------------------------------------------------------------------


@app.command(help='Answer a short phrase, English or Chinese.  e.g. xmqw query "projects over 1亿"')
def query(
    phrase: List[str] = typer.Argument(..., metavar="PHRASE", help='e.g. "start rate by city", "1亿以上项目", "search 风电".'),
    explain: bool = typer.Option(False, "--explain", help="Print the command the phrase maps to, and stop."),
    fmt: Optional[Format] = FormatOpt,
    bom: bool = BomOpt,
) -> None:
    from xmqw.phrases import PhraseError, route

    text = " ".join(phrase)
    try:
        target = route(text)
    except PhraseError as exc:
        raise UserError(str(exc)) from None
    if explain:
        print(target.explain())
        return
    args = dict(target.args)
    if target.command == "projects":
        run_projects(over=args.get("over"), under=args.get("under"), city=args.get("city"), status=args.get("status"), fmt=fmt, bom=bom)
    elif target.command == "rates":
        run_rates(metrics=args.get("metrics") or (), city=args.get("city"), fmt=fmt, bom=bom)
    elif target.command == "search":
        run_search(_split_terms(args["query"]), city=args.get("city"), fmt=fmt, bom=bom)
    elif target.command == "stats":
        run_stats(what=StatsWhat(args.get("what", "overview")), by=GroupBy(args.get("by", "city")),
                  metrics=args.get("metrics") or (), city=args.get("city"), fmt=fmt, bom=bom)
    elif target.command == "articles":
        articles(city=args.get("city"), fmt=fmt, bom=bom)
    else:  # pragma: no cover - the phrase table names only the commands above
        raise UserError(f"phrase maps to an unknown command {target.command!r}")


# -- entry point ------------------------------------------------------------------------


def main() -> None:
    """The ``xmqw`` console script."""
    app()


def _usage_error(exc) -> None:
    """A usage mistake as one line: ``xmqw: <what>; see 'xmqw COMMAND --help'``."""
    where = f"xmqw {exc.ctx.info_name} --help" if exc.ctx is not None and exc.ctx.parent is not None else "xmqw --help"
    _fail(exc, f"{' '.join(exc.format_message().split())} (see '{where}')", EXIT_USAGE)


def _fail(exc: BaseException, message: str, code: int) -> None:
    if STATE.debug:
        import traceback

        traceback.print_exception(exc)
    from xmqw.render import error

    error(message)
    raise typer.Exit(code)
