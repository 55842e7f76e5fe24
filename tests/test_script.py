"""to_simplified must equal OpenCC t2s exactly; detect_script decides the script."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from opencc import OpenCC

from xmqw.cleaning import script
from xmqw.cleaning.script import detect_script, to_simplified

SEED_DIR = Path(os.environ.get("XMQW_SEEDS", "/work/shared/seeds"))
SEEDS = sorted(SEED_DIR.glob("*.txt"))
needs_seeds = pytest.mark.skipif(not SEEDS, reason=f"seed articles not found in {SEED_DIR}")

_REFERENCE = OpenCC("t2s")


def reference(text: str) -> str:
    return _REFERENCE.convert(text)


def seed_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@needs_seeds
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_whole_equals_opencc(path):
    text = seed_text(path)
    assert to_simplified(text) == reference(text)


@needs_seeds
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_line_by_line_equals_opencc(path):
    for line in seed_text(path).splitlines():
        assert to_simplified(line) == reference(line), line


@needs_seeds
def test_there_are_five_seeds():
    assert len(SEEDS) == 5


# (input, expected) — expected is what OpenCC t2s gives, checked below too.
# The comment says why each case is tricky.
PHRASE_CASES = [
    ("項目建設進度", "项目建设进度"),  # plain character conversion
    ("乾隆年間", "乾隆年间"),  # phrase keeps 乾, char table would give 干
    ("天氣乾燥", "天气干燥"),  # no phrase: 乾 → 干
    ("瞭解情況", "了解情况"),  # phrase changes a char that maps to itself alone
    ("一目瞭然", "一目了然"),
    ("沈默不語", "沉默不语"),  # phrase 沈默 → 沉默
    ("沈陽市", "沈阳市"),  # 沈 alone stays
    ("龍鍾老人", "龙钟老人"),  # multi-candidate phrase value: first one
    ("噹噹響", "当当响"),  # multi-candidate character value: first one
    ("年産3.5萬噸", "年产3.5万吨"),  # variant 産
    ("綏中四方檯風電", "绥中四方台风电"),  # variant 檯
    # overlapping phrases where the longest phrase anywhere wins, not the leftmost:
    ("么麼些族", "么麽些族"),  # 麼些族 (3) beats 么麼 (2); left-to-right would give 幺麽些族
    ("康乾乾淨淨", "康干干净净"),  # 乾乾淨淨 (4) beats 康乾 (2) although it changes nothing itself
    ("函覆盆子", "函覆盆子"),  # 覆盆子 (3) beats 函覆 → 函复
    ("於其一目瞭然", "于其一目了然"),  # 一目瞭然 (4) beats 於其一 (3)
    # a separator ends a phrase: 乾隆 split by a comma is two single characters
    ("乾，隆", "干，隆"),
    ("乾 隆", "干 隆"),
    ("乾隆，乾燥", "乾隆，干燥"),
    ("", ""),
    ("ASCII only, 2021-05-28.", "ASCII only, 2021-05-28."),
    ("𫝈㑮乾隆發", "𫝈𫝈乾隆发"),  # astral characters beside BMP ones
    ("𫝈㑮發", "𫝈𫝈发"),
]


@pytest.mark.parametrize("text,expected", PHRASE_CASES)
def test_phrase_cases(text, expected):
    assert to_simplified(text) == expected
    assert reference(text) == expected


@pytest.mark.parametrize("text,expected", PHRASE_CASES)
def test_phrase_cases_in_context(text, expected):
    """The same cases inside a longer text, between separators and not."""
    wrapped = f"據報道，{text}。重點項目{text}建設"
    assert to_simplified(wrapped) == reference(wrapped)


def _alphabet() -> str:
    t = script._tables()
    phrase_chars = {c for key in t.phrases for c in key}
    some_chars = [chr(c) for c in sorted(t.chars)[::15]]
    return "".join(sorted(phrase_chars)) + "".join(some_chars) + "ab1 ，。、…“”-.\n\t　|"


ALPHABET = _alphabet()


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_property_random_text_equals_opencc(text):
    assert to_simplified(text) == reference(text)


def _pieces():
    t = script._tables()
    return sorted(t.phrases) + [k[1:] for k in t.phrases if len(k) > 2] + list("，。 -乾覆藉瞭發a1")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_pieces()), max_size=8).map("".join))
def test_property_phrase_dense_text_equals_opencc(text):
    """Concatenated phrase keys and their tails: many overlapping phrases."""
    assert to_simplified(text) == reference(text)


def test_separators_are_never_converted():
    t = script._tables()
    assert not any(t.separator.fullmatch(chr(c)) for c in t.chars)


def test_import_builds_no_table():
    code = (
        "import xmqw.cleaning.script as s, sys;"
        "assert s._tables.cache_info().currsize == 0;"
        "assert 'opencc' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_import_loads_no_cleaning_rule():
    """``xmqw search`` imports only this module: the package's public names
    (``clean_article`` …) load the pipeline on first use, not on import."""
    code = (
        "import xmqw.cleaning.script, sys;"
        "loaded = sorted(m for m in sys.modules if m.startswith('xmqw.cleaning.'));"
        "assert loaded == ['xmqw.cleaning.script'], loaded;"
        "from xmqw.cleaning import clean_article, Cleaned, CLEANERS, clean_body;"
        "assert 'xmqw.cleaning.pipeline' in sys.modules;"
        "assert clean_article('标题\\n正文。').title == '标题'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_package_names():
    import xmqw.cleaning as package
    from xmqw.cleaning import pipeline

    assert {name: getattr(package, name) for name in package.__all__} == {
        name: getattr(pipeline, name) for name in ("CLEANERS", "Cleaned", "clean_article", "clean_body")
    }
    assert set(package.__all__) <= set(dir(package))
    with pytest.raises(AttributeError):
        package.no_such_name


SCRIPT_CASES = [
    ("重點項目建設進度持續刷新，全市固定資產投資較快增長", "traditional"),
    ("重点项目建设进度持续刷新，全市固定资产投资较快增长", "simplified"),
    ("重点项目建设进度持续刷新。全市固定資產投資較快增長", "mixed"),
    # a few simplified characters in a long traditional text stay traditional
    ("重點項目建設進度持續刷新，全市固定資產投資較快增長，" * 3 + "并", "traditional"),
    # an SEO keyword run in the other script does not count
    ("重點項目建設進度持續刷新\n浏阳市| 隆安县| 句容市| 阳泉市| 镇原县|", "traditional"),
    # characters both scripts share, and ASCII, need no conversion
    ("2021年5月28日 A+", "simplified"),
    ("台后", "simplified"),
]


@pytest.mark.parametrize("text,expected", SCRIPT_CASES)
def test_detect_script(text, expected):
    assert detect_script(text) == expected


SEED_SCRIPTS = {"000": "traditional", "001": "traditional", "002": "traditional",
                "003": "simplified", "004": "traditional"}


@needs_seeds
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_detect_script_on_seeds(path):
    assert detect_script(seed_text(path)) == SEED_SCRIPTS[path.stem[:3]]


PIPE_CASES = [
    ("项目开工。浏阳市| 隆安县| 句容市| 大城县|", "项目开工。"),
    ("项目开工。\n浏阳市| 隆安县| 句容市|\n(责编:王艳)", "项目开工。\n\n(责编:王艳)"),
    # fewer than three bars: page furniture, not a keyword run
    ("A+A- |举报纠错", "A+A- |举报纠错"),
    ("甲| 乙|", "甲| 乙|"),
    # an item longer than a keyword is ordinary text
    # a long item before the first bar is ordinary text, not a keyword
    ("一|这是一个很长很长的句子里面有竖线但不是关键词列表而已|二|三|",
     "一|这是一个很长很长的句子里面有竖线但不是关键词列表而已"),
    ("前文，隆安县| 句容市| 大城县|", "前文，"),
    ("没有竖线的文字", "没有竖线的文字"),
]


@pytest.mark.parametrize("text,expected", PIPE_CASES)
def test_strip_pipe_runs(text, expected):
    assert script.strip_pipe_runs(text) == expected


def _plain_detect(text: str) -> str:
    """detect_script's rule written out with plain set counts (no scans, no
    translate tables): the fast path must agree with it."""
    t = script._tables()
    body = script.strip_pipe_runs(text)
    traditional = sum(c in t.changing for c in body)
    simplified = sum(c in t.simplified_only for c in body)
    minority = min(traditional, simplified)
    if minority >= script.MIXED_MIN_CHARS and minority >= script.MIXED_MIN_SHARE * (traditional + simplified):
        return "mixed"
    return "traditional" if traditional > simplified else "simplified"


def _script_alphabet() -> str:
    """Traditional and simplified-only marks, BMP and astral (𠁞 → 𠀾),
    shared characters, an astral character that is neither, bars, ASCII."""
    t = script._tables()
    traditional = sorted(t.changing)
    simplified = sorted(t.simplified_only)
    astral = [c for c in traditional if c > "\uffff"][:4] + [c for c in simplified if c > "\uffff"][:4]
    return "".join(traditional[::400] + simplified[::300] + astral) + "台后的项目a1 |\n\U0001f600"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_script_alphabet(), max_size=80))
def test_property_detect_script_equals_plain_counts(text):
    assert detect_script(text) == _plain_detect(text)


ASTRAL_SCRIPT_CASES = [
    # astral traditional marks (𠁞 𠌥 𠏢: t2s changes them) in simplified text
    ("重点项目建设进度𠁞𠌥𠏢", "mixed"),
    ("重點項目𠁞", "traditional"),
    # an astral character that is no mark (an emoji) changes nothing
    ("重点项目\U0001f600", "simplified"),
    ("重點項目\U0001f600", "traditional"),
    # astral simplified-only marks (𠀾 𠆲 𠆿) against BMP traditional ones
    ("重點項目建設𠀾𠆲𠆿", "mixed"),
]


@pytest.mark.parametrize("text,expected", ASTRAL_SCRIPT_CASES)
def test_detect_script_astral(text, expected):
    assert detect_script(text) == expected
    assert _plain_detect(text) == expected


def test_separator_set_is_the_separator_pattern():
    t = script._tables()
    bmp = [chr(c) for c in range(0x10000)]
    assert {c for c in bmp if t.separator.fullmatch(c)} == t.separators
    # astral characters are never separators (the set is built over the BMP)
    assert not any(t.separator.fullmatch(chr(c)) for c in range(0x10000, 0x110000, 97))


def test_every_non_redundant_phrase_has_an_anchor():
    t = script._tables()
    special = [k for k, v in t.phrases.items() if v != k.translate(t.chars)]
    assert special
    assert all(t.phrase_anchor.search(k) for k in special)


# astral characters after, inside and around chunks that need the exact segmentation
@pytest.mark.parametrize(
    "text", ["乾隆，㑮𠁞發", "𠁞乾隆年間", "天氣乾燥𠁞，乾隆𠌥", "於是一目瞭然𫝈", "沈默\U0001f600沈陽"]
)
def test_astral_around_phrases_equals_opencc(text):
    assert to_simplified(text) == reference(text)
