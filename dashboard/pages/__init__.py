"""The dashboard's pages, as data: streamlit_app.py routes to them with st.navigation.

Each page is a file here that reads top to bottom like it looks (filters, charts, tables);
`slug` is its URL path, `title` an i18n key, `icon` a Material icon.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class PageSpec:
    slug: str
    file: str       # relative to the project root (where streamlit_app.py is)
    title: str
    icon: str


PAGES = (
    PageSpec("overview", "dashboard/pages/overview.py", "page.overview", ":material/dashboard:"),
    PageSpec("compare", "dashboard/pages/compare.py", "page.compare", ":material/bar_chart:"),
    PageSpec("trends", "dashboard/pages/trends.py", "page.trends", ":material/show_chart:"),
    PageSpec("city", "dashboard/pages/city.py", "page.city", ":material/location_city:"),
    PageSpec("explorer", "dashboard/pages/explorer.py", "page.explorer", ":material/table_view:"),
    PageSpec("sources", "dashboard/pages/sources.py", "page.sources", ":material/article:"),
    PageSpec("quality", "dashboard/pages/quality.py", "page.quality", ":material/fact_check:"),
    PageSpec("add_report", "dashboard/pages/add_report.py", "page.add_report", ":material/upload_file:"),
)


def page(slug: str) -> PageSpec:
    """The page whose URL path is `slug`."""
    [found] = [p for p in PAGES if p.slug == slug]
    return found
