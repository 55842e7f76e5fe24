#!/usr/bin/env python3
"""Benchmark the xmqw command line on generated corpora; write a Markdown results table.

    python bench/run.py --sizes 1000,10000
    python bench/run.py --sizes 1000 --xmqw /path/to/xmqw --runs 5

For each size N: generate bench/corpora/<N/1000>k if missing or stale (bench/generate.py), ingest
it into a fresh bench/work/<N>/ with `xmqw --data`, then time each query as a whole `xmqw` process
(median of --runs runs after --warmup warm-ups, stdout to /dev/null) and record its peak RSS.
Reference points, timed round-robin with the commands they are compared with: `rg -c 风电 <raw
corpus>`, `python -c "import typer"`, and for the bundled five-article corpus (no --data)
`python -c "import xmqw.cli"`.  See bench/README.md for how to read the table and the targets
it is checked against.

Stdlib only.  Peak RSS comes from /usr/bin/time -v when present, else from
resource.getrusage(RUSAGE_CHILDREN) in a small wrapper process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
GNU_TIME = "/usr/bin/time"
RG = shutil.which("rg") or "/usr/bin/rg"

# Targets (from the benchmark issue); checked in the results table.
TARGET_INGEST_MB_S = 5.0
TARGET_SEARCH_VS_RG = 1.0
TARGET_QUERY_VS_TYPER = 2.0
TARGET_PEAK_MB = 300.0
TARGET_BUNDLED_VS_IMPORT = 1.3

# The per-corpus commands (SPEC §4).  "{city}" is replaced by the corpus's most frequent city.
QUERIES = (
    ("search 风电", ["search", "风电"], "rg"),
    ("search --regex '[0-9.]+亿元'", ["search", "--regex", "[0-9.]+亿元"], None),
    ("projects --over 1亿", ["projects", "--over", "1亿"], "typer"),
    ("rates --city {city}", ["rates", "--city", "{city}"], "typer"),
    ("stats rates --by city", ["stats", "rates", "--by", "city"], "typer"),
    ("query \"start rate by city\"", ["query", "start rate by city"], "typer"),
)
# The same commands against the bundled corpus (no --data); 佳木斯 is one of its cities.
BUNDLED_CITY = "佳木斯"


@dataclass
class Timing:
    """Wall seconds of each measured run, the largest peak RSS seen (MiB), exit codes."""

    label: str
    walls: list[float] = field(default_factory=list)
    peak_mb: float = 0.0
    codes: list[int] = field(default_factory=list)
    error: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.walls) if self.walls else float("nan")

    @property
    def ok(self) -> bool:
        # Every benchmarked command has an answer on these corpora, and nothing in a generated
        # corpus is meant to be rejected: so anything but exit 0 (1 no results, 2 usage error,
        # 3 inputs rejected, a crash or a timeout) counts as a failure.
        return bool(self.codes) and all(c == 0 for c in self.codes)


def measure_once(argv: list[str], env: dict | None = None, timeout: float | None = None,
                 stdout=subprocess.DEVNULL) -> tuple[float, float, int, str]:
    """Run argv once; return (wall seconds, peak RSS MiB, exit code, last stderr line).

    Wall time is taken around the whole process.  With GNU time present the command runs
    under `/usr/bin/time -v -o FILE`; otherwise under a Python wrapper that reports
    getrusage(RUSAGE_CHILDREN).ru_maxrss.  Either way the wrapper's own start-up is included
    in wall time for every command alike (about a millisecond for GNU time).
    """
    with tempfile.NamedTemporaryFile("r", suffix=".rss", delete=False) as tf:
        rss_path = tf.name
    try:
        if os.access(GNU_TIME, os.X_OK):
            cmd = [GNU_TIME, "-v", "-o", rss_path, "--"] + argv
        else:
            cmd = [sys.executable, "-c", _WRAPPER, rss_path] + argv
        t0 = time.perf_counter()
        # Own session, so a timeout kills the command and not only the wrapper.
        proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, env=env, start_new_session=True)
        try:
            _, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return time.perf_counter() - t0, 0.0, -9, f"timed out after {timeout:.0f}s"
        wall = time.perf_counter() - t0
        peak_kb = _read_peak_kb(rss_path)
        err = stderr.decode("utf-8", "replace").strip().splitlines()
        code = proc.returncode
        if code == 0 or not err:
            last = ""
        else:
            tb = [ln for ln in err if ln.strip() and not ln.startswith("\t") and "Command exited" not in ln]
            last = tb[-1].strip() if tb else err[-1].strip()
        return wall, peak_kb / 1024, code, last
    finally:
        os.unlink(rss_path)


# Wrapper used when GNU time is missing: run the command, write its peak RSS (KiB on Linux).
_WRAPPER = (
    "import resource, subprocess, sys\n"
    "rc = subprocess.call(sys.argv[2:])\n"
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
    "sys.exit(rc)\n"
)


def _read_peak_kb(path: str) -> float:
    try:
        text = open(path, encoding="utf-8", errors="replace").read()
    except OSError:
        return 0.0
    for line in text.splitlines():
        if "Maximum resident set size" in line:
            return float(line.rsplit(":", 1)[1])
        if "exited with non-zero status" in line:
            continue
    text = text.strip()
    return float(text) if text.replace(".", "", 1).isdigit() else 0.0


def measure(commands: list[tuple[str, list[str]]], runs: int, warmup: int, env: dict | None = None,
            timeout: float | None = None) -> list[Timing]:
    """Time several commands round-robin: `warmup` unrecorded rounds, then `runs` recorded ones.

    Each round runs every command once, so a change in machine load during the benchmark
    affects a command and the reference it is compared with alike.  A command that times out
    is not run again.
    """
    timings = [Timing(label) for label, _ in commands]
    for rnd in range(warmup + runs):
        for t, (_, argv) in zip(timings, commands):
            if -9 in t.codes:
                continue
            wall, peak, code, err = measure_once(argv, env, timeout)
            if rnd < warmup and code != -9:
                continue
            if code != -9:
                t.walls.append(wall)
            t.peak_mb = max(t.peak_mb, peak)
            t.codes.append(code)
            if err and not t.error:
                t.error = err
    return timings


# ---------------------------------------------------------------------------
# Corpora
# ---------------------------------------------------------------------------
def size_label(n: int) -> str:
    """1000 → '1k', 100000 → '100k', 1500 → '1500'."""
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def corpus_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.txt") if p.is_file())


def ensure_corpus(n: int, seed: int, corpora: Path, python: str) -> Path:
    """Return bench/corpora/<label>, generating it when missing, incomplete or stale.

    A stamp file next to the corpus records the generator's hash, N and the seed; a corpus
    written by another version of generate.py is regenerated.  `python` (the one running xmqw)
    has opencc, which the generator needs.
    """
    out = corpora / size_label(n)
    manifest = Path(str(out) + ".manifest.tsv")
    stamp = Path(str(out) + ".stamp")
    want = f"{hashlib.sha256((HERE / 'generate.py').read_bytes()).hexdigest()} n={n} seed={seed}\n"
    if (out.is_dir() and manifest.is_file() and stamp.is_file() and stamp.read_text() == want
            and len(corpus_files(out)) == n):
        return out
    print(f"generating {n} articles into {out} …", file=sys.stderr)
    stamp.unlink(missing_ok=True)
    subprocess.run([python, str(HERE / "generate.py"), "--n", str(n), "--out", str(out),
                    "--seed", str(seed), "--force"], check=True, stdout=sys.stderr)
    stamp.write_text(want)
    return out


def top_city(corpus: Path) -> str:
    """The most frequent city in the corpus manifest (for `rates --city`)."""
    counts: dict[str, int] = {}
    manifest = Path(str(corpus) + ".manifest.tsv")
    with open(manifest, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = header.index("city")
        for line in f:
            city = line.rstrip("\n").split("\t")[col]
            counts[city] = counts.get(city, 0) + 1
    return max(sorted(counts), key=counts.get)


# ---------------------------------------------------------------------------
# Machine description
# ---------------------------------------------------------------------------
def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        for line in open("/proc/meminfo", encoding="utf-8"):
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"cpu": cpu, "cores": str(cores), "ram": ram, "python": platform.python_version(),
            "os": f"{platform.system()} {platform.release()}",
            "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def load() -> str:
    """The 1-minute load average, or '?' where the OS has none."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except (AttributeError, OSError):
        return "?"


