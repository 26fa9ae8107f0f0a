"""添加报告 Add report: upload a committee's new report, check what was found, save it into
the charts.

Each uploaded file is prepared (read, refused when it is unreadable, too large or already
there, city, year and level detected, figures extracted) with the analyst's corrections;
nothing is written until 保存并重建. Then the file, its manifest row and the unticked
figures (as reject decisions) are saved and the warehouse rebuilt, all or nothing
(etl.add.save), and every page reads the new warehouse.
"""
import datetime as dt

import streamlit as st
from streamlit.errors import StreamlitAPIException

from dashboard import adding, auth, data, highlight, review_ui, ui
from dashboard.i18n import current_lang, strings, t
from dashboard.labels import city_name, listing, md_plain, value_label
from dashboard.pages import page
from etl.add import LEVELS, AddError, Prepared
from etl.document import printable

lang = current_lang()
# Session state: file_id -> adding.Saved; file_id -> (Corrections, Prepared | AddError).
SAVED, PREPARED = "add:saved", "add:prepared"


def one_line(err: BaseException) -> str:
    """The reason in the interface language, naming this form's field (not a CLI flag)."""
    code = getattr(err, "code", None)
    if code and f"adderr.{code}" in strings():
        return md_plain(t(f"adderr.{code}", **getattr(err, "values", {})))
    lines = str(err).strip().splitlines()
    return md_plain(lines[0] if lines else type(err).__name__)


def prepared(upload, fixes: adding.Corrections) -> Prepared | AddError:
    """The upload prepared with `fixes`, once per change (reading a big PDF takes a while)."""
    memo = st.session_state[PREPARED]
    if upload.file_id not in memo or memo[upload.file_id][0] != fixes:
        with st.spinner(t("add.reading", name=md_plain(upload.name))):
            try:
                result = adding.prepare_upload(upload.name, upload.getvalue(), fixes)
            except AddError as err:
                result = err
        memo[upload.file_id] = (fixes, result)
    return memo[upload.file_id][1]


def _remember(file_id: str, field: str) -> None:
    """A correction the analyst made (None: back to what the text says)."""
    fixes = st.session_state.setdefault(f"add:fix:{file_id}", {})
    fixes[field] = st.session_state[f"add:{field}:{file_id}"]


# --------------------------------------------------------------------------- one file, top to bottom

def detected(file_id: str, info) -> None:
    """City, year, level, publication date, title, publisher and URL as the report was read
    with; each can be corrected, which prepares the report again."""
    guessed = set(info.guessed) if info else set()

    def label(key: str, field: str) -> str:
        return t(key) + (t("add.guessed") if field in guessed else "")

    table = data.city_table()
    english = dict(zip(table["city"], table["english"]))
    names = {r.city: " · ".join(x for x in (
        city_name(r.city, r.english, lang),
        city_name(r.parent, english.get(r.parent), lang) if r.level in ("county", "district") and isinstance(r.parent, str) else None,
        r.province) if isinstance(x, str) and x) for r in table.itertuples()}
    cities = tuple(info.cities) if info else ()
    names |= {c: c for c in cities if c not in names}
    this_year = dt.date.today().year
    year = info.year if info and info.year and 1949 <= info.year <= this_year + 1 else None
    # The widgets show what prepare used; a change goes to the corrections (on_change).
    st.session_state[f"add:city:{file_id}"] = cities[0] if len(cities) == 1 else None
    st.session_state[f"add:year:{file_id}"] = year
    st.session_state[f"add:level:{file_id}"] = info.level if info and info.level in LEVELS else None
    for field in ("published", "title", "source", "url"):
        st.session_state[f"add:{field}:{file_id}"] = (getattr(info, field) if info else "") or ""

    city_col, year_col, level_col, published_col = st.columns([3, 2, 2, 2])
    city_col.selectbox(label("filter.city", "city"), list(names), format_func=names.get, key=f"add:city:{file_id}",
                       on_change=_remember, args=(file_id, "city"),
                       placeholder=t("add.several_cities", cities=listing(cities, lang)) if len(cities) > 1
                       else t("add.choose_city"))
    year_col.number_input(label("filter.year", "year"), min_value=1949, max_value=this_year + 1, step=1,
                          key=f"add:year:{file_id}", on_change=_remember, args=(file_id, "year"),
                          placeholder=t("add.give_year"))
    level_col.selectbox(label("filter.level", "level"), LEVELS, format_func=lambda v: t(f"level.{v}"),
                        key=f"add:level:{file_id}", on_change=_remember, args=(file_id, "level"),
                        placeholder=t("add.not_detected"))
    published_col.text_input(label("col.published", "published"), key=f"add:published:{file_id}",
                             on_change=_remember, args=(file_id, "published"), placeholder="YYYY-MM-DD")
    title_col, source_col, url_col = st.columns([4, 2, 3])
    title_col.text_input(t("col.title"), key=f"add:title:{file_id}", on_change=_remember, args=(file_id, "title"))
    source_col.text_input(t("col.source"), key=f"add:source:{file_id}", on_change=_remember, args=(file_id, "source"))
    url_col.text_input(t("add.url"), key=f"add:url:{file_id}", on_change=_remember, args=(file_id, "url"),
                       placeholder="https://")
    if guessed:
        st.caption(t("add.guessed_note"))


