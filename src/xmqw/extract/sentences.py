"""Split clean text into sentences with character offsets.

A sentence ends after 。！？； (or their ASCII forms !?;) and at every line break. Closing
quotes and brackets that follow the end mark stay with the sentence they close, so that
``“……。”市发改委工作人员说。`` does not start a sentence with a stray ``”``. A run of end
marks (``！？``, ``……。``) ends one sentence, not several.

Each :class:`Sentence` also records ``para`` (the index of its line/paragraph) and ``group``
(the index of the full sentence it belongs to: parts split at ；/; share a group), which the
extractors use to carry context (a scope, a period, "该项目") from one sentence to the next.

>>> [s.text for s in split_sentences('全市开工率达到100%；完成投资5亿元。\\n“好！”他说。')]
['全市开工率达到100%；', '完成投资5亿元。', '“好！”', '他说。']
"""

from __future__ import annotations

from dataclasses import dataclass

import regex as re

#: characters that end a sentence
END_MARKS = "。！？；!?;"
#: of those, the ones that only end a clause-level part of a full sentence
SOFT_END_MARKS = "；;"
#: closing quotes/brackets that belong to the sentence they follow
CLOSERS = "”’」』）)》】\"'"

#: one piece of text: a line break, or a sentence (words up to and with their end marks and
#: closers, or a run of end marks alone). Pieces cover the text without gaps.
_PIECE = re.compile(
    r"\n"
    r"|[^\n" + re.escape(END_MARKS) + r"]+(?:[" + re.escape(END_MARKS) + r"]+[" + re.escape(CLOSERS) + r"]*)?"
    r"|[" + re.escape(END_MARKS) + r"]+[" + re.escape(CLOSERS) + r"]*"
)
_SOFT_ENDS = tuple(SOFT_END_MARKS)


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text, its offsets in the article text (end exclusive), its paragraph
    index and its full-sentence group index."""

    text: str
    start: int
    end: int
    para: int
    group: int


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; blank pieces are dropped, offsets index ``text``.

    >>> [(s.text, s.start, s.end, s.para, s.group) for s in split_sentences('甲项目开工；乙。\\n丙')]
    [('甲项目开工；', 0, 6, 0, 0), ('乙。', 6, 8, 0, 0), ('丙', 9, 10, 1, 1)]
    """
    out: list[Sentence] = []
    para = 0
    group = 0
    for m in _PIECE.finditer(text):
        piece = m.group()
        if piece == "\n":
            if out and out[-1].para == para:
                para += 1
            if out and out[-1].group == group:
                group += 1
            continue
        stripped = piece.strip()
        if stripped:
            start = m.start() + len(piece) - len(piece.lstrip())
            out.append(Sentence(stripped, start, start + len(stripped), para, group))
            if not stripped.rstrip(CLOSERS).endswith(_SOFT_ENDS):
                group += 1
    return out