def interpreter_of(script: str) -> str:
    """The Python interpreter a console script runs under (its shebang), else this one."""
    try:
        with open(script, "rb") as f:
            first = f.readline().decode("utf-8", "replace").strip()
    except OSError:
        return sys.executable
    if first.startswith("#!") and "python" in first:
        exe = first[2:].strip().split()[0]
        if os.access(exe, os.X_OK):
            return exe
    return sys.executable


def xmqw_version(xmqw: str) -> str:
    try:
        out = subprocess.run([xmqw, "--version"], capture_output=True, text=True, timeout=60)
        return (out.stdout.strip() or out.stderr.strip()).splitlines()[0] if out.returncode == 0 else "?"
    except (OSError, subprocess.TimeoutExpired, IndexError):
        return "?"


def git_head() -> str:
    try:
        out = subprocess.run(["git", "-C", str(HERE), "describe", "--always", "--dirty"],
                             capture_output=True, text=True, timeout=30)
        return out.stdout.strip() or "?"
    except (OSError, subprocess.TimeoutExpired):
        return "?"


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------
def fmt_s(x: float) -> str:
    if x != x:  # nan
        return "—"
    return f"{x * 1000:.0f} ms" if x < 10 else f"{x:.1f} s"


def verdict(ok: bool | None) -> str:
    return "—" if ok is None else ("pass" if ok else "**FAIL**")


