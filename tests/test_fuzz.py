"""Whatever bytes arrive, reading and extraction end in facts or one clear ReadError."""
import string

from hypothesis import HealthCheck, given, settings, strategies as st

from etl.document import ReadError
from etl.extract import extract_facts
from etl.read import read_bytes
from etl.reports import ReportInfo, detect_info

REPORT = ReportInfo(file="fuzz.txt", cities=("潍坊",), year=2023)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that real reports are made of, to build texts that reach deep into the rules.
PIECES = st.sampled_from([
    "共收到提案", "立案", "件", "篇", "条", "项", "次", "%", "％", "以上", "余", "近", "约",
    "社情民意信息", "全国政协", "省政协", "采用", "满意和基本满意率", "已全部办复", "其中，",
    "各民主党派、工商联", "委员提案", "集体提案", "重点提案", "协商活动", "专项民主监督",
    "十三", "两", "百分之", "1.1万", "571", "99", "0", "，", "。", "；", "\n", " ", "　",
    "會(huì)議", "辦復", "滿意", "“", "”", "(", ")", "<p>", "</p>", "<script>x</script>",
])
REPORTISH = st.lists(PIECES, max_size=80).map("".join)


def read_or_reject(data: bytes, kind=None):
    try:
        return read_bytes(data, "fuzz.bin", kind=kind)
    except ReadError as err:
        assert "\n" not in str(err) and str(err).startswith("fuzz.bin: ")
        return None


def check_facts(doc):
    for fact in extract_facts(doc, REPORT):
        assert doc.original[fact.start:fact.end] == fact.quote
        assert fact.value == fact.value  # not NaN
    detect_info("fuzz.txt", doc.text)


@SETTINGS
@given(st.binary(max_size=4000))
def test_random_bytes(data):
    doc = read_or_reject(data)
    if doc is not None:
        check_facts(doc)


@SETTINGS
@given(REPORTISH, st.integers(min_value=0, max_value=6))
def test_truncated_utf8(text, cut):
    data = text.encode("utf-8")
    doc = read_or_reject(data[: max(0, len(data) - cut)])
    if doc is not None:
        check_facts(doc)


@SETTINGS
@given(REPORTISH, REPORTISH)
def test_mixed_encodings(a, b):
    data = a.encode("gb18030", errors="replace") + b.encode("utf-8")
    doc = read_or_reject(data)
    if doc is not None:
        check_facts(doc)


@SETTINGS
@given(REPORTISH)
def test_report_like_text_in_every_encoding(text):
    for encoding in ("utf-8", "utf-8-sig", "gb18030", "big5", "utf-16"):
        doc = read_or_reject(text.encode(encoding, errors="ignore"))
        if doc is not None:
            check_facts(doc)


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=1, max_value=3), REPORTISH)
def test_huge_lines(factor, text):
    line = ("市政协共收到提案571件，立案500件，" * 2000 * factor) + text
    doc = read_or_reject(line.encode("utf-8"))
    assert doc is not None
    check_facts(doc)


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=50, max_value=3000), REPORTISH)
def test_deeply_nested_html(depth, text):
    html = "<html><body>" + "<div>" * depth + "<p>共收到提案571件。" + text + "</p>" + "</div>" * depth + "</body></html>"
    doc = read_or_reject(html.encode("utf-8"))
    if doc is not None:
        check_facts(doc)


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from("會議辦復滿意協商資訊採用屆"),
                          st.text(alphabet="huìyìbànfùmǎnxiéshāngzīxùncǎiyòngjiè12345", min_size=1, max_size=6)),
                max_size=30))
def test_traditional_text_with_pinyin_annotations(pairs):
    text = "".join(f"{ch}({py})" for ch, py in pairs) + "共收到提案571件。"
    doc = read_or_reject(text.encode("utf-8"))
    assert doc is not None
    assert {f.value for f in extract_facts(doc, REPORT)} == {571}


@SETTINGS
@given(st.text(alphabet=string.printable + "提案件篇条项次满意率%余近约全部办复", max_size=300))
def test_any_text(text):
    doc = read_or_reject(text.encode("utf-8"))
    if doc is not None:
        check_facts(doc)
