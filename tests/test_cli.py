"""`python -m etl extract` as a person uses it: facts out, one clear line per bad input."""
import json
import subprocess
import sys
import zipfile

import pytest

from etl import paths

GOOD = "市政协全年共收到提案437件，经审查立案374件，所有提案均已办复。\n"


def run(*args, **kw):
    return subprocess.run([sys.executable, "-m", "etl", *map(str, args)], capture_output=True,
                          text=True, cwd=paths.ROOT, **kw)


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "good.txt"
    path.write_text("忻州市政协2023年工作报告\n" + GOOD, encoding="utf-8")
    return path


def bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.bin").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "undecodable.txt").write_bytes(b"\x81\xff\xfe\x80" * 300)
    (tmp_path / "scan.pdf").write_bytes(
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Contents 4 0 R>>endobj\n"
        b"4 0 obj<</Length 22>>stream\n0 0 m 100 100 l S\nendstream endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n")
    with zipfile.ZipFile(tmp_path / "notword.docx", "w") as z:
        z.writestr("hello.txt", "not a Word file")
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    return {
        "empty.txt": "empty file", "junk.bin": "not a text", "undecodable.txt": "cannot decode",
        "scan.pdf": "PDF", "notword.docx": "not a text", "big.txt": "too large",
        "missing.txt": "no such file",
    }


def test_jsonl_has_the_contract_fields(good):
    result = run("extract", good, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["metric"], r["value"]) for r in rows} == {
        ("proposals.submitted", 437), ("proposals.filed", 374), ("proposals.reply_rate", 100)}
    text = good.read_text(encoding="utf-8")
    for r in rows:
        assert set(r) >= {"file", "city", "year", "metric", "value", "qualifier", "scope", "period",
                          "derived", "start", "end", "quote"}
        assert text[r["start"]:r["end"]] == r["quote"]


def test_guessed_fields_are_said(good):
    result = run("extract", good, "--format", "jsonl")
    assert "no manifest row; guessed" in result.stderr and "city=忻州" in result.stderr
    assert {json.loads(line)["city"] for line in result.stdout.splitlines()} == {"忻州"}


def test_table_is_readable(good):
    result = run("extract", good)
    assert result.returncode == 0
    assert "proposals.filed" in result.stdout and "374" in result.stdout and "quote" in result.stdout


def test_bad_inputs_get_one_line_each_and_the_rest_is_processed(tmp_path, good):
    reasons = bad_inputs(tmp_path)
    files = [tmp_path / name for name in reasons]
    result = run("extract", *files, good, "--format", "jsonl")
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == len(reasons), result.stderr
    for name, reason in reasons.items():
        line = next(e for e in errors if name in e)
        assert reason in line, line
    assert len(result.stdout.splitlines()) == 3  # the good file's facts: submitted, filed, reply rate 100


def test_exit_status_is_nonzero_only_when_nothing_could_be_read(tmp_path):
    reasons = bad_inputs(tmp_path)
    result = run("extract", *[tmp_path / n for n in reasons])
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


def test_size_limit_is_configurable(tmp_path, good):
    assert run("extract", good, "--max-mb", "0.00001").returncode == 1
    assert "too large" in run("extract", good, "--max-mb", "0.00001").stderr


def test_manifest_beside_the_reports_is_used(tmp_path):
    (tmp_path / "r.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,city,province,level,year,doc_type,title,source,url,published\n"
        "r.txt,忻州,山西,prefecture,2023,work_report,报告,,,2024-01\n", encoding="utf-8")
    result = run("extract", tmp_path / "r.txt", "--format", "jsonl")
    assert "guessed" not in result.stderr
    assert {(json.loads(l)["city"], json.loads(l)["year"]) for l in result.stdout.splitlines()} == {("忻州", 2023)}


def test_a_bug_met_on_one_file_loses_none_of_the_others(tmp_path, good, monkeypatch, capsys):
    from etl import cli

    bad = tmp_path / "bad.txt"
    bad.write_text("忻州市政协2023年工作报告\n" + GOOD, encoding="utf-8")
    real = cli.extract_path

    def extract_path(path, **kw):
        if path.name == "bad.txt":
            raise TypeError("'<' not supported between instances of 'NoneType' and 'str'")
        return real(path, **kw)

    monkeypatch.setattr(cli, "extract_path", extract_path)
    monkeypatch.delenv("ZX_DEBUG", raising=False)
    status = cli.cmd_extract([str(bad), str(good)], "jsonl")
    out, err = capsys.readouterr()
    assert status == 2   # a bug is not a bad input: said by the status too
    assert len(out.splitlines()) == 3   # the good file's facts, though it came after
    [line] = [e for e in err.splitlines() if e.startswith("error:")]
    assert "bad.txt" in line and "internal error" in line and "TypeError" in line
