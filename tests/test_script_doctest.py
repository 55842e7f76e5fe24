import doctest

from xmqw.cleaning import script


def test_script_doctests():
    result = doctest.testmod(script)
    assert result.failed == 0
    assert result.attempted > 0
