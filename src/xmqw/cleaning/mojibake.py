"""GBK byte-shift mojibake: a run of text decoded one byte off.

When one byte of a GBK stream is lost, every following two-byte character is
read from the second byte of one character and the first byte of the next,
until an ASCII byte puts the decoder back in step. In our articles that byte is
usually the trail byte of a traditional character (發 is B0 6C, and 6C is
``l``), and the text was annotated with pinyin, so the damage looks like this::

    …增加27个!笔邪l(fā)改委…      (meant: …增加27个。”市發(fā)改委…)

``！笔邪l`` is A3A1 B1CA D0B0 6C: the bytes of ``。”市發`` (A1A3 A1B1 CAD0 B06C)
without their first byte. The repair re-encodes the run, puts each byte back
with its partner and decodes again. It is accepted only when it is certain:

1. the character rebuilt in front of the annotation reads with exactly that
   pinyin (pypinyin, all readings of one character) — the annotation is the
   witness;
2. the whole run decodes strictly;
3. the lost byte's character can be rebuilt: the run's first byte is the
   *trail* byte of a character whose lead byte is gone. We rebuild it only
   where one reading is possible: right before a closing quotation mark the
   character is sentence-ending punctuation (a quote that ends and is followed
   by text — ``。”市发改委工作人员告诉记者`` — closes a sentence), and each of
   ``PUNCTUATION_BY_TRAIL_BYTE`` has its own trail byte (。 is A1A3, so A3
   means 。);
4. exactly one start of the run passes 1–3 (the start is not marked in the
   text; each possible start gives another lost byte).

Otherwise the damaged characters are left as they are and the article gets
the flag ``mojibake-unrepaired`` (the span is kept in ``Notes.suspect_spans``);
the annotation itself is removed like every pinyin annotation, so that the
clean text holds no witness and cleaning it again changes nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from xmqw.cleaning.fixers import PINYIN_SYLLABLES, TONE_MARKS, WIDTH, drop_annotations, per_bracket, search_any
from xmqw.cleaning.notes import Notes

#: Sentence-ending (or clause-ending) punctuation that may stand before a
#: closing quote, keyed by the second byte of its GBK code. The keys are
#: distinct, so a lost lead byte in front of one of these trail bytes has one
#: reading.
PUNCTUATION_BY_TRAIL_BYTE = {
    "。".encode("gbk")[1]: "。",  # A1A3
    "！".encode("gbk")[1]: "！",  # A3A1
    "？".encode("gbk")[1]: "？",  # A3BF
    "，".encode("gbk")[1]: "，",  # A3AC
    "；".encode("gbk")[1]: "；",  # A3BB
    "…".encode("gbk")[1]: "…",  # A1AD
}

#: Closing quotation marks: what must follow the rebuilt punctuation.
CLOSING_QUOTES = "”’」』"

#: Longest run searched back from the annotated character.
MAX_RUN = 16

_TONED = "".join(c for c in TONE_MARKS if c not in "ɑɡ")
#: The witness: an ASCII byte that can be a GBK trail byte (0x40–0x7E; its
#: full-width form is accepted too, as the width rule makes it ASCII later),
#: followed by a one-syllable tone-marked pinyin annotation; the character
#: before it must be non-ASCII or a punctuation mark (``_can_lead``).
_LETTERS = f"a-zü{_TONED}ɑɡ\uff41-\uff5a"
_CANDIDATE = per_bracket(
    lambda b: rf"{b}(?<=[\x40-\x7e\uff20-\uff5e]{b})([{_LETTERS}]{{1,7}})[)）](?:[(（][{_LETTERS}]{{1,7}}[)）])*"
)
_HALF = str.maketrans(WIDTH)
_UNTONE = str.maketrans(TONE_MARKS)


def _fullwidth(ch: str) -> str:
    """ASCII punctuation and space back to the full-width form they had in
    GBK (text is often NFKC-normalised after the damage: ！ became !, the
    ideographic space A1A1 became a space or a no-break space)."""
    if "!" <= ch <= "~" and not ch.isalnum():
        return chr(ord(ch) + 0xFEE0)
    return "\u3000" if ch.isspace() else ch


def _half(ch: str) -> str:
    """A full-width ASCII form as ASCII."""
    return chr(ord(ch) - 0xFEE0) if "\uff01" <= ch <= "\uff5e" else ch


def _ends_run(ch: str) -> bool:
    """A line break, or a digit or Latin letter in either width: a damaged
    run does not reach past it (the other rules make full-width letters ASCII
    and spaces plain, so both widths are treated alike)."""
    ch = _half(ch)
    return ch == "\n" or (ch.isascii() and ch.isalnum())


def _gbk2(ch: str) -> bytes | None:
    """The two GBK bytes of ``ch`` (after ``_fullwidth``), or None."""
    try:
        b = _fullwidth(ch).encode("gbk")
    except UnicodeEncodeError:
        return None
    return b if len(b) == 2 else None


@lru_cache(maxsize=512)
def _readings(ch: str) -> frozenset[str]:
    from pypinyin import Style, pinyin  # costly import: only when a candidate is found

    return frozenset(pinyin(ch, style=Style.TONE, heteronym=True)[0])


def _can_lead(ch: str) -> bool:
    """Whether ``ch`` may be the character whose second byte was read as
    the lead byte of the annotated character: not a line break, digit or
    letter."""
    return not _ends_run(ch)


def _is_toned_syllable(s: str) -> bool:
    base = s.translate(_UNTONE)
    return base != s and base in PINYIN_SYLLABLES


def _shift_back(run: str, trail: str) -> tuple[int, str] | None:
    """Re-read ``run`` + ``trail`` one byte later: (lost trail byte, text), or
    None if it does not decode strictly."""
    parts = [_gbk2(ch) for ch in run]
    if any(p is None for p in parts):
        return None
    data = b"".join(parts) + trail.encode("ascii")  # type: ignore[arg-type]
    try:
        decoded = data[1:].decode("gbk")
    except UnicodeDecodeError:
        return None
    if len(decoded) != len(run) or any("\ue000" <= c <= "\uf8ff" for c in decoded):
        return None
    return data[0], decoded


def repair_shifted_run(before: str, trail: str, reading: str) -> tuple[int, str] | None:
    """Repair the end of ``before`` + ``trail`` (an ASCII byte followed in the
    text by the annotation ``reading``). Returns (characters of ``before``
    replaced, repaired text) or None when the repair is not certain.

    >>> repair_shifted_run('增加27个!笔邪', 'l', 'fā')
    (3, '。”市發')
    >>> repair_shifted_run('新建的笔邪', 'l', 'fā') is None  # no closing quote: lost byte unknown
    True
    """
    last = _shift_back(before[-1:], trail)
    if last is None or reading not in _readings(last[1][-1]):
        return None
    found = []
    for k in range(1, min(MAX_RUN, len(before)) + 1):
        ch = before[-k]
        if _ends_run(ch):
            break
        shifted = _shift_back(before[-k:], trail)
        if shifted is None:
            continue
        lost_trail, decoded = shifted
        if decoded[0] in CLOSING_QUOTES and lost_trail in PUNCTUATION_BY_TRAIL_BYTE:
            found.append((k, PUNCTUATION_BY_TRAIL_BYTE[lost_trail] + decoded))
    return found[0] if len(found) == 1 else None


def fix_gbk_shift(text: str, notes: Notes | None = None) -> str:
    """Repair GBK byte-shift mojibake where the repair is certain (see the
    module docstring). Elsewhere the damaged characters stay as they are and
    the article is flagged ``mojibake-unrepaired``. Either way the witness
    annotation goes, as ``strip_pinyin_annotations`` would remove it.

    >>> fix_gbk_shift('开复工个数同比增加27个!笔邪l(fā)改委工作人员告诉记者。')
    '开复工个数同比增加27个。”市發改委工作人员告诉记者。'
    >>> notes = Notes()
    >>> fix_gbk_shift('已经竣工邪l(fā)电', notes)
    '已经竣工邪l电'
    >>> notes.flags, notes.suspect_spans
    (['mojibake-unrepaired'], ['经竣工邪l(fā)'])
    """
    if "(" not in text and "（" not in text:
        return text
    changed = 0
    pos = 2
    while m := search_any(_CANDIDATE, text, pos):
        pos = m.end()
        at = m.start() - 1  # the ASCII letter: the annotated character's trail byte
        if at < 1 or not _can_lead(text[at - 1]) or not _is_toned_syllable(reading := m.group(1).translate(_HALF)):
            continue
        letter = _half(text[at])
        before = text[max(0, at - MAX_RUN) : at]
        fix = repair_shifted_run(before, letter, reading)
        rest, _ = drop_annotations(letter, m.group(0).translate(_HALF))
        if fix is None:
            # The damaged characters stay; the witness goes like any other
            # annotation, so the clean text holds none and cleaning it again
            # finds nothing (the raw text keeps it).
            if notes is not None:
                notes.flag("mojibake-unrepaired")
                line_start = text.rfind("\n", 0, at) + 1
                notes.suspect_spans.append(text[max(line_start, at - 4) : m.end()])
            text = text[: at + 1] + rest + text[m.end() :]
            pos = at + 1 + len(rest)
        else:
            k, fixed = fix
            text = text[: at - k] + fixed + rest + text[m.end() :]
            pos = at - k + len(fixed) + len(rest)
        changed += 1
    if notes is not None:
        notes.count("fix_gbk_shift", changed)
    return text
