"""Read a committee report file into a `Document`.

Three steps, each a small pure function where it can be:

1. judge the kind from the bytes (never the file name): PDF, Word (.docx), HTML or text;
2. get the report's text out of it (`original`): decode text, take the main text of an
   HTML page, the text layer of a PDF, the paragraphs and tables of a Word file;
3. `normalise(original)`: the text the extractor reads, with an offset back into
   `original` for every character, so a fact found in `text` can quote `original`.

Anything that stops a file from being read raises `ReadError` with a one-line reason; no
library exception, traceback or log line is let out.
"""
from __future__ import annotations

import bisect
import codecs
import io
import logging
import os
import re
import unicodedata
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import opencc
from charset_normalizer import from_bytes

from etl.document import Document, Offsets, ReadError
from etl.limits import check_docx, check_html, check_pdf, open_report, run_bounded

__all__ = ["read_document", "read_bytes", "normalise", "fold_char"]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024 + 1
KINDS = ("txt", "html", "pdf", "docx")

NOT_A_DOCUMENT = "not a text, HTML, PDF or Word document"

# ---------------------------------------------------------------------------------------
# Character classes shared by decoding and normalising
# ---------------------------------------------------------------------------------------

# CJK Unified Ideographs with Extension A, compatibility ideographs and the
# supplementary planes (Extension B onwards).
_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
HAN = "".join(f"{chr(first)}-{chr(last)}" for first, last in _HAN_RANGES)
# Punctuation of Chinese text: CJK symbols, full-width forms (without the full-width
# digits and letters, which normalise folds to ASCII), curly quotes, dashes, ellipsis.
CJK_PUNCT = (
    "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
    "\ufe30-\ufe4f\u2018\u2019\u201c\u201d\u2014\u2026\u00b7\u2027"
)
_HAN_RE = re.compile(f"[{HAN}]")

# ---------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------


def read_document(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES,
                  follow_symlinks: bool = True) -> Document:
    """Read the report at `path`; the kind is judged from its content.

    Regular files only, the size checked from `fstat` before a byte is read (etl.limits)."""
    name = os.fspath(path)
    data = open_report(name, max_bytes, follow_symlinks=follow_symlinks)
    return read_bytes(data, name)


def read_bytes(data: bytes, path: str = "<bytes>", kind: str | None = None) -> Document:
    """Read a report from its bytes. `kind` (txt, html, pdf, docx) is sniffed when None."""
    if kind == "text":
        kind = "txt"
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    if not data.strip():
        raise ReadError(path, "empty file")
    kind = kind or sniff_kind(data, path)
    reader = {"txt": _read_text, "html": _read_html, "pdf": _read_pdf, "docx": _read_docx}[kind]
    if kind == "txt":  # decoding is linear and sampled: no need for a child process
        original, meta, notes = reader(data, path)
    else:  # parsers of markup and containers: in a child with a time and memory budget
        original, meta, notes = run_bounded(reader, data, path)
    text, offsets, norm_notes = _normalise(original)
    return Document(
        path=path,
        original=original,
        text=text,
        offsets=offsets,
        kind=kind,
        encoding=meta.get("encoding", "utf-8"),
        title=meta.get("title"),
        published=meta.get("published"),
        notes=tuple(notes) + tuple(norm_notes),
    )


def normalise(original: str) -> tuple[str, Offsets]:
    """The text the extractor reads, and for each of its characters the index in `original`.

    Traditional characters become simplified and full-width digits half-width, one
    character for one; pinyin annotations, line-wrap spaces and mid-sentence line breaks
    are deleted. Only deletions change the length, so offsets are strictly increasing.
    """
    text, offsets, _ = _normalise(original)
    return text, offsets


# ---------------------------------------------------------------------------------------
# Kind
# ---------------------------------------------------------------------------------------

_BOMS = (  # longest first: the UTF-32-LE BOM begins with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Binary formats people do save reports in, named so the message can say what to do.
_FOREIGN_MAGIC = (
    (b"\xd0\xcf\x11\xe0", "looks like a legacy Word .doc/.wps; save it as .docx"),
    (b"{\\rtf", "looks like RTF; save it as .docx"),
)
_HTML_MARKERS = re.compile(rb"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]", re.I)
_HTML_TAGS = re.compile(rb"</?(?:p|div|br|span|table|tr|td|li|ul|h[1-6]|a)[\s>/]", re.I)
# C0 controls other than tab, newline, vertical tab, form feed, carriage return and ESC.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))


def sniff_kind(data: bytes, path: str = "<bytes>") -> str:
    """txt, html, pdf or docx, judged from content; ReadError for anything else."""
    if b"%PDF-" in data[:1024]:  # the spec allows junk before the header
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data, path)
    for magic, hint in _FOREIGN_MAGIC:
        if data.startswith(magic):
            raise ReadError(path, f"{NOT_A_DOCUMENT} ({hint})")
    head = data[:65536]
    bom = _bom(head)
    if bom:
        # UTF-16/32 text is full of NULs: judge its decoded head instead.
        head = head[_bom_length(head):].decode(bom, errors="replace").encode("utf-8")
    elif _looks_binary(head):
        raise ReadError(path, NOT_A_DOCUMENT)
    return "html" if _looks_like_html(head) else "txt"


