"""Reading input: paths and stdin → decoded article text, or a one-line rejection.

This stage knows about files, bytes and encodings, never about Chinese news.
Every input ends as either a :class:`Document` (decoded text plus the raw bytes,
kept byte for byte) or a :class:`Rejection` naming the input and the reason.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

#: Extensions read when walking a folder; any named file is read whatever its name.
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")

#: Leading bytes of common binary formats, with the name used in the rejection.
BINARY_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "zip archive"),
    (b"PK\x05\x06", "zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!\x1a\x07", "rar archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)

#: Byte-order marks, longest first (UTF-32 LE starts like UTF-16 LE).
BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


@dataclass(frozen=True)
class Document:
    """One decoded input. ``origin`` is the path as the user gave it (or ``-``)."""

    origin: str
    stem: str | None
    raw: bytes
    text: str
    encoding: str
    is_html: bool


@dataclass(frozen=True)
class Rejection:
    """An input that was not ingested, and why (one line)."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


class InputError(Exception):
    """Raised by :func:`decode_document` with a one-line reason."""


def iter_documents(
    paths: Iterable[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> Iterator[Document | Rejection]:
    """Yield a Document or a Rejection for every input named by ``paths``.

    Folders are walked recursively (``.txt``, ``.html``, ``.htm``; hidden
    entries skipped; symlinked folders followed once); ``-`` reads stdin.
    Never raises for a bad input: the batch always goes on.
    """
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(max_bytes + 1)
            yield _decode_or_reject("-", None, data, max_bytes, html_hint=False)
            continue
        try:
            st = os.stat(path)
        except OSError as exc:
            yield Rejection(display_path(path), _os_reason(exc))
            continue
        if stat.S_ISDIR(st.st_mode):
            for file in _walk(Path(path)):
                yield read_file(str(file), max_bytes=max_bytes)
        else:
            yield read_file(path, max_bytes=max_bytes)


def read_file(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document | Rejection:
    """Read and decode one file, or say in one line why not."""
    shown = display_path(path)
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            return Rejection(shown, "not a regular file")
        if st.st_size > max_bytes:
            return Rejection(shown, f"too large ({_mb(st.st_size)} > {_mb(max_bytes)} limit; see --max-size)")
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        return Rejection(shown, _os_reason(exc))
    stem = Path(shown).stem
    html_hint = path.lower().endswith(HTML_SUFFIXES)
    return _decode_or_reject(shown, stem, data, max_bytes, html_hint=html_hint)


#: What Python puts in a str for bytes of a file name it could not decode (surrogateescape).
_UNDECODED = re.compile("[\udc80-\udcff]")


def display_path(path: str) -> str:
    r"""A path as text for records and messages; names that are not UTF-8 are decoded as GB18030.

    File names from Windows zips are often GBK bytes, which Python hands over with lone
    surrogates (undecodable bytes); those cannot be stored or printed. Each such part is
    decoded as GB18030, or shown with U+FFFD where even that fails.

    >>> display_path(os.fsdecode("项目/".encode() + "大庆报道.txt".encode("gbk")))
    '项目/大庆报道.txt'
    >>> display_path(os.fsdecode(b"x\xff.txt"))
    'x�.txt'
    """
    if not _UNDECODED.search(path):
        return path
    parts = []
    for part in os.fsencode(path).split(b"/"):
        for encoding in ("utf-8", "gb18030"):
            try:
                parts.append(part.decode(encoding))
                break
            except UnicodeDecodeError:
                continue
        else:
            parts.append(part.decode("utf-8", "replace"))
    return "/".join(parts)


def _decode_or_reject(origin, stem, data, max_bytes, *, html_hint) -> Document | Rejection:
    if len(data) > max_bytes:
        return Rejection(origin, f"too large (over the {_mb(max_bytes)} limit; see --max-size)")
    try:
        text, encoding = decode_bytes(data)
    except InputError as exc:
        return Rejection(origin, str(exc))
    is_html = html_hint or looks_like_html(text)
    if is_html:
        from xmqw.htmltext import html_to_text

        text = html_to_text(text)
        if not text.strip():
            return Rejection(origin, "HTML page has no visible text")
    return Document(origin, stem, data, text, encoding, is_html)


def _walk(root: Path) -> Iterator[Path]:
    """Files below ``root`` with a text or HTML suffix, sorted, each folder once."""
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        try:
            st = os.stat(dirpath)
        except OSError:
            dirnames[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:  # a symlink loop or a folder linked twice
            dirnames[:] = []
            continue
        seen.add(key)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            if name.lower().endswith(TEXT_SUFFIXES + HTML_SUFFIXES):
                yield Path(dirpath) / name


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode raw bytes, returning ``(text, encoding)``; raise InputError if it is not text.

    >>> decode_bytes("项目".encode("gb18030"))
    ('项目', 'gb18030')
    >>> decode_bytes(b"\\xef\\xbb\\xbfok")
    ('ok', 'utf-8-sig')
    >>> decode_bytes(b"\\x89PNG\\r\\n\\x1a\\n...")
    Traceback (most recent call last):
    ...
    xmqw.reading.InputError: binary file (PNG image)
    """
    if not data:
        raise InputError("empty file")
    for signature, kind in BINARY_SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"binary file ({kind})")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = _decode_cut(data, encoding)
            except UnicodeDecodeError:
                raise InputError(f"not valid {encoding} despite its byte-order mark") from None
            return _checked(text), encoding
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes)")
    try:
        return _checked(_decode_cut(data, "utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    damaged = _utf8_with_few_errors(data)
    if damaged is not None:
        return damaged
    text, encoding = _decode_legacy(data)
    return _checked(text), encoding


def _utf8_with_few_errors(data: bytes) -> tuple[str, str] | None:
    r"""UTF-8 with a handful of stray bytes (one per 2,000 or fewer) is UTF-8, not another encoding.

    The stray bytes become U+FFFD and the encoding says how many there were.

    >>> _utf8_with_few_errors("重点项目建设".encode() * 400 + b"\xff" + "开工".encode())[1]
    'utf-8 (1 invalid byte replaced)'
    >>> _utf8_with_few_errors("重点项目".encode("gbk")) is None
    True
    """
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    if bad > max(1, len(data) // 2000):
        return None
    return _checked(text), f"utf-8 ({bad} invalid byte{'s' if bad > 1 else ''} replaced)"


def _decode_cut(data: bytes, encoding: str) -> str:
    """Decode, forgiving one character cut off at the very end (a download stopped mid-character).

    >>> _decode_cut("项目。".encode("utf-8")[:-1], "utf-8"), _decode_cut("项目。".encode("gb18030")[:-1], "gb18030")
    ('项目', '项目')
    """
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.end < len(data) or len(data) - exc.start > 3:
            raise
        return data[: exc.start].decode(encoding)


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Pick GB18030 or Big5 for non-UTF-8 bytes by how common the decoded characters are.

    Bytes of one encoding read as the other often decode, but into rare
    characters; each candidate is scored by the share of its hanzi that fall in
    that encoding's own common-character block (GB2312 level 1, Big5 常用字).
    """
    candidates = []
    for encoding, common in (("gb18030", _gb_common), ("big5", _big5_common)):
        try:
            text = _decode_cut(data, encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((_common_share(text, common), encoding, text))
    if not candidates:
        raise InputError("not text in UTF-8, UTF-16, GB18030 or Big5")
    score, encoding, text = max(candidates, key=lambda c: (c[0], c[1] == "gb18030"))
    return text, encoding


def _gb_common(ch: str) -> bool:
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xB0 <= b[0] <= 0xD7


def _big5_common(ch: str) -> bool:
    try:
        b = ch.encode("big5")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xA4 <= b[0] <= 0xC6


def _common_share(text: str, common) -> float:
    hanzi = [ch for ch in text[:4000] if "\u4e00" <= ch <= "\u9fff"]
    if not hanzi:
        return 0.0
    return sum(1 for ch in hanzi if common(ch)) / len(hanzi)


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _checked(text: str) -> str:
    """Reject text that decodes but is not prose: blank, or mostly control characters."""
    if not text.strip():
        raise InputError("empty file (only white space)")
    sample = text[:4000]
    if len(_CONTROLS.findall(sample)) > len(sample) * 0.05:
        raise InputError("binary file (control characters)")
    return text


def looks_like_html(text: str) -> bool:
    """True when text starts like an HTML document.

    >>> looks_like_html("<!DOCTYPE html><html><body>x</body></html>")
    True
    >>> looks_like_html("项目<b>建设</b>")
    False
    """
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:2000].lower()


def _os_reason(exc: OSError) -> str:
    import errno

    reasons = {
        errno.ENOENT: "no such file or folder",
        errno.EACCES: "permission denied",
        errno.ELOOP: "symlink loop",
        errno.EISDIR: "is a folder",
    }
    return reasons.get(exc.errno, exc.strerror or str(exc))


def _mb(n: int) -> str:
    """A file size for a message.

    >>> _mb(6 * 1024 * 1024), _mb(2048), _mb(10)
    ('6.0 MB', '2.0 KB', '10 bytes')
    """
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"
