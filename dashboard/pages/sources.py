"""来源 Sources: read a report with every extracted figure highlighted."""
import streamlit as st

from dashboard import data, highlight, state, ui
from dashboard.i18n import current_lang, t
from dashboard.labels import md_plain, value_label

lang = current_lang()
st.title(t("sources.title"))

reports = data.reports()
if reports.empty:
    st.info(t("sources.no_reports"))
    st.stop()

# ---- filters: the report, then a figure in it
of_city = data.reports(city=state.chosen("city")) if state.chosen("city") else reports.head(0)
titles = {r.report_id: f"{r.year} · {r.cities} · {r.title}" for r in reports.itertuples()}
report_id = state.selectbox("report", t("filter.report"), list(titles), format_func=titles.get,
                            default=(list(of_city["report_id"]) or list(titles))[0])
report = reports[reports["report_id"] == report_id].iloc[0]
text = data.report_text(report_id=report_id) or ""
facts = data.report_facts(report_id=report_id)
facts = facts[(facts["status"] != "rejected") & facts["start_pos"].notna()]
names = ui.metric_names()
st.caption(md_plain(t("sources.meta", city=report["cities"], year=report["year"],
                      source=report["source"] if isinstance(report["source"], str) else "—",
                      published=report["published"] if isinstance(report["published"], str) else "—",
                      n=len(facts))))

if facts.empty:
    st.info(t("sources.no_facts"))
    fact_id = None
else:
    colon, (left, right) = ("：", "（）") if lang == "zh" else (": ", (" (", ")"))
    fact_labels = {f.fact_id: f"{names.get(f.metric, f.metric)}{colon}{value_label(f.value, f.unit, f.qualifier, lang)}"
                   f"{left}{t(f'kind.{f.kind}')}{right}" for f in facts.itertuples()}
    fact_id = state.selectbox("fact", t("filter.fact"), list(fact_labels), format_func=fact_labels.get,
                              default=facts["fact_id"].iloc[0])

# ---- the chosen figure in its sentence
if fact_id is not None:
    fact = facts[facts["fact_id"] == fact_id].iloc[0]
    sentence = fact["sentence"] if isinstance(fact["sentence"], str) else fact["quote"]
    at = sentence.find(fact["quote"]) if isinstance(fact["quote"], str) else -1
    chosen_mark = [highlight.Mark(at, at + len(fact["quote"]), f"ctx-{fact_id}",
                                  highlight.CATEGORY_COLOURS.get(fact["category"], highlight.OTHER_COLOUR),
                                  names.get(fact["metric"], fact["metric"]), chosen=True)] if at >= 0 else []
    with st.container(border=True):
        st.markdown(f"**{t('sources.fact_context')}** · [{t('sources.jump')}](#{highlight.anchor_id(fact_id)})")
        st.markdown(highlight.highlighted_html(sentence, chosen_mark), unsafe_allow_html=True)

# ---- the whole report, every figure marked (colour: category)
st.markdown(highlight.legend_html(ui.category_colours(), t("sources.legend")), unsafe_allow_html=True)
marks = [highlight.Mark(int(f.start_pos), int(f.end_pos), f.fact_id,
                        highlight.CATEGORY_COLOURS.get(f.category, highlight.OTHER_COLOUR),
                        f"{names.get(f.metric, f.metric)} = {value_label(f.value, f.unit, f.qualifier, lang)}",
                        chosen=(f.fact_id == fact_id))
         for f in facts.itertuples()]
untaken = highlight.untaken_figures(text, [(m.start, m.end) for m in marks])
marks += [highlight.Mark(s, e, f"untaken-{s}", None, figure) for s, e, figure in untaken]
with st.container(height=560 if len(text) > 1200 else "content", border=True):
    st.markdown(highlight.highlighted_html(text, marks), unsafe_allow_html=True)

# ---- bonus: the numbers of the text that were not taken
with st.expander(t("sources.untaken", n=len(untaken))):
    for s, e, figure in untaken:
        st.text(highlight.context(text, s, e))
