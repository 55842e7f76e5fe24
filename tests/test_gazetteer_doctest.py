import doctest
import importlib.util
from pathlib import Path

from xmqw import gazetteer

BUILD_SCRIPT = Path(__file__).resolve().parent.parent / "data" / "build_gazetteer.py"


def test_gazetteer_doctests():
    result = doctest.testmod(gazetteer)
    assert result.failed == 0
    assert result.attempted > 0


def test_build_script_doctests():
    spec = importlib.util.spec_from_file_location("build_gazetteer", BUILD_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = doctest.testmod(module)
    assert result.failed == 0
    assert result.attempted > 0
