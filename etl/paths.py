"""The one place that knows where the project's data lives."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("ZX_DATA_DIR", ROOT / "data"))
REPORTS = DATA / "reports"
MANIFEST = REPORTS / "manifest.csv"
CURATION = DATA / "curation"
EXTERNAL = DATA / "external"      # published figures from outside the reports, and their committees
CITIES = DATA / "cities.csv"
# every county-level division's official name (沙河市, 惠民县, 峨眉山市): a place named in a text
PLACES = DATA / "places.csv"
WAREHOUSE = Path(os.environ.get("ZX_WAREHOUSE", DATA / "warehouse.duckdb"))
CATALOGUE = Path(__file__).resolve().parent / "metrics.yaml"
SHARED = Path(os.environ.get("ZX_SHARED_DIR", ROOT.parent / "shared"))

# The largest report file accepted at any entry point (extract, build, add, upload).
MAX_REPORT_MB = float(os.environ.get("ZX_MAX_REPORT_MB", "20"))
