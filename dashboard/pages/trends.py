"""趋势 Trends: one metric over the years, a line per city."""
import streamlit as st

from dashboard import charts, data, figures, frame_view, provenance, shaping, ui
from dashboard.i18n import current_lang, t
from dashboard.labels import cities_phrase, years_phrase

lang = current_lang()
st.title(t("trends.title"))

if not data.years_with_data():
    st.info(t("app.no_data"))
    st.stop()

# ---- filters
left, right = st.columns([3, 2])
metric = ui.metric_filter(default="proposals.filed", container=left)
scope = ui.scope_filter(container=right)
levels = ui.level_filter()
of_metric = data.metric_values(metrics=[metric], scopes=[scope], periods=["year"], levels=levels or None)
most_reported = shaping.most_reported(of_metric, 5)   # the peers with the most years of the metric
cities = ui.cities_filter(default=most_reported, levels=levels)
if not cities:
    st.info(t("compare.pick_cities"))
    st.stop()

rows = of_metric[of_metric["city"].isin(cities)]
if rows.empty:
    st.info(t("overview.no_values"))
    st.stop()
span = list(range(int(rows["year"].min()), int(rows["year"].max()) + 1))
names = ui.peer_labels()

# ---- chart: missing years break the lines
fig = figures.figure(
    charts.trend_lines, shaping.full_grid(rows, cities, span), cities, span,
    title=t("chart.trend_title", metric=ui.metric_names()[metric],
            where=cities_phrase([names.get(c, c) for c in cities], lang), years=years_phrase(span, lang)),
    source="", axis_title=ui.axis_title(metric), lang=lang, labels=names)
frame_view.framed_chart(fig, rows, key="trend", filename=f"trend_{metric}", metric_names=ui.metric_names(),
                        catalogue=ui.metrics())
st.caption(t("trends.gaps"))
st.caption(t("rank.external_note"))
provenance.caption(rows)

# ---- how much of the chosen span has figures, in one line
coverage = shaping.coverage_summary(rows, cities, span)
st.caption(ui.coverage_line(coverage, span))

# ---- the values drawn, with their sources
ui.show_values_table(rows)
