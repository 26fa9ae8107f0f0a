"""The README documents what the product has: every metric, both commands, every page."""
from etl import paths
from etl.catalogue import load_catalogue

README = (paths.ROOT / "README.md").read_text(encoding="utf-8")


def test_every_metric_is_in_the_readme_table():
    missing = [m.id for m in load_catalogue().metrics if f"| `{m.id}` | {m.zh} |" not in README]
    assert not missing, f"add these metrics to the README table: {missing}"


def test_the_two_commands_are_documented():
    assert "make run" in README and "make test" in README
    ci = (paths.ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_every_page_is_in_the_readme():
    from dashboard.i18n import translate
    from dashboard.pages import PAGES

    missing = [translate(p.title, "zh") for p in PAGES if translate(p.title, "zh") not in README]
    assert not missing, f"add these pages to the README: {missing}"
