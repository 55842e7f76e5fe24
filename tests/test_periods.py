"""Periods: as written, and resolved to an ISO-ish date when a year is known."""

import pytest

from xmqw.extract.periods import find_periods

CASES = [
    ("截至5月20日，全市", 2021, "截至5月20日", "2021-05-20"),
    ("截止到8月31日，", 2020, "截止到8月31日", "2020-08-31"),
    ("截至2022年3月底，", 2021, "截至2022年3月底", "2022-03"),
    ("截至6月初，全市", 2022, "截至6月初", "2022-06"),
    ("1至5月份，全市", 2022, "1至5月份", "2022-05"),
    ("1-6月，全市", 2023, "1-6月", "2023-06"),
    ("一至九月，全市", 2023, "一至九月", "2023-09"),
    ("前三季度，全市", 2021, "前三季度", "2021-Q3"),
    ("一季度，全市", 2021, "一季度", "2021-Q1"),
    ("2020年第二季度，", None, "2020年第二季度", "2020-Q2"),
    ("上半年，全市", 2022, "上半年", "2022-H1"),
    ("4月，全市208个项目", 2021, "4月", "2021-04"),
    ("2022年，葫芦岛市计划", None, "2022年", "2022"),
    ("年初以来，全市", 2021, "年初以来", None),
    ("截至目前，全市", 2021, "截至目前", None),
    ("前三季度，全市", None, "前三季度", None),
    ("截至13月40日，", 2021, "截至13月40日", None),
]


@pytest.mark.parametrize("text,year,written,date", CASES)
def test_period(text, year, written, date):
    (p,) = find_periods(text, year=year)
    assert (p.text, p.date) == (written, date)
    assert text[p.start:p.end] == written


@pytest.mark.parametrize("text", ["明年6月底将投用", "7月6日，工委举行观摩", "用时3个月", "2019年全市第一"])
def test_not_a_reporting_period(text):
    assert find_periods(text, year=2021) == []
