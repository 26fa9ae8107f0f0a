"""The reading limits one by one (etl.limits), and that the linear HTML text walk gives the
same text as the tree edits it replaced."""
from __future__ import annotations

import io
import os
import sys
import types
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl import limits
from etl.document import ReadError, printable
from etl.limits import check_docx, check_html, check_pdf, open_report, run_bounded
from tests import hostile

FIXTURES = Path(__file__).parent / "fixtures"


# ----------------------------------------------------------------------------- opening


def test_open_report_reads_a_regular_file_and_checks_the_size_from_fstat(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(b"x" * 100)
    assert open_report(str(path), 100) == b"x" * 100
    with pytest.raises(ReadError, match=r"file too large \(0 MB, limit 0 MB\)"):
        open_report(str(path), 99)


def test_open_report_refuses_a_symlink_only_when_asked(tmp_path):
    (tmp_path / "real.txt").write_text("潍坊", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    assert open_report(str(tmp_path / "link.txt"), 100) == "潍坊".encode()
    with pytest.raises(ReadError, match="symbolic link"):
        open_report(str(tmp_path / "link.txt"), 100, follow_symlinks=False)


@pytest.mark.parametrize("make, reason", [
    (lambda d: os.mkfifo(d / "p.txt") or d / "p.txt", "not a regular file"),
    (lambda d: Path("/dev/zero"), "not a regular file"),
    (lambda d: (d / "x.txt").mkdir() or d / "x.txt", "is a directory"),
    (lambda d: d / "missing.txt", "no such file"),
])
def test_open_report_refuses_what_is_not_a_file_without_reading(tmp_path, make, reason):
    with pytest.raises(ReadError, match=reason):
        open_report(str(make(tmp_path)), 1000)


def test_printable_escapes_control_characters_only():
    assert printable("潍坊 报告.txt") == "潍坊 报告.txt"
    assert printable("a\nb\x1b[31m\x00.txt") == "a\\nb\\x1b[31m\\x00.txt"
    assert str(ReadError("a\nb.txt", "empty file")) == "a\\nb.txt: empty file"


# ----------------------------------------------------------------------------- structure


def test_a_docx_bomb_is_refused_from_the_directory_alone(tmp_path):
    path = hostile.docx_bomb(tmp_path / "b.docx", mb=120)
    with pytest.raises(ReadError, match="inflates to over 100 MB"):
        check_docx(path.read_bytes(), "b.docx")


def test_a_high_compression_ratio_is_refused_even_when_small(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\0" * (20 * 2**20))        # 20 MB of zeros: ~1000:1
    with pytest.raises(ReadError, match=r"compressed \d+:1 \(limit 100:1"):
        check_docx(buffer.getvalue(), "z.docx")


def test_an_ordinary_docx_passes(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("潍坊市政协共收到提案500件。" * 50)
    buffer = io.BytesIO()
    document.save(buffer)
    check_docx(buffer.getvalue(), "ok.docx")


@pytest.mark.parametrize("markup, reason", [
    ("<div>" * (limits.MAX_HTML_DEPTH + 1), "nested over"),
    ("<span>x</span>" * (limits.MAX_HTML_ELEMENTS + 1), "elements"),
])
def test_html_depth_and_size_are_capped(markup, reason):
    with pytest.raises(ReadError, match=reason):
        check_html(markup, "p.html")


def test_unclosed_paragraphs_and_void_tags_do_not_count_as_depth():
    check_html("<div>" + "<p>段落<br><img src=x>" * 5000 + "</div>", "ok.html")
    check_html("<div>" * limits.MAX_HTML_DEPTH + "</div>" * limits.MAX_HTML_DEPTH, "ok.html")


def test_pdf_pages_and_decoded_streams_are_capped(tmp_path):
    with pytest.raises(ReadError, match="PDF has 3,000 pages"):
        check_pdf(hostile.many_pages_pdf(tmp_path / "p.pdf", pages=3000).read_bytes(), "p.pdf")
    with pytest.raises(ReadError, match="decodes to over 64 MB"):
        check_pdf(hostile.stream_bomb_pdf(tmp_path / "s.pdf", mb=70).read_bytes(), "s.pdf")
    check_pdf(hostile.stream_bomb_pdf(tmp_path / "ok.pdf", mb=1).read_bytes(), "ok.pdf")


# ----------------------------------------------------------------------------- the child process


def _sleep(data, path):
    import time

    time.sleep(30)


def _allocate(data, path):
    return b"x" * (4 * 2**30)


def _fail(data, path):
    raise ValueError("broken\nparser")


def _answer(data, path):
    return len(data), path


def test_a_reader_that_takes_too_long_is_stopped_at_its_budget():
    with pytest.raises(ReadError, match=r"slow.html: took longer than 0.5 s"):
        run_bounded(_sleep, b"", "slow.html", seconds=0.5)


def test_a_reader_that_wants_too_much_memory_ends_in_one_line():
    with pytest.raises(ReadError, match="needs too much memory"):
        run_bounded(_allocate, b"", "big.pdf", memory_mb=256)


def test_a_reader_failure_is_one_line_and_an_answer_comes_back():
    with pytest.raises(ReadError) as err:
        run_bounded(_fail, b"", "x.pdf")
    assert "\n" not in str(err.value) and "ValueError: broken parser" in str(err.value)
    assert run_bounded(_answer, b"abc", "x.html") == (3, "x.html")


def test_the_child_never_imports_the_parents_main_module(tmp_path, monkeypatch):
    """Streamlit (and its test harness) run the app as __main__: a reader must not run it again."""
    marker = tmp_path / "imported"
    script = tmp_path / "app.py"
    script.write_text(f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8")
    fake = types.ModuleType("__main__")
    fake.__file__ = str(script)
    fake.__spec__ = None
    monkeypatch.setitem(sys.modules, "__main__", fake)
    assert run_bounded(_answer, b"ab", "x.html") == (2, "x.html")
    assert not marker.exists()


# ----------------------------------------------------------------------------- same text, linear time


def _block_text_by_tree_edits(root) -> str:
    """The implementation _block_text replaced (quadratic on many siblings), kept as the reference."""
    from bs4 import NavigableString

    from etl.read import _ASCII_SPACE, _BLOCK_TAGS

    for s in list(root.find_all(string=True)):
        if s.find_parent("pre") is None and type(s) is NavigableString:
            s.replace_with(_ASCII_SPACE.sub(" ", s))
    for br in root.find_all("br"):
        br.replace_with("\n")
    for tag in root.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = (line.strip(" ") for line in root.get_text().split("\n"))
    return "\n".join(line for line in lines if line.strip())


def _both(markup: str) -> tuple[str, str]:
    from bs4 import BeautifulSoup

    from etl.read import _block_text

    new = _block_text(BeautifulSoup(markup, "lxml").body or BeautifulSoup(markup, "lxml"))
    soup = BeautifulSoup(markup, "lxml")
    return new, _block_text_by_tree_edits(soup.body or soup)


def test_the_linear_walk_gives_the_same_text_on_the_fixture_pages():
    pages = sorted(FIXTURES.rglob("*.html")) + sorted(FIXTURES.rglob("*.htm"))
    assert pages
    for page in pages:
        markup = page.read_bytes().decode("utf-8", "replace")
        new, old = _both(markup)
        assert new == old, page


TAGS = ["div", "p", "span", "br", "pre", "td", "tr", "table", "b", "li", "h2", "ruby", "rt", "a"]
pieces = st.one_of(
    st.sampled_from(["潍坊", "  提案 500件 ", "\n", "\t", "&nbsp;", "　", "x  y", "<!-- c -->", "<![CDATA[z]]>"]),
    st.sampled_from(TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(pieces, max_size=40).map("".join))
def test_the_linear_walk_gives_the_same_text_on_generated_markup(body):
    new, old = _both(f"<html><body>{body}</body></html>")
    assert new == old
