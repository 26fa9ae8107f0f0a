"""data/cities.csv and etl.cities."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from etl import paths
from etl.cities import FIELDS, LEVELS, City, city_by_name, find_city_mentions, load_cities

CITIES = load_cities()
BY_NAME = {c.name: c for c in CITIES}

SHANDONG = "济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽".split()
SHANXI = "太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁".split()


def test_file_is_plain_utf8_with_lf():
    raw = paths.CITIES.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in raw
    assert raw.decode("utf-8").splitlines()[0] == ",".join(FIELDS)


def test_every_row_has_every_field():
    for c in CITIES:
        for f in ("name", "full_name", "pinyin", "english", "province", "level"):
            assert getattr(c, f), (c, f)
        assert c.level in LEVELS, c
        assert bool(c.parent) == (c.level in ("county", "district")), c


def test_names_are_unique_and_do_not_shadow_other_rows_full_names():
    counts = Counter(c.name for c in CITIES)
    assert [n for n, k in counts.items() if k > 1] == []
    for c in CITIES:
        other = city_by_name(c.full_name)
        assert other is None or other == c, (c, other)


def test_pinyin_is_one_capitalised_ascii_word():
    for c in CITIES:
        assert re.fullmatch(r"[A-Z][a-z]+", c.pinyin), c


def test_counts_by_level():
    levels = Counter(c.level for c in CITIES)
    assert levels["municipality"] == 4
    assert levels["prefecture"] == 333  # 293 地级市 + 7 地区 + 30 自治州 + 3 盟
    sd = [c for c in CITIES if c.province == "山东" and c.level in ("county", "district")]
    sx = [c for c in CITIES if c.province == "山西" and c.level in ("county", "district")]
    assert len(sd) == 136 and sum(c.level == "district" for c in sd) == 58
    assert len(sx) == 117 and sum(c.level == "district" for c in sx) == 26
    assert Counter(c.full_name[-2:] for c in CITIES if c.full_name.endswith("自治州")) == {"治州": 30}
    assert sum(c.full_name.endswith("地区") for c in CITIES) == 7
    assert sum(c.full_name.endswith("盟") for c in CITIES) == 3


def test_municipalities_are_their_own_province():
    munis = {c.name: c for c in CITIES if c.level == "municipality"}
    assert set(munis) == {"北京", "天津", "上海", "重庆"}
    for name, c in munis.items():
        assert c.province == name and c.full_name == name + "市"


def test_shandong_and_shanxi_prefectures():
    pref = lambda prov: [c.name for c in CITIES if c.province == prov and c.level == "prefecture"]
    assert sorted(pref("山东")) == sorted(SHANDONG)
    assert sorted(pref("山西")) == sorted(SHANXI)


def test_every_county_or_district_has_a_prefecture_of_its_province_as_parent():
    for c in CITIES:
        if c.level in ("county", "district"):
            parent = BY_NAME.get(c.parent)
            assert parent is not None and parent.level == "prefecture", c
            assert parent.province == c.province, c
            assert c.province in ("山东", "山西"), c


def test_every_shandong_and_shanxi_prefecture_has_counties():
    kids = Counter(c.parent for c in CITIES if c.parent)
    assert {p: kids[p] for p in SHANDONG} == {
        "济南": 12, "青岛": 10, "淄博": 8, "枣庄": 6, "东营": 5, "烟台": 11, "潍坊": 12, "济宁": 11,
        "泰安": 6, "威海": 4, "日照": 4, "临沂": 12, "德州": 11, "聊城": 8, "滨州": 7, "菏泽": 9,
    }
    assert {p: kids[p] for p in SHANXI} == {
        "太原": 10, "大同": 10, "阳泉": 5, "长治": 12, "晋城": 6, "朔州": 6, "晋中": 11,
        "运城": 13, "忻州": 14, "临汾": 17, "吕梁": 13,
    }


def test_recent_changes_are_in():
    assert BY_NAME["莱芜区"].parent == "济南" and BY_NAME["钢城区"].parent == "济南"
    assert BY_NAME["兖州区"].parent == "济宁" and "兖州" not in BY_NAME
    assert BY_NAME["茌平区"].parent == "聊城"
    assert BY_NAME["蓬莱区"].parent == "烟台" and "长岛" not in BY_NAME
    assert BY_NAME["邹平"].full_name == "邹平市"
    assert BY_NAME["太谷区"].parent == "晋中" and BY_NAME["怀仁"].full_name == "怀仁市"
    assert BY_NAME["云冈区"].parent == "大同" and BY_NAME["潞州区"].parent == "长治"


def test_name_forms():
    assert BY_NAME["潍坊"].full_name == "潍坊市"
    assert BY_NAME["鄄城"].full_name == "鄄城县" and BY_NAME["鄄城"].level == "county"
    assert BY_NAME["邹城"].full_name == "邹城市" and BY_NAME["邹城"].parent == "济宁"
    assert BY_NAME["牡丹区"].level == "district" and BY_NAME["牡丹区"].parent == "菏泽"
    assert BY_NAME["单县"].full_name == "单县"  # one-character counties keep 县
    assert BY_NAME["延边"].full_name == "延边朝鲜族自治州"
    assert BY_NAME["恩施"].full_name == "恩施土家族苗族自治州"
    assert BY_NAME["阳泉市城区"].full_name == "城区"
    assert BY_NAME["济南市市中区"].full_name == BY_NAME["枣庄市市中区"].full_name == "市中区"


@pytest.mark.parametrize(
    "name, pinyin",
    [
        ("潍坊", "Weifang"), ("淄博", "Zibo"), ("忻州", "Xinzhou"), ("菏泽", "Heze"),
        ("济宁", "Jining"), ("临沂", "Linyi"), ("日照", "Rizhao"), ("邹城", "Zoucheng"),
        ("鄄城", "Juancheng"), ("长治", "Changzhi"), ("大同", "Datong"), ("六安", "Luan"),
        ("蚌埠", "Bengbu"), ("丽水", "Lishui"), ("乐山", "Leshan"), ("长春", "Changchun"),
        ("重庆", "Chongqing"), ("厦门", "Xiamen"), ("朝阳", "Chaoyang"), ("单县", "Shanxian"),
        ("莘县", "Shenxian"), ("东阿", "Donge"), ("洪洞", "Hongtong"), ("曲阜", "Qufu"),
        ("茌平区", "Chipingqu"), ("兖州区", "Yanzhouqu"), ("繁峙", "Fanshi"), ("隰县", "Xixian"),
        ("盂县", "Yuxian"), ("沁县", "Qinxian"), ("阳曲", "Yangqu"), ("岢岚", "Kelan"),
        ("乐陵", "Laoling"), ("长子", "Zhangzi"), ("长清区", "Changqingqu"), ("冠县", "Guanxian"),
        ("临朐", "Linqu"), ("牟平区", "Mupingqu"), ("万柏林区", "Wanbailinqu"), ("昌都", "Changdu"),
        ("吕梁", "Lvliang"), ("宿迁", "Suqian"), ("亳州", "Bozhou"), ("漯河", "Luohe"),
    ],
)
def test_pinyin(name, pinyin):
    assert BY_NAME[name].pinyin == pinyin


def test_english():
    assert BY_NAME["潍坊"].english == "Weifang"
    assert BY_NAME["延边"].english == "Yanbian"
    assert BY_NAME["乌鲁木齐"].english == "Urumqi"


def test_city_by_name_short_and_full():
    assert city_by_name("潍坊") == city_by_name("潍坊市") == BY_NAME["潍坊"]
    assert city_by_name("邹城") == city_by_name("邹城市") == BY_NAME["邹城"]
    assert city_by_name("鄄城县").name == "鄄城"
    assert city_by_name("延边朝鲜族自治州") == city_by_name("延边州") == BY_NAME["延边"]
    assert city_by_name("北京市").level == "municipality"
    assert city_by_name(" 潍坊市 ").name == "潍坊"
    assert city_by_name("市中区") is None  # two cities have one
    assert city_by_name("济南市市中区").parent == "济南"
    assert city_by_name("不存在") is None


def test_load_cities_is_cached_and_typed():
    assert load_cities() is load_cities(paths.CITIES)
    assert all(isinstance(c, City) for c in CITIES)


def _names(text):
    return [c.name for _, _, c in find_city_mentions(text)]


def test_find_city_mentions_example():
    text = "淄博市政协和潍坊市政协、邹城市政协"
    found = find_city_mentions(text)
    assert [c.name for _, _, c in found] == ["淄博", "潍坊", "邹城"]
    assert [text[a:b] for a, b, _ in found] == ["淄博市", "潍坊市", "邹城市"]


def test_find_city_mentions_longest_and_short():
    assert _names("潍坊政协") == ["潍坊"]
    assert _names("济南市市中区政协") == ["济南市市中区"]
    assert _names("牡丹区政协和鄄城县政协") == ["牡丹区", "鄄城"]
    assert _names("延边州和恩施土家族苗族自治州") == ["延边", "恩施"]
    assert _names("单县、曹县") == ["单县", "曹县"]


def test_find_city_mentions_skips_county_short_names_and_false_hits():
    assert _names("邹城和鄄城") == []  # county short names are not matched
    assert _names("河南平顶山") == ["平顶山"]
    assert _names("湖南通过") == []
    assert _names("山东营商环境") == []
    assert _names("山东东营") == ["东营"]
    assert _names("陕西安康") == ["安康"]
    assert _names("确保长治久安") == []
    assert _names("画出最大同心圆") == []
    assert _names("领导莅临县政协") == []
    assert _names("吉林省") == [] and _names("吉林市") == ["吉林"]
    assert _names("城区政协") == []


def test_find_city_mentions_spans_do_not_overlap():
    text = "山东省济宁市邹城市、兖州区和山西省长治市长子县、阳泉市城区"
    spans = find_city_mentions(text)
    assert [c.name for *_, c in spans] == ["济宁", "邹城", "兖州区", "长治", "长子", "阳泉市城区"]
    for (a1, b1, _), (a2, b2, _) in zip(spans, spans[1:]):
        assert b1 <= a2


def test_county_level_names_are_official_names_with_their_level():
    from etl.cities import is_county_level_name

    assert is_county_level_name("沙河市") and is_county_level_name("惠民县") and is_county_level_name("峨眉山市")
    assert not is_county_level_name("沙河") and not is_county_level_name("今年区") and not is_county_level_name("编报区")


def test_the_places_table_is_whole_and_well_formed():
    import csv

    from etl import paths

    with open(paths.PLACES, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) > 2500   # every county-level division of mainland China
    assert all(len(r["adcode"]) == 6 and r["adcode"].isdigit() and r["adcode"][4:] != "00" for r in rows)
    assert all(r["full_name"][-1] in "市县区旗" for r in rows)
