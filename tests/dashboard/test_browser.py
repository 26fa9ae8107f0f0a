"""End to end in a real browser: `streamlit run` on a warehouse built in a tmp dir, Chromium
driven by the playwright package (Debian's /usr/bin/chromium; `playwright install` is never
run). Every page is opened, filters are changed, the CSV is downloaded and checked, and a
screenshot of each page is saved under build/screenshots/.

CI installs chromium and fonts-noto-cjk (.ci/run); without /usr/bin/chromium these tests skip.
"""
from __future__ import annotations

import contextlib
import io
import os
import shutil
import socket
import subprocess
import sys
import time
import re
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import duckdb
import pandas as pd
import pytest

from dashboard.pages import PAGES
from etl import export, paths
from etl.warehouse import build
from helpers import new_report
from tests.conftest import copy_reports, quiet, write_decisions

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "build" / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCRIPT_REPORT = ("潍坊市政协2022年工作回顾\n\n2022年，市政协共收到提案600件，经审查立案提案540件。"
                 "<script>window.__zx_injected = 1</script>提案办理满意率98%。\n")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                       "(apt-get install chromium fonts-noto-cjk; .ci/run does this)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def dash_built(tmp_path_factory) -> Path:
    """The bundled reports plus one whose text holds a <script>, built by etl.warehouse.build."""
    folder = tmp_path_factory.mktemp("browser")
    reports = folder / "reports"
    shutil.copytree(paths.REPORTS, reports)
    (reports / "005_script.txt").write_text(SCRIPT_REPORT, encoding="utf-8")
    with open(reports / "manifest.csv", "a", encoding="utf-8") as manifest:
        manifest.write("005_script.txt,潍坊,山东,prefecture,2022,work_review,潍坊市政协2022年工作回顾,,,2023-01\n")
    warehouse = folder / "warehouse.duckdb"
    build(reports, warehouse=warehouse, log=lambda line: None)
    return warehouse


@contextlib.contextmanager
def serve(*args: str, **env: str):
    """`streamlit run streamlit_app.py` with `args` and `env` added; its base URL while it runs."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.headless", "true",
         "--server.port", str(port), "--browser.gatherUsageStats", "false", *args],
        cwd=ROOT, env=dict(os.environ, **env), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("streamlit did not start:\n" + server.stdout.read1().decode(errors="replace"))
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture(scope="module")
def dash_server(dash_built):
    """`streamlit run streamlit_app.py` on the built warehouse; its base URL."""
    with serve(ZX_WAREHOUSE=str(dash_built)) as url:
        yield url


@pytest.fixture(scope="module")
def dash_browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(dash_browser):
    context = dash_browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True,
                                       locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


def settle(page, charts: int = 0) -> None:
    """Wait until the script run is over and the page (and `charts` plotly charts) drawn."""
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                           timeout=60_000)
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                           timeout=60_000)
    if charts:
        page.wait_for_function(f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}",
                               timeout=30_000)
    page.wait_for_timeout(500)
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]').first.inner_text()


def screenshot(page, name: str) -> Path:
    """The whole page (Streamlit scrolls inside its main section, so grow the window to fit)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(max(900, height + 40), 8000)})
    page.wait_for_timeout(800)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": 1400, "height": 900})
    return path


def query_of(page) -> dict:
    return parse_qs(urlparse(page.url).query)


# --------------------------------------------------------------------------- every page

@pytest.mark.parametrize("spec", PAGES, ids=[p.slug for p in PAGES])
def test_every_page_opens_and_is_saved_as_a_screenshot(dash_server, page, spec):
    page.goto(f"{dash_server}/{'' if spec.slug == 'overview' else spec.slug}")
    settle(page)
    assert page.locator('[data-testid="stMain"] h1').first.inner_text().strip()
    assert page.locator('[data-testid="stAlertContentWarning"]').count() == 0
    # The Add report page's own test saves it with a report uploaded, as add_report.png.
    name = f"{spec.slug}_empty" if spec.slug == "add_report" else spec.slug
    assert screenshot(page, name).stat().st_size > 10_000


def test_overview_in_english_is_one_click_away(dash_server, page):
    page.goto(dash_server)
    settle(page, charts=4)
    page.get_by_text("English", exact=True).click()
    page.wait_for_function("() => document.querySelector('[data-testid=\"stMain\"] h1')"
                           ".innerText.includes('Overview of committee work')", timeout=30_000)
    settle(page, charts=4)
    assert query_of(page)["lang"] == ["en"]
    assert page.get_by_text("Proposals filed · 2025").count() >= 1    # a chart title, in English (the default year)
    screenshot(page, "overview_en")


