"""Tables of amounts, quantities and numerals written in the style of the seeds, plus properties."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xmqw.extract.amounts import (
    Amount,
    AmountError,
    Quantity,
    find_amounts,
    find_quantities,
    format_yuan,
    parse_amount_arg,
    parse_amount_text,
    parse_number,
)

CASES = Path(__file__).parent / "cases"


def _load(name: str) -> list[dict]:
    return json.loads((CASES / name).read_text(encoding="utf-8"))


def _as_dict(a: Amount) -> dict:
    d = {"text": a.text, "value_yuan": str(a.value_yuan), "qualifier": a.qualifier, "bound": a.bound}
    if a.high_yuan is not None:
        d["high_yuan"] = str(a.high_yuan)
    return d


@pytest.mark.parametrize("case", _load("amounts.json"), ids=lambda c: c["label"])
def test_amounts_table(case):
    found = find_amounts(case["text"])
    assert [_as_dict(a) for a in found] == case["expect"]
    for a in found:
        assert case["text"][a.start:a.end] == a.text


@pytest.mark.parametrize("case", _load("amounts_negative.json"), ids=lambda c: c["label"])
def test_no_amounts(case):
    assert find_amounts(case["text"]) == []


@pytest.mark.parametrize("case", _load("amounts_quantities.json"), ids=lambda c: c["text"][:12])
def test_quantities_table(case):
    found = find_quantities(case["text"])
    assert [[q.text, str(q.value), q.unit] for q in found] == case["expect"]
    for q in found:
        assert case["text"][q.start:q.end] == q.text


def test_quantities_are_never_amounts():
    text = "年产3.5万吨，新增45万台产能，建设30万千瓦风电"
    assert find_amounts(text) == []
    assert all(isinstance(q, Quantity) for q in find_quantities(text))


# ---- parse_number ---------------------------------------------------------------------------------

NUMBERS = [
    ("19", "19"), ("1528.2", "1528.2"), ("1,234.5", "1234.5"), ("１，２３４．５", "1234.5"),
    ("三", "3"), ("十", "10"), ("一百二十", "120"), ("两千五百万", "25000000"), ("百", "100"),
    ("千", "1000"), ("零", "0"), ("〇", "0"), ("壹贰叁", "123"), ("壹佰贰拾叁", "123"),
    ("三亿", "300000000"), ("2.2万亿", "2200000000000"), ("一点五亿", "150000000"),
    ("一千零一", "1001"), ("十万零五", "100005"), ("三万五", "35000"), ("二〇二二", "2022"),
    ("负三", "-3"), ("-3.5", "-3.5"), ("1e8", "100000000"), ("五兆", "5000000000000"),
    ("貳億", "200000000"),
]


@pytest.mark.parametrize(("text", "value"), NUMBERS)
def test_parse_number(text, value):
    assert parse_number(text) == Decimal(value)


NOT_NUMBERS = ["", "abc", "万", "亿亿", "十一十二", "1..2", "零点", "点五", "一二三四五x", "十几", "nan",
               "inf", "两两", "10.5万零3"]


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_parse_number_rejects(text):
    with pytest.raises(ValueError):
        parse_number(text)


# ---- parse_amount_text ----------------------------------------------------------------------------

def test_parse_amount_text_whole_string_only():
    assert parse_amount_text("三百万").value_yuan == Decimal(3000000)
    assert parse_amount_text(" 逾百亿元 ").bound == "lower"
    with pytest.raises(ValueError):
        parse_amount_text("投资3亿元的项目")
    with pytest.raises(ValueError):
        parse_amount_text("3亿元和5亿元")


# ---- parse_amount_arg / format_yuan --------------------------------------------------------------

ARGS = [
    ("1亿", "100000000"), ("1.5亿", "150000000"), ("5000万", "50000000"), ("2万亿", "2000000000000"),
    ("100000000", "100000000"), ("1e8", "100000000"), ("3亿元", "300000000"), ("500万元", "5000000"),
    ("1,000万", "10000000"), (" 1亿 ", "100000000"), ("１亿", "100000000"), ("0", "0"),
]


@pytest.mark.parametrize(("arg", "value"), ARGS)
def test_parse_amount_arg(arg, value):
    assert parse_amount_arg(arg) == Decimal(value)


BAD_ARGS = ["abc", "1亿亿", "", "-5亿", "nan", "inf", "1e", "亿", "5万万", "1.2.3亿", "1e400"]


@pytest.mark.parametrize("arg", BAD_ARGS)
def test_parse_amount_arg_rejects_with_help(arg):
    with pytest.raises(AmountError, match="expected an amount like 1亿, 1.5亿, 5000万, 2万亿"):
        parse_amount_arg(arg)


def test_amount_error_is_a_value_error():
    assert issubclass(AmountError, ValueError)


FORMATS = [("1900000000", "19亿元"), ("5000000", "500万元"), ("2200000000000", "2.2万亿元"),
           ("12345", "1.2345万元"), ("9999", "9999元"), ("0", "0元"), ("0.5", "0.5元")]


@pytest.mark.parametrize(("value", "text"), FORMATS)
def test_format_yuan(value, text):
    assert format_yuan(Decimal(value)) == text


decimals = st.decimals(min_value=0, max_value=Decimal("1e20"), allow_nan=False, allow_infinity=False,
                       places=4)


@given(decimals)
def test_format_parse_round_trip(value):
    assert parse_amount_arg(format_yuan(value)) == value


# ---- never raise on arbitrary text ---------------------------------------------------------------

NUMERALISH = st.text(alphabet="0123456789.,，-~至到零一二三四五六七八九十百千万亿兆两壹贰元圆人民币超逾近约余多以上左右的投资资金只吨千瓦角分整 ￥",
                     max_size=40)


@settings(max_examples=300)
@given(st.one_of(st.text(), NUMERALISH))
def test_finders_never_raise(text):
    for a in find_amounts(text):
        assert text[a.start:a.end] == a.text and a.value_yuan >= 0
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.text


@settings(max_examples=300)
@given(st.one_of(st.text(), NUMERALISH))
def test_parse_number_raises_only_value_error(text):
    try:
        assert isinstance(parse_number(text), Decimal)
    except ValueError:
        pass


@pytest.mark.parametrize("text", ["1" * 50_000, "一二三四五六七八九十" * 5_000, "1-" * 20_000 + "亿元", "1,234," * 8_000])
def test_long_numeral_runs_scan_once(text):
    """Regression: the candidate scan restarted inside long digit runs (quadratic, minutes on 50k)."""
    assert find_amounts(text) == []
    assert find_quantities(text) == []


def test_amount_after_a_run_that_is_not_one():
    assert [a.text for a in find_amounts("一3亿元")] == ["3亿元"]


# ---- numerals written out: parse_number reads back every integer ---------------------------------

_CN_DIGITS = "零一二三四五六七八九"


def _cn_section(x: int) -> str:
    """Spell 1..9999 the standard way (一千零五, 三百二十)."""
    out, zero = "", False
    for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        d = x // size % 10
        if d == 0:
            zero = zero or bool(out)
            continue
        if zero:
            out, zero = out + "零", False
        out += _CN_DIGITS[d] + unit
    return out


def _cn(n: int) -> str:
    """Spell a non-negative integer below 10^16 in Chinese numerals (our own test renderer)."""
    if n == 0:
        return "零"
    out, zero = "", False
    for level, unit in ((3, "万亿"), (2, "亿"), (1, "万"), (0, "")):
        section = n // 10 ** (4 * level) % 10_000
        if section == 0:
            zero = zero or bool(out)
            continue
        if out and (zero or section < 1000):
            out += "零"
        out, zero = out + _cn_section(section) + unit, False
    return out


def test_cn_renderer_examples():
    assert [_cn(n) for n in (10, 1005, 100000001, 2200000000000)] == ["一十", "一千零五", "一亿零一", "二万亿二千亿"]


@given(st.integers(min_value=0, max_value=10**16 - 1))
def test_parse_number_reads_spelled_integers(n):
    assert parse_number(_cn(n)) == n
    assert parse_number(f"{n:,}") == n


@settings(max_examples=200)
@given(st.text(alphabet="0123456789.,零一二三四五六七八九十百千万亿元超约多余以上-至 投资的", max_size=30))
def test_amounts_are_ordered_and_disjoint(text):
    found = find_amounts(text)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    assert all(a.high_yuan is None or a.high_yuan > a.value_yuan for a in found)
