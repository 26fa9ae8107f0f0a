"""对比 Compare: one metric, chosen cities and years, side by side."""
import streamlit as st

from dashboard import charts, data, frame_view, shaping, ui
from dashboard.i18n import current_lang, t
from dashboard.labels import cities_phrase, years_phrase

lang = current_lang()
st.title(t("compare.title"))

years = data.years_with_data()
if not years:
    st.info(t("app.no_data"))
    st.stop()

# ---- filters
left, right = st.columns([3, 2])
metric = ui.metric_filter(default="proposals.filed", container=left)
scope = ui.scope_filter(container=right)
of_metric = data.metric_values(metrics=[metric], scopes=[scope])
recent_years = sorted({int(y) for y in of_metric.loc[of_metric["period"] == "year", "year"]})[-3:] or years[-3:]
most_reported = shaping.most_reported(of_metric[of_metric["year"].isin(recent_years)], 5)
left, right = st.columns([3, 2])
cities = ui.cities_filter(default=most_reported, container=left)
chosen_years = ui.years_filter(years, default=recent_years, container=right)
if not cities or not chosen_years:
    st.info(t("compare.pick_cities"))
    st.stop()

rows = of_metric[of_metric["city"].isin(cities) & of_metric["year"].isin(chosen_years)]
yearly, other_periods = shaping.split_periods(rows)
names = ui.city_names()

# ---- chart: one year's figures only
fig = charts.compare_bars(
    yearly, cities, chosen_years,
    title=t("chart.compare_title", metric=ui.metric_names()[metric],
            where=cities_phrase([names.get(c, c) for c in cities], lang),
            years=years_phrase(chosen_years, lang)),
    source="", axis_title=ui.axis_title(metric), lang=lang)
frame_view.framed_chart(fig, yearly, key="compare", filename=f"compare_{metric}", metric_names=ui.metric_names(),
                        catalogue=ui.metrics())
st.caption(t("compare.legend_note"))

missing = shaping.missing_pairs(yearly, cities, chosen_years)
if missing:
    st.info(t("compare.missing", items=ui.listed_pairs(missing)), icon=":material/block:")

# ---- whole-term and part-year figures, listed apart
if len(other_periods):
    st.subheader(t("compare.non_year"))
    ui.show_values_table(other_periods)

# ---- the values drawn, with their sources
ui.show_values_table(yearly)