# --------------------------------------------------------------------------- filters

def test_a_filter_changes_the_chart_and_the_url_and_carries_over_to_the_next_page(dash_server, page):
    page.goto(f"{dash_server}/compare?metric=consultation.activities&cities=潍坊&cities=菏泽&years=2023&years=2024")
    settle(page, charts=1)
    assert "全市各级政协" not in page.locator(".js-plotly-plot").first.inner_text()
    page.get_by_text("全市各级政协", exact=True).click()
    page.wait_for_function("() => location.search.includes('scope=citywide')", timeout=30_000)
    settle(page, charts=1)
    assert "60余" in page.locator(".js-plotly-plot").first.inner_text()    # 潍坊 2023, citywide, as written
    page.locator(".js-plotly-plot").first.hover()
    assert page.locator('.modebar-btn[data-title="下载图片（PNG）"]').count() == 1      # the toolbar in Chinese
    page.locator('[data-testid="stSidebarNav"]').get_by_text("趋势").click()
    page.wait_for_function("() => location.pathname.endsWith('/trends')", timeout=30_000)
    settle(page, charts=1)
    query = query_of(page)
    assert query["cities"] == ["潍坊", "菏泽"] and query["scope"] == ["citywide"]
    assert query["metric"] == ["consultation.activities"]


def test_a_shared_link_with_an_unknown_city_shows_a_notice_not_an_error(dash_server, page):
    page.goto(f"{dash_server}/compare?cities=潍坊&cities=不存在市")
    settle(page, charts=1)
    assert "不存在市" in page.locator('[data-testid="stAlertContentWarning"]').inner_text()
    assert query_of(page)["cities"] == ["潍坊"]


# --------------------------------------------------------------------------- download

def test_the_csv_download_is_exactly_the_filtered_table(dash_server, dash_built, page):
    page.goto(f"{dash_server}/explorer?years=2023&cities=潍坊&cities=忻州")
    settle(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="下载 CSV").click()
    data = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename == "zhengxie_metric_values_2023_潍坊-忻州.csv"
    with duckdb.connect(str(dash_built), read_only=True) as con:
        expected = export.values_frame(con, ["潍坊", "忻州"], [2023], None)
    assert data == export.to_csv_bytes(expected)        # the bytes of `python -m etl export`
    assert data.startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert set(table["city"]) == {"潍坊", "忻州"} and set(table["year"]) == {2023}
    assert page.get_by_text(f"{len(table)} 行", exact=True).count() == 1


# --------------------------------------------------------------------------- sources

def test_a_report_with_a_script_is_shown_as_text_and_never_run(dash_server, page):
    page.goto(f"{dash_server}/sources?report=005_script.txt")
    settle(page)
    report = page.locator(".zx-report").last
    assert "<script>window.__zx_injected = 1</script>" in report.inner_text()
    assert report.locator("script").count() == 0
    assert page.evaluate("() => window.__zx_injected === undefined")
    assert report.locator("mark").count() >= 2
    screenshot(page, "sources_script")


def test_choosing_a_figure_jumps_to_it_in_the_text(dash_server, page):
    page.goto(f"{dash_server}/sources?report=003_473e228851eed44d.txt")
    settle(page)
    facts = query_of(page)["fact"]
    marks = page.locator(".zx-report").last.locator("mark[id^='fact-']:not([id^='fact-untaken'])")
    last = marks.nth(marks.count() - 1)
    assert not last.is_visible() or last.bounding_box()["y"] > 900
    last_id = last.get_attribute("id")
    page.goto(f"{dash_server}/sources?report=003_473e228851eed44d.txt&fact={last_id.removeprefix('fact-')}")
    settle(page)
    assert query_of(page)["fact"] != facts
    page.get_by_role("link", name="跳到原文位置").click()
    page.wait_for_timeout(800)
    box = page.locator(f"#{last_id}").bounding_box()
    assert box is not None and 0 <= box["y"] <= 900


# --------------------------------------------------------------------------- add a report

