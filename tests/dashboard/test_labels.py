"""How a value is written: the qualifier the text claims stays visible."""
import pytest

from dashboard.labels import cities_phrase, md_plain, number, value_label, years_phrase


@pytest.mark.parametrize("value, unit, qualifier, lang, shown", [
    (571, "件", "exact", "zh", "571"),
    (99, "%", "at_least", "zh", "99%以上"),
    (99, "%", "at_least", "en", "≥99%"),
    (4300, "条", "at_least", "zh", "4300余"),
    (4300, "条", "at_least", "en", "4,300+"),
    (200, "家", "at_most", "zh", "近200"),
    (200, "家", "at_most", "en", "nearly 200"),
    (78, "万平方米", "about", "zh", "约78"),
    (78, "万平方米", "about", "en", "about 78"),
    (93.6, "%", "exact", "en", "93.6%"),
    (99.33, "%", "exact", "zh", "99.33%"),
])
def test_value_label_without_a_quote_uses_the_qualifier_s_usual_words(value, unit, qualifier, lang, shown):
    assert value_label(value, unit, qualifier, lang) == shown


def test_number_never_uses_an_exponent():
    assert [number(v) for v in (1e7, 1100.0, 0.5, float("nan"))] == ["10000000", "1100", "0.5", ""]


def test_cities_phrase_names_a_few_and_counts_the_rest():
    assert cities_phrase(["潍坊", "淄博"]) == "潍坊、淄博"
    assert cities_phrase(["潍坊", "淄博", "菏泽", "忻州"]) == "潍坊、淄博等 4 个城市"
    assert cities_phrase(["Weifang", "Zibo", "Heze", "Xinzhou"], "en") == "Weifang, Zibo and 2 more"


def test_years_phrase():
    assert years_phrase([2023]) == "2023年"
    assert years_phrase([2021, 2022, 2023]) == "2021–2023年"
    assert years_phrase([2021, 2023], "en") == "2021, 2023"
    assert years_phrase([2008, 2011, 2013, 2025]) == "2008–2025年"


def test_md_plain_keeps_markdown_and_html_as_text():
    assert md_plain("**a** <b>[x](y)</b>") == r"\*\*a\*\* \<b\>\[x\]\(y\)\</b\>"
