"""总览 Overview: the chosen year at a glance, for leaders — peers compared with peers."""
import streamlit as st

from dashboard import data, figures, frame_view, provenance, rank_charts, ranking, state, ui
from dashboard.i18n import current_lang, t
from dashboard.labels import listing, md_plain, value_label, years_phrase

lang = current_lang()
st.title(t("overview.title"))

years = data.years_with_data()
if not years:
    st.info(t("app.no_data"))
    st.stop()

# ---- filters: peers first (they decide the default year), then year, province, how many
lead_metric = ui.HEADLINE_METRICS[0]
names = ui.metric_names()
# Folded away: on a phone the first ranking is then within the first screen.
with st.expander(t("overview.filters"), icon=":material/tune:"):
    top, bottom = st.columns([2, 1]), st.columns([1, 2, 1])
levels = ui.level_filter(container=top[0])
provinces = sorted(ui.cities()["province"].dropna().unique())
chosen_provinces = state.multiselect("province", t("filter.province"), provinces, container=bottom[1],
                                     placeholder=t("filter.all_hint"))
counts = data.peer_counts(metric=lead_metric, levels=levels or None, provinces=chosen_provinces or None)
choice = ranking.default_year(dict(zip(counts["year"], counts["n_cities"])))
year = state.selectbox("year", t("filter.year"), list(reversed(years)), default=choice.year or years[-1],
                       container=bottom[0])
top_n = state.selectbox("top", t("filter.top_n"), [5, 10, 15, 20], default=10, container=bottom[2])
if choice.year is not None:
    why = t("rank.year_why", year=choice.year, wanted=choice.wanted, peers=t("rank.peers_word"),
            metric=names[lead_metric], n=choice.n_peers)
    if choice.later:
        why += " " + t("rank.year_later", later=listing([f"{y}（{n}）" if lang == "zh" else f"{y} ({n})"
                                                          for y, n in choice.later], lang))
    top[1].caption(md_plain(why))

values = data.metric_values(years=[year], levels=levels or None, provinces=chosen_provinces or None)
ranked_rows = ranking.rankable(values)
not_ranked = values[~values.index.isin(ranked_rows.index)]
if ranked_rows.empty:
    st.info(t("overview.nothing"))
    st.stop()
peers = list(dict.fromkeys(ranked_rows["city"]))        # peers with any yearly figure this year
labels = ui.peer_labels()
label = lambda city: labels.get(city, city)  # noqa: E731
catalogue = ui.metrics()
higher = dict(zip(catalogue["metric"], catalogue["higher_is_better"].astype(bool)))


by_metric = {m: rows for m, rows in ranked_rows.groupby("metric", sort=False)}
_ranked: dict = {}


def ranked_metric(metric: str):
    """One metric's ranking among the peers (computed once: cards and charts share it)."""
    if metric not in _ranked:
        is_rate = ui.metric_row(metric).get("unit") == "%"
        rows = by_metric.get(metric, ranked_rows.iloc[0:0])
        _ranked[metric] = ranking.rank_values(rows, higher.get(metric, True), is_rate), is_rate
    return _ranked[metric]


# ---- headline cards: a count of committees, then who leads each headline metric; what the
# card rests on (year, how many peers have the figure, tie or uncertain order) wraps below it
cards = st.container(key="cards").columns(1 + len(ui.HEADLINE_METRICS))   # two by two on a phone
with cards[0].container(border=True):
    st.metric(t("rank.peers_count"), len(peers), delta=years_phrase([year], lang), delta_color="off",
              delta_arrow="off", help=t("rank.peers_count_help"))
sep = "；" if lang == "zh" else "; "
for card, metric in zip(cards[1:], ui.HEADLINE_METRICS):
    ranked, is_rate = ranked_metric(metric)
    head = ranking.headline(ranked, len(peers), lambda r: value_label(r.value, r.unit, r.qualifier, lang,
                                                                   r.quote if isinstance(getattr(r, "quote", None), str) else None)
                            + ("" if is_rate or lang != "zh" else r.unit or ""))
    box = card.container(border=True)
    if head is None:
        box.metric(names[metric], "—", delta=years_phrase([year], lang), delta_color="off", delta_arrow="off")
        box.caption(t("rank.coverage", year=year, n_peers=len(peers), n_with=0))
        continue
    word = ("rank.headline_highest" if higher.get(metric, True) else "rank.headline_lowest") if is_rate else \
        ("rank.headline_most" if higher.get(metric, True) else "rank.headline_least")
    title = names[metric] if head.alone else t(word, metric=names[metric] if lang == "zh" else names[metric].lower())
    shown = head.leaders[:3]
    more = "…" if len(head.leaders) > 3 else ""
    note = t("rank.coverage", year=year, n_peers=head.n_peers, n_with=head.n_with)
    if head.tie or len(head.leaders) == 1:      # '潍坊 571件'; tied: '淄博、潍坊 100%'
        who = listing([label(c) for c in shown], lang) + more + f" {head.values[0]}"
        if head.alone:
            note += sep + t("rank.headline_alone")
        elif head.tie:
            note += sep + t("rank.headline_tie")
    else:                                       # uncertain: '周口、潍坊', values in the note
        who = listing([label(c) for c in shown], lang) + more
        note += sep + t("rank.headline_uncertain") + ("：" if lang == "zh" else ": ") + listing(
            [f"{label(c)} {v}" for c, v in zip(shown, head.values)], lang)
    if head.conflict:
        note += sep + t("rank.headline_conflict")
    box.metric(title, who, delta=years_phrase([year], lang), delta_color="off", delta_arrow="off")
    box.caption(md_plain(note))

