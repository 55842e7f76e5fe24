"""Totals and counts: constructions with exact records, and figures that are not totals."""

import json
from pathlib import Path

import pytest

from xmqw.extract import extract_facts

CASES = Path(__file__).parent / "cases"
POSITIVE = json.loads((CASES / "totals.json").read_text(encoding="utf-8"))
NEGATIVE = json.loads((CASES / "totals_negative.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", POSITIVE, ids=[c["label"] for c in POSITIVE])
def test_total_constructions(case):
    got = [t.to_dict() for t in extract_facts(case["text"], year=case.get("year")).totals]
    assert len(got) == len(case["expect"])
    for g, e in zip(got, case["expect"]):
        assert {k: g[k] for k in e} == e


@pytest.mark.parametrize("case", NEGATIVE, ids=[c["label"] for c in NEGATIVE])
def test_not_a_total(case):
    assert extract_facts(case["text"]).totals == []