@pytest.fixture
def data_folder(tmp_path) -> Path:
    """A data folder like data/ (reports, decisions, city table, warehouse) the app may write to."""
    data = tmp_path / "data"
    reports = copy_reports(data)
    shutil.copy(paths.CITIES, data / "cities.csv")
    (data / "curation").mkdir()
    build(reports, warehouse=data / "warehouse.duckdb", curation=write_decisions(data / "curation"),
          cities=data / "cities.csv", external=data / "external", log=quiet)  # as the app's rebuilds will
    return data


EDITOR_PASSWORD = "correct horse battery staple"


def sign_in(page) -> None:
    page.locator('[data-testid="stMain"] input[type="password"]').fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_selector('[data-testid="stFileUploader"]', timeout=60_000)
    settle(page)


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def test_an_editor_adds_a_report_it_is_pending_and_after_approval_it_is_on_overview_as_user_added(
        data_folder, page, tmp_path):
    from dashboard.auth import hash_password

    name, content = new_report()
    (tmp_path / name).write_bytes(content)
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'[editors]\npassword_hash = "{hash_password(EDITOR_PASSWORD)}"\nname = "王编辑"\n',
                       encoding="utf-8")
    manifest = data_folder / "reports" / "manifest.csv"
    with serve("--secrets.files", str(secrets), ZX_DATA_DIR=str(data_folder),
               ZX_WAREHOUSE=str(data_folder / "warehouse.duckdb")) as url:
        # Without sign-in: a password form, no uploader, nothing written.
        before = manifest.read_bytes()
        page.goto(f"{url}/add_report")
        settle(page)
        assert page.locator('[data-testid="stFileUploader"]').count() == 0
        assert "需要编辑登录" in main_text(page)
        page.locator('[data-testid="stMain"] input[type="password"]').fill("wrong password")
        page.get_by_role("button", name="登录").click()
        page.wait_for_selector('[data-testid="stAlertContentError"]', timeout=30_000)
        assert page.locator('[data-testid="stFileUploader"]').count() == 0
        screenshot(page, "add_report_sign_in")
        assert manifest.read_bytes() == before

        # Signed in: upload, check, save. The report is pending.
        sign_in(page)
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(tmp_path / name))
        page.wait_for_selector(".zx-report mark", timeout=60_000)
        settle(page)
        main = page.locator('[data-testid="stMain"]')
        assert main.locator('[data-testid="stSelectbox"] input').first.input_value() == "济宁 · 山东"
        screenshot(page, "add_report")
        page.get_by_role("button", name="保存并重建").click()
        page.wait_for_selector('[data-testid="stAlertContentSuccess"]', timeout=120_000)
        settle(page)
        assert f"已保存为 {name}" in page.locator('[data-testid="stAlertContentSuccess"]').first.inner_text()
        assert (data_folder / "reports" / name).read_bytes() == content
        assert manifest.read_text(encoding="utf-8").splitlines()[-1].endswith(",user,pending")
        assert "待审核的报告（1）" in main_text(page)
        screenshot(page, "add_report_saved_pending")

        # Pending: absent from Overview.
        page.goto(f"{url}/?year=2017")
        settle(page)
        assert "696" not in main_text(page) and "用户添加" not in main_text(page)
        with duckdb.connect(":memory:") as con:
            con.execute("ATTACH ? AS w (READ_ONLY)", [str(data_folder / "warehouse.duckdb")])
            assert con.execute("SELECT count(*) FROM w.metric_values WHERE city = '济宁' AND year = 2017"
                               ).fetchone() == (0,)
        screenshot(page, "overview_pending")

        # An editor approves it on the Add page.
        page.goto(f"{url}/add_report")
        settle(page)
        sign_in(page)
        page.get_by_role("button", name="审核通过").click()
        page.wait_for_selector('[data-testid="stAlertContentSuccess"]', timeout=120_000)
        settle(page)
        assert "已审核通过" in page.locator('[data-testid="stAlertContentSuccess"]').first.inner_text()
        assert manifest.read_text(encoding="utf-8").splitlines()[-1].endswith(",user,approved,王编辑")
        screenshot(page, "add_report_approved")

        # Approved: on Overview, labelled 用户添加.
        page.goto(f"{url}/?year=2017")
        settle(page, charts=1)
        text = main_text(page)
        assert "数据来源：用户添加" in text and "用户添加（已审核）的数值：" in text and "济宁 立案数 696" in text, text
        assert "696" in page.locator(".js-plotly-plot").first.inner_text()
        screenshot(page, "overview_approved_user_added")


