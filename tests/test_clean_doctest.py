"""Run the doctests of the cleaning modules under plain pytest."""

import doctest

import pytest

from xmqw.cleaning import fixers, furniture, headers, mojibake, notes, pipeline

MODULES = [fixers, furniture, headers, mojibake, notes, pipeline]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_doctests(module):
    result = doctest.testmod(module)
    assert result.failed == 0
    assert result.attempted > 0
