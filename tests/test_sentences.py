"""Sentence splitting: ends, quotes, line breaks and offsets."""

import pytest

from xmqw.extract.sentences import split_sentences

CASES = [
    ("开工率达到100%。完成投资5亿元。", ["开工率达到100%。", "完成投资5亿元。"]),
    ("开工率达到100%；完成投资5亿元。", ["开工率达到100%；", "完成投资5亿元。"]),
    ("“项目是生命线。”他说。", ["“项目是生命线。”", "他说。"]),
    ("真快！真好？是的……", ["真快！", "真好？", "是的……"]),
    ("第一段没有句号\n第二段。", ["第一段没有句号", "第二段。"]),
    ("  缩进的段落。\n\n\n空行之后。", ["缩进的段落。", "空行之后。"]),
    ("English! And? more;", ["English!", "And?", "more;"]),
    ("", []),
    ("\n\n", []),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_split(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


@pytest.mark.parametrize("text,_", CASES)
def test_offsets_point_at_the_sentence(text, _):
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text


def test_paragraphs_and_groups():
    got = [(s.text, s.para, s.group) for s in split_sentences("甲；乙。丙。\n丁；戊")]
    assert got == [("甲；", 0, 0), ("乙。", 0, 0), ("丙。", 0, 1), ("丁；", 1, 2), ("戊", 1, 2)]
