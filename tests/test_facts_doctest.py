"""Run the doctests of every fact-extraction module (the pattern examples are tests)."""

import doctest
import importlib

import pytest

MODULES = ["__init__", "sentences", "periods", "scopes", "context", "records", "rates", "projects", "totals"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module("xmqw.extract" if name == "__init__" else f"xmqw.extract.{name}")
    result = doctest.testmod(module)
    assert result.failed == 0
    assert result.attempted > 0
