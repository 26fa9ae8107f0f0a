"""etl.read: bytes of any kind -> Document (original text, normalised text, offsets)."""
from __future__ import annotations

import io
import logging
import re
import time
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.document import ReadError
from etl.paths import SHARED
from etl.read import fold_char, normalise, read_bytes, read_document

FIXTURES = Path(__file__).parent / "fixtures" / "read"

TRADITIONAL = "政協第十一屆委員會共收到提案2111件，立案1935件，已全部辦復，委員滿意和基本滿意率99.8%。"
SIMPLIFIED = "市政协十一届一次会议以来，共提交提案1749件，经审查立案1711件，所有提案已全部办复。"


def _long_traditional() -> str:
    """About 2 KB of Big5 text: the sentence above, varied."""
    lines = [
        TRADITIONAL,
        "在審查立案的1711件提案中，涉及經濟建設方面的提案745件，佔立案總數的43.6%。",
        "委員們圍繞鄉村振興、生態環境保護、教育醫療等議題建言獻策，報送社情民意信息746篇。",
        "市政協常務委員會認真履行政治協商、民主監督、參政議政職能，各項工作取得新進展。",
    ]
    return "\n".join(lines * 6)


def _long_simplified() -> str:
    """About 2 KB of GBK text."""
    lines = [
        SIMPLIFIED,
        "在审查立案的提案中，涉及经济建设方面的提案745件，占立案总数的43.6%。",
        "委员们围绕乡村振兴、生态环境保护、教育医疗等议题建言献策，报送社情民意信息746篇。",
        "省、市领导签批33篇次，被全国政协、省政协采用460篇，满意和基本满意率达99%以上。",
    ]
    return "\n".join(lines * 6)


# --- encodings ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, data, encoding",
    [
        pytest.param(SIMPLIFIED, SIMPLIFIED.encode("utf-8"), "utf-8", id="utf-8"),
        pytest.param(SIMPLIFIED, b"\xef\xbb\xbf" + SIMPLIFIED.encode(), "utf-8-sig", id="utf-8 BOM"),
        pytest.param(SIMPLIFIED, SIMPLIFIED.encode("utf-16"), "utf-16-le", id="utf-16 BOM"),
        pytest.param(SIMPLIFIED, b"\xfe\xff" + SIMPLIFIED.encode("utf-16-be"), "utf-16-be", id="utf-16-be BOM"),
        pytest.param(_long_simplified(), _long_simplified().encode("gbk"), "gb18030", id="gbk 2KB"),
        pytest.param(SIMPLIFIED, SIMPLIFIED.encode("gbk"), "gb18030", id="gbk one sentence"),
        pytest.param("政协", "政协".encode("gbk"), "gb18030", id="gbk two characters"),
        pytest.param(TRADITIONAL, TRADITIONAL.encode("gb18030"), "gb18030", id="traditional in gb18030"),
        pytest.param(_long_traditional(), _long_traditional().encode("big5"), "big5", id="big5 2KB"),
        pytest.param(TRADITIONAL, TRADITIONAL.encode("big5"), "big5", id="big5 one sentence"),
    ],
)
def test_decodes_each_encoding(text, data, encoding):
    doc = read_bytes(data, "report.txt")
    assert (doc.kind, doc.encoding, doc.original) == ("txt", encoding, text)
    if encoding != "utf-8":
        assert any(note.startswith(f"decoded as {encoding}") for note in doc.notes)


def test_big5_text_reads_simplified():
    doc = read_bytes(TRADITIONAL.encode("big5"))
    assert doc.text == "政协第十一届委员会共收到提案2111件，立案1935件，已全部办复，委员满意和基本满意率99.8%。"
    assert "converted 9 traditional characters" in doc.notes
    assert read_bytes("會".encode()).notes == ("converted 1 traditional character",)


def test_utf8_bom_is_not_in_the_text():
    doc = read_bytes(b"\xef\xbb\xbf" + "提案".encode())
    assert doc.original == "提案" and doc.text == "提案"


def test_utf8_cut_inside_its_last_character_is_still_utf8():
    data = (SIMPLIFIED + "办").encode()[:-1]
    doc = read_bytes(data)
    assert (doc.encoding, doc.original) == ("utf-8", SIMPLIFIED)


