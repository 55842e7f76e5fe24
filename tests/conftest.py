"""Shared fixtures: a writable copy of the bundled seed corpus, and a CLI runner."""

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xmqw.cli import app
from xmqw.paths import bundled_data_dir

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def seed_corpus(tmp_path_factory) -> Path:
    """A copy of the bundled corpus (the five seeds), so tests never write into the package."""
    target = tmp_path_factory.mktemp("seed") / "corpus"
    shutil.copytree(bundled_data_dir() / "corpus", target, ignore=shutil.ignore_patterns("index", ".lock"))
    return target


@pytest.fixture
def run(seed_corpus):
    """Run ``xmqw --data <seed copy> ARGS…`` through typer's runner; returns the Result."""
    runner = CliRunner()

    def invoke(*args, data=None, input=None, env=None):
        return runner.invoke(app, ["--data", str(data or seed_corpus), *args], input=input, env=env)

    return invoke
