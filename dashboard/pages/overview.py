"""总览 Overview: the chosen year at a glance, for leaders."""
import streamlit as st

from dashboard import charts, data, frame_view, shaping, state, ui
from dashboard.i18n import current_lang, t
from dashboard.labels import cities_phrase, listing, number, years_phrase

lang = current_lang()
st.title(t("overview.title"))

years = data.years_with_data()
if not years:
    st.info(t("app.no_data"))
    st.stop()

# ---- filters
per_year = data.cities_per_year()
busiest_year = int(per_year.sort_values(["n_cities", "year"]).iloc[-1]["year"]) if len(per_year) else years[-1]
# Folded away, its current choice in the label: on a phone the first ranking is one screen down.
with st.expander(t("overview.filters"), icon=":material/tune:"):
    left, middle, right = st.columns([1, 2, 1])
year = state.selectbox("year", t("filter.year"), list(reversed(years)), default=busiest_year,
                       container=left)
provinces = sorted(ui.cities()["province"].dropna().unique())
chosen_provinces = state.multiselect("province", t("filter.province"), provinces, container=middle,
                                     placeholder=t("filter.all_hint"))
top_n = state.selectbox("top", t("filter.top_n"), [5, 10, 15, 20], default=10, container=right)
scope = "committee"

values = data.metric_values(years=[year], scopes=[scope], periods=["year"],
                            provinces=chosen_provinces or None)
if values.empty:
    st.info(t("overview.nothing"))
    st.stop()
in_view = list(dict.fromkeys(values["city"]))
city_names = ui.city_names()
where = cities_phrase([city_names.get(c, c) for c in in_view], lang)

# ---- headline cards
cards = st.container(key="cards").columns(1 + len(ui.HEADLINE_METRICS))
cards[0].metric(t("overview.cities_covered"), len(in_view), delta=years_phrase([year], lang), delta_color="off",
                delta_arrow="off", help=t("overview.cities_help"), border=True)
names = ui.metric_names()
for card, metric in zip(cards[1:], ui.HEADLINE_METRICS):
    rows = values[values["metric"] == metric]
    is_rate = ui.metric_row(metric).get("unit") == "%"
    if rows.empty:
        card.metric(names[metric], "—", help=t("overview.no_values"), border=True)
        continue
    # What the number is (a sum or a median, over how many cities) goes under it, as a grey note.
    card.metric(names[metric], f"{number(rows['value'].median())}%" if is_rate else number(rows["value"].sum()),
                delta=t("overview.median_of" if is_rate else "overview.total_of", n=len(rows)),
                delta_color="off", delta_arrow="off", border=True,
                help=t("overview.median_help" if is_rate else "overview.total_help", n=len(rows)))

# ---- a ranking per headline metric
catalogue = ui.metrics()
st.subheader(t("overview.rankings"))
for column, metric in zip(st.columns(len(ui.HEADLINE_METRICS)), ui.HEADLINE_METRICS):
    row = ui.metric_row(metric)
    rows = values[values["metric"] == metric]
    with column:
        if rows.empty:
            st.caption(f"{names[metric]}：{t('overview.no_values')}")
            continue
        ranked = shaping.top_and_bottom(rows, top_n, bool(row.get("higher_is_better", True)))
        shown = (t("chart.top_bottom", n=top_n, total=len(rows)) if len(rows) > 2 * top_n
                 else t("chart.all_cities", n=len(rows)))
        if chosen_provinces:
            shown = f"{listing(chosen_provinces, lang)} {shown}"
        fig = charts.ranking_bars(
            ranked, title=t("chart.ranking_title", metric=names[metric], year=years_phrase([year], lang)),
            subtitle=shown, source="", axis_title=ui.axis_title(metric), lang=lang)
        frame_view.framed_chart(fig, ranked, key=f"ranking:{metric}", filename=f"ranking_{metric}_{year}",
                                metric_names=names, catalogue=catalogue)

# ---- who leads where
st.subheader(t("overview.heatmap"))
st.caption(t("overview.heatmap_help"))
higher = dict(zip(catalogue["metric"], catalogue["higher_is_better"].astype(bool)))
scaled = shaping.scaled_by_metric(values, higher)
leaders = shaping.leaders_first(scaled)
rows_shown = leaders[: max(3 * top_n, 30)]
if len(rows_shown) < len(leaders):
    st.caption(t("overview.heatmap_rows", n=len(rows_shown), total=len(leaders)))
    where = t("overview.heatmap_where", n=len(rows_shown), total=len(leaders))
metric_order = [m for m in catalogue["metric"] if m in set(values["metric"])]
fig = charts.scaled_heatmap(
    scaled[scaled["city"].isin(rows_shown)], rows_shown, metric_order, names, city_names,
    title=t("chart.heatmap_title", where=where, year=years_phrase([year], lang)),
    source="", colourbar_title=t("chart.scaled"), lang=lang)
frame_view.framed_chart(fig, values[values["city"].isin(rows_shown)], key="heatmap", filename=f"heatmap_{year}",
                        metric_names=names, catalogue=catalogue, scroll_height=min(fig.layout.height + 20, 720),
                        clickable=False)
