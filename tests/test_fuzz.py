"""Fuzzing the text stages with hypothesis: arbitrary Unicode never makes them raise.

Lone surrogates: the reading stage never produces them (every decoder it uses is strict, and
this is checked below on arbitrary bytes); text handed to the library directly may hold them,
and the pipeline (analyse → index insert) must still not crash — the index stores each as
U+FFFD, one character for one, so offsets hold.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from xmqw.article import analyse
from xmqw.cleaning import clean_article
from xmqw.corpus import Corpus
from xmqw.extract import extract_facts
from xmqw.extract.amounts import AmountError, find_amounts, parse_amount_arg
from xmqw.index import Index
from xmqw.phrases import PhraseError, route
from xmqw.reading import InputError, decode_bytes

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SURROGATE = re.compile("[\ud800-\udfff]")

# Any code point, surrogates included, weighted towards the characters these articles use.
ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF)
NEWS_BITS = st.sampled_from(
    ["项目", "重点", "开工", "亿元", "万元", "总投资", "开复工率", "%", "。", "，", "\n", "\r\n", "(xiàng)", "超", "逾", "约",
     "1", "9", ".", "３", "二", "百", "亿", "万", "个", "大庆市", "漯河", "来源：", "责编：", "|", " ", "\u3000", "\ufeff",
     "\x1b[31m", "\u202e", "[bold]", "记者", "2021年5月28日", "前三季度", "截至5月20日", "该项目", "集中开工"]
)
TEXT = st.lists(st.one_of(NEWS_BITS, ANY_CHAR, st.text(alphabet=ANY_CHAR, max_size=5)), max_size=60).map("".join)


@FUZZ
@given(TEXT)
@example("\ud800")
@example("项目\udfff总投资3亿元")
def test_clean_article_never_raises(text):
    cleaned = clean_article(text)
    assert isinstance(cleaned.text, str)
    assert cleaned.script in ("simplified", "traditional", "mixed")


@FUZZ
@given(TEXT)
@example("总投资\ud8003亿元")
def test_find_amounts_never_raises_and_spans_are_right(text):
    for amount in find_amounts(text):
        assert text[amount.start : amount.end] == amount.text
        assert isinstance(amount.value_yuan, Decimal)


@FUZZ
@given(st.one_of(TEXT, st.text(alphabet="0123456789.e亿万元千百十一二三四五六七八九零-+ ", max_size=12)))
@example("")
@example("1e999999")
@example("\ud800亿")
@example("nan")
def test_parse_amount_arg_raises_only_amount_error(text):
    try:
        value = parse_amount_arg(text)
    except AmountError as exc:
        assert str(exc)  # says what is accepted
    else:
        assert isinstance(value, Decimal) and value.is_finite()


@FUZZ
@given(st.one_of(TEXT, st.lists(st.sampled_from(["projects", "over", "under", "in", "by", "city", "rates", "search",
                                                   "1亿", "5000万", "大庆", "以上", "项目", "各市", "开工率", " "]),
                                max_size=8).map(" ".join)))
@example("projects over \ud800")
@example("search ")
def test_route_raises_only_phrase_error(text):
    try:
        target = route(text)
    except PhraseError as exc:
        assert exc.forms
    else:
        assert isinstance(target.explain(), str)


@FUZZ
@given(TEXT, st.one_of(st.none(), st.integers(min_value=1990, max_value=2035)))
@example("该项目总投资\ud8003亿元，开工率达\udfff100%。", 2021)
def test_extract_facts_never_raises_and_offsets_hold(text, year):
    facts = extract_facts(text, year=year)
    for record in (*facts.projects, *facts.rates, *facts.totals):
        assert 0 <= record.start <= record.end <= len(text)
        assert record.to_dict()


@FUZZ
@given(st.binary(max_size=200))
@example(b"\xed\xa0\x80")  # a UTF-8-encoded surrogate
@example(b"\xff\xfe\x00\xd8")  # UTF-16 with a lone high surrogate
@example(b"\xfe\xff\xdc\x00")
def test_reading_never_produces_surrogates(data):
    try:
        text, encoding = decode_bytes(data)
    except InputError:
        return
    assert not SURROGATE.search(text), (data, encoding)


@pytest.fixture(scope="module")
def empty_corpus(tmp_path_factory) -> Corpus:
    return Corpus.open(tmp_path_factory.mktemp("fuzz") / "c", create=True)


@FUZZ
@given(TEXT)
@example("大庆市\ud800项目\n总投资\ud800 3亿元的风电\udc00项目开工。\udfff")
def test_analyse_and_index_insert_never_raise(empty_corpus, text):
    record = analyse(text)
    record = {"id": "a", "sha": "0" * 64, "origin": "fuzz", "encoding": "utf-8", "html": False, **record}
    index = Index.build(empty_corpus, in_memory=True)
    try:
        index.append([record])
        (off, length), = index.conn.execute("SELECT text_off, text_len FROM articles").fetchall()
        stored = index.article_text(off, length)
        assert stored == SURROGATE.sub("\ufffd", record["text"])  # round trip, surrogates as U+FFFD
        (title,), = index.conn.execute("SELECT title FROM articles").fetchone(),
        assert title == (SURROGATE.sub("\ufffd", record["title"]) if record["title"] is not None else None)
    finally:
        index.close()


# Idempotence: cleaning clean text changes nothing.


@FUZZ
@given(TEXT)
def test_cleaner_is_idempotent_on_whole_articles(text):
    """Cleaning the clean article (its title line, then its body) gives the same article back."""
    once = clean_article(text)
    again = clean_article(f"{once.title}\n{once.text}" if once.title else once.text)
    assert (again.title or None, again.text) == (once.title or None, once.text)  # '' vs None: see below


@pytest.mark.parametrize("text", ["", " ", "\n", "\ufeff"])
def test_blank_input_has_no_title(text):
    assert clean_article(text).title is None


# The literal property clean_article(clean_article(x).text).text == clean_article(x).text: found by
# hypothesis, shrunk by hand to the smallest inputs. The body's first line looks like a headline, so
# cleaning the body alone takes it as the title and drops it from the text.
BODY_IDEMPOTENCE = ["项目项目\r项目"]


@pytest.mark.parametrize("text", BODY_IDEMPOTENCE)
def test_cleaning_the_body_again_changes_nothing(text):
    once = clean_article(text).text
    assert clean_article(once).text == once