# ---- a ranking per headline metric, among peers, naming the peers without the figure
st.subheader(t("overview.rankings"))
for column, metric in zip(st.columns(len(ui.HEADLINE_METRICS)), ui.HEADLINE_METRICS):
    ranked, is_rate = ranked_metric(metric)
    with column:
        if ranked.empty:
            st.caption(f"{names[metric]}：{t('overview.no_values')}")
        else:
            shown = ranking.top_and_bottom(ranked, top_n)
            subtitle = (t("chart.top_bottom", n=top_n, total=len(ranked)) if len(ranked) > 2 * top_n
                        else t("chart.all_cities", n=len(ranked)))
            if chosen_provinces:
                subtitle = f"{listing(chosen_provinces, lang)} {subtitle}"
            row_labels = [f"{ranking.rank_label(r.rank_lo, r.rank_hi, r.tie, lang)}. {label(r.city)}"
                          for r in shown.itertuples()]
            fig = figures.figure(
                rank_charts.ranking_chart, shown, row_labels, is_rate=is_rate,
                title=t("chart.ranking_title", metric=names[metric], year=years_phrase([year], lang)),
                subtitle=subtitle, source="", axis_title=ui.axis_title(metric), lang=lang)
            frame_view.framed_chart(fig, shown, key=f"ranking:{metric}", filename=f"ranking_{metric}_{year}",
                                    metric_names=names, catalogue=catalogue)
            if is_rate:
                st.caption(t("rank.interval"))
            conflicted = shown.loc[shown["has_conflict"].fillna(False).astype(bool), "city"]
            if len(conflicted):
                st.caption(md_plain(t("rank.conflict_note", names=listing([label(c) for c in conflicted], lang))))
        missing = ranking.missing_peers(peers, ranked["city"] if len(ranked) else [])
        st.caption(md_plain(t("rank.missing", names=listing([label(c) for c in missing], lang))
                            if missing else t("rank.none_missing")))
        apart = not_ranked[not_ranked["metric"] == metric]
        if len(apart):
            items = [f"{label(r.city)} {value_label(r.value, r.unit, r.qualifier, lang)}（{t(f'period.{r.period}')}·"
                     f"{t(f'scope.{r.scope}')}）" for r in apart.itertuples()]
            st.caption(md_plain(t("rank.not_ranked", items=listing(items, lang))))

st.caption(t("rank.uncertain_note"))      # under the rankings: on a phone the first one is then in view

# ---- who leads where: positions among peers; a city alone on a metric is grey
st.subheader(t("overview.heatmap"))
st.caption(t("rank.heatmap_help"))
cells = ranking.scaled_cells(ranked_rows, higher)
order = ranking.leaders_first(cells)
rows_shown = order[: max(3 * top_n, 30)]
where = listing([label(c) for c in rows_shown[:3]], lang)
if len(rows_shown) < len(order):
    where = t("overview.heatmap_where", n=len(rows_shown), total=len(order))
elif len(rows_shown) > 3:
    where = t("chart.all_cities", n=len(rows_shown))
if len(rows_shown) < len(order):
    st.caption(t("overview.heatmap_rows", n=len(rows_shown), total=len(order)))
present = set(cells["metric"])
metric_order = [m for m in catalogue["metric"] if m in present]
if len(metric_order) > rank_charts.HEATMAP_TEXT_COLUMNS:
    st.caption(t("rank.heatmap_hover"))
fig = figures.figure(
    rank_charts.peer_heatmap, cells[cells["city"].isin(rows_shown)], rows_shown, metric_order, names, labels,
    title=t("chart.heatmap_title", where=where, year=years_phrase([year], lang)),
    source="", colourbar_title=t("chart.scaled"), lang=lang)
frame_view.framed_chart(fig, values[values["city"].isin(rows_shown)], key="heatmap", filename=f"heatmap_{year}",
                        metric_names=names, catalogue=catalogue, scroll_height=min(fig.layout.height + 20, 720),
                        clickable=False)
provenance.caption(values)
