"""A chart in its frame, as Our World in Data's grapher shows one: the title above (wrapping,
never clipped), then 图表 / 表格 / 来源 / 下载 tabs, the sources under the chart, and a click
on a bar or point (or a table row's link) that opens the Sources page at that sentence.

The pieces are plain functions in dashboard/frame.py and dashboard/provenance.py; this
module only lays them out with Streamlit.
"""
from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from dashboard import charts, data, frame, provenance
from dashboard.i18n import current_lang, t
from dashboard.labels import md_plain
from dashboard.pages import page

_GOTO = "frame:goto"      # session key: where a click asked to go, read once at the next run

# plotly.js's own words (toolbar, hints) in Chinese: config.locales carries the dictionary,
# so no locale script has to be loaded.
PLOTLY_ZH = {
    "Download plot as a png": "下载图片（PNG）", "Download plot as a PNG": "下载图片（PNG）",
    "Fullscreen": "全屏", "Exit fullscreen": "退出全屏", "Download plot": "下载图片", "Zoom": "缩放",
    "Pan": "平移", "Box Select": "框选", "Lasso Select": "套索选择", "Zoom in": "放大",
    "Zoom out": "缩小", "Autoscale": "自动缩放", "Reset axes": "重置坐标轴", "Reset view": "重置视图",
    "Toggle Spike Lines": "显示/隐藏辅助线", "Show closest data on hover": "悬停显示最近的数据",
    "Compare data on hover": "悬停比较数据", "Produced with Plotly.js": "由 Plotly.js 生成",
    "Double-click to zoom back out": "双击恢复原始大小", "Taking snapshot - this may take a few seconds":
    "正在生成图片，请稍候", "Click to enter Plot title": "点击输入图表标题",
    "Click to enter X axis title": "点击输入 X 轴标题", "Click to enter Y axis title": "点击输入 Y 轴标题",
    "Click to enter Colorscale title": "点击输入色标标题", "trace": "序列", "Reset": "重置",
}
PLOTLY_ZH_FORMAT = {
    "decimal": ".", "thousands": ",", "grouping": [3], "currency": ["¥", ""],
    "days": ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
    "shortDays": ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
    "months": [f"{i}月" for i in range(1, 13)], "shortMonths": [f"{i}月" for i in range(1, 13)],
    "date": "%Y-%m-%d",
}


def plotly_config(filename: str, lang: str) -> dict:
    """The toolbar in the interface language; its camera saves `filename`.png."""
    config = charts.png_config(filename) | {
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "toggleSpikelines", "hoverCompareCartesian"]}
    if lang == "zh":
        config |= {"locale": "zh-CN", "locales": {"zh-CN": {"dictionary": PLOTLY_ZH, "format": PLOTLY_ZH_FORMAT}}}
    return config


def sentence_query(report_id: str, fact_id: str) -> dict[str, str]:
    return {"report": report_id, "fact": fact_id}


def _remember_click(key: str) -> None:
    """on_select: keep where the clicked value's sentence is; the next run goes there."""
    event = st.session_state.get(key)
    points = (event or {}).get("selection", {}).get("points", []) if isinstance(event, dict) else \
        getattr(getattr(event, "selection", None), "points", []) or []
    for point in points:
        custom = point.get("customdata") or []
        if len(custom) >= 8 and (custom[5] or custom[7]):
            st.session_state[_GOTO] = {"report": custom[5], "fact": custom[6], "url": custom[7]}
            return


def follow_click() -> None:
    """Where a click on a chart asked to go: the Sources page at that sentence (a report's
    figure), or a notice with the outside page's link (a curated figure)."""
    goto = st.session_state.pop(_GOTO, None)
    if not goto:
        return
    if goto.get("report"):
        st.switch_page(page("sources").file, query_params=sentence_query(goto["report"], goto["fact"]))
    elif goto.get("url"):
        st.info(t("frame.outside_click", url=goto["url"]), icon=":material/open_in_new:")