# --- errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, reason",
    [
        pytest.param(b"", "empty file", id="empty"),
        pytest.param(b" \n\t\r\n ", "empty file", id="whitespace"),
        pytest.param(b"\xef\xbb\xbf", "empty file", id="utf-8 BOM only"),
        pytest.param("  \n".encode("utf-16"), "empty file", id="utf-16 whitespace"),
        pytest.param(bytes(range(0x80, 0x100)) * 4, "cannot decode text (tried utf-8, gb18030, big5", id="undecodable"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "not a text, HTML, PDF or Word document", id="png"),
        pytest.param(bytes(range(256)) * 8, "not a text, HTML, PDF or Word document", id="binary junk"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "not a text, HTML, PDF or Word document (looks like a legacy Word", id="legacy doc"),
        pytest.param(b"%PDF-1.4\nnot really a pdf", "corrupt PDF (", id="corrupt pdf"),
    ],
)
def test_unreadable_bytes(data, reason):
    with pytest.raises(ReadError) as caught:
        read_bytes(data, "bad.txt")
    assert caught.value.reason.startswith(reason)
    assert str(caught.value).startswith("bad.txt: ") and "\n" not in str(caught.value)


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_that_is_not_word():
    with pytest.raises(ReadError, match=r"not a text, HTML, PDF or Word document$"):
        read_bytes(_zip({"report.txt": SIMPLIFIED.encode()}))


def test_corrupt_docx():
    data = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<not xml"})
    with pytest.raises(ReadError, match=r"^<bytes>: corrupt Word document \(.+\)$"):
        read_bytes(data)


def test_missing_file(tmp_path):
    with pytest.raises(ReadError, match="no such file$"):
        read_document(tmp_path / "nope.txt")


def test_directory(tmp_path):
    with pytest.raises(ReadError, match="is a directory$"):
        read_document(tmp_path)


def test_too_large_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (2 * 1024 * 1024))
    with pytest.raises(ReadError, match=r"file too large \(2 MB, limit 1 MB\)$"):
        read_document(big, max_bytes=1024 * 1024)
    assert read_document(big, max_bytes=2 * 1024 * 1024).original.startswith("xxx")


# --- kind by content, not by name -----------------------------------------------------


def test_kind_is_judged_by_content(tmp_path):
    pdf = tmp_path / "report.txt"
    pdf.write_bytes(make_pdf(["政协工作报告"]))
    page = tmp_path / "report.pdf"
    page.write_bytes((FIXTURES / "report_page.html").read_bytes())
    assert read_document(pdf).kind == "pdf"
    assert read_document(page).kind == "html"


# --- HTML -----------------------------------------------------------------------------


def test_html_main_text_only():
    doc = read_document(FIXTURES / "report_page.html")
    assert doc.kind == "html" and doc.encoding == "utf-8"
    assert doc.title == "淄博市政协提案工作报告_淄博新闻网"
    assert doc.published == "2017-02-22"
    assert "已全部办复" in doc.original and "十一届市政协提案立案1935件" in doc.original
    for furniture in ("首页", "站点页眉", "当前位置", "分享到", "热门文章", "网友评论", "版权所有", "Copyright", "脚本", "color"):
        assert furniture not in doc.original, furniture
    # entities decoded, paragraphs on their own lines, source line breaks collapsed
    assert "满意率99.8%。\n经济建设类提案占37.5%，“民生”类提案受到关注…" in doc.original
    assert "委员满意和基本满意率99.8%" in doc.text  # the source's wrap space is gone


@pytest.mark.parametrize(
    "declared, note",
    [
        ("gb2312", "decoded as gb18030 (declared gb2312)"),
        ("iso-8859-1", "decoded as gb18030"),  # a wrong declaration loses to the content
        ("utf-8", "decoded as gb18030"),
    ],
)
def test_html_in_gbk(declared, note):
    page = (FIXTURES / "report_page.html").read_text("utf-8").replace('charset="utf-8"', f'charset="{declared}"')
    doc = read_bytes(page.encode("gbk"), "page.htm")
    assert doc.kind == "html" and doc.encoding == "gb18030" and note in doc.notes
    assert "已全部办复" in doc.original and "首页" not in doc.original


def test_html_without_article_takes_the_dominant_block():
    links = "".join(f'<li><a href="/{i}">其他新闻标题第{i}条</a></li>' for i in range(12))
    page = (
        "<html><head><title>提案工作</title><meta name=\"PubDate\" content=\"2024/1/15 08:00\"></head><body>"
        f"<ul>{links}</ul>"
        '<div class="recommend"><p>推荐阅读：另一篇新闻</p></div>'
        f'<div id="zoom"><p>一年来共收到提案528件，立案486件。</p>{"<p>提案办复率100%，委员满意率98%。</p>" * 6}</div>'
        "</body></html>"
    )
    doc = read_bytes(page.encode())
    assert doc.original == "一年来共收到提案528件，立案486件。" + "\n提案办复率100%，委员满意率98%。" * 6
    assert doc.published == "2024-01-15"