def test_a_damaged_warehouse_shows_one_chinese_message_never_a_traceback(page, tmp_path):
    broken = tmp_path / "warehouse.duckdb"
    broken.write_bytes(b"DUCK" + os.urandom(64 * 1024))
    with serve(ZX_WAREHOUSE=str(broken)) as url:
        for slug in ("", "compare", "quality"):
            page.goto(f"{url}/{slug}")
            page.wait_for_selector('[data-testid="stAlertContentError"]', timeout=60_000)
            page.wait_for_timeout(500)
            assert page.locator('[data-testid="stException"]').count() == 0
            [message] = page.locator('[data-testid="stAlertContentError"]').all_inner_texts()
            assert "数据仓库文件已损坏或无法读取" in message and "python -m etl build --full" in message
            assert "Traceback" not in main_text(page) and "IOException" not in main_text(page)
        screenshot(page, "damaged_warehouse")




# --------------------------------------------------------------------------- issue 9: colours, words, clicks

INTERNAL = re.compile(r"dev corpus|external figure|at_least|at_most|\bcommittee\b|\bcitywide\b|\bNone\b|\bstated\b|"
                      r"\bcurated\b|\bderived\b|\bexact\b|\bpartial\b")


def chart_colours(page) -> dict[str, set[str]]:
    """{city: colours} of every bar and line of the page's charts, read from plotly's own data."""
    return page.evaluate("""() => {
        const found = {};
        const add = (label, colour) => {
            if (!label || !colour) return;
            const city = String(label).replace(/^\\d+\\.\\s*/, '');
            (found[city] = found[city] || []).push(colour);
        };
        for (const plot of document.querySelectorAll('.js-plotly-plot')) {
            for (const t of plot.data || []) {
                if (t.type === 'bar' && Array.isArray(t.marker && t.marker.color)) {
                    const labels = t.orientation === 'h' ? t.y : t.x;
                    (labels || []).forEach((label, i) => add(label, t.marker.color[i]));
                } else if (t.type === 'scatter' && t.mode && t.mode.includes('lines') && t.legendgroup !== 'median'
                           && t.name) {
                    add(t.name, t.line && t.line.color);
                }
            }
        }
        return found;
    }""")


def test_a_city_has_one_colour_on_every_page_in_every_selection(dash_server, page):
    seen: dict[str, set[str]] = {}
    for url, charts in [("overview?year=2023", 4), ("overview?year=2022", 4),
                        ("compare?metric=proposals.filed&cities=潍坊&cities=淄博&years=2022&years=2023", 1),
                        ("compare?metric=info.collected&cities=淄博&cities=菏泽&cities=潍坊&years=2023&years=2024", 1),
                        ("trends?metric=proposals.filed&cities=潍坊&cities=菏泽", 1),
                        ("trends?metric=proposals.filed&cities=菏泽&cities=潍坊&cities=淄博", 1),
                        ("city?city=潍坊&year=2023", 1), ("city?city=淄博&year=2023", 1)]:
        page.goto(f"{dash_server}/{url}")
        settle(page, charts=charts)
        for city, colours in chart_colours(page).items():
            seen.setdefault(city, set()).update(colours)
    assert {"潍坊", "淄博", "菏泽"} <= set(seen)
    assert all(len(colours) == 1 for colours in seen.values()), seen
    assert len({next(iter(seen[c])) for c in ("潍坊", "淄博", "菏泽")}) == 3    # neighbours differ


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [1440, 390])
def test_every_page_in_both_languages_at_desk_and_phone_width(dash_server, dash_browser, lang, width):
    context = dash_browser.new_context(viewport={"width": width, "height": 844 if width < 600 else 900},
                                       locale="zh-CN")
    page = context.new_page()
    try:
        for spec in PAGES:
            page.goto(f"{dash_server}/{spec.slug}?lang={lang}")
            settle(page)
            assert page.get_by_text("Page not found").count() == 0, spec.slug     # every slug opens its page
            main = page.locator('[data-testid="stMain"]')
            text = main.inner_text()
            if lang == "zh":
                assert not INTERNAL.findall(text), (spec.slug, INTERNAL.findall(text)[:5])
            # nothing wider than the screen: no clipped titles or tables pushing the page sideways
            overflow = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollWidth")
            assert overflow <= width + 1, (spec.slug, overflow)
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"{spec.slug}_{lang}_{width}_screen.png"))
            height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
            page.set_viewport_size({"width": width, "height": min(max(844, height + 40), 8000)})
            page.wait_for_timeout(600)
            page.screenshot(path=str(SCREENSHOTS / f"{spec.slug}_{lang}_{width}.png"))
            page.set_viewport_size({"width": width, "height": 844 if width < 600 else 900})
    finally:
        context.close()


