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
    assert "60+" in page.locator(".js-plotly-plot").first.inner_text()    # 菏泽 2024, citywide
    page.locator(".js-plotly-plot").first.hover()
    assert page.locator('.modebar-btn[data-title="Download plot as a PNG"]').count() == 1
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
          cities=data / "cities.csv", log=quiet)
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
