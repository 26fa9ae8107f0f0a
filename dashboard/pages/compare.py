"""对比 Compare: one metric, chosen peer committees and years, side by side."""
import streamlit as st

from dashboard import charts, data, figures, frame_view, provenance, rank_charts, ranking, shaping, ui
from dashboard.i18n import current_lang, t
from dashboard.labels import cities_phrase, years_phrase

lang = current_lang()
st.title(t("compare.title"))

years = data.years_with_data()
if not years:
    st.info(t("app.no_data"))
    st.stop()

# ---- filters: metric and scope, peers (prefecture-level by default), cities, years
left, right = st.columns([3, 2])
metric = ui.metric_filter(default="proposals.filed", container=left)
scope = ui.scope_filter(container=right)
levels = ui.level_filter()
of_metric = data.metric_values(metrics=[metric], scopes=[scope], levels=levels or None)
counts = data.peer_counts(metric=metric, levels=levels or None)
choice = ranking.default_year(dict(zip(counts["year"], counts["n_cities"])))
yearly_years = sorted({int(y) for y in of_metric.loc[of_metric["period"] == "year", "year"]})
recent_years = [y for y in yearly_years if choice.year is None or y <= choice.year][-3:] or years[-3:]
# default cities: peers with the figure in the default year, those with the most of the recent years first
recent = ranking.rankable(of_metric[of_metric["year"].isin(recent_years)])
in_default_year = set(recent.loc[recent["year"] == (choice.year or recent_years[-1]), "city"])
most_reported = shaping.most_reported(recent[recent["city"].isin(in_default_year)], 5) \
    or shaping.most_reported(recent, 5)
left, right = st.columns([3, 2])
cities = ui.cities_filter(default=most_reported, container=left, levels=levels or [])
chosen_years = ui.years_filter(years, default=recent_years, container=right)
if not cities or not chosen_years:
    st.info(t("compare.pick_cities"))
    st.stop()

rows = of_metric[of_metric["city"].isin(cities) & of_metric["year"].isin(chosen_years)]
yearly, other_periods = shaping.split_periods(rows)
labels = ui.peer_labels()
is_rate = ui.metric_row(metric).get("unit") == "%"

# ---- chart: one year's figures only; counts as bars from zero, rates as dots on a narrow axis
title = t("chart.compare_title", metric=ui.metric_names()[metric],
          where=cities_phrase([labels.get(c, c) for c in cities], lang), years=years_phrase(chosen_years, lang))
if is_rate:
    fig = figures.figure(rank_charts.compare_dots, yearly, cities, chosen_years, labels, title=title, source="",
                                   axis_title=ui.axis_title(metric), lang=lang)
else:
    fig = figures.figure(charts.compare_bars, yearly, cities, chosen_years, title=title, source="",
                              axis_title=ui.axis_title(metric), lang=lang, labels=labels)
frame_view.framed_chart(fig, yearly, key="compare", filename=f"compare_{metric}", metric_names=ui.metric_names(),
                        catalogue=ui.metrics())
st.caption(t("compare.legend_note"))
st.caption(t("rank.external_note"))
provenance.caption(rows)

missing = shaping.missing_pairs(yearly, cities, chosen_years)
if missing:
    st.info(t("compare.missing", items=ui.listed_pairs(missing)), icon=":material/block:")

# ---- whole-term and part-year figures, listed apart
if len(other_periods):
    st.subheader(t("compare.non_year"))
    ui.show_values_table(other_periods)

# ---- the values drawn, with their sources
ui.show_values_table(yearly)
