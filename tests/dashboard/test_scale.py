"""With 300 cities × 20 years nothing becomes unreadable: rankings show the top and bottom N,
the heatmap a limited number of rows, pickers search, long lists are cut with a count."""
import pytest

from etl import paths
from helpers import chart_titles, figures, open_page

pytestmark = pytest.mark.usefixtures("dash_big")


@pytest.fixture
def dash_big(dash_big_warehouse, monkeypatch):
    monkeypatch.setattr(paths, "WAREHOUSE", dash_big_warehouse)


def test_overview_ranks_top_and_bottom_n_and_limits_the_heatmap():
    at = open_page("overview", {"top": "5"})
    assert not at.exception
    *rankings, heatmap = figures(at)
    for ranking in rankings:
        labels = list(ranking.data[0].y)
        assert len(labels) == 10 and labels[0].split(".")[0] in ("1", "并列1") or labels[0].startswith("1–")
        last = labels[-1].split(".")[0].replace("并列", "").split("–")[-1]
        assert int(last) > 200                                    # the bottom five of ~270
    for _, subtitle in chart_titles(at)[:len(rankings)]:
        assert subtitle.startswith("前 5 名与后 5 名")
    assert len(heatmap.data[0].y) == 30
    assert "显示前 30 个城市（共 296 个）" in " ".join(c.value for c in at.caption)   # the prefecture-level peers


def test_city_pickers_search_and_long_lists_are_cut():
    at = open_page("compare", {"years": ["2023", "2024"]})
    [cities] = [m for m in at.multiselect if m.label == "城市"]
    assert len(cities.options) == 296 and len(cities.value) == 5     # the prefecture-level committees
    at = open_page("trends", {"cities": ["金华", "晋城", "日喀则"]})
    assert not at.exception
    at = open_page("explorer", {"years": [str(y) for y in range(2005, 2025)]})
    assert len(at.dataframe[0].value) == 5000
    assert "表格显示前 5000 行" in " ".join(c.value for c in at.caption)
