"""Inputs the build trusts — the decisions file and the manifest — are checked loudly: a
missing, broken or wrong one stops the build with one line naming the file, line and
reason, and the warehouse stays as it was. `etl check` says the same. A build that would
lose many values needs --force."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl import paths
from etl.warehouse import BuildError, build
from tests.conftest import make_data_dir, quiet

MANIFEST_ROW = "000_20fc046ed607ab7a.txt,潍坊,山东,prefecture,2023,work_review,潍坊市政协2023年工作综述,,,2024-01"


@pytest.fixture
def data(tmp_path) -> Path:
    """A data folder of this test's own (bundled reports, the shipped decisions) and its warehouse."""
    data = make_data_dir(tmp_path, (paths.CURATION / "decisions.csv").read_text(encoding="utf-8"))
    run_build(data)
    return data


def run_build(data: Path, **kw):
    return build(data / "reports", warehouse=data / "warehouse.duckdb", curation=data / "curation" / "decisions.csv",
                 cities=data / "cities.csv", external=data / "external", log=quiet, **kw)


def counts(data: Path) -> tuple[int, int]:
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as con:
        return (con.execute("SELECT count(*) FROM metric_values").fetchone()[0],
                con.execute("SELECT count(*) FROM facts WHERE kind = 'curated'").fetchone()[0])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def etl(data: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, ZX_DATA_DIR=str(data), ZX_WAREHOUSE=str(data / "warehouse.duckdb"))
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=paths.ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def refused(data: Path, *expected: str, check: bool = True) -> None:
    """The build stops naming the problem; the warehouse is unchanged; `etl build` and
    `etl check` both say it in one line and fail."""
    before = digest(data / "warehouse.duckdb")
    with pytest.raises(BuildError) as err:
        run_build(data)
    message = str(err.value)
    assert "\n" not in message and all(e in message for e in expected), message
    assert digest(data / "warehouse.duckdb") == before
    for command in ("build", "check") if check else ("build",):
        done = etl(data, command)
        assert done.returncode != 0, (command, done.stderr)
        errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
        assert len(errors) == 1 and all(e in errors[0] for e in expected), (command, done.stderr)
    assert digest(data / "warehouse.duckdb") == before


# ----------------------------------------------------------------------------- decisions


# metric values and curated facts of the bundled reports with the shipped decisions
# (91: the 淄博 subset rates are no committee rates under contract v1.1)
SHIPPED = (91, 52)


def test_the_shipped_decisions_are_applied(data):
    assert counts(data) == SHIPPED


def test_a_missing_decisions_file_stops_the_build(data):
    (data / "curation" / "decisions.csv").unlink()
    refused(data, "decisions.csv: missing")
    assert counts(data) == SHIPPED


def test_a_stray_quote_stops_the_build_naming_the_line(data):
    path = data / "curation" / "decisions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",add,,,", ',add,,,"', 1)               # one stray quote on line 4
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    refused(data, "decisions.csv: line 4", "stray quote")


def test_a_row_with_an_extra_field_stops_the_build(data):
    path = data / "curation" / "decisions.csv"
    path.write_text(path.read_text(encoding="utf-8") + "x1,confirm,f,,,,,,,,,,,,extra\n", encoding="utf-8")
    refused(data, "decisions.csv: line 54", "15 fields, but the header has 14")


def test_an_empty_file_is_an_error_and_the_header_alone_means_no_decisions(data):
    path = data / "curation" / "decisions.csv"
    header = path.read_text(encoding="utf-8").splitlines()[0]
    path.write_text("", encoding="utf-8")
    refused(data, "decisions.csv: empty file")
    path.write_text(header + "\n", encoding="utf-8")
    run_build(data, force=True)                                         # the analysts' figures go: on purpose
    assert counts(data)[1] == 0


# ----------------------------------------------------------------------------- manifest


def set_manifest_row(data: Path, row: str, header: str | None = None) -> None:
    path = data / "reports" / "manifest.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = row
    if header is not None:
        lines[0] = header
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("year", ["2023.0", "二〇二三", "-2023", "99999", ""])
def test_a_year_that_is_not_a_year_stops_the_build(data, year):
    set_manifest_row(data, MANIFEST_ROW.replace(",2023,", f",{year},"))
    refused(data, "manifest.csv: line 2", f"year {year!r}", "000_20fc046ed607ab7a.txt")


def test_an_unknown_city_stops_the_build(data):
    set_manifest_row(data, MANIFEST_ROW.replace(",潍坊,", ",火星,"))
    refused(data, "manifest.csv: line 2", "unknown city 火星")


def test_a_missing_year_column_stops_the_build(data):
    path = data / "reports" / "manifest.csv"
    rows = [line.split(",") for line in path.read_text(encoding="utf-8").splitlines()]
    path.write_text("\n".join(",".join(r[:4] + r[5:]) for r in rows) + "\n", encoding="utf-8")
    refused(data, "manifest.csv: line 1", "missing column(s) year")


def test_a_second_row_for_one_file_stops_the_build(data):
    path = data / "reports" / "manifest.csv"
    path.write_text(path.read_text(encoding="utf-8") + MANIFEST_ROW.replace("潍坊市政协2023年", "另一") + "\n",
                    encoding="utf-8")
    refused(data, "manifest.csv: line 7", "listed twice (lines 2 and 7)")


def test_an_extra_field_stops_the_build_naming_the_line(data):
    set_manifest_row(data, MANIFEST_ROW + ",extra")
    refused(data, "manifest.csv: line 2", "11 fields, but the header has 10")


# ----------------------------------------------------------------------------- losing values


def test_a_build_that_would_lose_many_values_needs_force(data):
    before = counts(data)
    (data / "reports" / "004_1980ab8869d1f400.txt").unlink()            # 忻州: 11 of the 91 values
    path = data / "reports" / "manifest.csv"
    path.write_text("\n".join(l for l in path.read_text(encoding="utf-8").splitlines()
                              if not l.startswith("004_")) + "\n", encoding="utf-8")
    refused(data, f"instead of {SHIPPED[0]}", "--force", check=False)
    assert counts(data) == before
    done = etl(data, "build", "--force")
    assert done.returncode == 0, done.stderr
    assert counts(data)[0] < before[0]


def test_a_symlink_in_the_reports_folder_is_an_error_not_a_report(data):
    (data / "reports" / "passwd.txt").symlink_to("/etc/passwd")
    lines: list[str] = []
    summary = build(data / "reports", warehouse=data / "warehouse.duckdb", curation=data / "curation" / "decisions.csv",
                    cities=data / "cities.csv", log=lines.append)
    assert summary.errors == 1 and any("passwd.txt: a symbolic link; not read" in line for line in lines)
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM reports WHERE report_id = 'passwd.txt'").fetchone() == (0,)
