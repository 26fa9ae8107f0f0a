"""Interface strings in Chinese (default) and English, read from i18n.yaml.

`translate(key, lang)` is plain; `t(key)` is the pages' shorthand that reads the language
the visitor chose (kept in Streamlit's session state by `set_lang`).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"
STRINGS_FILE = Path(__file__).with_name("i18n.yaml")
_SESSION_KEY = "lang"


@lru_cache(maxsize=1)
def strings() -> dict[str, dict[str, str]]:
    with open(STRINGS_FILE, encoding="utf-8") as f:
        return yaml.safe_load(f)


def translate(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    """The string `key` in `lang`, placeholders filled; an unknown key raises KeyError."""
    text = strings()[key][lang if lang in LANGS else DEFAULT_LANG]
    return text.format(**values) if values else text


def set_lang(lang: str) -> None:
    import streamlit as st

    st.session_state[_SESSION_KEY] = lang if lang in LANGS else DEFAULT_LANG


def current_lang() -> str:
    import streamlit as st

    return st.session_state.get(_SESSION_KEY, DEFAULT_LANG)


def t(key: str, **values) -> str:
    return translate(key, current_lang(), **values)
