"""Filters that live in the URL, so a link reproduces a view, and carry over between pages.

Each filter has a name (`years`, `cities`, `metric`, …) used as its query parameter. A
filter widget starts from, in order:

1. the URL, when it holds a value this session did not write there itself (a shared link,
   an edited address, the browser's back button);
2. the widget's own state (the visitor is using it on this page);
3. the value chosen for the same name on another page of this session (an empty choice
   carried over falls back to this page's default: "all" on one page is "none" on another);
4. the page's default.

Values are checked against the options the page offers (known cities, years, metrics); a
value from the URL that is not one of them is dropped with a notice, never an error. After
the widget, its value is written back to the URL.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from dashboard.i18n import t

_CHOSEN = "chosen:"   # the value, kept for the session (across pages)
_WIDGET = "widget:"   # + page + name: the widget's key, one per page
_WRITTEN = "url:"     # what this session last wrote to the URL for the name
_PAGE = "page"        # the page being run, set by streamlit_app.py


def set_page(slug: str) -> None:
    st.session_state[_PAGE] = slug


def _widget_key(name: str, per_page: bool = True) -> str:
    page = st.session_state.get(_PAGE, "") if per_page else "*"
    return f"{_WIDGET}{page}:{name}"


def _url_values(name: str) -> list[str] | None:
    """The URL's values for `name` (an empty `name=` means an empty choice), or None."""
    if name not in st.query_params:
        return None
    return [v for v in st.query_params.get_all(name) if v != ""]


def _starting_value(name: str, options: Sequence, default: Any, multi: bool,
                    per_page: bool) -> tuple[Any, list[str]]:
    by_text = {str(o): o for o in options}
    state = st.session_state
    url = _url_values(name)
    if url is not None and url != state.get(_WRITTEN + name):
        known = [by_text[v] for v in url if v in by_text]
        ignored = [v for v in url if v not in by_text]
        if multi:
            value = list(dict.fromkeys(known)) if known or not url else default
        else:
            value = known[0] if known else default
        return value, ignored
    if _widget_key(name, per_page) in state:
        return state[_widget_key(name, per_page)], []
    if _CHOSEN + name in state:
        carried = state[_CHOSEN + name]
        return (default if multi and not carried else carried), []
    return default, []


def _valid(value: Any, options: Sequence, default: Any, multi: bool) -> Any:
    if multi:
        allowed = set(options)
        value = [v for v in (value or []) if v in allowed]
        return value
    if value in options:
        return value
    if default in options:
        return default
    return options[0] if len(options) else None


def _remember(name: str, value: Any, multi: bool, default: Any) -> None:
    """Keep the value for other pages and put it in the URL (an empty choice whose default
    is empty too stays out of the URL, to keep links short)."""
    st.session_state[_CHOSEN + name] = value
    text = [str(v) for v in value] if multi else ([] if value is None else [str(value)])
    if not text and not default:
        if name in st.query_params:
            del st.query_params[name]
        st.session_state[_WRITTEN + name] = None
        return
    if _url_values(name) != text:
        st.query_params[name] = text if text else ""
    st.session_state[_WRITTEN + name] = text


def _filter(widget: Callable, name: str, label: str, options: Sequence, default: Any, multi: bool,
            container=None, per_page: bool = True, **kwargs) -> Any:
    options = list(options)
    value, ignored = _starting_value(name, options, default, multi, per_page)
    if ignored:
        st.warning(t("notice.url_ignored", param=name, values="、".join(ignored)), icon="⚠️")
    key = _widget_key(name, per_page)
    st.session_state[key] = _valid(value, options, _valid(default, options, None, multi), multi)
    chosen = widget(container or st, label, options, key=key, **kwargs)
    _remember(name, chosen, multi, default)
    return chosen


def multiselect(name: str, label: str, options: Sequence, *, default: Sequence = (),
                container=None, **kwargs) -> list:
    """A multiselect (it searches as you type) whose choice lives in the URL as `name`."""
    return _filter(lambda where, *a, **k: where.multiselect(*a, **k), name, label, options,
                   list(default), True, container, **kwargs)


def selectbox(name: str, label: str, options: Sequence, *, default: Any = None,
              container=None, **kwargs) -> Any:
    """A selectbox (it searches as you type) whose choice lives in the URL as `name`."""
    return _filter(lambda where, *a, **k: where.selectbox(*a, **k), name, label, options,
                   default, False, container, **kwargs)


def radio(name: str, label: str, options: Sequence, *, default: Any = None,
          container=None, per_page: bool = True, **kwargs) -> Any:
    """Horizontal radio buttons whose choice lives in the URL as `name`.

    per_page=False for a widget of the frame around every page (the language switch).
    """
    return _filter(lambda where, *a, **k: where.radio(*a, horizontal=True, **k), name, label,
                   options, default, False, container, per_page, **kwargs)


def chosen(name: str, default: Any = None) -> Any:
    """What was chosen for `name` on any page this session (or in the URL), without a widget."""
    if _CHOSEN + name in st.session_state:
        return st.session_state[_CHOSEN + name]
    return default
