"""Reading input: decoding, HTML reduction, rejection reasons, folder walking."""

import doctest
import io
import os

import pytest

import xmqw.reading
import xmqw.htmltext
from xmqw.htmltext import html_to_text
from xmqw.reading import Document, Rejection, decode_bytes, iter_documents, read_file

TRAD = "全市重點項目開復工率達到百分之九十，續建項目已全部復工，投資完成率穩步提升。"
SIMP = "全市重点项目开复工率达到九成，续建项目已全部复工，投资完成率稳步提升。"

DECODE_CASES = [
    # (bytes, expected text, expected encoding)
    (SIMP.encode("utf-8"), SIMP, "utf-8"),
    (b"\xef\xbb\xbf" + SIMP.encode("utf-8"), SIMP, "utf-8-sig"),
    (SIMP.encode("gb18030"), SIMP, "gb18030"),
    (SIMP.encode("gbk"), SIMP, "gb18030"),
    (TRAD.encode("gb18030"), TRAD, "gb18030"),
    (TRAD.encode("big5"), TRAD, "big5"),
    (SIMP.encode("utf-16"), SIMP, "utf-16"),
    (SIMP.encode("utf-16-be").join([b"\xfe\xff", b""]), SIMP, "utf-16"),
    ("项目\r\n建设".encode("utf-8"), "项目\r\n建设", "utf-8"),
    ((SIMP * 60).encode("utf-8") + b"\xfe" + SIMP.encode(), SIMP * 60 + "\ufffd" + SIMP, "utf-8 (1 invalid byte replaced)"),
]


@pytest.mark.parametrize("data, text, encoding", DECODE_CASES)
def test_decode(data, text, encoding):
    assert decode_bytes(data) == (text, encoding)


REJECT_CASES = [
    (b"", "empty file"),
    (b"  \n\t \r\n", "empty file (only white space)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)"),
    (b"PK\x03\x04\x14\x00\x00\x00", "binary file (zip archive)"),
    (b"%PDF-1.7\n", "binary file (PDF document)"),
    ("项目".encode() + b"\x00\x00abc", "binary file (contains NUL bytes)"),
    (bytes(range(1, 9)) * 50, "binary file (control characters)"),
]


@pytest.mark.parametrize("data, reason", REJECT_CASES)
def test_reject(data, reason):
    with pytest.raises(xmqw.reading.InputError) as info:
        decode_bytes(data)
    assert str(info.value) == reason


HTML_CASES = [
    (
        "<!DOCTYPE html><html><head><title>标题</title><script>var a='项目';</script>"
        "<style>.x{color:red}</style></head><body><nav>首页</nav><div><p>第一段</p><p>第二<b>段</b></p></div></body></html>",
        "标题\n首页\n第一段\n第二段",
    ),
    ("<html><body><p>A&amp;B &lt;项目&gt;</p><br>下一行</body></html>", "A&B <项目>\n下一行"),
    ("<html><body><noscript>请启用</noscript><p>正文</p></body></html>", "正文"),
]


@pytest.mark.parametrize("markup, text", HTML_CASES)
def test_html_to_text(markup, text):
    assert html_to_text(markup) == text


def test_read_file_html_by_suffix(tmp_path):
    path = tmp_path / "page.htm"
    path.write_text("<p>项目</p><script>x</script><p>建设</p>", encoding="gbk")
    doc = read_file(str(path))
    assert isinstance(doc, Document)
    assert (doc.text, doc.encoding, doc.is_html, doc.stem) == ("项目\n建设", "gb18030", True, "page")
    assert doc.raw == path.read_bytes()


def test_oversized_file_is_rejected_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2048)
    result = read_file(str(path), max_bytes=1024)
    assert result == Rejection(str(path), "too large (2.0 KB > 1.0 KB limit; see --max-size)")


def test_missing_and_unreadable(tmp_path):
    missing = tmp_path / "nope.txt"
    assert list(iter_documents([str(missing)])) == [Rejection(str(missing), "no such file or folder")]


def test_symlink_loop_file(tmp_path):
    loop = tmp_path / "loop.txt"
    os.symlink(loop, loop)
    assert list(iter_documents([str(loop)])) == [Rejection(str(loop), "symlink loop")]


def test_folder_walk_mixed(tmp_path):
    (tmp_path / "a.txt").write_text(SIMP, encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.html").write_text(f"<html><body><p>{TRAD}</p></body></html>", encoding="big5")
    (sub / "empty.txt").write_bytes(b"")
    (sub / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # not a text suffix: not read from a folder
    (tmp_path / ".hidden.txt").write_text("x")
    os.symlink(tmp_path, sub / "back")  # a loop back to the root is walked once
    results = list(iter_documents([str(tmp_path)]))
    docs = [r for r in results if isinstance(r, Document)]
    rejected = [r for r in results if isinstance(r, Rejection)]
    assert [os.path.relpath(d.origin, tmp_path) for d in docs] == ["a.txt", "sub/b.html"]
    assert [(os.path.relpath(r.origin, tmp_path), r.reason) for r in rejected] == [("sub/empty.txt", "empty file")]
    assert docs[1].text == TRAD and docs[1].encoding == "big5"


def test_stdin():
    results = list(iter_documents(["-"], stdin=io.BytesIO(SIMP.encode("gb18030"))))
    assert results == [Document("-", None, SIMP.encode("gb18030"), SIMP, "gb18030", False)]


@pytest.mark.parametrize("module", [xmqw.reading, xmqw.htmltext])
def test_doctests(module):
    result = doctest.testmod(module)
    assert result.failed == 0 and result.attempted > 0
