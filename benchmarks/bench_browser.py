"""Time from navigation to the first drawn plotly chart, in headless Chromium, for every page
with a chart, beside a floor app (a title and one plotly bar chart) served by the same
Streamlit in the same run. Warm: each URL is opened once before it is timed.

    .venv/bin/python benchmarks/bench_browser.py [--runs 7]

Prints each page's p50 and p90 and its ratio to the floor's p50 (target: ≤ 1.15).
Needs Debian's /usr/bin/chromium and the bundled warehouse (built if missing).
"""
from __future__ import annotations

import argparse
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = {  # page: URL path and query (the views a leader and an analyst open first)
    "overview": "overview?year=2023",
    "compare": "compare",
    "trends": "trends",
    "city": "city",
    "quality": "quality",
}
FIRST_CHART = "() => !!document.querySelector('.js-plotly-plot .main-svg .trace, .js-plotly-plot .main-svg .hm')"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(script: str):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true", "--server.port", str(port),
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.25)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def time_to_first_chart(browser, url: str) -> float:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(url, wait_until="commit")
        try:
            page.wait_for_function(FIRST_CHART, timeout=60_000, polling=20)
        except Exception as err:   # noqa: BLE001 - say which page, then stop
            raise SystemExit(f"{url}: no chart drawn within 60 s ({type(err).__name__})") from None
        return time.perf_counter() - start
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from etl import paths
    if not Path(paths.WAREHOUSE).exists():
        from etl.warehouse import build
        build(paths.REPORTS, log=lambda line: None)

    with serve("benchmarks/floor_app.py") as floor, serve("streamlit_app.py") as app, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                     args=["--headless", "--no-sandbox", "--disable-gpu"])
        targets = {"floor": f"{floor}/"} | {page: f"{app}/{path}" for page, path in PAGES.items()}
        for url in targets.values():              # warm: caches, compiled scripts, fonts
            time_to_first_chart(browser, url)
        times: dict[str, list[float]] = {name: [] for name in targets}
        for _ in range(args.runs):                # interleaved, so load on the machine hits all alike
            for name, url in targets.items():
                times[name].append(time_to_first_chart(browser, url))
        browser.close()

    floor_p50 = statistics.median(times["floor"])
    print(f"time to first chart, headless Chromium, 1440x900, warm, {args.runs} runs each")
    print(f"{'page':<10} {'p50 s':>7} {'p90 s':>7} {'× floor':>8}")
    for name, values in times.items():
        values = sorted(values)
        p90 = values[min(len(values) - 1, int(round(0.9 * (len(values) - 1))))]
        print(f"{name:<10} {statistics.median(values):7.2f} {p90:7.2f} {statistics.median(values) / floor_p50:8.2f}")


if __name__ == "__main__":
    main()
