"""Run the doctests in xmqw.render under plain pytest."""

import doctest

import xmqw.render


def test_render_doctests():
    result = doctest.testmod(xmqw.render)
    assert result.failed == 0
    assert result.attempted > 0
