"""A tiny, deterministic warehouse for the dashboard's tests, built from etl/schema.sql.

Four cities with data (潍坊, 淄博, 菏泽 in 山东; 忻州 in 山西) and one without (寿光), years
2022-2024, and every kind of row the pages must handle: stated, derived and curated facts;
`at_least`, `about` and `at_most` qualifiers; a conflict; a whole-term and a part-year figure;
a citywide figure; a rejected fact; gaps (忻州 2022, 菏泽 before 2024); a report whose text
holds `<script>`.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl import paths
from etl.catalogue import load_catalogue
from etl.schema import SCHEMA, SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]

CITIES = [
    # name, full_name, pinyin, english, province, level, parent
    ("潍坊", "潍坊市", "weifang", "Weifang", "山东", "prefecture", None),
    ("淄博", "淄博市", "zibo", "Zibo", "山东", "prefecture", None),
    ("菏泽", "菏泽市", "heze", "Heze", "山东", "prefecture", None),
    ("忻州", "忻州市", "xinzhou", "Xinzhou", "山西", "prefecture", None),
    ("寿光", "寿光市", "shouguang", "Shouguang", "山东", "county", "潍坊"),
]

REPORTS = {
    "wf2022.txt": dict(cities="潍坊", province="山东", level="prefecture", year=2022,
                       doc_type="work_review", title="潍坊市政协2022年工作综述", source="潍坊日报",
                       url="https://example.org/wf2022", published="2023-01-10",
                       text="2022年，市政协经审查立案提案540件。提案办理满意率98%。"
                            "全年被全国政协、省政协采用信息约420篇。"),
    "wf2023.txt": dict(cities="潍坊", province="山东", level="prefecture", year=2023,
                       doc_type="work_review", title="潍坊市政协2023年工作综述", source=None,
                       url=None, published="2024-01",
                       text="2023年，市政协共收到提案620件，经审查立案571件。"
                            "提案满意和基本满意率达99%以上。共收集社情民意信息6637篇，编报1109篇，"
                            "被全国政协、省政协采用460篇。组织37项重点协商监督活动，"
                            "全市各级政协开展重要协商活动60余次。编发简报12期。"),
    "zb2023.txt": dict(cities="淄博", province="山东", level="prefecture", year=2023,
                       doc_type="work_review", title="2023 淄博政协这一年<script>", source="淄博日报",
                       url=None, published="2024-01-08",
                       text="市政协立案提案480件，满意率100%。收集社情民意信息4300余条，"
                            "被采用信息近200篇。<script>alert('x')</script>"
                            "五年来共立案提案2300件。"),
    "hz2024.txt": dict(cities="菏泽", province="山东", level="prefecture", year=2024,
                       doc_type="work_report", title="菏泽市政协常务委员会工作报告", source="菏泽日报",
                       url=None, published="2025-01-09",
                       text="一年来，立案提案560件。收集社情民意信息2887篇，全国政协采用11篇，"
                            "省政协采用174篇。提案工作报告：立案提案565件。"
                            "今年以来收到提案300件。"),
    "xz2023.txt": dict(cities="忻州", province="山西", level="prefecture", year=2023,
                       doc_type="work_report", title="忻州市政协常委会工作报告", source=None,
                       url=None, published="2024-01",
                       text="共提交提案437件，经审查立案374件。收集社情民意信息1800余篇，有85篇被采用。"),
}

# report, metric, quote (found in the report's text), value, qualifier, and overrides
STATED = [
    ("wf2022.txt", "proposals.filed", "立案提案540件", 540, "exact", {}),
    ("wf2022.txt", "proposals.satisfaction_rate", "满意率98%", 98, "exact", {}),
    ("wf2022.txt", "info.adopted", "采用信息约420篇", 420, "about", {}),
    ("wf2023.txt", "proposals.submitted", "收到提案620件", 620, "exact", {}),
    ("wf2023.txt", "proposals.filed", "立案571件", 571, "exact", {}),
    ("wf2023.txt", "proposals.satisfaction_rate", "满意率达99%以上", 99, "at_least", {}),
    ("wf2023.txt", "info.collected", "收集社情民意信息6637篇", 6637, "exact", {}),
    ("wf2023.txt", "info.submitted", "编报1109篇", 1109, "exact", {}),
    ("wf2023.txt", "info.adopted", "采用460篇", 460, "exact", {}),
    ("wf2023.txt", "consultation.activities", "37项重点协商监督活动", 37, "exact", {}),
    ("wf2023.txt", "consultation.activities", "开展重要协商活动60余次", 60, "at_least",
     {"scope": "citywide"}),
    ("zb2023.txt", "proposals.filed", "立案提案480件", 480, "exact", {}),
    ("zb2023.txt", "proposals.satisfaction_rate", "满意率100%", 100, "exact", {}),
    ("zb2023.txt", "info.collected", "收集社情民意信息4300余条", 4300, "at_least", {}),
    ("zb2023.txt", "info.adopted", "被采用信息近200篇", 200, "at_most", {}),
    ("zb2023.txt", "proposals.filed", "立案提案2300件", 2300, "exact", {"period": "term"}),
    ("hz2024.txt", "proposals.filed", "立案提案560件", 560, "exact", {}),
    ("hz2024.txt", "info.collected", "收集社情民意信息2887篇", 2887, "exact", {}),
    ("hz2024.txt", "info.adopted_national", "全国政协采用11篇", 11, "exact", {}),
    ("hz2024.txt", "info.adopted_provincial", "省政协采用174篇", 174, "exact", {}),
    ("hz2024.txt", "proposals.filed", "立案提案565件", 565, "exact", {}),
    ("hz2024.txt", "proposals.submitted", "收到提案300件", 300, "exact", {"period": "partial"}),
    ("xz2023.txt", "proposals.submitted", "提交提案437件", 437, "exact", {}),
    ("xz2023.txt", "proposals.filed", "立案374件", 374, "exact", {}),
    ("xz2023.txt", "info.collected", "收集社情民意信息1800余篇", 1800, "at_least", {}),
    ("xz2023.txt", "info.adopted", "有85篇被采用", 85, "exact", {}),
    # rejected by curation decision D2: must never be shown
    ("xz2023.txt", "proposals.key", "提案437件", 437, "exact", {"status": "rejected"}),
]


def _fact_rows() -> list[dict]:
    rows = []
    for i, (report_id, metric, quote, value, qualifier, extra) in enumerate(STATED, 1):
        report = REPORTS[report_id]
        start = report["text"].index(quote)
        sentence_start = max(report["text"].rfind("。", 0, start) + 1, 0)
        sentence_end = report["text"].find("。", start) + 1 or len(report["text"])
        rows.append(dict(
            fact_id=f"F{i:02d}", report_id=report_id, city=report["cities"], year=report["year"],
            metric=metric, value=float(value), unit="%" if metric.endswith("rate") else "件",
            qualifier=qualifier, scope="committee", period="year", kind="stated",
            derived_from=None, start_pos=start, end_pos=start + len(quote), quote=quote,
            sentence=report["text"][sentence_start:sentence_end], rule=f"{metric}#1",
            status="active", source_url=None, note=None) | extra)
    by_quote = {r["quote"]: r for r in rows}
    national, provincial = by_quote["全国政协采用11篇"], by_quote["省政协采用174篇"]
    rows.append(dict(
        national, fact_id="D01", metric="info.adopted", value=185.0, kind="derived",
        derived_from=[national["fact_id"], provincial["fact_id"]], end_pos=provincial["end_pos"],
        quote=REPORTS["hz2024.txt"]["text"][national["start_pos"]:provincial["end_pos"]],
        rule="derive:sum"))
    rows.append(dict(
        fact_id="C01", report_id=None, city="淄博", year=2022, metric="proposals.filed",
        value=450.0, unit="件", qualifier="exact", scope="committee", period="year",
        kind="curated", derived_from=None, start_pos=None, end_pos=None, quote=None,
        sentence=None, rule="curation:D1", status="active",
        source_url="https://example.org/zibo-2022-proposals", note="年鉴数字"))
    return rows


def _report_rows() -> list[dict]:
    return [dict(report_id=rid, path=f"data/reports/{rid}", sha256="0" * 64,
                 length=len(r["text"]), kind="txt", encoding="utf-8",
                 extractor_version="test", guessed="", **r)
            for rid, r in REPORTS.items()]


def _metric_rows() -> list[dict]:
    catalogue = load_catalogue()
    return [dict(metric=m.id, name_zh=m.zh, name_en=m.en, unit=m.unit, category=m.category,
                 category_zh=catalogue.categories[m.category]["zh"],
                 category_en=catalogue.categories[m.category]["en"],
                 higher_is_better=m.higher_is_better, description=m.description,
                 cues=";".join(m.cues), sort_order=i)
            for i, m in enumerate(catalogue.metrics, 1)]


CURATION = [
    dict(decision_id="D1", action="add", city="淄博", year=2022, metric="proposals.filed",
         scope="committee", period="year", value=450.0, qualifier="exact",
         source_url="https://example.org/zibo-2022-proposals", note="年鉴数字",
         outcome="applied", message="added C01"),
    dict(decision_id="D2", action="reject", fact_id="F27", report_id="xz2023.txt",
         note="not a key-proposal count", outcome="applied", message="rejected F27"),
    dict(decision_id="D3", action="correct", fact_id="F99", expect="12", value=13.0,
         note="typo in the report", outcome="unmatched", message="no fact F99"),
]

QUALITY = [
    dict(check_name="filed_le_submitted", severity="warning", city="菏泽", year=2024,
         metric="proposals.filed", report_id="hz2024.txt", fact_ids=["F17", "F22"],
         message="立案数 560 大于 提交提案数 300"),
    dict(check_name="conflict", severity="info", city="菏泽", year=2024,
         metric="proposals.filed", report_id="hz2024.txt", fact_ids=["F17", "F21"],
         message="两个不同的立案数：560 与 565"),
]


def write_warehouse(path: Path, tables: dict[str, list[dict] | pd.DataFrame]) -> Path:
    """A warehouse at `path`: etl/schema.sql, then `tables` inserted by column name."""
    con = duckdb.connect(str(path))
    try:
        con.execute(SCHEMA.read_text(encoding="utf-8"))
        for table, rows in tables.items():
            frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows)
            if len(frame):
                con.register("incoming", frame)
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
                con.unregister("incoming")
    finally:
        con.close()
    return path


def fixture_tables() -> dict[str, list[dict]]:
    return {
        "cities": [dict(zip(("name", "full_name", "pinyin", "english", "province", "level", "parent"), c))
                   for c in CITIES],
        "reports": _report_rows(),
        "metrics": _metric_rows(),
        "facts": _fact_rows(),
        "curation": CURATION,
        "data_quality": QUALITY,
        "build_info": [dict(key="built_at", value="2025-02-01T08:00:00"),
                       dict(key="extractor_version", value="test"),
                       dict(key="schema_version", value=SCHEMA_VERSION)],
    }


@pytest.fixture(scope="session")
def dash_warehouse(tmp_path_factory) -> Path:
    """The fixture warehouse, built once per test session. Treat it as read-only."""
    return write_warehouse(tmp_path_factory.mktemp("dash") / "warehouse.duckdb", fixture_tables())


@pytest.fixture
def dash_con(dash_warehouse):
    con = duckdb.connect(str(dash_warehouse), read_only=True)
    yield con
    con.close()


@pytest.fixture
def dash_env(dash_warehouse, monkeypatch):
    """Point the app (etl.paths.WAREHOUSE, read at each call) at the fixture warehouse."""
    monkeypatch.setattr(paths, "WAREHOUSE", dash_warehouse)
    return dash_warehouse


@pytest.fixture
def dash_downloads(monkeypatch) -> dict:
    """The downloads the app offers, by file name: {name: function returning the bytes}.

    The Explorer's buttons make their bytes when clicked (deferred); this records them as
    Streamlit registers them, so a test can call them like a click would.
    """
    from streamlit.runtime.media_file_manager import MediaFileManager

    offered: dict = {}
    register = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        offered[file_name] = data_callable
        return register(self, data_callable, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return offered


def load_synthetic_generator():
    """benchmarks/make_synthetic_warehouse.py as a module (benchmarks/ is not a package)."""
    path = ROOT / "benchmarks" / "make_synthetic_warehouse.py"
    spec = importlib.util.spec_from_file_location("make_synthetic_warehouse", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def dash_big_warehouse(tmp_path_factory) -> Path:
    """A synthetic warehouse of 300 cities × 20 years × every metric."""
    generator = load_synthetic_generator()
    path = tmp_path_factory.mktemp("dash_big") / "warehouse.duckdb"
    generator.make_warehouse(path, n_cities=300, n_years=20, seed=7)
    return path


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: end-to-end test in Chromium (skips without /usr/bin/chromium)")
