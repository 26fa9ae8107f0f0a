"""城市档案 City profile: one city's figures by year, their sources, its reports and ranks."""
import pandas as pd
import streamlit as st

from dashboard import charts, data, figures, frame_view, provenance, ranking, shaping, state, ui
from dashboard.i18n import current_lang, t
from dashboard.labels import md_plain, value_label, years_phrase

lang = current_lang()
st.title(t("city.title"))

known = ui.cities()
if known.empty:
    st.info(t("app.no_data"))
    st.stop()
names = ui.city_names()

# ---- filters
in_view = state.chosen("cities") or []
busiest = known.sort_values(["n_values", "city"], ascending=[False, True])["city"].iloc[0]
left, right = st.columns([3, 1])
city = state.selectbox("city", t("filter.city"), list(names), default=(in_view or [busiest])[0],
                       format_func=names.get, container=left)
values = data.metric_values(cities=[city])
city_years = sorted({int(y) for y in values["year"]}, reverse=True) or data.years_with_data()[::-1]
yearly_counts = values.loc[values["period"] == "year", "year"].value_counts().sort_index()
fullest_year = int(yearly_counts.idxmax()) if len(yearly_counts) else city_years[0]
year = state.selectbox("year", t("filter.year"), city_years, default=fullest_year, container=right)

info = known[known["city"] == city].iloc[0]
st.caption(" · ".join(str(x) for x in (info["full_name"], info["english"], info["province"],
                                         t(f"level.{info['level']}") if isinstance(info["level"], str) else None)
                      if isinstance(x, str) and x))

# ---- where it ranks among its peers (committees of its level), as the words allow
level = info["level"] if isinstance(info["level"], str) else None
peer_values = ranking.rankable(data.metric_values(years=[year], levels=[level] if level else None))
peer_values = peer_values[peer_values["city"].isin(in_view) | (peer_values["city"] == city)] if in_view else peer_values
n_peers = peer_values["city"].nunique()
st.subheader(t("city.ranks", year=year, n=n_peers))
st.caption(t("city.ranks_peers", level=t(f"level.{level}") if level else "—"))
metric_names = ui.metric_names()
catalogue = ui.metrics()
higher = dict(zip(catalogue["metric"], catalogue["higher_is_better"].astype(bool)))
rates = set(catalogue.loc[catalogue["unit"] == "%", "metric"])
order = dict(zip(catalogue["metric"], catalogue["sort_order"]))
mine = ranking.ranks_of(peer_values, city, higher, rates)
mine = mine.assign(order=mine["metric"].map(order)).sort_values("order")
def rank_of(r) -> str:
    """'第3名 / 共5市', '并列第1名 / 共5市', '第2–3名 / 共5市'; nothing to rank against alone."""
    if r.n <= 1:
        return t("rank.alone_cell")
    if r.tie and r.rank_lo != r.rank_hi:
        return t("city.rank_tied", rank=r.rank_lo, n=r.n)
    return t("city.rank_of", rank=ranking.rank_label(r.rank_lo, r.rank_hi, False, lang), n=r.n)


ranks = pd.DataFrame({
    "metric": [metric_names.get(m, m) for m in mine["metric"]],
    "shown": [value_label(r.value, r.unit, r.qualifier, lang,
                          r.quote if isinstance(getattr(r, "quote", None), str) else None) for r in mine.itertuples()],
    "rank": [rank_of(r) for r in mine.itertuples()],
})
st.dataframe(ranks, hide_index=True, column_config=ui.value_columns(), height=38 + 35 * len(ranks))

# ---- every metric over the years, next to the median of its peers
peers = sorted(set(in_view) | {city}) if in_view else None
yearly = values[values["period"] == "year"]
committee = yearly[yearly["scope"] == "committee"]
if len(committee):
    drawn = [m for m in ui.metrics()["metric"] if m in set(committee["metric"])]
    level = info["level"] if isinstance(info["level"], str) else None
    peer_values = data.metric_values(metrics=drawn, scopes=["committee"], periods=["year"],
                                     cities=peers, levels=None if peers else ([level] if level else None))
    span = list(range(int(committee["year"].min()), int(committee["year"].max()) + 1))
    peer_label = t("city.peers_chosen", n=len(peers) - 1) if peers else t("city.peers_level",
                                                                       level=t(f"level.{level}") if level else "")
    fig = figures.figure(
        charts.city_over_years, committee, shaping.peer_median(peer_values[peer_values["year"].isin(span)], exclude=city), drawn,
        {m: ui.axis_title(m) for m in drawn}, city, span,
        title=t("chart.city_title", city=names.get(city, city), years=years_phrase(span, lang)),
        source="", median_name=peer_label, lang=lang)
    frame_view.framed_chart(fig, committee, key="city", filename=f"city_{city}", metric_names=metric_names,
                            catalogue=ui.metrics())

# ---- every metric by year
st.subheader(t("city.by_year"))
if len(yearly):
    labels = ui.values_table(yearly).assign(
        row=[f"{m}（{t('scope.citywide')}）" if s == "citywide" else m
             for m, s in zip(yearly["metric"].map(metric_names), yearly["scope"])],
        order=list(yearly["sort_order"]))
    by_year = (labels.pivot_table(index=["order", "row"], columns="year", values="shown", aggfunc="first")
               .fillna("").reset_index(level=0, drop=True).rename_axis(t("col.metric")))
    by_year.columns = [str(c) for c in by_year.columns]
    st.dataframe(by_year, width="stretch", height=min(38 + 35 * len(by_year), 600))

# ---- every figure with its source quote
st.subheader(t("city.details"))
ui.show_values_table(values, height=min(400, 38 + 35 * len(values)))
provenance.caption(values)

# ---- its reports, to read
st.subheader(t("city.reports"))
city_reports = data.reports(city=city)
if city_reports.empty:
    st.caption(t("city.no_reports"))
elif len(city_reports) > 10:
    st.caption(t("city.more_reports", shown=10, n=len(city_reports)))
for report in city_reports.head(10).itertuples():
    meta = " · ".join(str(x) for x in (report.source, report.published) if isinstance(x, str) and x)
    with st.expander(md_plain(f"{report.year} · {report.title}" + (f"（{meta}）" if meta else ""))):
        if isinstance(report.url, str) and report.url:
            st.link_button(t("col.link"), report.url, icon=":material/open_in_new:")
        st.page_link("dashboard/pages/sources.py", label=t("city.open_sources"), icon=":material/article:",
                     query_params={"report": report.report_id})
        st.text(data.report_text(report_id=report.report_id) or "")
