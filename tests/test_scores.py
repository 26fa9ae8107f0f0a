"""Extraction quality through the contract interface (`python -m etl extract --format jsonl`),
scored with the shared scorer against the hand-labelled gold files."""
import json
import re
import subprocess
import sys

import pytest

from etl import paths

SHARED = paths.SHARED
needs_shared = pytest.mark.skipif(
    not (SHARED / "tools" / "score_extraction.py").is_file(),
    reason=f"the shared corpus is not beside the project ({SHARED}); scores cannot be measured",
)


def extract_jsonl(files, tmp_path):
    out = tmp_path / "pred.jsonl"
    with open(out, "w", encoding="utf-8") as fh:
        subprocess.run([sys.executable, "-m", "etl", "extract", *map(str, files), "--format", "jsonl"],
                       stdout=fh, check=True, cwd=paths.ROOT)
    return out


def score(gold, pred):
    run = subprocess.run([sys.executable, str(SHARED / "tools" / "score_extraction.py"), str(gold), str(pred)],
                         capture_output=True, text=True, check=True)
    text = run.stdout
    p, r = map(float, re.search(r"stated facts: precision ([\d.]+) recall ([\d.]+)", text).groups())
    agreement = {k: tuple(map(int, v)) for k, *v in
                 re.findall(r"(qualifier|city) agreement on matched facts: (\d+)/(\d+)", text)}
    return p, r, agreement, text


# (texts, gold, min precision, min recall, every matched city right): the bars
BARS = {
    "bundled reports": ("reports", "corpus/seeds-gold.jsonl", 0.97, 0.95, True),
    "dev excerpts": ("corpus/dev", "corpus/dev/gold.jsonl", 0.97, 0.95, False),
    # 46 excerpts from 24 other provinces, a third in traditional characters (contract v1.1)
    "other provinces (dev2)": ("corpus/dev2", "corpus/dev2/gold.jsonl", 0.97, 0.93, True),
}


@needs_shared
@pytest.mark.parametrize("corpus", BARS)
def test_extraction_meets_the_bars(corpus, tmp_path):
    texts, gold, min_p, min_r, cities = BARS[corpus]
    pred = extract_jsonl(sorted((SHARED / texts).glob("*.txt")), tmp_path)
    p, r, agreement, text = score(SHARED / gold, pred)
    assert p >= min_p and r >= min_r, text
    ok, total = agreement["qualifier"]
    assert ok / total >= 0.95, text
    if cities:
        ok, total = agreement["city"]
        assert ok == total, text


@needs_shared
def test_every_quote_is_its_span_of_the_decoded_original(tmp_path):
    from etl.read import read_document

    files = sorted((SHARED / "reports").glob("*.txt")) + sorted((SHARED / "corpus" / "dev").glob("*.txt"))
    pred = extract_jsonl(files, tmp_path)
    originals = {str(f): read_document(f).original for f in files}
    rows = [json.loads(line) for line in pred.read_text(encoding="utf-8").splitlines()]
    assert rows
    for row in rows:
        assert originals[row["file"]][row["start"]:row["end"]] == row["quote"], row
        for key in ("file", "city", "year", "metric", "value", "qualifier", "scope", "period", "derived"):
            assert key in row
