"""Figures not on the leaders' pages, shown where people work on them: reports awaiting
review (待审核) with approve/reject for a signed-in editor on the 添加报告 page, and pending
and held figures on the 数据质量 page. Approving goes through etl.review (manifest + rebuild
under the build lock), exactly what `python -m etl review --approve` does."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data, ui
from dashboard.i18n import current_lang, t
from dashboard.labels import md_plain, value_label

NOTICE = "review:done"


def _table(facts: pd.DataFrame) -> pd.DataFrame:
    lang = current_lang()
    names = ui.metric_names()
    return pd.DataFrame({
        t("col.report_id"): facts["report_id"],
        t("col.city"): facts["city"],
        t("col.year"): facts["year"],
        t("col.metric"): facts["metric"].map(lambda m: names.get(m, m)),
        t("col.value"): [value_label(r.value, r.unit, r.qualifier, lang) for r in facts.itertuples()],
        t("col.quote"): facts["quote"],
        t("col.note"): facts["note"],
    })


def not_shown_table(status: str, title_key: str) -> None:
    """A section listing the facts of one status (pending | held), as text (never HTML)."""
    facts = data.facts_not_shown(status=status)
    st.subheader(t(title_key, n=len(facts)))
    if facts.empty:
        st.caption(t("quality.none"))
        return
    st.dataframe(_table(facts), hide_index=True, width="stretch")


def review_section(editor: str) -> None:
    """Pending reports, each with its figures and approve / reject buttons."""
    from etl.review import decide, pending

    notice = st.session_state.pop(NOTICE, None)
    if notice:
        st.success(notice, icon=":material/check_circle:")
    try:
        waiting = pending()
    except ValueError as err:  # a manifest the build would refuse too
        st.error(t("review.failed", error=md_plain(str(err).splitlines()[0])), icon=":material/error:")
        return
    st.subheader(t("review.title", n=len(waiting)), anchor=False)
    st.caption(t("review.intro"))
    if not waiting:
        st.caption(t("review.none"))
        return
    facts = data.facts_not_shown(status="pending")
    for row in waiting:
        file = row["file"]
        mine = facts[facts["report_id"] == file]
        with st.container(border=True):
            st.markdown(md_plain(t("review.report", file=file, city=row.get("city", ""), year=row.get("year", ""),
                                   n=len(mine))))
            if len(mine):
                st.dataframe(_table(mine), hide_index=True, width="stretch")
            approve, reject, _ = st.columns([1, 1, 4])
            for column, action in ((approve, "approve"), (reject, "reject")):
                if column.button(t(f"review.{action}"), key=f"review:{action}:{file}",
                                 type="primary" if action == "approve" else "secondary"):
                    try:
                        decide(file, action, by=editor, log=lambda line: None)
                    except Exception as err:  # noqa: BLE001 - one line; every file is as it was
                        st.error(t("review.failed", error=md_plain(" ".join(str(err).split())[:300])),
                                 icon=":material/error:")
                        return
                    data.refresh()
                    st.session_state[NOTICE] = t(f"review.done_{action}", file=md_plain(file))
                    st.rerun()
