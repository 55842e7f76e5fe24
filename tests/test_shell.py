"""The installed `xmqw` executable, run the way a shell user or a script would."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

XMQW = shutil.which("xmqw", path=str(Path(sys.executable).parent)) or shutil.which("xmqw")


def sh(command, data, **env):
    """Run a bash pipeline with the installed xmqw first on PATH."""
    path = f"{Path(XMQW).parent}{os.pathsep}{os.environ.get('PATH', '')}" if XMQW else os.environ.get("PATH", "")
    env = {**os.environ, "PATH": path, "XMQW_DATA": str(data), "NO_COLOR": "1", **env}
    return subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, env=env, timeout=120)


pytestmark = pytest.mark.skipif(XMQW is None, reason="the xmqw executable is not installed")


def test_installed_executable_answers_from_the_bundled_corpus(tmp_path):
    """No --data, no XMQW_DATA, another working directory: the corpus ships in the package."""
    env = {k: v for k, v in os.environ.items() if k != "XMQW_DATA"}
    result = subprocess.run([XMQW, "projects", "--over", "1亿", "--format", "json"], capture_output=True,
                            text=True, cwd=tmp_path, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 4


def test_python_dash_m(tmp_path, seed_corpus):
    result = subprocess.run([sys.executable, "-m", "xmqw", "--data", str(seed_corpus), "rates", "--city", "葫芦岛"],
                            capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 1 + 3


def test_tsv_cut_pipeline(seed_corpus):
    result = sh("xmqw rates --format tsv | cut -f2,3,4 | sort -u | grep 葫芦岛", seed_corpus)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["葫芦岛\t复工率\t91.4", "葫芦岛\t开复工率\t65.8", "葫芦岛\t开工率\t43.7"]


def test_default_piped_output_is_tsv_without_colour(seed_corpus):
    result = sh("xmqw projects --over 1亿 | awk -F'\\t' 'NR>1 {s += $4} END {printf \"%d %.0f\\n\", NR-1, s}'", seed_corpus)
    assert result.stdout.split() == ["4", "14500000000"]
    raw = sh("xmqw search 风电 | cat", seed_corpus).stdout
    assert "\x1b" not in raw and raw.startswith("article\tcity\tpublished\tstart\tend\tleft\tmatch\tright\n")


def test_json_pipeline(seed_corpus):
    command = ("xmqw projects --format json | python -c 'import json,sys; rows = json.load(sys.stdin); "
               "print(sum(r[\"amount_yuan\"] or 0 for r in rows if r[\"city\"] == \"佳木斯\"))'")
    result = sh(command.replace("python", sys.executable), seed_corpus)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2200000000"


def test_jsonl_pipeline(seed_corpus):
    result = sh(f"xmqw articles --format jsonl | {sys.executable} -c 'import json,sys; print(len([json.loads(l) for l in sys.stdin]))'", seed_corpus)
    assert result.stdout.strip() == "5"


def test_exit_codes_in_scripts(seed_corpus):
    assert sh("xmqw projects --over 1万亿 >/dev/null", seed_corpus).returncode == 1
    bad = sh("xmqw projects --over abc", seed_corpus)
    assert bad.returncode == 2 and bad.stderr.startswith("xmqw: --over 'abc':") and len(bad.stderr.splitlines()) == 1


def test_stdin_ingest_and_head(tmp_path):
    data = tmp_path / "c"
    text = "葫芦岛市重点项目建设\n总投资5亿元的滨海风电装备产业园项目开工建设。\n"
    result = sh("printf '%s' \"$TEXT\" | xmqw ingest -", data, TEXT=text)
    assert result.returncode == 0, result.stderr
    assert "added 1" in result.stderr
    head = sh("xmqw search 项目 | head -1", data)
    assert head.returncode == 0 and head.stdout == "article\tcity\tpublished\tstart\tend\tleft\tmatch\tright\n"


def test_broken_pipe_is_quiet(seed_corpus):
    """A reader that stops early (head) ends xmqw quietly with exit 0, whatever the output size."""
    result = sh("xmqw search 项 -C 200 | head -c 100 >/dev/null", seed_corpus)
    assert (result.returncode, result.stderr) == (0, "")
