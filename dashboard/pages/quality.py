"""数据质量 Data quality: coverage, conflicts side by side, build checks, curation decisions."""
import streamlit as st

from dashboard import charts, data, figures, review_ui, ui
from dashboard.i18n import current_lang, strings, t
from dashboard.labels import cities_phrase, md_plain, number, years_phrase

SHOWN_CONFLICTS = 20

lang = current_lang()
st.title(t("quality.title"))

years = data.years_with_data()
if not years:
    st.info(t("app.no_data"))
    st.stop()
names, metric_names = ui.city_names(), ui.metric_names()


def labelled(column, prefix: str):
    """Codes shown in the interface language (`check.rate_range` -> 比率超出0–100); unknown codes as they are."""
    return column.map(lambda v: t(f"{prefix}.{v}") if f"{prefix}.{v}" in strings() else v)


# ---- filters (empty means all)
left, right = st.columns(2)
chosen_years = ui.years_filter(list(reversed(years)), default=[], container=left)
cities = ui.cities_filter(default=[], container=right)
in_years, in_cities = chosen_years or None, cities or None

# ---- coverage: city × metric, how many of the years have a figure
st.subheader(t("quality.coverage"))
coverage = data.coverage(years=in_years, cities=in_cities)
if coverage.empty:
    st.caption(t("quality.none"))
else:
    matrix = coverage.pivot_table(index="city", columns="metric", values="n_years", fill_value=0)
    matrix = matrix[[m for m in ui.metrics()["metric"] if m in matrix.columns]]
    matrix = matrix.loc[matrix.sum(axis=1).sort_values(ascending=False, kind="mergesort").index]
    matrix.index = [names.get(c, c) for c in matrix.index]
    matrix.columns = [metric_names.get(m, m) for m in matrix.columns]
    fig = figures.figure(
        charts.coverage_heatmap, matrix, title=t("chart.coverage_title", where=cities_phrase(list(matrix.index), lang),
                        years=years_phrase(chosen_years or years, lang)),
        source=ui.source_line(), colourbar_title=t("col.year"), max_years=len(chosen_years or years))
    with st.container(height=min(fig.layout.height + 20, 640), border=False):
        ui.show_chart(fig, "coverage")

# ---- conflicts, both quotes side by side
conflicts = data.conflicts(years=in_years, cities=in_cities)
st.subheader(t("quality.conflicts", n=len(conflicts)))
if conflicts.empty:
    st.caption(t("quality.none"))
for c in conflicts.head(SHOWN_CONFLICTS).itertuples():
    with st.container(border=True):
        st.markdown(md_plain(f"{names.get(c.city, c.city)} · {c.year} · {metric_names.get(c.metric, c.metric)}"
                             f" · {t(f'scope.{c.scope}')} · {t(f'period.{c.period}')}"))
        for side, (value, kind, source, url, quote, fact) in zip(
                st.columns(2), [(c.value_a, c.kind_a, c.source_a, c.url_a, c.quote_a, c.fact_a),
                                (c.value_b, c.kind_b, c.source_b, c.url_b, c.quote_b, c.fact_b)]):
            chosen = f" ✓ {t('quality.chosen')}" if fact == c.chosen else ""
            side.markdown(f"**{number(value)}** · {t(f'kind.{kind}')}{chosen}")
            side.caption(md_plain(source) if isinstance(source, str) else "")
            if isinstance(url, str) and url and url != source:
                side.caption(md_plain(url))
            side.text(quote if isinstance(quote, str) else "—")
if len(conflicts) > SHOWN_CONFLICTS:
    st.caption(t("quality.conflicts_more", shown=SHOWN_CONFLICTS, n=len(conflicts)))

# ---- checks run at build time
checks = data.quality_checks().assign()
for col, prefix in (("check_name", "check"), ("severity", "severity")):
    checks[col] = labelled(checks[col], prefix)
checks["metric"] = checks["metric"].map(lambda m: metric_names.get(m, m))
if lang == "zh":  # the build writes each check's message in both languages
    checks["message"] = checks["message_zh"].where(checks["message_zh"].notna(), checks["message"])
checks = ui.readable(checks.drop(columns="message_zh"))
st.subheader(t("quality.checks", n=len(checks)))
st.dataframe(checks, hide_index=True, width="stretch", column_config={
    "check_name": t("col.check"), "severity": t("col.severity"), "city": t("col.city"),
    "year": t("col.year"), "metric": t("col.metric"),
    "report_id": t("col.report_id"), "message": t("col.message")})

# ---- figures kept off the leaders' pages: awaiting review, held as implausible
review_ui.not_shown_table("pending", "quality.pending")
review_ui.not_shown_table("held", "quality.held")

# ---- analysts' decisions and what became of them
decisions = data.curation_decisions().assign()
for col, prefix in (("action", "action"), ("outcome", "outcome")):
    decisions[col] = labelled(decisions[col], prefix)
st.subheader(t("quality.curation", n=len(decisions)))
st.dataframe(ui.readable(decisions, note_source=True), hide_index=True, width="stretch", column_config={
    "decision_id": t("col.decision"), "action": t("col.action"), "city": t("col.city"),
    "year": t("col.year"), "metric": t("col.metric"),
    "scope": t("col.scope"), "period": t("col.period"), "value": t("col.value"),
    "qualifier": t("col.qualifier"), "expect": t("col.expect"), "fact_id": t("col.fact_id"),
    "report_id": t("col.report_id"), "outcome": t("col.outcome"), "message": t("col.message"),
    "note": t("frame.sources"), "source_url": st.column_config.LinkColumn(t("col.source_url"))})
