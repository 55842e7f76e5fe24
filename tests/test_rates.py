"""Progress rates: constructions with exact records, and percentages that are not rates."""

import json
from pathlib import Path

import pytest

from xmqw.extract import extract_facts

CASES = Path(__file__).parent / "cases"
POSITIVE = json.loads((CASES / "rates.json").read_text(encoding="utf-8"))
NEGATIVE = json.loads((CASES / "rates_negative.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", POSITIVE, ids=[c["label"] for c in POSITIVE])
def test_rate_constructions(case):
    got = [r.to_dict() for r in extract_facts(case["text"], year=case.get("year")).rates]
    assert len(got) == len(case["expect"])
    for g, e in zip(got, case["expect"]):
        assert {k: g[k] for k in e} == e


@pytest.mark.parametrize("case", NEGATIVE, ids=[c["label"] for c in NEGATIVE])
def test_not_a_rate(case):
    assert extract_facts(case["text"]).rates == []


def test_rate_sentence_offsets():
    text = "全市项目建设提速。\n截至6月底，开工率达到88.8%；资金到位率为70%。"
    rates = extract_facts(text, year=2024).rates
    assert [(r.metric, r.to_dict()["value"]) for r in rates] == [("开工率", 88.8), ("资金到位率", 70)]
    for r in rates:
        assert text[r.start:r.end] == r.sentence
    assert rates[1].period == "截至6月底"