def _sources_markdown(sources: list[provenance.Source], lang: str) -> str:
    lines = []
    for s in sources:
        name = md_plain(provenance.describe(s, lang))
        if s.url:
            lines.append(f"- [{name}]({s.url.replace(')', '%29')})")
        else:
            lines.append(f"- {name}")
    return "\n".join(lines)


def _table_with_links(rows: pd.DataFrame, lang: str, metric_names: dict) -> tuple[pd.DataFrame, dict]:
    table = frame.drawn_table(rows, lang, metric_names)
    link_col = t("col.open")
    links = [f"{page('sources').slug}?{urlencode(sentence_query(r, f))}" if isinstance(r, str) and r else
             (u if isinstance(u, str) and u else None)
             for r, f, u in zip(rows.get("report_id", [None] * len(rows)), rows.get("fact_id", [None] * len(rows)),
                                rows.get("source_url", [None] * len(rows)))]
    table.insert(len(table.columns) - 1, link_col, links)
    config = {link_col: st.column_config.LinkColumn(link_col, display_text=t("frame.open_sentence")),
              t("col.source_url"): st.column_config.LinkColumn(t("col.source_url")),
              t("col.year"): st.column_config.NumberColumn(t("col.year"), format="%d")}
    return table, config


def framed_chart(fig, rows: pd.DataFrame, *, key: str, filename: str, metric_names: dict,
                 catalogue: pd.DataFrame | None = None, scroll_height: int | None = None,
                 clickable: bool = True) -> None:
    """`fig` (made with an empty source) in its frame; `rows` are exactly the values it draws."""
    lang = current_lang()
    title = fig.layout.title.text or ""
    subtitle = fig.layout.title.subtitle.text if fig.layout.title.subtitle else None
    sources = provenance.chart_sources(rows, lang)
    built = data.build_info().get("built_at", "")[:10]
    st.markdown(f"<div class='zx-chart-title'>{title}</div>"
                + (f"<div class='zx-chart-subtitle'>{subtitle}</div>" if subtitle else ""),
                unsafe_allow_html=True)   # both were escaped when the figure was made (charts._safe)
    # Only the open tab is drawn (the others rerun the page when chosen): a page of four charts
    # then sends four charts, not four charts, four tables and sixteen buttons.
    chart_tab, table_tab, sources_tab, download_tab = st.tabs(
        [t("frame.chart"), t("frame.table"), t("frame.sources"), t("frame.download")],
        key=f"tabs:{key}", on_change="rerun")
    if chart_tab.open:
        _chart(chart_tab, fig, sources, key=key, filename=filename, lang=lang, clickable=clickable,
               scroll_height=scroll_height)
    if table_tab.open:
        with table_tab:
            table, config = _table_with_links(rows, lang, metric_names)
            st.dataframe(table, hide_index=True, width="stretch", column_config=config,
                         height=min(420, 38 + 35 * len(table)))
    if sources_tab.open:
        with sources_tab:
            st.markdown(t("frame.n_sources", n=len(sources)))
            st.markdown(_sources_markdown(sources, lang))
            st.caption(t("frame.cite_as"))
            st.code(frame.citation(title, sources, built, lang), language=None, wrap_lines=True)
    if download_tab.open:
        with download_tab:
            _downloads(fig, rows, sources, filename, title, built, lang, metric_names, catalogue)


def _chart(tab, fig, sources, *, key, filename, lang, clickable, scroll_height) -> None:
    with tab:
        screen = frame.for_screen(fig)
        options = dict(on_select=lambda: _remember_click(key), selection_mode="points") if clickable else {}
        scroll_height = min(scroll_height, int(screen.layout.height) + 20) if scroll_height else None
        box = st.container(height=scroll_height, border=False) if scroll_height else st.container()
        with box:
            st.plotly_chart(screen, width="stretch", config=plotly_config(filename, lang), key=key, **options)
        lines = provenance.source_lines(sources, lang, width=10_000)
        st.caption(md_plain(lines[0]) + (f" · {t('frame.click_hint_short')}" if clickable else ""))


