"""The dashboard: `streamlit run streamlit_app.py`.

The frame around every page: the language switch, the warehouse (built if missing), and
the navigation over the page list in dashboard/pages/__init__.py.
"""
from pathlib import Path

import streamlit as st

from dashboard import data, frame_view, state
from dashboard.i18n import LANGS, set_lang, t
from dashboard.pages import PAGES

# The tab's icon is a file of ours: a material icon would be fetched from fonts.gstatic.com on
# every page open (nothing to fetch offline, and no third party learns who reads what).
ICON = Path(__file__).resolve().parent / "dashboard" / "assets" / "icon.png"
st.set_page_config(page_title="政协履职数据", page_icon=str(ICON), layout="wide")
frame_view.chart_styles()   # first, so that the history rule holds before any filter writes the URL

with st.sidebar:
    lang = state.radio("lang", t("app.language"), LANGS, default="zh", per_page=False,
                       format_func={"zh": "中文", "en": "English"}.get)
set_lang(lang)

data.ensure_warehouse()
data.stop_if_unreadable()

pages = [st.Page(p.file, title=t(p.title), icon=p.icon, url_path=p.slug, default=(i == 0))
         for i, p in enumerate(PAGES)]
# The first page is served at the root; so that its slug (/overview) opens it too, rather than
# a "Page not found" dialog, it is also registered under the slug, hidden from the menu. Its
# default twin takes another (never shown) path, as Streamlit keys pages by their url_path.
first = PAGES[0]
pages[0] = st.Page(first.file, title=t(first.title), icon=first.icon, url_path=f"{first.slug}-home", default=True)
pages.append(st.Page(first.file, title=t(first.title), icon=first.icon, url_path=first.slug, visibility="hidden"))
current = st.navigation(pages)
state.set_page(current.url_path or first.slug)

with st.sidebar:
    st.caption(t("app.built", built=data.build_info().get("built_at", "?")[:16].replace("T", " ")))

frame_view.follow_click()   # a click on a chart's bar or point: to that figure's sentence
current.run()
