"""Adding a report: checked before anything is written, all or nothing after."""
import hashlib

import duckdb
import pytest

from etl.add import AddError, prepare, safe_name, save
from etl.review import decide
from etl.warehouse import BuildError
from tests.conftest import build_into, copy_reports, quiet

REPORT = ("日照市政协2024年工作报告\n2025-01-10\n"
          "一年来，市政协共收到提案338件，经审查立案323件，所有提案均已办复，满意率达98.6%。\n"
          "收集社情民意信息1200余篇，被全国政协采用8篇。\n")


@pytest.fixture
def site(tmp_path):
    """A data folder of its own: the bundled reports, decisions and a built warehouse."""
    reports = copy_reports(tmp_path)
    build_into(tmp_path, reports=reports)
    return {"reports": reports, "curation": tmp_path / "decisions.csv",
            "warehouse": tmp_path / "warehouse.duckdb"}


def digests(site):
    files = [site["warehouse"], site["reports"] / "manifest.csv", site["curation"]]
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files} | {
        "listing": sorted(p.name for p in site["reports"].iterdir())}


def add(site, name, data, **kw):
    p = prepare(name, data, reports_dir=site["reports"], **kw)
    save(p, reports_dir=site["reports"], curation=site["curation"], warehouse=site["warehouse"],
         log=quiet, rejected_ids=kw.pop("rejected_ids", set()))
    return p


def values(site, sql, *params):
    with duckdb.connect(str(site["warehouse"]), read_only=True) as con:
        return con.execute(sql, params).fetchall()


def test_an_added_report_is_pending_until_an_editor_approves_it(site):
    p = add(site, "rizhao.txt", REPORT.encode("utf-8"))
    assert (p.info.city, p.info.year) == ("日照", 2024)
    shown = ("SELECT value, provenance FROM metric_values WHERE city = ? AND year = ? AND metric = ?",
             "日照", 2024, "proposals.filed")
    assert values(site, *shown) == []
    assert values(site, "SELECT status FROM facts WHERE report_id = 'rizhao.txt' AND metric = 'proposals.filed'"
                  ) == [("pending",)]
    row = (site["reports"] / "manifest.csv").read_text(encoding="utf-8").splitlines()[-1]
    assert row.startswith("rizhao.txt,日照,山东,prefecture,2024,") and row.endswith(",user,pending")

    decide("rizhao.txt", "approve", by="editor", reports_dir=site["reports"], curation=site["curation"],
           warehouse=site["warehouse"], log=quiet)
    assert values(site, *shown) == [(323.0, "user")]


def test_unticked_facts_become_reject_decisions(site):
    p = prepare("rizhao.txt", REPORT.encode("utf-8"), reports_dir=site["reports"])
    wrong = next(f for f in p.facts if f.metric == "info.adopted_national")
    save(p, reports_dir=site["reports"], curation=site["curation"], warehouse=site["warehouse"],
         rejected_ids={wrong.id}, log=quiet)
    assert values(site, "SELECT status FROM facts WHERE fact_id = ?", wrong.id) == [("rejected",)]
    assert "upload-rizhao-1,reject," in site["curation"].read_text(encoding="utf-8")


def test_the_same_report_twice_is_refused_and_nothing_changes(site):
    add(site, "rizhao.txt", REPORT.encode("utf-8"))
    before = digests(site)
    with pytest.raises(AddError, match="already there as rizhao.txt"):
        prepare("again.txt", REPORT.encode("utf-8"), reports_dir=site["reports"])
    assert digests(site) == before


def test_a_new_version_stays_beside_the_old_and_disagreements_are_conflicts(site):
    add(site, "rizhao.txt", REPORT.encode("utf-8"))
    p = add(site, "rizhao.txt", REPORT.replace("立案323件", "立案325件").encode("utf-8"))
    assert p.file == "rizhao-2.txt"
    for file in ("rizhao.txt", "rizhao-2.txt"):
        decide(file, "approve", reports_dir=site["reports"], curation=site["curation"],
               warehouse=site["warehouse"], log=quiet)
    assert values(site, "SELECT value_a, value_b FROM conflicts WHERE city = ? AND metric = ?",
                  "日照", "proposals.filed") in ([(323.0, 325.0)], [(325.0, 323.0)])


