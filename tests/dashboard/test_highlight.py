"""A report's text with its figures marked: escaped first, marks added after."""
from dashboard.highlight import Mark, anchor_id, escape_text, highlighted_html, untaken_figures


def test_a_report_containing_script_is_shown_as_text():
    html = highlighted_html("收集信息4300余条。<script>alert('x')</script>", [])
    assert "<script" not in html
    assert "&#60;script&#62;alert&#40;&#39;x&#39;&#41;&#60;/script&#62;" in html


def test_markdown_in_a_report_is_not_interpreted():
    assert escape_text("**粗体** [链接](http://x) $x$\n\n# 标题") == (
        "&#42;&#42;粗体&#42;&#42; &#91;链接&#93;&#40;http&#58;//x&#41; &#36;x&#36;<br><br>&#35; 标题")


def test_marks_wrap_exactly_their_spans_with_an_anchor_and_a_title():
    text = "立案提案571件，满意率99%。"
    html = highlighted_html(text, [Mark(2, 8, "F1", "#fde68a", "立案数 = 571"),
                                   Mark(9, 15, "F2", "#fde68a", "满意率 = 99%", chosen=True)])
    assert '<mark id="fact-F1" style="background:#fde68a;padding:0 2px;border-radius:3px" ' \
           'title="立案数 = 571">提案571件</mark>' in html
    assert 'id="fact-F2" style="background:#fde68a;padding:0 2px;border-radius:3px;outline:2px solid #dc2626"' in html
    assert html.startswith('<div class="zx-report"') and html.count("<mark") == 2


def test_a_title_from_the_data_cannot_break_out_of_its_attribute():
    html = highlighted_html("abc", [Mark(0, 1, "F1", "#fff", '"><script>x</script>')])
    assert "<script" not in html and "&quot;&gt;&lt;script&gt;" in html


def test_overlapping_marks_keep_the_shorter_span_unless_one_is_chosen():
    text = "全国政协采用11篇，省政协采用174篇"
    parts = [Mark(0, 8, "F1", "#bfdbfe", "a"), Mark(9, 18, "F2", "#bfdbfe", "b")]
    total = Mark(0, 18, "D1", "#bfdbfe", "sum")
    assert highlighted_html(text, parts + [total]).count("<mark") == 2
    chosen = highlighted_html(text, parts + [Mark(0, 18, "D1", "#bfdbfe", "sum", chosen=True)])
    assert chosen.count("<mark") == 1 and 'id="fact-D1"' in chosen


def test_anchor_ids_are_plain():
    assert anchor_id("curated:dev-d001-1") == "fact-curated-dev-d001-1"


def test_untaken_figures_are_those_no_fact_covers():
    text = "立案571件，编发简报12期，满意率99%。"
    assert untaken_figures(text, [(2, 6), (16, 19)]) == [(11, 14, "12期")]