def _sniff_zip(data: bytes, path: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ReadError(path, f"{NOT_A_DOCUMENT} (unreadable ZIP archive)") from None
    if "word/document.xml" in names:
        return "docx"
    raise ReadError(path, NOT_A_DOCUMENT)


def _looks_binary(head: bytes) -> bool:
    """Text has almost no control bytes; images, archives and random bytes have many."""
    if not head:
        return False
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls / len(head) > 0.01


def _looks_like_html(head: bytes) -> bool:
    if _HTML_MARKERS.search(head):
        return True
    # A fragment without <html>/<body>: judge by how much of it is block markup.
    tags = len(_HTML_TAGS.findall(head))
    return (tags >= 3 and tags * 40 >= len(head.strip())) or (tags >= 2 and head.lstrip().startswith(b"<"))


# ---------------------------------------------------------------------------------------
# Text decoding
# ---------------------------------------------------------------------------------------


def _bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _bom_length(data: bytes) -> int:
    for bom, _ in _BOMS:
        if data.startswith(bom):
            return len(bom)
    return 0


def _read_text(data: bytes, path: str) -> tuple[str, dict, list[str]]:
    text, encoding, notes = decode_text(data, path)
    if not text.strip():
        raise ReadError(path, "empty file")
    return text, {"encoding": encoding}, notes


def decode_text(data: bytes, path: str = "<bytes>", declared: str | None = None) -> tuple[str, str, list[str]]:
    """(text, encoding, notes). A BOM decides; then strict UTF-8 (legacy Chinese bytes are
    almost never valid UTF-8); then every candidate that decodes strictly (the declared
    charset, gb18030, big5, cp950 and charset-normalizer's guesses) is scored by how
    Chinese its result reads, and the best wins, the declared one on a tie.
    charset-normalizer alone often misjudges a short Chinese text."""
    bom = _bom(data)
    if bom:
        try:
            return data[_bom_length(data):].decode(bom), bom, [f"decoded as {bom} (byte-order mark)"]
        except UnicodeDecodeError:
            raise ReadError(path, f"cannot decode text (tried {bom} from its byte-order mark)") from None

    utf8 = _decode_utf8(data)
    if utf8 is not None:
        return utf8

    declared_codec = _codec_for_declared(declared) if declared else None
    candidates = _candidate_encodings(data, first=declared_codec)
    best: tuple[int, str, str] | None = None
    for codec in candidates:
        try:
            decoded = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        score = chinese_score(decoded[:20000])  # a sample: scoring is a Python loop
        if best is None or score > best[0]:
            best = (score, codec, decoded)
    if best is None or best[0] < 0:
        # Nothing decodes, or every decoding reads as noise (rare ideographs, kana, controls).
        raise ReadError(path, f"cannot decode text (tried {', '.join(['utf-8'] + candidates)})")
    _, codec, decoded = best
    return decoded, codec, [f"decoded as {codec}" + (f" (declared {declared})" if codec == declared_codec else "")]


def _decode_utf8(data: bytes) -> tuple[str, str, list[str]] | None:
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        # A file cut off inside its last character (truncated downloads) is still UTF-8.
        if exc.reason == "unexpected end of data" and exc.end == len(data) and len(data) - exc.start < 4:
            return data[: exc.start].decode("utf-8"), "utf-8", ["dropped an incomplete last character"]
        return None


# Chinese pages declare the narrow charset but use the wider one.
_DECLARED_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "cp950"}


def _codec_for_declared(declared: str) -> str | None:
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        return None
    return _DECLARED_SUPERSETS.get(name, name)


def _candidate_encodings(data: bytes, first: str | None = None) -> list[str]:
    candidates = [first] if first else []
    candidates += [c for c in ("gb18030", "big5", "cp950") if c != first]
    try:
        with _quiet_loggers("charset_normalizer"):
            proposals = [m.encoding for m in from_bytes(data[:200_000])][:3]
    except Exception:  # a guesser failing must not stop the known candidates
        proposals = []
    for name in proposals:
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            continue
        if codec not in candidates and codec not in ("utf-8", "ascii"):
            candidates.append(codec)
    return candidates


@lru_cache(maxsize=1)
def _common_simplified() -> frozenset[str]:
    """The 3,755 level-1 characters of GB 2312: the commonly used simplified characters."""
    chars = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass  # D7FA-D7FE are unassigned
    return frozenset(chars)


_NOISE_CATEGORIES = {"Co", "Cn", "Cs"}  # private use, unassigned, surrogates


def chinese_score(text: str) -> int:
    """How much a decoding reads like Chinese: +1 per common character (simplified, or
    traditional whose simplified form is common), -1 per rare ideograph, -3 per character
    a wrong decoding produces (kana, Greek, Cyrillic, Hangul, box drawing, private use,
    replacement and control characters). ASCII and punctuation count 0."""
    common = _common_simplified()
    score = 0
    for ch, n in Counter(text).items():
        if ch < "\x80":
            if ch < " " and ch not in "\t\n\r\f\v\x1b":
                score -= 3 * n
            continue
        if _HAN_RE.match(ch):
            score += n if (ch in common or fold_char(ch) in common) else -n
        elif _is_noise(ch):
            score -= 3 * n
    return score


