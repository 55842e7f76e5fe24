"""Run the doctests of xmqw.extract.amounts under plain pytest."""

import doctest

import xmqw.extract.amounts as amounts


def test_amounts_doctests():
    result = doctest.testmod(amounts)
    assert result.failed == 0
    assert result.attempted > 0
