"""Named projects: one table of constructions, one of text that must give no project."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from xmqw.extract import extract_facts

CASES = Path(__file__).parent / "cases"
POSITIVE = json.loads((CASES / "projects.json").read_text(encoding="utf-8"))
NEGATIVE = json.loads((CASES / "projects_negative.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", POSITIVE, ids=[c["label"] for c in POSITIVE])
def test_project_constructions(case):
    got = [p.to_dict() for p in extract_facts(case["text"]).projects]
    assert [g["name"] for g in got] == [e["name"] for e in case["expect"]]
    for g, e in zip(got, case["expect"]):
        assert {k: g[k] for k in e} == e


@pytest.mark.parametrize("case", NEGATIVE, ids=[c["label"] for c in NEGATIVE])
def test_no_project(case):
    assert extract_facts(case["text"]).projects == []


def test_project_keeps_its_sentence_and_offsets():
    text = "全市项目建设加快。\n投资3亿元的白城市风电装备产业园项目开工。"
    (p,) = extract_facts(text).projects
    assert p.sentence == "投资3亿元的白城市风电装备产业园项目开工。"
    assert text[p.start:p.end] == p.sentence
    assert p.amount_yuan == Decimal("300000000")


def test_back_reference_takes_the_sentence_with_the_amount():
    text = "辽源市袜业园扩建项目厂房封顶。该项目总投资4亿元。"
    (p,) = extract_facts(text).projects
    assert (p.sentence, p.amount_text) == ("该项目总投资4亿元。", "4亿元")


def test_amount_after_a_list_belongs_to_no_name():
    text = "梅河口市医药物流项目、柳河县山葡萄酒项目，总投资6亿元。"
    assert [p.amount_yuan for p in extract_facts(text).projects] == [None, None]