@pytest.mark.parametrize("name, data, reason", [
    ("junk.txt", bytes(range(256)) * 20, "not a text"),
    ("empty.txt", b"", "empty file"),
    ("nocity.txt", "本报讯 共收到提案100件。2024年".encode("utf-8"), "no city"),
    ("big.txt", b"a" * (2 * 1024 * 1024), "too large"),
])
def test_bad_input_gets_one_clear_message_and_changes_nothing(site, name, data, reason):
    before = digests(site)
    with pytest.raises(AddError, match=reason) as err:
        prepare(name, data, reports_dir=site["reports"], max_mb=1)
    assert "\n" not in str(err.value) and name in str(err.value)
    assert digests(site) == before


def test_a_refusal_names_the_field_that_would_fix_it_and_what_was_detected(site):
    with pytest.raises(AddError) as err:
        prepare("nocity.txt", "本报讯 2024年共收到提案100件。".encode("utf-8"), reports_dir=site["reports"])
    assert (err.value.field, err.value.info.year, err.value.info.cities) == ("city", 2024, ())
    p = prepare("nocity.txt", "本报讯 2024年共收到提案100件。".encode("utf-8"), city="日照", reports_dir=site["reports"])
    assert (p.info.city, p.info.year) == ("日照", 2024)
    with pytest.raises(AddError) as err:
        prepare("junk.txt", bytes(range(256)) * 20, reports_dir=site["reports"])
    assert (err.value.field, err.value.info) == (None, None)


@pytest.mark.parametrize("given, reason", [
    ({"published": "2025-13-01"}, "publication date"), ({"published": "Jan 2025"}, "publication date"),
    ({"url": "javascript:alert(1)"}, "not an http"), ({"level": "province"}, "level must be"),
])
def test_impossible_corrections_are_refused_naming_the_field(site, given, reason):
    with pytest.raises(AddError, match=reason) as err:
        prepare("r.txt", REPORT.encode("utf-8"), reports_dir=site["reports"], **given)
    assert err.value.field == next(iter(given))


def test_an_unknown_city_or_impossible_year_is_refused(site):
    with pytest.raises(AddError, match="unknown city"):
        prepare("r.txt", REPORT.encode("utf-8"), city="亚特兰蒂斯", reports_dir=site["reports"])
    with pytest.raises(AddError, match="year 3024"):
        prepare("r.txt", REPORT.encode("utf-8"), year=3024, reports_dir=site["reports"])


def test_a_failed_rebuild_puts_every_file_back(site, monkeypatch):
    before = digests(site)
    p = prepare("rizhao.txt", REPORT.encode("utf-8"), reports_dir=site["reports"])

    def broken_build(*args, **kw):
        raise BuildError("another build is running")

    monkeypatch.setattr("etl.warehouse.build", broken_build)
    with pytest.raises(BuildError):
        save(p, reports_dir=site["reports"], curation=site["curation"], warehouse=site["warehouse"],
             rejected_ids={p.facts[0].id})
    assert digests(site) == before


@pytest.mark.parametrize("name, kind, expected", [
    ("../../etc/passwd.txt", "txt", "passwd.txt"),
    ("报告 2024（摘要）.html", "txt", "报告_2024_摘要.txt"),
    ("a;rm -rf.pdf", "pdf", "a_rm_-rf.pdf"),
    ("page.txt", "html", "page.html"),
    ("....", "txt", "report.txt"),
    ("C:\\Users\\x\\report.docx", "docx", "report.docx"),
])
def test_safe_names(name, kind, expected):
    assert safe_name(name, kind) == expected


def test_the_kind_is_judged_by_content(site):
    html = "<html><body><article><p>日照市政协：共收到提案338件。</p></article></body></html>"
    p = prepare("looks-like-text.txt", html.encode("utf-8"), year=2024, reports_dir=site["reports"])
    assert p.file == "looks-like-text.html" and p.document.kind == "html"
