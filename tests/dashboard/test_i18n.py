"""Every interface string exists in Chinese and English, and every key the code asks for exists."""
import re
from pathlib import Path

import pytest

from dashboard.i18n import LANGS, strings, translate

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"
SOURCES = [*DASHBOARD.rglob("*.py"), DASHBOARD.parent / "streamlit_app.py"]


def test_every_string_has_every_language():
    for key, texts in strings().items():
        assert set(texts) == set(LANGS), key
        assert all(isinstance(texts[lang], str) and texts[lang] for lang in LANGS), key


def test_placeholders_are_the_same_in_both_languages():
    for key, texts in strings().items():
        assert set(re.findall(r"{(\w+)}", texts["zh"])) == set(re.findall(r"{(\w+)}", texts["en"])), key


def test_every_literal_key_used_in_code_exists():
    used = {m for path in SOURCES for m in re.findall(r"""\b(?:t|translate)\(\s*["']([\w.]+)["']""", path.read_text())}
    assert used, "no t() calls found: the pattern is wrong"
    assert sorted(used - set(strings())) == []


def test_keys_built_from_data_exist():
    for prefix, values in {"scope": ("committee", "citywide"), "kind": ("stated", "derived", "curated"),
                           "period": ("year", "term", "partial"),
                           "qualifier": ("exact", "at_least", "about", "at_most"),
                           "level": ("municipality", "prefecture", "county", "district")}.items():
        for value in values:
            assert f"{prefix}.{value}" in strings()


def test_translate_falls_back_to_chinese_and_fills_placeholders():
    assert translate("explorer.rows", "fr", n=3) == "3 行"
    assert translate("explorer.rows", "en", n=3) == "3 rows"
    with pytest.raises(KeyError):
        translate("no.such.key")
