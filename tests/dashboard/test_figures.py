"""The pages' figures, kept per inputs: the same figure as the builder makes, a new one for new inputs."""
import base64

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import charts, figures

COLUMNS = ("city", "city_en", "year", "metric", "value", "unit", "qualifier", "kind", "period",
           "report_title", "sentence", "source_url", "note")
ROWS = pd.DataFrame([dict(zip(COLUMNS, r)) for r in (
    ("潍坊", "Weifang", 2023, "info.adopted", 460, "篇", "exact", "stated", "year", "潍坊市政协2023年工作综述",
     "被全国政协、省政协采用460篇。", None, None),
    ("菏泽", "Heze", 2024, "info.adopted", 185, "篇", "exact", "derived", "year", "菏泽报告",
     "全国政协采用11篇，省政协采用174篇。", None, None),
    ("淄博", "Zibo", 2023, "info.adopted", 200, "篇", "at_most", "curated", "year", None, None,
     "https://example.org/x", "年鉴"),
)])


def _bars(rows, title="T"):
    return figures.figure(charts.compare_bars, rows, ["潍坊", "菏泽", "淄博"], [2023, 2024], title=title,
                          source="", axis_title="篇", lang="zh")


def _values(array) -> list:
    """A trace's numbers, also when plotly keeps them as a typed array ({"dtype", "bdata"})."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def test_a_kept_figure_is_the_figure_its_builder_makes():
    direct = charts.compare_bars(ROWS, ["潍坊", "菏泽", "淄博"], [2023, 2024], title="T", source="",
                                 axis_title="篇", lang="zh")
    # (made again from its dict: plotly drops the empty parts, like an unset title.subtitle)
    expected = go.Figure(direct.to_dict()).to_dict()
    assert _bars(ROWS).to_dict() == expected
    assert _bars(ROWS).to_dict() == expected   # again, from the cache


def test_new_values_or_a_new_title_make_a_new_figure():
    changed = ROWS.copy()
    changed.loc[0, "value"] = 461
    first, second, third = _bars(ROWS), _bars(changed), _bars(ROWS, title="U")
    assert 460 in _values(first.data[1].y) and 461 in _values(second.data[1].y)
    assert third.layout.title.text == "U" and first.layout.title.text == "T"


def test_a_kept_figure_is_a_copy_a_page_may_change():
    fig = _bars(ROWS)
    fig.update_layout(title_text="changed on the page")
    assert _bars(ROWS).layout.title.text == "T"


def test_frames_with_the_same_content_have_the_same_key_and_cells_may_hold_arrays():
    frame = pd.DataFrame({"value": [1.0, 2.0], "sources": [np.array([1, 2]), np.array([3])], "city": ["a", "b"]})
    assert figures._frame_key(frame) == figures._frame_key(frame.copy())
    changed = frame.copy()
    changed.at[1, "sources"] = np.array([4])
    assert figures._frame_key(changed) != figures._frame_key(frame)
    assert figures._frame_key(frame.iloc[::-1]) != figures._frame_key(frame)        # order counts
    assert figures._frame_key(frame.rename(columns={"city": "town"})) != figures._frame_key(frame)


def test_only_the_pages_builders_are_kept():
    with pytest.raises(ValueError):
        figures.figure(charts.png_config, "x")