def test_on_a_phone_the_first_ranking_is_within_one_screen(dash_server, dash_browser):
    context = dash_browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(f"{dash_server}/?year=2023")
        settle(page, charts=1)
        first = page.locator(".js-plotly-plot").first.bounding_box()
        assert first["y"] < 844 and first["x"] >= 0 and first["x"] + first["width"] <= 390
    finally:
        context.close()


def test_a_click_on_a_bar_opens_its_sentence_highlighted_on_sources(dash_server, page):
    page.goto(f"{dash_server}/overview?year=2023")
    settle(page, charts=4)
    # 潍坊's bar (a stated figure of a report; a published page's figure has no sentence to open)
    at = page.evaluate("() => document.querySelector('.js-plotly-plot').data[0].y.findIndex(l => l.includes('潍坊'))")
    assert at >= 0
    bar = page.locator(".js-plotly-plot").first.locator(".trace.bars .point path").nth(at)
    box = bar.bounding_box()
    page.mouse.click(box["x"] + 6, box["y"] + box["height"] / 2)
    page.wait_for_function("() => location.pathname.endsWith('/sources')", timeout=30_000)
    settle(page)
    query = query_of(page)
    assert query["report"] == ["000_20fc046ed607ab7a.txt"] and query["fact"]        # 潍坊 2023, 立案数 571
    chosen = page.locator("mark[style*='outline']")
    assert chosen.count() >= 1 and "571" in chosen.first.inner_text()
    screenshot(page, "click_to_sentence")


def test_a_filter_change_replaces_the_url_and_a_page_change_adds_one_entry(dash_server, page):
    page.goto(f"{dash_server}/compare?metric=consultation.activities&cities=潍坊&years=2023")
    settle(page, charts=1)
    start = page.evaluate("history.length")
    page.get_by_text("全市各级政协", exact=True).click()
    page.wait_for_function("() => location.search.includes('scope=citywide')", timeout=30_000)
    settle(page, charts=1)
    page.get_by_text("English", exact=True).click()
    page.wait_for_function("() => location.search.includes('lang=en')", timeout=30_000)
    settle(page, charts=1)
    assert page.evaluate("history.length") == start                   # two actions, no new entries
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Trends").click()
    page.wait_for_function("() => location.pathname.endsWith('/trends')", timeout=30_000)
    settle(page)
    assert page.evaluate("history.length") == start + 1
    page.go_back()
    page.wait_for_function("() => location.pathname.endsWith('/compare')", timeout=30_000)
    settle(page, charts=1)
    assert query_of(page)["scope"] == ["citywide"] and query_of(page)["lang"] == ["en"]


def test_a_chart_s_downloads_hold_its_values_and_its_real_sources(dash_server, page):
    page.goto(f"{dash_server}/compare?metric=proposals.filed&cities=潍坊&cities=淄博&years=2022&years=2023")
    settle(page, charts=1)
    drawn = page.evaluate("""() => document.querySelector('.js-plotly-plot')._fullData
        .filter(t => t.type === 'bar').flatMap(t => Array.from(t.x || []).map((x, i) => [x, Array.from(t.y)[i]]))
        .filter(([x, y]) => x !== null && x !== undefined && y !== null && y !== undefined)""")
    page.get_by_role("tab", name="下载").first.click()            # only the open tab is drawn
    page.get_by_role("button", name="图表数据 CSV").first.wait_for(timeout=30_000)
    with page.expect_download() as download:
        page.get_by_role("button", name="图表数据 CSV").first.click()
    table = pd.read_csv(download.value.path(), encoding="utf-8-sig")
    assert sorted(table[["城市", "数值"]].values.tolist()) == sorted([[x, y] for x, y in drawn])
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="图片 SVG").first.click()
    svg = Path(download.value.path()).read_text(encoding="utf-8")
    assert "潍坊市政协2023年工作综述" in svg and "各市政协工作报告" not in svg