def _is_noise(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x80 <= cp < 0xA0  # C1 controls
        or 0x0370 <= cp < 0x0530  # Greek, Cyrillic
        or 0x2500 <= cp < 0x2600  # box drawing, blocks
        or 0x3040 <= cp < 0x3100  # kana
        or 0xAC00 <= cp < 0xD7B0  # Hangul
        or cp == 0xFFFD
        or unicodedata.category(ch) in _NOISE_CATEGORIES
    )


# ---------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_DROP_TAGS = (
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript",
    "iframe", "template", "svg", "button", "select", "head",
)
# id/class words of page furniture. The look-behind keeps "canvas" from matching "nav".
_FURNITURE = re.compile(
    r"(?<![a-z])(?:nav|menu|footer|foot|breadcrumbs?|crumbs?|sidebar|sidenav|share|sharing|"
    r"comments?|copyright|toolbar|topbar|related|recommend)",
    re.I,
)
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
    "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "caption", "blockquote", "pre",
    "center", "figure", "figcaption", "address", "hr", "td", "th", "tbody", "thead",
}
_PUBLISHED_META = ("article:published_time", "pubdate", "publishdate")
_DATE = re.compile(r"(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})")
_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")


def _read_html(data: bytes, path: str) -> tuple[str, dict, list[str]]:
    declared = _META_CHARSET.search(data[:4096])
    markup, encoding, notes = decode_text(data, path, declared.group(1).decode("ascii") if declared else None)
    check_html(markup, path)
    text, title, published, html_notes = html_main_text(markup)
    if not text.strip():
        raise ReadError(path, "HTML page has no text")
    return text, {"encoding": encoding, "title": title, "published": published}, notes + html_notes


def html_main_text(markup: str) -> tuple[str, str | None, str | None, list[str]]:
    """(main text, title, published, notes) of an HTML page. Paragraphs end in "\n"."""
    from bs4 import BeautifulSoup  # bs4 is only needed for HTML

    with _quiet_loggers("bs4"):  # bs4 warns about markup that looks like XML or a URL
        soup = BeautifulSoup(markup, "lxml")
        title = _html_title(soup)
        published = _html_published(soup)

        for tag in soup.find_all(_DROP_TAGS):
            tag.decompose()
        _drop_furniture(soup)

        root = soup.body or soup
        main, how = _main_container(root)
        text = _block_text(main)
    return text, title, published, [how] if how else []


def _html_title(soup) -> str | None:
    for tag in (soup.title, soup.find("h1")):
        if tag is not None:
            text = _ASCII_SPACE.sub(" ", tag.get_text()).strip()
            if text:
                return text
    return None


def _html_published(soup) -> str | None:
    for meta in soup.find_all("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        value = (meta.get("content") or "").strip()
        if key in _PUBLISHED_META and value:
            m = _DATE.search(value)
            return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}" if m else value
    return None


def _cjk_count(tag) -> int:
    return len(_HAN_RE.findall(tag.get_text()))


def _drop_furniture(soup) -> None:
    """Remove navigation, menus, footers and the like, judged by id/class. An element
    holding half the page's Chinese text is content whatever its class says (pages wrap
    everything in <div class="main-with-sidebar">)."""
    total = _cjk_count(soup) or 1
    furniture = []
    for tag in soup.find_all(True):
        if tag.name in ("html", "body"):
            continue
        attrs = " ".join([tag.get("id") or ""] + list(tag.get("class") or []))
        if attrs.strip() and _FURNITURE.search(attrs):
            furniture.append(tag)
    # Decide before removing anything, outermost first. (Asking a bs4 Tag `.decomposed`
    # searches all its descendants for a tag of that name: quadratic on deep pages.)
    removed: set[int] = set()
    for tag in furniture:
        if any(id(parent) in removed for parent in tag.parents):
            continue
        if _cjk_count(tag) < total / 2:
            removed.add(id(tag))
            tag.decompose()


def _main_container(root):
    """The <article>, or the block whose <p> children hold most of the Chinese text of
    the page's paragraphs; else the whole body."""
    total = _cjk_count(root)
    if not total:
        return root, None
    articles = root.find_all("article")
    if articles:
        best = max(articles, key=_cjk_count)
        if _cjk_count(best) >= total / 3:
            return best, "took the <article> as main text"
    scores: dict[int, tuple[int, object]] = {}
    for p in root.find_all("p"):
        parent = p.parent
        if parent is None:
            continue
        n, _ = scores.get(id(parent), (0, parent))
        scores[id(parent)] = (n + _cjk_count(p), parent)
    if scores:
        n, best = max(scores.values(), key=lambda s: s[0])
        in_paragraphs = sum(s[0] for s in scores.values())
        # Dominant: most of the paragraph text, and a fair share of all text (link lists
        # are not paragraphs, but a lone <p> in a sidebar must not win over a <br> page).
        if best is not root and n >= 0.6 * in_paragraphs and _cjk_count(best) >= total / 4:
            return best, f"took the main <{best.name}> block as main text"
    return root, None


