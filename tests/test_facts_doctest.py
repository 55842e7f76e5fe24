"""Run the doctests of every fact-extraction module (the pattern examples are tests)."""

import doctest
import importlib

import pytest

MODULES = ["facts", "sentences", "periods", "scopes", "context", "records", "rates", "projects", "totals"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(f"xmqw.extract.{name}")
    result = doctest.testmod(module)
    assert result.failed == 0
    assert result.attempted > 0


def test_importing_the_amount_parser_loads_no_extractor():
    import subprocess
    import sys

    code = "import sys, xmqw.extract.amounts; print(sorted(m for m in sys.modules if m.startswith('xmqw.extract')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['xmqw.extract', 'xmqw.extract.amounts']"