def test_html_fragment_is_html():
    doc = read_bytes("<p>共收到提案528件</p>\n<p>立案486件</p>\n<div>办复率100%</div>".encode())
    assert doc.kind == "html"
    assert doc.original == "共收到提案528件\n立案486件\n办复率100%"


# --- PDF ------------------------------------------------------------------------------


def make_pdf(lines: list[str] | None = None) -> bytes:
    """A one-page PDF written by hand (no PDF writer is installed, and a hand-made file
    needs no fixture). Its font is a Type0 font with Identity-H encoding whose character
    ids are the Unicode code points, and a ToUnicode CMap maps them back, so the text
    layer extracts without any embedded glyphs. Without lines: a page with only a grey
    rectangle, i.e. no text layer, like a scan."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog, pages = add(b""), add(b"")  # filled in at the end
    if lines:
        chars = sorted({c for line in lines for c in line})
        cmap = (
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            + b"%d beginbfchar\n" % len(chars)
            + b"".join(b"<%04X> <%04X>\n" % (ord(c), ord(c)) for c in chars)
            + b"endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end\n"
        )
        to_unicode = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap))
        descriptor = add(
            b"<< /Type /FontDescriptor /FontName /CJKTest /Flags 4 /FontBBox [0 -120 1000 880]"
            b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>"
        )
        cid_font = add(
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /CJKTest /DW 1000"
            b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
            b" /FontDescriptor %d 0 R >>" % descriptor
        )
        font = add(
            b"<< /Type /Font /Subtype /Type0 /BaseFont /CJKTest /Encoding /Identity-H"
            b" /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cid_font, to_unicode)
        )
        ops = b"BT /F1 12 Tf 14 TL 72 760 Td\n"
        ops += b"".join(b"<%s> Tj T*\n" % line.encode("utf-16-be").hex().encode() for line in lines)
        ops += b"ET"
        resources = b"<< /Font << /F1 %d 0 R >> >>" % font
    else:
        ops, resources = b"0.5 g 72 600 200 100 re f", b"<< >>"
    content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(ops), ops))
    page = add(
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources %s /Contents %d 0 R >>"
        % (pages, resources, content)
    )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages
    objects[pages - 1] = b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % page

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    positions = []
    for number, body in enumerate(objects, 1):
        positions.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % pos for pos in positions)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


def test_pdf_text_layer(caplog):
    caplog.set_level(logging.DEBUG)
    lines = ["政協第十一屆委員會共收到提案2111件，", "立案1935件，已全部辦復。"]
    doc = read_bytes(make_pdf(lines + WRAPPED.split("\n")), "r.pdf")
    assert doc.kind == "pdf"
    assert doc.original == "\n".join(lines) + "\n" + WRAPPED
    # the first line is as wide as the column, so it is joined too: it ends with "，"
    assert doc.text == "政协第十一届委员会共收到提案2111件，立案1935件，已全部办复。\n" + PARAGRAPH
    assert not [r for r in caplog.records if r.name.startswith("pdfminer")]


def test_pdf_without_text_layer():
    with pytest.raises(ReadError, match=r"^scan.pdf: PDF has no text layer \(scanned\?\)$"):
        read_bytes(make_pdf(), "scan.pdf")


def test_corrupt_pdf_is_quiet(caplog, capsys):
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ReadError, match=r"corrupt PDF \("):
        read_bytes(make_pdf(["提案"])[:300], "cut.pdf")
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert capsys.readouterr() == ("", "")


# --- Word -----------------------------------------------------------------------------


def test_docx_paragraphs_tables_and_title():
    document = docx.Document()
    document.core_properties.title = "提案工作报告"
    document.add_paragraph("各位委员：")
    document.add_paragraph("十一届市政协期间，共收到提案2111件。")
    table = document.add_table(rows=2, cols=2)
    for (r, c), value in {(0, 0): "立案", (0, 1): "1935件", (1, 0): "满意率", (1, 1): "99.8%"}.items():
        table.cell(r, c).text = value
    document.add_paragraph("已全部辦復。")
    buf = io.BytesIO()
    document.save(buf)

    doc = read_bytes(buf.getvalue(), "report.bin")
    assert (doc.kind, doc.title) == ("docx", "提案工作报告")
    assert doc.original == "各位委员：\n十一届市政协期间，共收到提案2111件。\n立案\n1935件\n满意率\n99.8%\n已全部辦復。"
    assert doc.text.endswith("已全部办复。")


# --- normalise ------------------------------------------------------------------------


PARAGRAPH = (
    "十一届市政协期间，政协委员、政协各参加单位和政协各专门委员会共提出提案二千余件，已全部办复，"
    "委员满意和基本满意率较高。委员们围绕乡村振兴、生态环境保护、教育医疗等议题建言献策，"
    "形成了一批高质量的调研成果。"
)
WRAPPED = "\n".join(PARAGRAPH[i : i + 18] for i in range(0, len(PARAGRAPH), 18))  # a newspaper column
METADATA = (
    "标题: 淄博市人民政府关于市政协十二届四次会议以来提案办理情况的通报\n索引号: 113703000042241\n"
    "发布机构: 淄博市人民政府办公室 成文日期: 2021年02月20日"
)
METADATA_NORMALISED = (
    "标题:淄博市人民政府关于市政协十二届四次会议以来提案办理情况的通报\n索引号: 113703000042241\n"
    "发布机构:淄博市人民政府办公室成文日期: 2021年02月20日"
)


@pytest.mark.parametrize(
    "original, text",
    [
        ("政協委員會(huì)議共收到提案2111件", "政协委员会议共收到提案2111件"),
        ("會議辦復滿意委員屆", "会议办复满意委员届"),
        ("会（huì）议", "会议"),
        ("会(hui4 yi4)议", "会议"),
        ("政协(zhèng xié)委员", "政协委员"),
        ("年度报告(摘要)", "年度报告(摘要)"),
        ("主席(前排左二)", "主席(前排左二)"),
        ("政协(CPPCC)", "政协(CPPCC)"),
        ("年度(2023)", "年度(2023)"),
        ("应用(app)", "应用(app)"),
        ("回首 2023年,市政协收获殷实,成绩斐 然", "回首2023年,市政协收获殷实,成绩斐然"),
        ("省、市领导签批33 篇次", "省、市领导签批33篇次"),
        ("满意和基本满意率达99% 以上", "满意和基本满意率达99%以上"),
        ("被全国政 协、省政协采用460篇", "被全国政协、省政协采用460篇"),
        ("报送社情民意信息 746篇", "报送社情民意信息746篇"),
        ("2023 2024", "2023 2024"),
        ("Xinzhou CPPCC", "Xinzhou CPPCC"),
        ("满意率９８．５％，", "满意率98.5%，"),
        ("\u3000\u3000提案\u3000工作\u00a0报告", "提案工作报告"),
        ("第一段。\r\n第二段", "第一段。\n第二段"),
        ("提\u200b案", "提案"),
        # lines wrapped at a common width are joined; headings, metadata and paragraphs not
        (WRAPPED, PARAGRAPH),
        (WRAPPED + "\n二、提案办理\n" + WRAPPED, PARAGRAPH + "\n二、提案办理\n" + PARAGRAPH),
        (WRAPPED.replace("\n", "\n\n", 1), PARAGRAPH[:18] + "\n\n" + PARAGRAPH[18:]),
        (WRAPPED.replace("\n", "\n\u3000\u3000", 1), PARAGRAPH[:18] + "\n" + PARAGRAPH[18:]),
        (METADATA + "\n\n" + WRAPPED, METADATA_NORMALISED + "\n\n" + PARAGRAPH),
        # not a wrapped block: only the breaks inside a word or a number are joined
        (METADATA + "\n" + WRAPPED, METADATA_NORMALISED + "\n"
         + WRAPPED.replace("参\n加", "参加").replace("二\n千", "二千").replace("满\n意", "满意")),
        # a break inside a catalogue word or a figure, in a text with no common wrap width
        ("截至11月底，所有立案提案均已办\n复，其中已经解决的三百八十\n六件，占70.4%。\n二、信息",
         "截至11月底，所有立案提案均已办复，其中已经解决的三百八十六件，占70.4%。\n二、信息"),
        ("市政协十三届四次会议以来，委员们紧扣中心共提交提案\n二百三十四件。", "市政协十三届四次会议以来，委员们紧扣中心共提交提案二百三十四件。"),
        ("立案率 90.5 %", "立案率90.5%"),
        ("一、提案\n二、信息\n（三）委员工作室建设\n2个工作室", "一、提案\n二、信息\n（三）委员工作室建设\n2个工作室"),
        # two lines show no wrap width: left alone
        ("十一届市政协期间，政协委员和各参加单位共\n提交提案2111件。", "十一届市政协期间，政协委员和各参加单位共\n提交提案2111件。"),
        # … unless the break falls inside a catalogue word or cue phrase (提出提案, 专题协商)
        ("十一届市政协期间，政协委员和各参加单位共提出\n提案2111件。", "十一届市政协期间，政协委员和各参加单位共提出提案2111件。"),
    ],
)
def test_normalise(original, text):
    got, offsets = normalise(original)
    assert got == text
    assert [fold_char(original[i]) for i in offsets] == list(got)


def test_normalise_offsets_quote_the_original():
    original = "政協委員會(huì)議共收到提案 2111 件"
    doc = read_bytes(original.encode("utf-8"))
    start = doc.text.index("2111")
    assert doc.quote(start, start + len("2111件")) == "2111 件"
    assert doc.quote(0, 6) == "政協委員會(huì)議"


def test_notes_say_what_reading_did():
    doc = read_bytes("會(huì)議 收到".encode())
    assert doc.notes == ("converted 2 traditional characters", "removed 1 pinyin annotation", "joined 1 line-wrap space")


def test_normalise_is_linear_and_fast():
    chunk = "政協第十一屆委員會共收到提案 2111件，会（huì）议 成绩斐 然\n　　满意率９９％。\n"
    text = chunk * (1_000_000 // len(chunk))
    start = time.perf_counter()
    out, offsets = normalise(text)
    assert time.perf_counter() - start < 3.0  # ~0.25 s here; a quadratic step takes minutes
    assert len(out) == len(offsets)


pieces = st.one_of(
    st.text(alphabet="政協委員會议提案辦復满意率屆年件篇", min_size=1, max_size=6),
    st.text(alphabet="0123456789%", min_size=1, max_size=4),
    st.text(alphabet=" \t\u3000\u00a0", min_size=1, max_size=3),
    st.sampled_from(["\n", "\n\n", "\r\n", "。", "，", "（", "）", "(", ")"]),
    st.text(alphabet="abcXYZ", min_size=1, max_size=5),
    st.sampled_from(["會(huì)", "会（huì）", "议(yì)", "政协(zhèng xié)", "(hui4)", "(摘要)", "(CPPCC)", "９８．５％"]),
)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(pieces, max_size=40).map("".join))
def test_offsets_property(original):
    text, offsets = normalise(original)
    assert len(offsets) == len(text)
    assert all(a < b for a, b in zip(offsets, offsets[1:]))
    assert all(0 <= i < len(original) for i in offsets)
    for i, j in enumerate(offsets):
        assert fold_char(original[j]) == text[i]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])  # HTML and PDF parse in a child process
@given(st.one_of(
    st.binary(max_size=400),
    st.binary(max_size=200).map(lambda b: b"%PDF-1.4\n" + b),
    st.binary(max_size=200).map(lambda b: b"<html><body><p>" + b),
    st.binary(max_size=200).map(lambda b: b"\xff\xfe" + b),
    st.text(max_size=100).map(lambda s: s.encode("utf-8")),
))
def test_only_read_error_escapes(data):
    try:
        doc = read_bytes(data)
    except ReadError as err:
        assert "\n" not in str(err)
    else:
        assert len(doc.text) == len(doc.offsets)


# --- the shared reports ---------------------------------------------------------------


def _shared_files() -> list[Path]:
    return sorted(SHARED.glob("reports/*.txt")) + sorted(SHARED.glob("corpus/dev/*.txt"))


@pytest.mark.skipif(not _shared_files(), reason=f"no shared reports under {SHARED}")
def test_reads_every_shared_report():
    docs = {p.name: read_document(p) for p in _shared_files()}
    for name, doc in docs.items():
        assert doc.text.strip(), name
        assert len(doc.text) == len(doc.offsets)
    d002 = docs.get("d002.txt")
    if d002 is not None:  # Big5-origin traditional text, stored as UTF-8
        assert "已全部办复" in d002.text
        assert re.search(r"converted \d+ traditional characters", " ".join(d002.notes))


def test_a_line_ending_in_a_comma_is_joined_to_the_next_whatever_its_width():
    text = "提案是政协委员向党政部门反映诉求、\n提出建议的重要形式。\n经审查，\n立案并交办243件。\n一、\n总体情况\n二、工作亮点"
    doc = read_bytes(text.encode("utf-8"), "x.txt")
    assert doc.text == ("提案是政协委员向党政部门反映诉求、提出建议的重要形式。\n经审查，立案并交办243件。\n"
                        "一、总体情况\n二、工作亮点")
    assert all(doc.original[doc.offsets[i]] == ch for i, ch in enumerate(doc.text) if ch != "\n")
