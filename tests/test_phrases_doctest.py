"""Run the doctests in xmqw.phrases under plain pytest."""

import doctest

import xmqw.phrases


def test_phrases_doctests():
    result = doctest.testmod(xmqw.phrases)
    assert result.failed == 0
    assert result.attempted > 0