def _downloads(fig, rows, sources, filename, title, built, lang, metric_names, catalogue) -> None:
    table = lambda: frame.drawn_table(rows, lang, metric_names)  # noqa: E731 - made when clicked
    columns = st.columns(4)
    columns[0].download_button(t("frame.download_csv"), data=lambda: frame.csv_bytes(table()),
                               file_name=f"{filename}.csv", mime=frame.TABLE_FORMATS["csv"], on_click="ignore",
                               icon=":material/download:", width="stretch", key=f"{filename}:csv")
    columns[1].download_button(
        t("frame.download_xlsx"), file_name=f"{filename}.xlsx", mime=frame.TABLE_FORMATS["xlsx"],
        data=lambda: frame.xlsx_bytes(table(), provenance.sources_table(sources, lang),
                                      frame.notes_table(rows, lang, catalogue), lang),
        on_click="ignore", icon=":material/download:", width="stretch", key=f"{filename}:xlsx")
    if frame.images_available():
        lines = provenance.source_lines(sources, lang, width=70)
        for column, fmt in zip(columns[2:], ("png", "svg")):
            column.download_button(
                t(f"frame.download_{fmt}"), file_name=f"{filename}.{fmt}", mime=frame.IMAGE_FORMATS[fmt],
                data=lambda f=fmt: frame.image_bytes(frame.with_sources(fig, lines), f),
                on_click="ignore", icon=":material/image:", width="stretch", key=f"{filename}:{fmt}")
    else:
        st.caption(t("frame.no_images"))
    st.caption(t("frame.cite_as"))
    st.code(frame.citation(title, sources, built, lang), language=None, wrap_lines=True)


# Streamlit pushes a browser-history entry whenever a script changes st.query_params (each
# filter change, even the language switch), so Back undid one widget at a time. A push that
# keeps the page's path (only the query changes) becomes a replace: filter changes replace the
# URL, a move to another page still adds one entry, and a shared link still holds the view.
HISTORY_SCRIPT = """<script>
(function () {
  var w = window;
  if (w.__zxHistory) { return; }
  w.__zxHistory = true;
  var push = w.history.pushState.bind(w.history);
  w.history.pushState = function (state, title, url) {
    try {
      var next = new URL(url, w.location.href);
      if (next.pathname === w.location.pathname) { return w.history.replaceState(state, title, url); }
    } catch (e) { /* an odd URL: let the browser push it */ }
    return push(state, title, url);
  };
})();
</script>"""


def chart_styles() -> None:
    """CSS for frames and narrow screens, and the history rule above, once per page run."""
    st.html(HISTORY_SCRIPT, unsafe_allow_javascript=True)
    st.html("""<style>
.zx-chart-title{font-weight:600;font-size:1.05rem;line-height:1.35;margin:0.2rem 0 0}
.zx-chart-subtitle{color:#4b5563;font-size:0.85rem;margin-bottom:0.1rem}
@media (max-width: 640px){
  [data-testid="stMainBlockContainer"]{padding-top:3.5rem!important}
  [data-testid="stMain"] h1{font-size:2rem!important}
  .st-key-cards [data-testid="stMetricDelta"]{display:none}
  .st-key-cards [data-testid="stColumn"]{min-width:calc(50% - 0.5rem)!important;flex:1 1 calc(50% - 0.5rem)!important}
  .st-key-cards [data-testid="stHorizontalBlock"]{flex-wrap:wrap!important;gap:0.5rem!important}
  .st-key-cards [data-testid="stMetricValue"]{font-size:1.4rem}
  .js-plotly-plot .heatmaplayer text, .js-plotly-plot .hm text{display:none}
}
</style>""")