_CLOSE = object()  # end of a block element, in _block_text's walk


def _block_text(root) -> str:
    """Text with block elements on their own lines, source whitespace collapsed like a
    browser does (ASCII whitespace only: &nbsp; and U+3000 indents are kept).

    One walk over the tree, emitting what `get_text()` gives after <br> became "\n" and a
    "\n" went before and after each block element: the same text, in time linear in the
    page (inserting into bs4's sibling lists is linear per insertion, so quadratic on a page
    of many siblings)."""
    from bs4 import CData, NavigableString

    wanted = root.interesting_string_types or (NavigableString, CData)

    def included(kind) -> bool:
        return kind is wanted if isinstance(wanted, type) else kind in wanted

    parts: list[str] = []
    in_pre = root.name == "pre" or root.find_parent("pre") is not None
    stack: list = [(child, in_pre) for child in reversed(root.contents)]
    while stack:
        item = stack.pop()
        if item is _CLOSE:
            parts.append("\n")
            continue
        node, pre = item
        if isinstance(node, NavigableString):
            kind = type(node)
            if kind is NavigableString:
                parts.append(str(node) if pre else _ASCII_SPACE.sub(" ", node))
            elif included(kind):
                parts.append(str(node))
            continue
        if node.name == "br":
            parts.append("\n")
            continue
        if node.name in _BLOCK_TAGS:
            parts.append("\n")
            stack.append(_CLOSE)
        inner = pre or node.name == "pre"
        stack.extend((child, inner) for child in reversed(node.contents))
    lines = (line.strip(" ") for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line.strip())


# ---------------------------------------------------------------------------------------
# PDF and Word
# ---------------------------------------------------------------------------------------


