"""A build never harms the warehouse readers have: atomic swap, one build at a time,
and a build that dies leaves the previous warehouse as it was."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from etl import warehouse
from etl.warehouse import BuildLocked, lock_path
from tests.conftest import DECISIONS_CSV, build_into, make_data_dir, start_paused_build

ROOT = Path(__file__).resolve().parent.parent
ADD_ONE = DECISIONS_CSV + "t-new,add,,,proposals.key,忻州,2020,,,9,,,,\n"


def count_facts(path_or_con) -> int:
    if isinstance(path_or_con, Path):
        with duckdb.connect(":memory:") as c:  # ATTACH: never a cached instance of an older file
            c.execute("ATTACH ? AS w (READ_ONLY)", [str(path_or_con)])
            return c.execute("SELECT count(*) FROM w.facts").fetchone()[0]
    return path_or_con.execute("SELECT count(*) FROM facts").fetchone()[0]


def test_a_reader_of_the_old_file_keeps_reading_through_a_rebuild(tmp_path):
    build_into(tmp_path)
    wh = tmp_path / "warehouse.duckdb"
    reader = duckdb.connect(str(wh), read_only=True)
    before = count_facts(reader)
    build_into(tmp_path, decisions=ADD_ONE)
    assert count_facts(reader) == before          # the old file, still open, still whole
    assert count_facts(wh) == before + 1          # the new file is in place
    reader.close()


def test_the_swap_leaves_no_temporary_file(tmp_path):
    build_into(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["decisions.csv", "warehouse.duckdb", "warehouse.lock"]


def test_a_build_that_fails_while_writing_leaves_the_old_warehouse(tmp_path, monkeypatch):
    build_into(tmp_path)
    wh = tmp_path / "warehouse.duckdb"
    old = wh.read_bytes()

    def broken(con, table, rows):
        raise RuntimeError("disk full")
    monkeypatch.setattr(warehouse, "insert_rows", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        build_into(tmp_path, decisions=ADD_ONE)
    assert wh.read_bytes() == old
    assert not list(tmp_path.glob("warehouse.duckdb.tmp-*"))


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return make_data_dir(tmp_path, ADD_ONE)


def test_a_killed_build_leaves_the_old_warehouse_readable_and_its_leftovers_go_next_time(data_dir):
    wh = data_dir / "warehouse.duckdb"
    build_into(data_dir, reports=data_dir / "reports")  # the old warehouse: without t-new
    old, before = wh.read_bytes(), count_facts(wh)
    proc = start_paused_build(data_dir, None, "--full")
    try:
        leftovers = list(data_dir.glob("warehouse.duckdb.tmp-*"))
        assert [p.name for p in leftovers] == [f"warehouse.duckdb.tmp-{proc.pid}"]
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert wh.read_bytes() == old and count_facts(wh) == before

    lines: list[str] = []
    warehouse.build(data_dir / "reports", warehouse=wh, curation=data_dir / "curation" / "decisions.csv",
                    cities=data_dir / "cities.csv", external=data_dir / "external", log=lines.append)
    assert f"note: removing warehouse.duckdb.tmp-{proc.pid}, left by a build that did not finish" in lines
    assert not list(data_dir.glob("warehouse.duckdb.tmp-*"))
    assert count_facts(wh) == before + 1


def test_a_second_build_fails_fast_while_one_is_running(data_dir):
    wh = data_dir / "warehouse.duckdb"
    proc = start_paused_build(data_dir, None, "--full")
    try:
        started = time.perf_counter()
        with pytest.raises(BuildLocked, match=r"^another build is running \(lock .*warehouse\.lock\)$"):
            warehouse.build(data_dir / "reports", warehouse=wh, curation=data_dir / "curation" / "decisions.csv",
                            cities=data_dir / "cities.csv", log=lambda _: None)
        assert time.perf_counter() - started < 5
        env = dict(os.environ, ZX_DATA_DIR=str(data_dir), ZX_WAREHOUSE=str(wh))
        done = subprocess.run([sys.executable, "-m", "etl", "build"], cwd=ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 2
        assert done.stderr == f"error: another build is running (lock {lock_path(wh)})\n"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    # The lock dies with its holder.
    build_into(data_dir, decisions=ADD_ONE, reports=data_dir / "reports")