EXIT_MEANING = {1: "no results", 2: "usage or query error", 3: "some inputs rejected", -9: "timeout"}


def status(t: Timing) -> str:
    codes = ",".join(str(c) for c in sorted(set(t.codes)))
    if t.ok:
        return codes
    bad = next(c for c in t.codes if c != 0)
    why = t.error[:80] or EXIT_MEANING.get(bad, "failed")
    return f"{codes}: {why}".replace("|", "\\|")


TABLE_HEAD = "| command | median | min | peak RSS | exit | reference | ratio | target | verdict |"
TABLE_RULE = "|---|---|---|---|---|---|---|---|---|"


def ref_row(t: Timing, with_verdict: bool = True) -> str:
    """A reference point's row: no reference, ratio or target of its own."""
    row = (f"| `{t.label}` | {fmt_s(t.median)} | {fmt_s(min(t.walls)) if t.walls else '—'} | "
           f"{t.peak_mb:.0f} MB |")
    return row + f" {status(t)} | — | — | — | — |" if with_verdict else row


def query_row(t: Timing, ref: Timing | None, limit: float | None) -> tuple[str, bool | None]:
    ratio = t.median / ref.median if ref and ref.walls and t.walls else float("nan")
    ok_time = None if limit is None or ratio != ratio else ratio <= limit
    ok_mem = t.peak_mb < TARGET_PEAK_MB if t.walls else None
    ok = bool(t.walls) and t.ok and ok_mem and ok_time is not False
    ref_text = f"{ref.label} {fmt_s(ref.median)}" if ref else "—"
    target = f"≤ {limit:g}×" if limit is not None else "—"
    ratio_text = f"{ratio:.2f}×" if ratio == ratio else "—"
    row = (f"| `{t.label}` | {fmt_s(t.median)} | {fmt_s(min(t.walls)) if t.walls else '—'} | "
           f"{t.peak_mb:.0f} MB | {status(t)} | {ref_text} | {ratio_text} | {target} | {verdict(ok)} |")
    return row, ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (default 1000,10000)")
    ap.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    ap.add_argument("--xmqw", default=str(Path(sys.executable).parent / "xmqw"),
                    help="the xmqw executable (default: the one next to this Python)")
    ap.add_argument("--runs", type=int, default=5, help="measured runs per command (default 5)")
    ap.add_argument("--warmup", type=int, default=1, help="warm-up runs per command (default 1)")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds before a command is killed")
    ap.add_argument("--corpora", default=str(HERE / "corpora"), help="where generated corpora live")
    ap.add_argument("--work", default=str(HERE / "work"), help="where ingested corpora are built")
    ap.add_argument("--out", help="results file (default bench/results-<UTC date>.md)")
    args = ap.parse_args(argv)

    xmqw = args.xmqw
    if not (os.path.isfile(xmqw) and os.access(xmqw, os.X_OK)):
        found = shutil.which(xmqw)
        if not found:
            print(f"run.py: xmqw not found at {xmqw} (use --xmqw PATH)", file=sys.stderr)
            return 2
        xmqw = found
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        ap.error("--sizes takes comma-separated integers, e.g. 1000,10000")
    python = interpreter_of(xmqw)
    # Measure xmqw as a user has it: bytecode cached (pip compiles it at install; an editable
    # install caches it on first run unless PYTHONDONTWRITEBYTECODE forbids, as some shells set).
    env = {k: v for k, v in os.environ.items() if k not in ("XMQW_DATA", "PYTHONDONTWRITEBYTECODE")}
    env.setdefault("PYTHONIOENCODING", "utf-8")
    runs, warm, tmo = args.runs, args.warmup, args.timeout
    mach = machine()
    lines = [f"# xmqw benchmark — {mach['date']}", "",
             f"- machine: {mach['cpu']}, {mach['cores']} cores, {mach['ram']} RAM, {mach['os']}",
             f"- Python {mach['python']} (runner); xmqw `{xmqw}` under `{python}`; "
             f"version {xmqw_version(xmqw)}; repo {git_head()}",
             f"- each command: median of {runs} runs after {warm} warm-up, stdout to /dev/null; "
             f"peak RSS via {'/usr/bin/time -v' if os.access(GNU_TIME, os.X_OK) else 'getrusage(RUSAGE_CHILDREN)'}",
             f"- corpora: bench/generate.py --seed {args.seed}",
             f"- load average (1 min) at start: {load()}; a busy machine makes medians noisy", ""]
    failures = 0
    checked = 0

    def count(ok: bool | None) -> None:
        nonlocal failures, checked
        if ok is not None:
            checked += 1
            failures += not ok

    # Process-start references.  Each section below measures its own references round-robin
    # with its commands; this table is for orientation.
    typer_cmd = ('python -c "import typer"', [python, "-c", "import typer"])
    cli_cmd = ('python -c "import xmqw.cli"', [python, "-c", "import xmqw.cli"])
    refs = measure([('python -c "pass"', [python, "-c", "pass"]), typer_cmd, cli_cmd], runs, warm, env, tmo)
    lines += ["## Reference points", "", "| command | median | min | peak RSS |", "|---|---|---|---|"]
    lines += [ref_row(ref, with_verdict=False) for ref in refs] + [""]

    # Bundled corpus: each command without --data, against the import time of xmqw.cli.
    lines += ["## Bundled corpus (no --data) vs `import xmqw.cli`", "", TABLE_HEAD, TABLE_RULE]
    cmds = [cli_cmd] + [("xmqw " + label.replace("{city}", BUNDLED_CITY),
                         [xmqw] + [a.replace("{city}", BUNDLED_CITY) for a in q]) for label, q, _ in QUERIES]
    cli_ref, *timed = measure(cmds, runs, warm, env, tmo)
    for t in timed:
        row, ok = query_row(t, cli_ref, TARGET_BUNDLED_VS_IMPORT)
        count(ok)
        lines.append(row)
    lines += [ref_row(cli_ref), ""]

    ingest_rows = ["## Ingest", "",
                   "| corpus | files | raw MB | wall | MB/s | peak RSS | exit | target | verdict |",
                   "|---|---|---|---|---|---|---|---|---|"]
    query_sections: list[str] = []
    for n in sizes:
        corpus = ensure_corpus(n, args.seed, Path(args.corpora), python)
        files = corpus_files(corpus)
        raw_mb = sum(p.stat().st_size for p in files) / 1e6
        work = Path(args.work) / str(n)
        if work.exists():
            shutil.rmtree(work)
        work.parent.mkdir(parents=True, exist_ok=True)
        print(f"ingesting {len(files)} files ({raw_mb:.1f} MB) into {work} …", file=sys.stderr)
        wall, peak, code, err = measure_once([xmqw, "--data", str(work), "ingest", str(corpus)], env, tmo)
        ing = Timing(f"ingest {size_label(n)}", [wall], peak, [code], err)
        mbps = raw_mb / wall if wall > 0 else float("nan")
        ok = ing.ok and mbps >= TARGET_INGEST_MB_S
        count(ok)
        ingest_rows.append(f"| {size_label(n)} | {len(files)} | {raw_mb:.1f} | {fmt_s(wall)} | {mbps:.1f} | "
                           f"{peak:.0f} MB | {status(ing)} | ≥ {TARGET_INGEST_MB_S:g} MB/s | {verdict(ok)} |")
        if not ing.ok:
            query_sections += [f"## Queries on {size_label(n)}", "", f"Skipped: ingest failed ({status(ing)}).", ""]
            continue

        city = top_city(corpus)
        sec = [f"## Queries on {size_label(n)} ({len(files)} articles; `--city {city}`)", "",
               TABLE_HEAD, TABLE_RULE]
        cmds = [(f"rg -c 风电 corpora/{size_label(n)}", [RG, "-c", "风电", str(corpus)]), typer_cmd]
        cmds += [("xmqw " + label.replace("{city}", city),
                  [xmqw, "--data", str(work)] + [a.replace("{city}", city) for a in q]) for label, q, _ in QUERIES]
        rg, typer_ref, *timed = measure(cmds, runs, warm, env, tmo)
        for t, (_, _, refname) in zip(timed, QUERIES):
            if refname == "rg":
                row, ok = query_row(t, rg, TARGET_SEARCH_VS_RG)
            elif refname == "typer":
                row, ok = query_row(t, typer_ref, TARGET_QUERY_VS_TYPER)
            else:
                row, ok = query_row(t, rg, None)
            count(ok)
            sec.append(row)
        sec += [ref_row(rg), ref_row(typer_ref), ""]
        query_sections += sec

    lines += ingest_rows + [""] + query_sections
    at = next(i for i, line in enumerate(lines) if line.startswith("- load average"))
    lines[at] = lines[at].replace(";", f", at end: {load()};", 1)
    lines += [f"**{checked - failures} of {checked} checks pass.** Targets: search 风电 ≤ rg -c 风电; "
              f"projects/rates/stats/query ≤ {TARGET_QUERY_VS_TYPER:g}× `import typer`; every command's peak RSS "
              f"< {TARGET_PEAK_MB:g} MB; ingest ≥ {TARGET_INGEST_MB_S:g} MB/s; bundled-corpus commands ≤ "
              f"{TARGET_BUNDLED_VS_IMPORT:g}× `import xmqw.cli`.", ""]
    text = "\n".join(lines)
    out = Path(args.out) if args.out else HERE / f"results-{dt.datetime.now(dt.timezone.utc):%Y-%m-%d}.md"
    out.write_text(text, encoding="utf-8")
    print(text)
    print(f"written to {out}", file=sys.stderr)
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
