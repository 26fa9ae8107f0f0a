"""Peers in a real browser (Chromium, headless): the shipped data (bundled reports, decisions,
published figures) served by `streamlit run`; Overview, Compare and Trends at 1440 and 390 px,
saved under build/screenshots/peers_*.png for a person to look at.

Skips without /usr/bin/chromium, like tests/dashboard/test_browser.py.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from etl import paths
from etl.warehouse import build
from test_browser import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, serve, settle

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                       "(apt-get install chromium fonts-noto-cjk; .ci/run does this)"),
]

WIDTHS = (1440, 390)


@pytest.fixture(scope="module")
def shipped_server(tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("peers_browser") / "warehouse.duckdb"
    build(paths.REPORTS, warehouse=warehouse, curation=paths.CURATION / "decisions.csv", cities=paths.CITIES,
          external=paths.EXTERNAL, log=lambda line: None)
    with serve(ZX_WAREHOUSE=str(warehouse)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def open_at(browser, url: str, width: int, charts: int = 1):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.goto(url)
    settle(page, charts=charts)
    return page


def plotly_data(page, index: int) -> list[dict]:
    """The traces plotly drew in the index-th chart (read from the chart's own element)."""
    return page.evaluate(f"""() => document.querySelectorAll('.js-plotly-plot')[{index}].data
                              .map(t => ({{type: t.type, name: t.name, y: t.y, x: t.x, z: t.z, text: t.text,
                                           customdata: t.customdata}}))""")


def chart_titles(page) -> list[str]:
    return page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot .gtitle')].map(e => e.textContent)")


def save(page, name: str, width: int) -> Path:
    """The whole page at `width` (Streamlit scrolls inside its main section: grow the window)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": width, "height": min(max(900, height + 40), 9000)})
    page.wait_for_timeout(1000)
    path = SCREENSHOTS / f"peers_{name}_{width}.png"
    page.screenshot(path=str(path))
    return path


def no_sideways_scroll(page) -> bool:
    return page.evaluate("""() => { const m = document.querySelector('[data-testid="stMain"]');
                                    return m.scrollWidth <= m.clientWidth + 1; }""")


@pytest.mark.parametrize("width", WIDTHS)
def test_overview_ranks_peers_with_true_headlines_and_is_saved(shipped_server, browser, width):
    page = open_at(browser, f"{shipped_server}/?year=2023", width, charts=4)
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "立案数最多" in body and "市有此数据" in body and "合计" not in body and "中位数" not in body
    satisfaction = plotly_data(page, 1)[0]
    assert not any("邹城" in label for label in satisfaction["y"])      # a county: not among prefectures
    assert {label.split(". ")[0] for label in satisfaction["y"]} == {"1–2"}   # 潍坊 ≥99% vs 周口 99%
    assert no_sideways_scroll(page)
    assert save(page, "overview", width).stat().st_size > 20_000
    page.context.close()


def test_with_counties_chosen_the_county_is_ranked_with_its_level_and_parent(shipped_server, browser):
    page = open_at(browser, f"{shipped_server}/?year=2023&peers=prefecture&peers=county", 1440, charts=4)
    satisfaction = plotly_data(page, 1)[0]
    assert "1–2. 邹城（县级·济宁）" in satisfaction["y"]               # 99.33 vs 潍坊's 99%以上
    assert satisfaction["type"] == "scatter"
    page.context.close()


def test_a_city_alone_on_a_metric_is_grey_in_the_heatmap(shipped_server, browser):
    page = open_at(browser, f"{shipped_server}/?year=2024", 1440, charts=2)
    traces = plotly_data(page, len(chart_titles(page)) - 1)
    scaled, grey = traces[0], traces[1]
    lone = [(i, j) for i, row in enumerate(grey["z"]) for j, v in enumerate(row) if v is not None]
    assert lone, "2024 has metrics only 菏泽 reports"
    assert all(scaled["z"][i][j] is None for i, j in lone)
    assert all("仅一市有数据" in grey["customdata"][i][j] for i, j in lone)
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("slug", ["compare", "trends"])
def test_compare_and_trends_show_peers_and_are_saved(shipped_server, browser, slug, width):
    page = open_at(browser, f"{shipped_server}/{slug}", width)
    data = plotly_data(page, 0)
    drawn = {str(x) for t in data if t["x"] for x in t["x"] if x is not None} | \
            {str(t.get("name")) for t in data}
    assert not any("县级" in d or "区级" in d for d in drawn)
    assert no_sideways_scroll(page)
    assert save(page, slug, width).stat().st_size > 20_000
    page.context.close()
