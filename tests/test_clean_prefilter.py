"""The pipeline's shortcuts change nothing: skipping the rare-character rules
on a text without their characters gives what running every rule gives."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xmqw.cleaning import fixers, mojibake, pipeline, script
from xmqw.cleaning.notes import Notes


def every_rule(text: str, notes: Notes) -> str:
    for rule in pipeline.TEXT_RULES:
        text = rule(text, notes)
    return text


# our own sentences, with each kind of rare character and the noise around it
CASES = [
    "重點項目建設進度持續刷新，全市固定資產投資較快增長。",
    "第一段。\r\n第二段，完成投資１３１．９３亿元，增长２０．３％。",
    "\ufeff项目\x00建设\u200b进度\u2028下一段",
    "陕\u2ec4省\u2ed3春市⼈⺠路\uf9a8定，⺅旁不变",
    "金大地联堿绿色转型产业园，衹用了半年",
    "開復工個數同比增加27個!笔邪l(fā)改委工作人員告訴記者。",
    "項(xiàng)目建設(shè)　　提速\t\t增效",
    "",
]
ALPHABET = "".join(CASES) + "".join(fixers.RADICAL_SUPPLEMENT) + "".join(fixers.VARIANTS) + "ａＢ５（）() \n"


@pytest.mark.parametrize("text", CASES)
def test_clean_text_equals_every_rule(text):
    fast, slow = Notes(), Notes()
    assert pipeline.clean_text(text, fast) == every_rule(text, slow)
    assert fast == slow


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_property_clean_text_equals_every_rule(text):
    fast, slow = Notes(), Notes()
    assert pipeline.clean_text(text, fast) == every_rule(text, slow)
    assert fast == slow


def test_no_rule_before_fix_variants_brings_a_variant_in():
    """fix_variants is skipped when the raw text has no variant: t2s and the
    radical rule must never write one."""
    t = script._tables()
    written = set(t.chars.values()) | {c for v in t.phrases.values() for c in v}
    radicals = [chr(c) for c in [*range(0x2E80, 0x2FD6), *range(0xF900, 0xFB00), *range(0x2F800, 0x2FA20)]]
    written |= {fixers.fix_radicals(c) for c in radicals} | {unicodedata.normalize("NFKC", c) for c in radicals}
    assert not written & set(fixers.VARIANTS)


def test_rare_characters_cover_each_rule():
    for name, chars in fixers.RULE_CHARACTERS.items():
        rule = pipeline.CLEANERS[name]
        sample = {"normalise_newlines": "\r", "strip_controls": "\x00", "fix_radicals": "\u2ec4",
                  "normalise_width": "５", "fix_variants": "堿"}[name]  # fmt: skip
        assert rule(f"甲{sample}乙") != f"甲{sample}乙"
        assert fixers.RARE_CHARACTERS.search(sample)


# The per-bracket patterns find what one pattern with a bracket class finds.
_L = fixers._PINYIN_LETTERS
_ONE_CLASS_ANNOTATIONS = re.compile(
    rf"[(（](?<=[{fixers._CJK}][(（])[{_L}]{{1,7}}[)）](?:[(（][{_L}]{{1,7}}[)）])*"
)
_ML = mojibake._LETTERS
_ONE_CLASS_CANDIDATE = re.compile(
    rf"[(（](?<=[\x40-\x7e\uff20-\uff5e][(（])([{_ML}]{{1,7}})[)）](?:[(（][{_ML}]{{1,7}}[)）])*"
)
BRACKET_ALPHABET = "项目的lxiàngmùａｌ(（)）a!。 "


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=BRACKET_ALPHABET, max_size=60))
def test_property_per_bracket_patterns_equal_one_class(text):
    def spans(ms):
        return [m.span() for m in ms]

    assert spans(fixers.finditer_all(fixers._ANNOTATIONS, text)) == spans(_ONE_CLASS_ANNOTATIONS.finditer(text))
    for pos in range(len(text) + 1):
        a, b = fixers.search_any(mojibake._CANDIDATE, text, pos), _ONE_CLASS_CANDIDATE.search(text, pos)
        assert (a and a.span()) == (b and b.span())


def test_suffix_keys_cover_the_suffixes():
    from xmqw.cleaning import furniture

    assert all(any(key in suffix for key in furniture.SUFFIX_KEYS) for suffix in furniture.FURNITURE_SUFFIXES)
    for suffix in furniture.FURNITURE_SUFFIXES:  # the rule's quick test is the keys'
        assert furniture.strip_furniture_suffix("正文。" + suffix) == "正文。"
