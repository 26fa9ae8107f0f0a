"""数据浏览 Explorer: filter the metric values, sort them, download exactly those rows."""
import streamlit as st

from dashboard import data, state, ui
from dashboard.downloads import FORMATS, download_name
from dashboard.i18n import current_lang, t
from dashboard.labels import category_name
from etl.export import FORMATS as ENCODERS

SHOWN_ROWS = 5000  # more rows than this are downloaded, not drawn in the browser

lang = current_lang()
st.title(t("explorer.title"))

years = data.years_with_data()
if not years:
    st.info(t("app.no_data"))
    st.stop()
known = ui.cities()
catalogue = ui.metrics()

# ---- filters (empty means all)
per_year = data.cities_per_year()
busiest_year = int(per_year.sort_values(["n_cities", "year"]).iloc[-1]["year"])
row1 = st.columns(4)
chosen_years = ui.years_filter(list(reversed(years)), default=[busiest_year], container=row1[0])
provinces = state.multiselect("province", t("filter.province"), sorted(known["province"].dropna().unique()),
                              container=row1[1], placeholder=t("filter.all_hint"))
level_names = {v: t(f"level.{v}") for v in sorted(known["level"].dropna().unique())}
levels = state.multiselect("level", t("filter.level"), list(level_names), container=row1[2],
                           format_func=level_names.get, placeholder=t("filter.all_hint"))
cities = ui.cities_filter(default=[], container=row1[3])
row2 = st.columns(4)
category_names = {r["category"]: category_name(r, lang) for r in catalogue.to_dict("records")}
categories = state.multiselect("category", t("filter.category"), list(category_names), container=row2[0],
                               format_func=category_names.get, placeholder=t("filter.all_hint"))
metric_labels = ui.metric_with_category()
metrics = state.multiselect("metrics", t("filter.metrics"), list(metric_labels), container=row2[1],
                            format_func=metric_labels.get, placeholder=t("filter.all_hint"))
scope_names = {s: t(f"scope.{s}") for s in ui.SCOPES}
scopes = state.multiselect("scopes", t("filter.scope"), list(scope_names), container=row2[2],
                           format_func=scope_names.get, placeholder=t("filter.all_hint"))
kind_names = {k: t(f"kind.{k}") for k in ui.KINDS}
kinds = state.multiselect("kinds", t("filter.kind"), list(kind_names), container=row2[3],
                          format_func=kind_names.get, placeholder=t("filter.all_hint"))

# Province, level and the city list narrow the cities; category and the metric list narrow
# the metrics; None means no narrowing.
city_pool = known
if provinces:
    city_pool = city_pool[city_pool["province"].isin(provinces)]
if levels:
    city_pool = city_pool[city_pool["level"].isin(levels)]
city_set = [c for c in city_pool["city"] if not cities or c in cities]
metric_set = [r["metric"] for r in catalogue.to_dict("records")
              if (not metrics or r["metric"] in metrics) and (not categories or r["category"] in categories)]
narrowed_cities = city_set if (provinces or levels or cities) else None
narrowed_metrics = metric_set if (metrics or categories) else None

# ---- the table: the export's own rows, so downloads match `python -m etl export`
table = data.export_values(cities=narrowed_cities, years=chosen_years or None, metrics=narrowed_metrics)
if narrowed_cities == [] or narrowed_metrics == []:
    table = table.head(0)
if scopes:
    table = table[table["scope"].isin(scopes)]
if kinds:
    table = table[table["kind"].isin(kinds)]
table = table.reset_index(drop=True)

st.caption(t("explorer.rows", n=len(table)))
if len(table) > SHOWN_ROWS:
    st.caption(t("explorer.truncated", shown=SHOWN_ROWS, n=len(table)))
other_lang = "en" if lang == "zh" else "zh"
st.dataframe(ui.readable(table.head(SHOWN_ROWS).drop(columns="note")), hide_index=True, width="stretch", height=480,
             column_config={**ui.export_columns(), "city_en": None, f"metric_{other_lang}": None,
                            f"category_{other_lang}": None})

# ---- downloads of exactly these rows, made when clicked
buttons = st.columns(len(FORMATS))
for column, (ext, mime) in zip(buttons, FORMATS.items()):
    name = download_name(ext, years=chosen_years, cities=narrowed_cities, metrics=narrowed_metrics)
    column.download_button(t(f"explorer.download_{ext}"), data=lambda enc=ENCODERS[ext]: enc(table),
                           file_name=name, mime=mime, on_click="ignore", icon=":material/download:",
                           help=t("explorer.download_help"), width="stretch")