@contextmanager
def _quiet_loggers(*names: str) -> Iterator[None]:
    """pdfminer and charset-normalizer log, and bs4 warns, about every odd byte; a reader
    that turns failures into ReadError must not also spray the log."""
    loggers = [logging.getLogger(n) for n in names]
    saved = [(lg, lg.level) for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for lg, level in saved:
            lg.setLevel(level)


def _read_pdf(data: bytes, path: str) -> tuple[str, dict, list[str]]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    check_pdf(data, path)
    try:
        with _quiet_loggers("pdfminer", "pdfplumber", "pypdfium2"):
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                pages = [page.extract_text() or "" for page in pdf.pages]
                info = pdf.metadata or {}
    except Exception as exc:  # pdfminer raises many kinds of errors on broken files
        cause = _root_cause(exc)  # pdfplumber wraps them in its PdfminerException
        if isinstance(cause, PDFPasswordIncorrect):
            raise ReadError(path, "PDF is password-protected") from None
        raise ReadError(path, f"corrupt PDF ({_one_line(cause) or type(cause).__name__})") from None
    if not pages:
        raise ReadError(path, "corrupt PDF (no pages)")
    text = "\n".join(pages)
    if not text.strip():
        raise ReadError(path, "PDF has no text layer (scanned?)")
    title = info.get("Title")
    meta = {"encoding": "n/a", "title": title.strip() if isinstance(title, str) and title.strip() else None}
    return text, meta, [f"read the text layer of {_plural(len(pages), 'PDF page')}"]


def _read_docx(data: bytes, path: str) -> tuple[str, dict, list[str]]:
    import docx

    check_docx(data, path)
    try:
        with _quiet_loggers("docx"):
            document = docx.Document(io.BytesIO(data))
            lines = list(_docx_lines(document))
            title = document.core_properties.title
    except Exception as exc:  # python-docx, lxml and zipfile errors on broken files
        raise ReadError(path, f"corrupt Word document ({_one_line(exc) or type(exc).__name__})") from None
    text = "\n".join(lines)
    if not text.strip():
        raise ReadError(path, "Word document has no text")
    return text, {"encoding": "utf-8", "title": (title or "").strip() or None}, []


def _docx_lines(container) -> Iterator[str]:
    """Paragraph texts in document order; each table cell's content on its own lines."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            seen = set()  # holds the cell elements, so their ids stay unique
            for row in block.rows:
                for cell in row.cells:
                    if cell._tc in seen:  # merged cells repeat the same cell
                        continue
                    seen.add(cell._tc)
                    yield from _docx_lines(cell)
        elif block.text.strip():
            yield block.text


# ---------------------------------------------------------------------------------------
# Normalising: the text the extractor reads
# ---------------------------------------------------------------------------------------

_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_FIXED_FOLD: dict[int, str] = {
    **{ord(c): " " for c in _SPACES},
    **{ord(c): "\n" for c in "\f\v\x85\u2028\u2029"},
    **{cp: chr(cp - 0xFEE0) for cp in range(0xFF10, 0xFF1A)},  # ０-９
    **{cp: chr(cp - 0xFEE0) for cp in range(0xFF21, 0xFF3B)},  # Ａ-Ｚ
    **{cp: chr(cp - 0xFEE0) for cp in range(0xFF41, 0xFF5B)},  # ａ-ｚ
    ord("％"): "%",
    ord("．"): ".",
}

_T2S = opencc.OpenCC("t2s")  # building the converter loads dictionaries: do it once


def fold_char(ch: str) -> str:
    """The one-for-one mapping normalise applies to each character before deleting."""
    if ch == "\r":
        return "\n"
    return chr(_fold_tables()[0][ord(ch)])


# Zero-width characters and soft hyphens split words invisibly; CR of CRLF is redundant.
# (Each pattern below starts with the character it deletes and looks back after it: a
# pattern that starts with a character class is scanned for in C, many times faster.)
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad\r"
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\r](?<=[\u200b\u200c\u200d\u2060\ufeff\u00ad]|\r(?=\n))")
# Arrows and bars an infographic sets between a label and its figure (审查立案 ▸ 223件, 收到 ▏ 1046件): they stand
# where nothing does in prose, and no rule reads them; taken out with their spaces, the label
# meets its figure. (Last of the deletions: the lines are measured for wraps with them.)
_POINTER_CHARS = "▸▶►➤➜→⇒▏"
_POINTER = re.compile(f"[ \t]*[{_POINTER_CHARS}][ \t]*")
# An earlier value and the arrow to the later one (立案提案 151件 → 163件, 对比2022年): the later
# value is the year's; the earlier is taken out with the arrow, so no rule reads it as the year's
_EARLIER_VALUE = re.compile(
    rf"(?<![\d.])\d+(?:\.\d+)?[余多]?(?:[件篇条项次个场家处名%％]|个百分点)?[ \t]*[{_POINTER_CHARS}][ \t]*(?=\d)")

_TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_UNTONE = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔù", "aaaaeeeeiiiioooouuuu", "") | str.maketrans("ǖǘǚǜ", "üüüü")
# A parenthesised run of lowercase latin letters (with tone marks, tone digits, spaces)
# right after an ideograph; _is_pinyin decides whether it really is pinyin.
# (one pattern per opening bracket: each opens with its literal, scanned for in a tight loop)
_PINYIN_CANDIDATES = {bracket: re.compile(
    rf"{re.escape(bracket)}(?<=[{HAN}]{re.escape(bracket)})"
    rf"[ \t]*([a-z{_TONE_VOWELS}1-5'’]+(?:[ \t]+[a-z{_TONE_VOWELS}1-5'’]+)*)[ \t]*[)）]") for bracket in "(（"}
_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|uai|uan|ian|iao|üan|van|ai|ei|ao|ou|an|en|er|"
    r"in|un|ün|vn|ia|ie|iu|ua|uo|ui|üe|ve|ue|a|o|e|i|u|ü|v)[1-5]?"
)
_PINYIN = re.compile(rf"{_SYLLABLE}(?:[ \t'’]*{_SYLLABLE})*")
_TONE = re.compile(f"[{_TONE_VOWELS.replace('ü', '')}1-5]")

# Horizontal whitespace to delete: next to Chinese (line-wrap spaces in newspaper
# columns), at line starts (indents) and line ends. Between Latin letters and digits it
# is kept ("2023 2024", "Xinzhou CPPCC").
# (and before a percent sign: "90.5 %")
_WRAP_SPACE = re.compile(rf"[ \t](?:(?<=[{HAN}{CJK_PUNCT}][ \t])[ \t]*|[ \t]*(?=[{HAN}{CJK_PUNCT}%]))")
# (opens with its literal space, so the engine skips ahead in C; the digits before are checked
# in Python: a lookbehind first costs a tenth of the reading time)
# (the groups must end at a unit or a word, not at another space: `468 441 +6.1%` is two columns)
_GROUP_SPACE = re.compile(r" (?=\d{3}(?: \d{3})* ?[\u4e00-\u9fff%％])")
# (and in a table's cell set apart by bars: ｜1 248｜1 106｜, where a column would be a bar)
_BAR_GROUP_SPACE = re.compile(r" (?=\d{3}(?: \d{3})* ?[｜|])")
# a stray space inside a number in running text, right before its last digits and unit
# (共提交提案2 41件): the digits before it follow an ideograph, so it is no column of a table
_STRAY_SPACE = re.compile(r" (?=\d{1,2}[件篇条项次个场家处%％])")
# digits set apart one by one, as a spaced-out PDF line gives them (收到提案2 3 6 件): one number
# when the first follows an ideograph and the last a unit (a table's cells stand apart from their label)
_SPACED_DIGIT = re.compile(r" (?=\d(?: \d)* ?[件篇条项次个场家处%％])")


def _is_stray_space(text: str, i: int) -> bool:
    """Whether the space at i follows one to three digits that follow an ideograph."""
    j = i
    while j > 0 and text[j - 1].isdigit() and i - j < 4:
        j -= 1
    return 1 <= i - j <= 3 and j > 0 and "\u4e00" <= text[j - 1] <= "\u9fff"


def _is_spaced_digit(text: str, i: int) -> bool:
    """Whether the space at i follows single digits set apart by spaces, the first after an ideograph."""
    k = i
    while k >= 2 and text[k - 1].isdigit() and text[k - 2] == " ":
        k -= 2
    return k >= 2 and text[k - 1].isdigit() and "\u4e00" <= text[k - 2] <= "\u9fff"


_EDGE_SPACE = re.compile(r"[ \t](?:(?<![^\n][ \t])[ \t]*|[ \t]*$)", re.M)


def _without_tabs(pattern: re.Pattern) -> re.Pattern:
    """The pattern for a text with no tab: each `[ \\t]` a plain space, so that it opens with a
    literal, which the engine scans for in a tight loop (a class costs a call per character)."""
    return re.compile(pattern.pattern.replace("[ \\t]", " "), pattern.flags)


_SPACE_PATTERNS = {pattern: _without_tabs(pattern) for pattern in (_WRAP_SPACE, _EDGE_SPACE)}


def _space_spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return _spans(pattern if "\t" in text else _SPACE_PATTERNS[pattern], text)


# A line break between a character that does not end a sentence and an ideograph.
_WRAP_BREAK = re.compile(rf"\n(?<=[{HAN}，、,“‘《〈「『（(—]\n)(?=[{HAN}“‘《〈「『（])")
_MID_SENTENCE = "，、,"
_TABLE_LINE = re.compile(r"[｜|\t]|(?:19|20)\d\d年[ \u3000]*(?:19|20)\d\d年")
MIN_WRAPPED_LINE = 15  # characters; shorter lines are headings or list items
WRAP_SLACK = 4  # columns a full line may fall short of the wrap width (digits kept together)


def _normalise(original: str) -> tuple[str, Offsets, list[str]]:
    notes: list[str] = []
    text, n_traditional = _fold(original)
    if n_traditional:
        notes.append(f"converted {_plural(n_traditional, 'traditional character')}")
    offsets = Offsets(len(text))

    # Deletions, each pass on the result of the one before; offsets follow the kept chars.
    # (Each pass is skipped when the characters it starts from are absent: `in` scans for
    # one character many times faster than a regex does.)
    if any(ch in text for ch in _INVISIBLE_CHARS):
        text, offsets = _delete(text, offsets, _spans(_INVISIBLE, text))
        text = text.replace("\r", "\n")  # a lone CR is a line break; one for one

    pinyin = sorted(m.span() for bracket, pattern in _PINYIN_CANDIDATES.items() if bracket in text
                    for m in pattern.finditer(text) if _is_pinyin(m.group(1)))
    text, offsets = _delete(text, offsets, pinyin)
    if pinyin:
        notes.append(f"removed {_plural(len(pinyin), 'pinyin annotation')}")

    spaced = " " in text or "\t" in text
    # digits grouped by thousands with a space (1 856条, ３ ２６４条): one number, never two
    groups = sorted({(m.start(), m.end()) for pattern, keep in ((_GROUP_SPACE, _ends_digit_group),
                                                                (_BAR_GROUP_SPACE, _opens_bar_cell),
                                                                (_STRAY_SPACE, _is_stray_space),
                                                                (_SPACED_DIGIT, _is_spaced_digit))
                     for m in pattern.finditer(text) if keep(text, m.start())}) \
        if spaced else []
    text, offsets = _delete(text, offsets, groups)
    edges = _space_spans(_EDGE_SPACE, text) if spaced else []
    text, offsets = _delete(text, offsets, edges)
    wraps = _space_spans(_WRAP_SPACE, text) if spaced else []
    text, offsets = _delete(text, offsets, wraps)
    if wraps:
        notes.append(f"joined {_plural(len(wraps), 'line-wrap space')}")

    # (a break before an indented line starts a paragraph, whatever it cuts)
    broken = [(a, b) for a, b in _broken_figures(text) + _broken_words(text) if offsets[a + 1] - offsets[a] == 1]
    breaks = sorted(set(_wrapped_line_breaks(text, offsets)) | set(broken))
    text, offsets = _delete(text, offsets, breaks)
    if breaks:
        notes.append(f"joined {_plural(len(breaks), 'wrapped line')}")
    if any(ch in text for ch in _POINTER_CHARS):
        # (a figure, an arrow, a figure: the change from an earlier value, which goes with its arrow)
        text, offsets = _delete(text, offsets, _spans(_EARLIER_VALUE, text))
        text, offsets = _delete(text, offsets, _spans(_POINTER, text))
    return text, offsets, notes


def _ends_digit_group(text: str, i: int) -> bool:
    """Whether text[:i] ends with a group of one to three digits that starts a number or
    follows another group's space (1 856, 12 345 678), not a decimal or a longer number."""
    j = i
    while j > 0 and text[j - 1].isdigit() and i - j < 4:
        j -= 1
    if not 1 <= i - j <= 3:
        return False
    before = text[j - 1] if j else ""
    return before not in (".", ",") and not before.isdigit() and (before != " " or _ends_digit_group(text, j - 1))


def _opens_bar_cell(text: str, i: int) -> bool:
    """Whether the digit groups before i (1 248) open a cell after a bar: ｜1 248｜."""
    if not _ends_digit_group(text, i):
        return False
    j = i
    while j > 0 and (text[j - 1].isdigit() or text[j - 1] == " "):
        j -= 1
    return j > 0 and text[j - 1] in "｜|"


def _fold(original: str) -> tuple[str, int]:
    """One-for-one character mapping: unicode spaces, full-width digits and letters, and
    traditional characters. Returns the folded text and how many characters t2s changed.

    Done on the code points as one array (numpy): a table lookup per character, where a
    Python loop or even `set(text)` costs a hundred times more."""
    import numpy as np

    table, traditional = _fold_tables()
    codes = np.frombuffer(original.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    folded = table[codes]
    if np.array_equal(folded, codes):
        return original, 0
    return folded.tobytes().decode("utf-32-le", "surrogatepass"), int(np.count_nonzero(traditional[codes]))


@lru_cache(maxsize=1)
def _fold_tables():
    """(code point -> folded code point, code point -> is a traditional character), over
    all of Unicode. The traditional ones come from converting every ideograph of HAN with
    OpenCC once, one per line, so no phrase rule joins two of them."""
    import numpy as np

    table = np.arange(0x110000, dtype="<u4")
    for cp, new in _FIXED_FOLD.items():
        table[cp] = ord(new)
    traditional = np.zeros(0x110000, dtype=bool)
    ideographs = [chr(cp) for first, last in _HAN_RANGES for cp in range(first, last + 1)]
    for ch, simple in zip(ideographs, _T2S.convert("\n".join(ideographs)).split("\n")):
        if simple != ch and len(simple) == 1 and ord(ch) not in _FIXED_FOLD:
            table[ord(ch)] = ord(simple)
            traditional[ord(ch)] = True
    return table, traditional


def _is_pinyin(candidate: str) -> bool:
    """Lowercase pinyin syllables carrying at least one tone mark or tone digit, so a
    lowercase English word in brackets ("(app)", "(long)") is left alone."""
    if not _TONE.search(candidate) and "ü" not in candidate:
        return False
    return _PINYIN.fullmatch(candidate.translate(_UNTONE)) is not None


def _wrapped_line_breaks(text: str, offsets: Offsets) -> list[tuple[int, int]]:
    """Line breaks that cut a sentence in two, as in text set in columns or taken from a
    PDF. Conservative, because joining a heading or a "标题: …" line to the next line is
    worse than leaving a wrap: the line before must be long, as wide as its block's wrap
    width (see _wrap_width) and not end a sentence; the line after must start with an
    ideograph and must not have been indented (an indent starts a new paragraph)."""
    candidates = list(_WRAP_BREAK.finditer(text))
    if not candidates:
        return []  # most web pages: no break inside a sentence, no need to measure lines
    # A line that ends in a comma or an enumeration comma is cut mid-sentence whatever its
    # width (a heading never ends so): "…反映诉求、⏎提出建议的重要形式。"
    mid = [m for m in candidates if text[m.start() - 1] in _MID_SENTENCE]
    if len(mid) == len(candidates):
        return [(m.start(), m.start() + 1) for m in mid]
    blocks = _blocks(text)
    starts = [start for start, _ in blocks]
    widths: dict[int, int | None] = {}  # measured only for blocks with a candidate break
    spans = []
    for m in candidates:
        pos = m.start()
        if text[pos - 1] in _MID_SENTENCE:
            spans.append((pos, pos + 1))
            continue
        i = bisect.bisect_right(starts, pos) - 1
        if i not in widths:
            widths[i] = _wrap_width(text[blocks[i][0]:blocks[i][1]])
        width = widths[i]
        if width is None:
            continue  # not inside a wrapped block
        line = text[text.rfind("\n", 0, pos) + 1 : pos]
        if _TABLE_LINE.search(line):
            continue   # a table's row or header (cells apart by bars, a header of years) is no wrapped line
        indented = offsets[pos + 1] - offsets[pos] > 1
        full = width - WRAP_SLACK <= _display_width(line) <= width
        if len(line) >= MIN_WRAPPED_LINE and full and not indented:
            spans.append((pos, pos + 1))
    return spans


# A line break inside a number (三百八十⏎六件, 315⏎件, a year: 2023⏎年) or right before a figure
# that ends an unfinished long line (共提交提案⏎二百三十四件): a figure is never split by a heading.
_CN_NUMERAL = "零〇一二两三四五六七八九十百千万"
_COUNT_UNITS = "件篇条项次个场家处%"
_NUMBER_BREAK = re.compile(
    rf"\n(?:(?<=[{_CN_NUMERAL}]\n)(?=[{_CN_NUMERAL}{_COUNT_UNITS}])|(?<=\d\n)(?=[{_COUNT_UNITS}年]))")
_FIGURE_START = re.compile(rf"\n(?<=[{HAN}]\n)(?=(?:\d+(?:\.\d+)?|[{_CN_NUMERAL}]+)[余多]?[{_COUNT_UNITS}])")


_LEADING_FIGURE = re.compile(rf"[ \t]*(?:\d+(?:\.\d+)?|[{_CN_NUMERAL}]+)[余多]?[{_COUNT_UNITS}]")


def _broken_figures(text: str) -> list[tuple[int, int]]:
    """Line breaks that split a figure, or cut a long unfinished line right before one."""
    spans = [(m.start(), m.end()) for m in _NUMBER_BREAK.finditer(text)]
    for m in _FIGURE_START.finditer(text):
        line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        if (len(line) >= MIN_WRAPPED_LINE and line[-1] not in _CN_NUMERAL and not _LEADING_FIGURE.match(line)
                and not _TABLE_LINE.search(line)):
            spans.append((m.start(), m.end()))   # (a line that opens with a figure, or has cells, is a list's: 195件｜……)
    return spans


def _broken_words(text: str) -> list[tuple[int, int]]:
    """Line breaks inside a word of the metric catalogue (均已办⏎复, 立⏎案): no heading or
    paragraph ends in the middle of a word."""
    splits, candidates = _word_splits()
    spans = []
    for m in candidates.finditer(text):  # a break between characters that can meet inside a word
        pos = m.start()
        if any(text.endswith(a, 0, pos) and text.startswith(b, pos + 1) for a, b in splits[text[pos - 1]]):
            spans.append((pos, pos + 1))
    return spans


@lru_cache(maxsize=1)
def _word_splits() -> tuple[dict[str, list[tuple[str, str]]], re.Pattern]:
    """Every way of cutting a catalogue word in two, by the last character before the cut, and
    a pattern for the line breaks between two characters that can meet at such a cut."""
    from etl.catalogue import load_catalogue  # the catalogue's words: data, read once

    splits: dict[str, list[tuple[str, str]]] = {}
    for w in load_catalogue().wrap_words:
        for k in range(1, len(w)):
            splits.setdefault(w[k - 1], []).append((w[:k], w[k:]))
    before = "".join(sorted(map(re.escape, splits))) or "\x00"
    after = "".join(sorted({re.escape(b[0]) for cuts in splits.values() for _, b in cuts})) or "\x00"
    return splits, re.compile(f"\n(?<=[{before}]\n)(?=[{after}])")


def _blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each block of lines; blocks are separated by blank lines, and each is
    judged apart, so a page header does not hide a wrapped body."""
    blocks, pos = [], 0
    for block in text.split("\n\n"):
        blocks.append((pos, pos + len(block)))
        pos += len(block) + 2
    return blocks


def _display_width(line: str) -> int:
    # Columns as printed: CJK characters (3 bytes in UTF-8) are two wide, ASCII one.
    return (len(line.encode("utf-8", "surrogatepass")) + len(line)) // 2


# A line that ends in a figure and its unit (收到提案249件, 满意率99.1%, 223件（100%）), a table's change
# cells or a note after it (684条 +22.1%, 8件 持平, 12个（本年新建3个）)
ENDS_WITH_FIGURE = re.compile(
    r"[\d零一二三四五六七八九十百千万][余多来]?[件篇条项次个场家处%％](?:以上|左右|上下)?"
    r"(?:[ \t]*(?:[（(][^（()）\n]{0,16}[）)]|[+\-－±]?\d+(?:\.\d+)?(?:%|％|个百分点|[件篇条项次个场家处])?|持平))*[）)]?[ \t]*$")


def _wrap_width(text: str) -> int | None:
    """The width the text is wrapped at, if it looks wrapped: at least three long lines,
    and half of them, end within WRAP_SLACK columns of it, and hardly any are wider (a
    web page with one paragraph per line has many much wider lines). Lines most of which
    end in a figure are a list of labels and figures, not a wrapped paragraph."""
    long_lines = [line for line in text.split("\n") if len(line) >= MIN_WRAPPED_LINE]
    if not long_lines or 2 * sum(1 for line in long_lines if ENDS_WITH_FIGURE.search(line)) >= len(long_lines):
        return None   # lines that end in a figure, most of them: a list of labels and figures (an infographic)
    widths = Counter(_display_width(line) for line in long_lines)

    def support(w: int) -> int:
        return sum(widths[v] for v in range(w - WRAP_SLACK, w + 1))

    best = max(widths, key=lambda w: (support(w), w))
    n, total = support(best), widths.total()
    wider = sum(count for w, count in widths.items() if w > best + 2)  # hanging punctuation
    return best if n >= 3 and n >= 0.5 * total and wider <= 0.1 * total else None


def _spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _delete(text: str, offsets: Offsets, spans: list[tuple[int, int]]) -> tuple[str, Offsets]:
    """Remove sorted, non-overlapping [start, end) spans from text and offsets alike."""
    if not spans:
        return text, offsets
    parts, prev = [], 0
    for start, end in spans:
        parts.append(text[prev:start])
        prev = end
    parts.append(text[prev:])
    return "".join(parts), offsets.delete(spans)


# ---------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------


def _mb(n: int) -> str:
    mb = n / (1024 * 1024)
    return f"{mb:.1f}".removesuffix(".0")


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


def _root_cause(exc: BaseException) -> BaseException:
    while exc.args and isinstance(exc.args[0], BaseException):
        exc = exc.args[0]
    return exc


def _one_line(exc: object, limit: int = 120) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
