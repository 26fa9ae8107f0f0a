"""Download file names say what is in them."""
from dashboard.downloads import download_name


def test_names_say_years_cities_and_a_single_metric():
    assert download_name("csv", years=[2023], cities=["潍坊", "淄博"]) == "zhengxie_metric_values_2023_潍坊-淄博.csv"
    assert download_name("xlsx", years=[2021, 2022, 2023], cities=None) == "zhengxie_metric_values_2021-2023_all-cities.xlsx"
    assert download_name("parquet", years=None, cities=["a", "b", "c", "d"], metrics=["proposals.filed"]) == (
        "zhengxie_metric_values_all-years_4-cities_proposals.filed.parquet")
    assert download_name("csv", years=[2021, 2023], cities=[]) == "zhengxie_metric_values_2021_2023_no-cities.csv"


def test_names_keep_only_safe_characters():
    assert download_name("csv", cities=['a/b"c']) == "zhengxie_metric_values_all-years_a_b_c.csv"
