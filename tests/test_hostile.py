"""Hostile inputs through the command line, as an attacker or a careless user would give
them: each ends in one clear line on stderr within 10 s and under 500 MB peak memory (the
command and every process it starts), and `data/` is byte for byte unchanged."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from etl import paths
from tests import hostile
from tests.conftest import make_data_dir, quiet
from etl.warehouse import build

SECONDS, PEAK_MB = 10, 500

# Runs a command as a child subreaper, so the readers' processes (children of the
# forkserver, which outlives the command briefly) are waited for and counted in the peak.
MEASURE = r"""
import ctypes, json, os, resource, subprocess, sys, time
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
start = time.monotonic()
done = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
seconds = time.monotonic() - start
deadline = time.monotonic() + 10
while time.monotonic() < deadline:
    try:
        pid, _ = os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        break
    if pid == 0:
        time.sleep(0.05)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"rc": done.returncode, "stderr": done.stderr.decode("utf-8", "replace"),
                  "seconds": seconds, "peak_mb": peak}))
"""


def run_measured(*args: str, data: Path, env: dict | None = None) -> dict:
    environment = dict(os.environ, ZX_DATA_DIR=str(data), ZX_WAREHOUSE=str(data / "warehouse.duckdb"),
                       **(env or {}))
    out = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "etl", *args],
                         cwd=paths.ROOT, env=environment, capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix != ".lock"}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    data = make_data_dir(tmp_path_factory.mktemp("hostile"))
    build(data / "reports", warehouse=data / "warehouse.duckdb", curation=data / "curation" / "decisions.csv",
          cities=data / "cities.csv", log=quiet)
    return data


def one_clear_line(result: dict, *expected: str) -> str:
    lines = result["stderr"].splitlines()
    assert len(lines) == 1, lines
    [line] = lines
    assert line.startswith("error: ") and all(e in line for e in expected), line
    assert "Traceback" not in line and "\x1b" not in line
    assert result["rc"] != 0
    assert result["seconds"] < SECONDS, result
    assert result["peak_mb"] < PEAK_MB, result
    return line


@pytest.mark.parametrize("case", sorted(hostile.FILES))
@pytest.mark.parametrize("command", ["extract", "add"])
def test_a_small_file_that_would_explode_is_refused_in_one_line(case, command, data_dir, tmp_path):
    name, make, reason = hostile.FILES[case]
    path = make(tmp_path / name)
    assert path.stat().st_size < 6 * 2**20                     # small on disk
    before = tree_digest(data_dir)
    args = ["extract", str(path)] if command == "extract" else ["add", str(path), "--city", "潍坊", "--year", "2023"]
    one_clear_line(run_measured(*args, data=data_dir), name, reason)
    assert tree_digest(data_dir) == before


def _fifo(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    return tmp_path / "pipe.txt", "not a regular file"


def _sparse(tmp_path):
    path = tmp_path / "sparse.txt"
    with open(path, "wb") as fh:
        fh.truncate(6 * 2**30)                                  # 6 GB, no blocks on disk
    return path, "file too large (6144 MB"


def _symlink(tmp_path):
    (tmp_path / "passwd.txt").symlink_to("/etc/passwd")
    return tmp_path / "passwd.txt", "symbolic link"


def _directory(tmp_path):
    (tmp_path / "x.txt").mkdir()
    return tmp_path / "x.txt", "is a directory"


SPECIAL = {
    "fifo": _fifo,
    "dev_zero": lambda tmp_path: (Path("/dev/zero"), "not a regular file"),
    "dev_urandom": lambda tmp_path: (Path("/dev/urandom"), "not a regular file"),
    "sparse_6gb": _sparse,
    "symlink_out": _symlink,
    "directory": _directory,
}


@pytest.mark.parametrize("case", sorted(SPECIAL))
def test_add_checks_the_file_before_reading_it(case, data_dir, tmp_path):
    path, reason = SPECIAL[case](tmp_path)
    before = tree_digest(data_dir)
    one_clear_line(run_measured("add", str(path), "--city", "潍坊", "--year", "2023", data=data_dir),
                   str(path), reason)
    assert tree_digest(data_dir) == before
    assert "root:" not in "".join(p.read_text(encoding="utf-8", errors="replace")
                                  for p in (data_dir / "reports").iterdir())


def test_extract_refuses_devices_fifos_and_huge_sparse_files_too(data_dir, tmp_path):
    for case in ("fifo", "dev_zero", "sparse_6gb"):
        path, reason = SPECIAL[case](tmp_path)
        one_clear_line(run_measured("extract", str(path), data=data_dir), str(path), reason)


def test_a_slow_document_ends_at_the_time_budget(data_dir, tmp_path):
    """Within the structural limits but slow to parse: the per-document budget ends it."""
    path = tmp_path / "slow.html"
    # (every element carries 30 attributes: about a second's parse on a 2026 machine, ten times
    # the budget, so a faster machine still runs out of it; the bare tags alone took 0.2 s there)
    attrs = " ".join(f'data-a{i}="{i}"' for i in range(30))
    path.write_text("<html><body>" + (f"<div {attrs}>" * 250 + "<p>潍坊市政协</p>" + "</div>" * 250) * 70
                    + "</body></html>", encoding="utf-8")
    line = one_clear_line(run_measured("extract", str(path), data=data_dir, env={"ZX_READ_SECONDS": "0.1"}),
                          "slow.html", "took longer than 0.1 s")
    assert line.endswith("(limit per document)")


def test_control_characters_in_a_name_are_escaped(data_dir, tmp_path):
    path = tmp_path / "bad\nname\x1b[31m.txt"
    path.write_bytes(bytes(range(256)) * 8)                    # binary junk
    before = tree_digest(data_dir)
    line = one_clear_line(run_measured("add", str(path), "--city", "潍坊", "--year", "2023", data=data_dir),
                          "bad\\nname\\x1b[31m.txt", "not a text")
    assert "\n" not in line
    assert tree_digest(data_dir) == before