def figures(upload, p: Prepared) -> set[str]:
    """Every extracted figure, ticked; returns the ids of those the analyst unticked."""
    st.caption(md_plain(t("add.meta", title=p.info.title or "—", kind=p.document.kind.upper(),
                          size=f"{len(p.data) / 1024:.1f} KB")))
    if p.notes:
        st.caption(md_plain(t("add.notes", notes="; ".join(p.notes))))
    st.markdown(f"**{t('add.facts', n=len(p.facts))}**")
    if not p.facts:
        st.info(t("add.no_facts"))
        return set()
    columns = {c: st.column_config.TextColumn(t(f"col.{c}")) for c in adding.FACT_COLUMNS if c != "keep"}
    columns["keep"] = st.column_config.CheckboxColumn(t("col.keep"), help=t("add.keep_help"))
    edited = st.data_editor(adding.facts_table(p, ui.metric_names(), lang), key=f"add:facts:{upload.file_id}",
                            hide_index=True, width="stretch", column_config=columns,
                            disabled=[c for c in adding.FACT_COLUMNS if c != "keep"])
    return adding.unticked(edited)


def report_text(p: Prepared, rejected: set[str]) -> None:
    """The text as read, every figure marked (colour: category; dotted: unticked)."""
    st.markdown(f"**{t('add.text')}**")
    st.markdown(highlight.legend_html(ui.category_colours(), t("add.legend")), unsafe_allow_html=True)
    names, category = ui.metric_names(), dict(zip(ui.metrics()["metric"], ui.metrics()["category"]))
    marks = [highlight.Mark(f.start, f.end, f.id,
                            None if f.id in rejected else highlight.CATEGORY_COLOURS.get(category.get(f.metric), highlight.OTHER_COLOUR),
                            f"{names.get(f.metric, f.metric)} = {value_label(f.value, f.unit, f.qualifier, lang)}")
             for f in p.facts]
    text = p.document.original
    with st.container(height=420 if len(text) > 900 else "content", border=True):
        st.markdown(highlight.highlighted_html(text, marks), unsafe_allow_html=True)


def save_button(upload, p: Prepared, fixes: adding.Corrections, rejected: set[str]) -> None:
    if not st.button(t("add.save"), key=f"add:save:{upload.file_id}", type="primary", icon=":material/save:"):
        return
    try:
        with st.spinner(t("add.saving", name=md_plain(upload.name))):
            saved = adding.save_upload(p, upload.name, fixes, rejected)
    except AddError as err:          # e.g. the same report was added meanwhile
        st.error(t("add.refused", error=one_line(err)), icon=":material/block:")
        return
    except Exception as err:  # noqa: BLE001 - etl.add.save has put every file back
        st.error(t("add.not_saved", error=one_line(err)), icon=":material/error:")
        return
    st.session_state[SAVED][upload.file_id] = saved
    st.session_state[PREPARED].clear()   # what is a duplicate has changed
    data.refresh()
    st.rerun()


def show_saved(saved: adding.Saved) -> None:
    """What was saved, and where to see it."""
    st.success(t("add.saved", file=md_plain(saved.file), n=saved.facts, rejected=saved.rejected),
               icon=":material/check_circle:")
    pending = data.facts_not_shown(status="pending")   # the report's own figures, awaiting review
    values = pending[pending["report_id"] == saved.file]
    query = adding.compare_query(values if len(values) else
                                 data.metric_values(cities=list(saved.cities), years=[saved.year]), saved)
    cities = ui.city_names()
    where = [listing([cities.get(c, c) for c in saved.cities], lang), t("add.year_label", year=saved.year)]
    if "metric" in query:
        where.append(ui.metric_names().get(query["metric"], query["metric"]))
    st.page_link(page("compare").file, label=t("add.open_compare", where=" · ".join(where)),
                 icon=":material/bar_chart:", query_params=query)
    st.page_link(page("sources").file, label=t("add.open_sources"), icon=":material/article:",
                 query_params={"report": saved.file})
    with st.expander(t("add.build_log")):
        st.code("\n".join(saved.log), language=None)


def one_file(upload) -> None:
    if upload.file_id in st.session_state[SAVED]:
        show_saved(st.session_state[SAVED][upload.file_id])
        return
    fixes = adding.Corrections(**st.session_state.get(f"add:fix:{upload.file_id}", {}))
    result = prepared(upload, fixes)
    if isinstance(result, AddError) and result.field is None:    # the file itself: nothing to correct
        st.error(t("add.refused", error=one_line(result)), icon=":material/block:")
        return
    detected(upload.file_id, result.info)
    if isinstance(result, AddError):                             # a city or year to give
        st.error(t("add.refused", error=one_line(result)), icon=":material/block:")
        return
    rejected = figures(upload, result)
    report_text(result, rejected)
    save_button(upload, result, fixes, rejected)


# --------------------------------------------------------------------------- the page

st.title(t("add.title"))
editor = auth.editor_gate()      # nothing below writes without an editor signed in
if not editor:
    st.stop()
review_ui.review_section(editor)
st.divider()
limit = min(adding.upload_limit_mb(), st.get_option("server.maxUploadSize"))
st.caption(t("add.intro", mb=limit))
try:
    uploads = st.file_uploader(t("add.upload"), type=list(adding.UPLOAD_TYPES), accept_multiple_files=True,
                               max_upload_size=limit, key="add:files")
except StreamlitAPIException:    # Streamlit's own check of a crafted file name
    st.error(t("add.bad_name"), icon=":material/block:")
    st.stop()
if not uploads:
    st.info(t("add.nothing"), icon=":material/upload_file:")
    st.stop()

st.session_state.setdefault(SAVED, {})
memo = st.session_state.setdefault(PREPARED, {})
for gone in set(memo) - {u.file_id for u in uploads}:
    del memo[gone]

for upload in uploads:
    with st.container(border=True):
        st.subheader(md_plain(printable(upload.name)), anchor=False)
        try:
            one_file(upload)
        except Exception as err:  # noqa: BLE001 - one line for this file; the others go on
            st.error(t("add.failed", error=one_line(err)), icon=":material/error:")
