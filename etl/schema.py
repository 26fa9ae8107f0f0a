"""Which version of the warehouse's tables a program writes and reads.

`SCHEMA_VERSION` is a digest of etl/schema.sql, stored in each warehouse's `build_info`
when it is built. A warehouse built by another version of the program (a column added
since, a view changed) is *outdated*: `etl build --if-missing` and the dashboard rebuild
it from the reports rather than fail on a missing column.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

SCHEMA = Path(__file__).resolve().parent / "schema.sql"
SCHEMA_VERSION = hashlib.sha256(SCHEMA.read_bytes()).hexdigest()[:12]


def built_schema(path: Path) -> str | None:
    """The schema version the warehouse at `path` was built with: "" when it names none
    (built before versions were kept), None when it cannot be read at all (damaged: a
    case for a clear message, not for a silent rebuild over it)."""
    con = duckdb.connect(":memory:")  # attached read-only: never a lock on, or a change to, the file
    try:
        con.execute("ATTACH ? AS warehouse (READ_ONLY)", [str(path)])
        tables = {r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'warehouse'").fetchall()}
        if "build_info" not in tables:
            return None
        row = con.execute("SELECT value FROM warehouse.build_info WHERE key = 'schema_version'").fetchone()
    except duckdb.Error:
        return None
    finally:
        con.close()
    return row[0] if row else ""


def is_outdated(path: Path) -> bool:
    """Whether the warehouse at `path` reads, but was built for other tables than this
    program's (a missing or damaged one is not outdated)."""
    if not Path(path).is_file():
        return False
    built = built_schema(Path(path))
    return built is not None and built != SCHEMA_VERSION
