import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import switches
from pipeline.clean import clean
from pipeline.extract import extract, indicators, officials, places, regulations, rules
from pipeline.extract.numbers import parse_numeral, split_multiplier, value_of
from pipeline.ingest import RawDocument, doc_id_of


@pytest.mark.parametrize(
    "numeral, mult, value, normalized",
    [
        ("218.15", "亿", 218.15, 21815000000),
        ("2", "万", 2, 20000),
        ("1,528", "", 1528, 1528),
        ("二百一十八亿", None, 218, 21800000000),
        ("八百", None, 800, 800),
        ("两万", None, 2, 20000),
    ],
)
def test_number_grammar(numeral, mult, value, normalized):
    num, m = split_multiplier(numeral, mult)
    assert value_of(num, m) == (value, normalized)


_DIGITS = "零一二三四五六七八九"


def _to_chinese(n: int) -> str:
    units = [(10000, "万"), (1000, "千"), (100, "百"), (10, "十")]
    out, zero = "", False
    for size, unit in units:
        d, n = divmod(n, size)
        if d:
            out += ("零" if zero and out else "") + _DIGITS[d] + unit
            zero = False
        elif out:
            zero = True
    if n:
        out += ("零" if zero and out else "") + _DIGITS[n]
    return out


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 99999))
def test_number_grammar_round_trips_arabic_chinese_and_mixed(n):
    assert parse_numeral(str(n)) == n
    assert parse_numeral(f"{n:,}") == n
    assert parse_numeral(_to_chinese(n)) == n
    num, mult = split_multiplier(str(n), "万")
    assert value_of(num, mult) == (n, n * 10000)


def _ind(text):
    hits, _ = indicators.find(text, [])
    return [(h.metric, h.value, h.unit, h.qualifier, h.normalized_value, h.base_unit) for h in hits]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全市签约额218.15亿元,", [("签约额", 218.15, "亿元", None, 21815000000, "元")]),
        ("年均发布政府信息超2万条。", [("年均发布政府信息", 2, "万条", "超", 20000, "条")]),
        (
            "全市800余名行政执法人员接受培训。",
            [("行政执法人员", 800, "名", "余", 800, "人")],
        ),  # 名/位 count 人
        ("群众满意率100%。", [("群众满意率", 100, "%", None, 100, "%")]),
        ("组织开展实地督察 2 轮,", [("实地督察", 2, "轮", None, 2, "轮")]),  # no light verb
        ("高新技术企业增长2.9倍。", [("高新技术企业增长", 2.9, "倍", None, 2.9, "倍")]),
        ("活动开展一个多月来,", []),  # a duration
        ("上半年全市受理案件83件。", [("受理案件", 83, "件", None, 83, "件")]),  # the period is no metric
        ("先后召开2次全面依法治县委员会会议。", [("召开", 2, "次", None, 2, "次")]),
        ("发放《宪法知识读本》1000本。", [("发放宪法知识读本", 1000, "本", None, 1000, "本")]),
        ("督导组一行3人对林皋镇法治政府建设工作进行督导。", [("督导组", 3, "人", None, 3, "人")]),
        ("案卷优秀率占比30%。", [("案卷优秀率", 30, "%", None, 30, "%")]),
        ("全省有企业243.03万户。", [("企业", 243.03, "万户", None, 2430300, "户")]),
        ("审批时间分别压缩至65、53、50个工作日。", []),  # durations, the listed ones too
        ("完成50名“法律明白人”培训。", [("法律明白人培训", 50, "名", None, 50, "人")]),
        ("在办结的1207件案卷基础上抽取。", [("案卷", 1207, "件", None, 1207, "件")]),
        ("梳理1585项工作事项并归纳出清单。", [("工作事项", 1585, "项", None, 1585, "项")]),
        ("总体评价位居全省第二,", [("总体评价全省排名", 2, "名次", None, 2, "名次")]),
        ("每年至少举办两期法治专题讲座。", [("法治专题讲座(每年)", 2, "期", "以上", 2, "期")]),
        ("共培训一千二百人次。", [("培训", 1200, "人次", None, 1200, "人次")]),
        # a cap is not a floor: 不超过 must not read as the 超过 inside it
        ("择优给予最高不超过500万元奖励。", [("奖励", 500, "万元", "以下", 5000000, "元")]),
        ("单笔贷款金额不高于300万元,", [("单笔贷款金额", 300, "万元", "以下", 3000000, "元")]),
        ("群众满意率低于80%的,", [("群众满意率", 80, "%", "不到", 80, "%")]),
        ("10部门联合印发通知。", [("部门", 10, "部门", None, 10, "部门")]),  # the unit names what it counts
        # statistical bulletins' physical units: the longest surface wins over the unit inside it
        ("全县国土面积1.2万平方公里。", [("国土面积", 1.2, "万平方公里", None, 12000, "平方公里")]),
        ("货物周转量386365万吨公里,", [("货物周转量", 386365, "万吨公里", None, 3863650000, "吨公里")]),
        ("旅客周转量57691万人公里。", [("旅客周转量", 57691, "万人公里", None, 576910000, "人公里")]),
        ("全年发电量35.6亿千瓦时。", [("发电量", 35.6, "亿千瓦时", None, 3560000000, "千瓦时")]),
        ("完成造林面积3.2万公顷。", [("造林面积", 3.2, "万公顷", None, 32000, "公顷")]),
        ("生猪出栏12.3万头。", [("生猪出栏", 12.3, "万头", None, 123000, "头")]),
        ("检查市场主体3.6万户次。", [("检查市场主体", 3.6, "万户次", None, 36000, "户次")]),
        ("修改法律111件次,", [("修改法律", 111, "件次", None, 111, "件次")]),
        # a bare place word with 余/多 is one of it (百余家 = 一百余家)
        ("惠及企业百余家。", [("惠及企业", 100, "家", "余", 100, "家")]),
        ("服务群众万余人次。", [("服务群众", 10000, "人次", "余", 10000, "人次")]),
    ],
)
def test_indicators(text, expected):
    assert _ind(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2020年全省法治建设绩效考评",
        "今年7月份启动",
        "〔2016〕23号文件",
        "实现“五个过硬”目标",
        "认真执行“三重一大”事项",
        "第27届兰洽会",
        "压缩至3个月",
        "电话0931-1234567",
        "一是坚持牵头抓总",
        "谈三个方面的观点",
        "改革开放40周年",
        "研制80吨级液氧甲烷火箭发动机",
        "建设30万吨级原油码头",
        "以便使其达到四位一体的层次",
        "舱内还剩有七八万吨铁矿石",  # an approximate range
        "走过了一千多个日夜",  # a duration
    ],
)
def test_not_indicators(text):
    assert _ind(text) == []


@pytest.mark.parametrize(
    "text, metrics",
    [
        # a bare change is said of the figure before it in the sentence
        ("工业增加值630000万元,增长21.3%。", ["工业增加值", "工业增加值增长"]),
        ("全市地区生产总值1200亿元,年均增长4.8%。", ["地区生产总值", "地区生产总值年均增长"]),
        ("受理案件83件。增长5%。", ["受理案件", "增长"]),  # another sentence: no subject
        ("同比增长108.6%,增速较1月提高12.1个百分点", ["同比增长", "提高"]),  # a change is no subject
        # a 、 inside quotes is part of the name before the figure
        ("全年开展“双随机、一公开”抽查1200余次。", ["双随机、一公开抽查"]),
        # metrics listed before 分别 pair with the figures after it
        ("办结率、满意率分别为99.2%和98.7%。", ["办结率", "满意率"]),
        (
            "资本充足率、不良贷款率和拨备覆盖率分别为14.7%、1.62%和206%。",
            ["资本充足率", "不良贷款率", "拨备覆盖率"],
        ),
        ("调解成功率达98.5%以上。", ["调解成功率"]),  # 成功 stops a metric, not inside 成功率
        ("调研组一行5人", ["调研组"]),
        # 实现/完成 before a figure is the verb, not the metric; a stop leaving only it is read past
        ("全县地区生产总值实现2345.6亿元。", ["地区生产总值"]),
        ("全年快递业务量累计完成873.7亿件。", ["快递业务量"]),
        ("一般公共预算收入完成8.6亿元,同比增长5%。", ["一般公共预算收入", "一般公共预算收入同比增长"]),
        ("任务完成率达到95%。", ["任务完成率"]),
        # a one-character unit counted with its siblings in brackets (indicator.metric.siblings)
        ("全市 15 个县（市、区）全部建成公共法律服务中心。", ["县（市、区）"]),
        ("全国31个省(自治区、直辖市)已全部出台。", ["省(自治区、直辖市)"]),
        ("覆盖31个省(自治区、直辖市)。", ["覆盖省(自治区、直辖市)"]),  # verb-object
        ("156个乡镇（街道）实现全覆盖。", ["乡镇"]),  # two characters: the bracket is an aside
        ("县税务局等12家单位作了履职报告。", ["单位"]),
        # an aside in brackets before the figure is read past
        ("全市拥有医疗卫生机构(含村卫生室)4355个,其中医院100个。", ["医疗卫生机构", "医院"]),
        ("全年实现地区生产总值(GDP)3473.12亿元,增长5%。", ["地区生产总值", "地区生产总值增长"]),
        # the currency after 元 is the unit's, not the metric
        (
            "服务业实际使用外资金额7988.4亿元人民币,增长4.8%。",
            ["服务业实际使用外资金额", "服务业实际使用外资金额增长"],
        ),
    ],
)
def test_bare_changes_take_the_figure_before_them(text, metrics):
    hits, _ = indicators.find(text, [])
    assert [h.metric for h in hits] == metrics


@pytest.mark.parametrize(
    "text, span, metric",
    [
        ("园区企业达40余家,", "园区企业达40余家", "园区企业"),
        ("签约额累计635亿元。", "签约额累计635亿元", "签约额"),
        ("电网投资预计超过5万亿元。", "电网投资预计超过5万亿元", "电网投资"),
        ("冰雪产业总规模将达2500亿元。", "冰雪产业总规模将达2500亿元", "冰雪产业总规模"),
        ("全国累计建成5G基站337.7万个,", "5G基站337.7万个", "5G基站"),
        ("今年以来我国快递业务量已突破1000亿件,", "我国快递业务量已突破1000亿件", "我国快递业务量"),
        (
            "纠纷调解成功率98%以上。",
            "纠纷调解成功率98%以上",
            "纠纷调解成功率",
        ),  # 成功 stops 成功举办, not 成功率
        ("行政诉讼败诉率下降至6.1%,", "行政诉讼败诉率下降至6.1%", "行政诉讼败诉率"),
        (
            "本市政务服务事项“最多跑一次”比例达到100%",
            "本市政务服务事项“最多跑一次”比例达到100%",
            "本市政务服务事项最多跑一次比例",
        ),
    ],
)
def test_indicator_span_covers_metric_and_number(text, span, metric):
    hits, _ = indicators.find(text, [])
    assert [(text[h.start : h.end], h.metric) for h in hits] == [(span, metric)]


@pytest.mark.parametrize(
    "text, value, value_max, unit, normalized_max",
    [
        ("每年培训3至5期。", 3, 5, "期", 5),
        ("投资20-30万元,", 20, 30, "万元", 300000),
        ("满意度达到二至三成,提高覆盖率10～15%。", 10, 15, "%", 15),
    ],
)
def test_ranges(text, value, value_max, unit, normalized_max):
    hits, _ = indicators.find(text, [])
    assert [(h.value, h.value_max, h.unit, h.normalized_value_max, h.rule) for h in hits] == [
        (value, value_max, unit, normalized_max, "indicator.range")
    ]


@pytest.mark.parametrize(
    "text, metrics",
    [
        ("覆盖率由85%提高到92%。", ["覆盖率", "覆盖率"]),
        (
            "办结率分别为98%、96%。",
            ["办结率", "办结率"],
        ),  # respectively, with no counts before: the figures share the metric (their subjects are unknown)
        ("共有律师事务所15家、律师236名。", ["律师事务所", "律师"]),
        ("群众满意度达95%、97%和99%。", ["群众满意度", "群众满意度", "群众满意度"]),
        ("负面清单由93项缩减到现在的31项。", ["负面清单", "负面清单"]),
        (
            "发布创新案例134项,其中8项。",
            ["发布创新案例", None],
        ),  # 其中 is no metric, and a comma ends the clause
        ("达标率98%,预计投资500亿元。", ["达标率", "预计投资"]),
    ],
)
def test_a_number_without_a_metric_takes_the_one_before_it(text, metrics):
    assert [h.metric for h in indicators.find(text, [])[0]] == metrics


def test_indicator_inside_a_title_is_not_counted():
    text = "制定《礼遇便利13条》措施。"
    _, _, titles = regulations.find(text)
    assert indicators.find(text, titles)[0] == []


@pytest.mark.parametrize(
    "text, name, adcode, level",
    [
        ("甘肃省张掖市司法局召开会议", "张掖市", "620700", "city"),
        ("辽宁全面振兴", "辽宁省", "210000", "province"),
        ("红河州推进法治建设", "红河哈尼族彝族自治州", "532500", "city"),
        ("中共北镇市委书记", "北镇市", "210782", "county"),
        ("李希在重庆调研", "重庆市", "500000", "province"),
    ],
)
def test_places_resolve_to_standard_names(text, name, adcode, level):
    resolved = places.resolve(places.find(text))
    got = {(p.name, p.division.adcode, p.level) for p in resolved if p.division}
    assert (name, adcode, level) in got


def test_ambiguous_place_is_resolved_by_context_or_flagged():
    alone = places.resolve(places.find("朝阳区召开会议"))
    assert len(alone) == 1 and alone[0].division is None and len(alone[0].candidates) == 2
    with_ctx = places.resolve(places.find("吉林省长春市朝阳区召开会议"))
    assert "220104" in {p.division.adcode for p in with_ctx if p.division}


@pytest.mark.parametrize(
    "text",
    [
        "全省上下",
        "本市各部门",
        "我市召开会议",
        "市政府常务会",
        "京津冀和西安区域",
        "省市和县两级",
        "国家长治久安",
        "人民幸福安康",
        "吃三明治",
        "广大理论工作者",
        "我们隆重庆祝",
        "从源头到入海口",
    ],
)
def test_generic_words_are_not_places(text):
    assert places.find(text) == []


@pytest.mark.parametrize("text", ["现将嵩县2024年度法治建设情况报告如下:", "深入推进法治嵩县建设。"])
def test_a_two_character_county_after_a_preposition_or_a_slogan_word_is_a_place(text):
    assert [h.surface for h in places.find(text)] == ["嵩县"]


@pytest.mark.parametrize(
    "text, surface", [("在内蒙古兴安盟", "内蒙古"), ("江苏南京举行", "南京"), ("东北大连港", "大连")]
)
def test_a_place_after_a_function_word_a_place_or_a_word_stays(text, surface):
    assert surface in [h.surface for h in places.find(text)]


@pytest.mark.parametrize(
    "text, surface",
    [
        ("美国明尼苏达州多地民众", "达州"),
        ("沈阳至长白山高速铁路", "白山"),
        ("摩洛哥历史名城马拉喀什", "喀什"),
        ("巴基斯坦总理表示，巴中关系坚如磐石", "巴中"),
        ("巴西总统说，巴中友谊历久弥新", "巴中"),
    ],
)
def test_a_short_name_inside_another_place_or_a_country_pair_is_not_a_place(text, surface):
    assert surface not in [h.surface for h in places.find(text)]


@pytest.mark.parametrize(
    "text, surface",
    [
        ("在广西南宁至玉林铁路", "南宁"),
        ("首都北京年味渐浓", "北京"),
        ("中国香港特区救援队", "香港"),
        ("四川巴中举行招商会", "巴中"),
        ("巴中召开会议", "巴中"),
        ("陕西汉中以花为媒", "汉中"),
    ],
)
def test_a_short_name_in_a_chinese_place_word_or_without_a_country_stays(text, surface):
    assert surface in [h.surface for h in places.find(text)]


@pytest.mark.parametrize(
    "text, name, title, org",
    [
        ("葫芦岛市委副书记、市长何志勇在会上强调", "何志勇", "市委副书记、市长", "葫芦岛市"),
        ("(中共北镇市委书记 郑文彬)", "郑文彬", "市委书记", "北镇市"),
        ("何志勇\n葫芦岛市委副书记、市长\n正文。", "何志勇", "市委副书记、市长", "葫芦岛市"),
        ("张掖市召开会议,何志勇市长出席。", "何志勇", "市长", "张掖市"),
        ("全国人大常委会委员长赵乐际在北京会见", "赵乐际", "委员长", None),
        ("习近平总书记强调,要坚持依法治国。", "习近平", "总书记", None),
        ("张掖市司法局局长王明出席会议", "王明", "局长", "张掖市司法局"),
        ("张掖市召开会议。市委常委、政法委书记刘建军出席", "刘建军", "市委常委、政法委书记", "张掖市"),
        ("张掖市召开会议,副市长、市公安局局长王海涛主持", "王海涛", "副市长、市公安局局长", "张掖市"),
        (
            "张掖市召开会议,中共中央政治局委员、广东省委书记黄坤明出席",
            "黄坤明",
            "中央政治局委员、广东省委书记",
            "广东省",
        ),
        ("张掖市召开会议,陪同人员有秘书长和市长何志勇", "何志勇", "市长", "张掖市"),
        ("张掖市召开会议,市政府党组成员、副市长陈东升带队", "陈东升", "市政府党组成员、副市长", "张掖市"),
        ("张掖市召开会议,一级巡视员马建国参加", "马建国", "一级巡视员", None),
        ("张掖市召开会议,市司法局党组书记、局长杨帆主持", "杨帆", "党组书记、局长", "张掖市司法局"),
        ("张掖市召开会议,市中级人民法院院长孙志强出席", "孙志强", "院长", "张掖市中级人民法院"),
        ("张掖市召开会议,市政协副主席钱明出席", "钱明", "市政协副主席", "张掖市"),
        ("西藏自治区人大常委会主任严金海出席", "严金海", "人大常委会主任", "西藏自治区"),
        ("西藏自治区召开会议。自治区党委书记王君正出席", "王君正", "自治区党委书记", "西藏自治区"),
    ],
)
def test_officials(text, name, title, org):
    result = extract(text)
    assert [(o.name, o.title, o.org) for o in result.officials] == [(name, title, org)]


@pytest.mark.parametrize(
    "text", ["[责任编辑:王小红]", "记者 张明报道", "以******同志为核心", "关于印发方案的通知"]
)
def test_not_officials(text):
    assert officials.find(text, {})[0] == []


@pytest.mark.parametrize(
    "text",
    [
        "要坚持和社会长期稳定。",
        "他出任德国总理以来,",
        "就任德国总理后",
        "中国国家主席出席。",
        "与美国国防部长通话",
        "应国家主席邀请,",
        "向国家主席致敬",
    ],
)
def test_a_name_read_across_words_is_not_an_official(text):
    assert officials.find(text, {})[0] == []


def test_names_next_to_word_like_titles_stay_and_the_model_can_vouch_for_a_name():
    assert [o.name for o in officials.find("张民主任出席会议。", {})[0]] == ["张民"]  # 民主 but not 任出
    assert [o.name for o in officials.find("王国庆市长出席会议。", {})[0]] == [
        "王国庆"
    ]  # 国庆 is a given name
    assert [o.name for o in officials.find("应国家主席习近平邀请,", {})[0]] == ["习近平"]  # not 应国家
    assert [o.name for o in officials.find("要落实习近平总书记重要指示", {})[0]] == [
        "习近平"
    ]  # 实习, but 落实 first
    text = "中国国家主席"  # a model person span overrules the word check
    assert [o.name for o in officials.find(text, {}, [(1, 4)], ner_method="ner:test@1")[0]] == ["国国家"]


def test_a_name_inside_a_model_place_is_not_an_official():
    text = "美国伊利诺伊州长表示"
    assert [o.name for o in officials.find(text, {})[0]] == ["利诺伊"]  # what the name rules alone read
    place = (text.index("伊利诺伊"), text.index("伊利诺伊") + 4)
    assert officials.find(text, {}, ner_others=[(*place, "PLACE")])[0] == []
    assert officials.find(text, {}, ner_others=[(*place, "ORG")])[0] == []  # reaches beyond the name


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("李克强同巴基斯坦总理举行会谈", []),
        ("俄罗斯总统表示", []),
        ("李强欢迎蒙古国总理访华", []),
        ("绍伊古转达俄总统普京的信", ["普京"]),
        ("王毅会见同美总统", []),
        ("王英市长表示", ["王英"]),
    ],
)
def test_the_tail_of_a_country_before_a_title_is_no_name(text, names):
    assert [o.name for o in officials.find(text, {})[0]] == names  # not 斯坦, 罗斯, 蒙古国, 达俄, 同美


def test_a_rule_name_that_ends_a_longer_model_name_gives_way_to_it():
    text = "会见萨克拉罗普卢总统"
    assert [o.name for o in officials.find(text, {})[0]] == ["罗普卢"]  # the name rules alone
    person = (text.index("萨克拉罗普卢"), text.index("总统"))
    hits = officials.find(text, {}, [person], ner_method="ner:test@1")[0]
    assert [(o.name, o.title, o.rule) for o in hits] == [("萨克拉罗普卢", "总统", "ner:test@1")]


def test_a_rule_name_before_a_name_dot_gives_way_to_the_model_whole_name():
    text = "加蓬共和国总统阿里·邦戈·翁丁表示"
    # the name rules alone now read a dotted name whole too (official.title_name, _dotted_name_end)
    assert [o.name for o in officials.find(text, {})[0]] == ["阿里·邦戈·翁丁"]
    person = (text.index("阿里"), text.index("表示"))
    hits = officials.find(text, {}, [person], ner_method="ner:test@1")[0]
    assert [(o.name, o.title) for o in hits] == [("阿里·邦戈·翁丁", "总统")]


@pytest.mark.parametrize(
    ("chain", "split"),
    [
        ("美国总统", ("美国", "总统")),
        ("巴林国王", ("巴林", "国王")),
        ("俄罗斯副总理", ("俄罗斯", "副总理")),
        ("国家主席", (None, "国家主席")),
    ],
)
def test_a_country_heading_a_title_chain_is_the_organisation(chain, split):
    assert officials.split_chain(chain, {}) == split


def test_titles_joined_by_jian_and_countries_are_no_names():
    assert officials.find("沙特王储兼首相表示", {})[0] == []  # 王储兼 is no name
    assert [o.name for o in officials.find("巴西总统卢拉也向论坛致贺信", {})[0]] == ["卢拉"]  # not 卢拉也
    assert officials.find("中伊两国外长举行会谈", {})[0] == []  # 伊两国 is no name
    text = "向泰国国王致电"
    assert officials.find(text, {}, [(1, 3)], ner_method="ner:test@1")[0] == []  # the model's PER on 泰国


@pytest.mark.parametrize(
    "text, span",
    [("俄罗斯罗斯托夫州州长戈卢别夫表示", (3, 8)), ("离开利雅得时,沙特利雅得省省长费萨尔亲王", (7, 13))],
)
def test_a_name_ending_with_the_level_its_title_heads_is_that_place(text, span):
    hits = officials.find(text, {}, [span], ner_method="ner:test@1")[0]
    assert text[slice(*span)] not in [o.name for o in hits]


@pytest.mark.parametrize(
    "text, span, name",
    [
        ("肯尼亚总统鲁托互致贺电。", (5, 8), "鲁托"),
        ("印度总理莫迪致慰问电。", (4, 7), "莫迪"),
        ("县长王建国致辞。", (2, 5), "王建国"),
    ],
)
def test_a_model_person_span_loses_the_first_char_of_the_next_word(text, span, name):
    hits = officials.find(text, {}, [span], ner_method="ner:test@1")[0]
    assert [o.name for o in hits] == [name]


@pytest.mark.parametrize(
    "text, want",
    [
        (
            "担任本次大会执行主席的还有:石玉钢、李小三、宗国英。",
            [("石玉钢", "执行主席"), ("李小三", "执行主席"), ("宗国英", "执行主席")],
        ),
        ("市领导王强、贺鹏以及其他在家的市委常委出席。", [("王强", "市领导"), ("贺鹏", "市领导")]),
        ("市委副书记黄金龙主持会议。", [("黄金龙", "市委副书记")]),  # 黄金 opens a name after a title
        ("副市长黄河出席。", []),  # a word of its own is still no name
    ],
)
def test_title_lists_after_a_colon_names_before_yiji_and_word_led_names(text, want):
    assert [(o.name, o.title) for o in officials.find(text, {})[0]] == want


def test_a_name_after_a_title_ends_before_zuo_de():
    text = "听取了省财政厅副厅长陈明作的关于决算的报告。"  # 陈明|作的: made the report
    assert [o.name for o in officials.find(text, {})[0]] == ["陈明"]


@pytest.mark.parametrize(
    "text, persons, want",
    [
        ("坚持党中央、中央军委和习主席决策指挥。", [], []),  # 和|习主席: no name
        ("马尔代夫住房和基建部长出席。", [], []),
        ("习近平主席和拜登总统达成共识。", [(6, 8)], [("习近平", "主席"), ("拜登", "总统")]),
        ("会议由向明副县长主持。", [(3, 5)], [("向明", "副县长")]),  # the model reads 向明 whole
    ],
)
def test_a_name_before_a_title_does_not_start_with_a_function_word(text, persons, want):
    hits = officials.find(text, {}, persons, ner_method="ner:test@1")[0]
    assert [(o.name, o.title) for o in hits] == want


@pytest.mark.parametrize("text", ["实验高中党总支副书记、副校长出席", "码头筹建项目组组长,当时在场"])
def test_a_body_before_a_title_is_no_name(text):
    assert officials.find(text, {})[0] == []


def test_an_official_takes_the_organisation_a_later_mention_names():
    text = "普京总统表示欢迎。会谈后，俄罗斯总统普京举行记者会。"
    [hit] = officials.find(text, {}, [(0, 2), (18, 20)], ner_method="ner:test@1")[0]
    assert (hit.name, hit.title, hit.org) == ("普京", "总统", "俄罗斯")


def test_a_model_person_span_on_a_division_is_no_name():
    text = "在武侯区副区长郭波的陪同下参观"
    hits = officials.find(text, {}, [(1, 4)], ner_method="ner:test@1")[0]  # the model's PER on 武侯区
    assert [(o.name, o.title) for o in hits] == [("郭波", "副区长")]


@pytest.mark.parametrize(
    "text", ["尹锡悦返回总统官邸。", "时任总理表示", "截图发给班主任查验，报到时", "深入学习习主席重要讲话"]
)
def test_a_common_word_beside_a_title_is_no_name(text):
    # 官邸, 时任, 查验 (97 uses in jieba's dictionary), 习习: common nouns, verbs and adjectives, not names
    assert officials.find(text, {})[0] == []


def test_a_model_person_span_overrules_the_common_word_check():
    hits = officials.find("时任总理表示", {}, [(0, 2)], ner_method="ner:test@1")[0]
    assert [o.name for o in hits] == ["时任"]


def test_a_model_title_taking_the_name_in_vetoes_it_and_an_org_of_exactly_a_name_does_not():
    text = "会见石家庄市长"
    assert [o.name for o in officials.find(text, {})[0]] == ["石家庄"]  # the name rules alone
    title = (text.index("石家庄"), text.index("市长") + 2)
    assert officials.find(text, {}, ner_others=[(*title, "TITLE")])[0] == []  # a place taken in
    assert [o.name for o in officials.find(text, {}, ner_others=[(title[1] - 2, title[1], "TITLE")])[0]] == [
        "石家庄"
    ]
    text = "会议在北京人民大会堂举行，栗战书委员长主持。"  # the model's TITLE takes in a person's name
    title = (text.index("栗战书"), text.index("委员长") + 3)
    assert [o.name for o in officials.find(text, {}, ner_others=[(*title, "TITLE")])[0]] == ["栗战书"]
    assert [o.name for o in officials.find(text, {}, ner_others=[(title[0], title[0] + 3, "TITLE")])[0]] == [
        "栗战书"
    ]
    text = "在习近平主席和贵国领导人战略引领下"
    name = (1, 4)
    assert [o.name for o in officials.find(text, {}, ner_others=[(*name, "ORG")])[0]] == ["习近平"]
    assert officials.find(text, {}, ner_others=[(*name, "GOV")])[0] == []


def test_a_name_after_its_title_stops_before_a_word():
    hits = officials.find("国务院总理李强来到应急管理部,", {})[0]
    assert [(o.name, o.title) for o in hits] == [("李强", "总理")]


def test_model_person_spans_add_officials_the_name_rules_miss():
    text = "在北京人民大会堂会见来华访问的泰国总理佩通坦。"
    start = text.index("佩通坦")
    assert officials.find(text, {})[0] == []
    hits, found = officials.find(text, {}, [(start, start + 3)], ner_method="ner:test@1")
    assert [(o.name, o.title, o.org, o.rule) for o in hits] == [("佩通坦", "总理", "泰国", "ner:test@1")]
    assert {f.label for f in found} == {"PERSON", "TITLE"}
    text = "格鲁吉亚政府总理加里巴什维利,"  # a transliterated name without ·, longer than Chinese names
    start = text.index("加里")
    hits = officials.find(text, {}, [(start, start + 6)], ner_method="ner:test@1")[0]
    assert [(o.name, o.title) for o in hits] == [("加里巴什维利", "总理")]


def test_a_model_person_span_with_a_function_word_glued_to_a_name_of_the_document_drops_it():
    text = "老挝国家主席通伦。习近平总书记同通伦总书记举行会谈。"
    alone, glued = (
        (text.index("通伦"), text.index("通伦") + 2),
        (text.index("同通伦"), text.index("同通伦") + 3),
    )
    hits = {o.name: o for o in officials.find(text, {}, [alone, glued], ner_method="ner:test@1")[0]}
    assert sorted(hits) == ["习近平", "通伦"] and hits["通伦"].spans == [alone, (glued[0] + 1, glued[1])]
    text = "市长向明华出席。"  # 向 is also a surname: without 明华 alone in the document the name stays whole
    assert [o.name for o in officials.find(text, {}, [(2, 5)], ner_method="ner:test@1")[0]] == ["向明华"]


def test_regulations_nested_bare_and_filtered():
    text = (
        "学习《关于贯彻〈中华人民共和国行政处罚法〉的实施意见》和宪法,阅读《人民日报》,"
        "落实《张掖市人民政府重大行政决策程序规定》《法治政府建设实施纲要（2021—2025年）》。"
    )
    regs, _, _ = regulations.find(text)
    by_name = {r.name: r for r in regs}
    assert set(by_name) == {
        "关于贯彻中华人民共和国行政处罚法的实施意见",
        "行政处罚法",
        "宪法",
        "张掖市人民政府重大行政决策程序规定",
        "法治政府建设实施纲要(2021-2025年)",
    }
    assert by_name["张掖市人民政府重大行政决策程序规定"].category == "规章"
    assert by_name["张掖市人民政府重大行政决策程序规定"].issuing_place == "张掖市"
    assert by_name["行政处罚法"].category == "法律"
    assert by_name["法治政府建设实施纲要(2021-2025年)"].category == "规划/纲要/方案"


@pytest.mark.parametrize(
    "title, name, category",
    [
        ("中华人民共和国突发公共卫生事件应对法（草案）", "突发公共卫生事件应对法(草案)", "法律"),
        ("陕西省行政执法监督条例（修订草案）", "陕西省行政执法监督条例(修订草案)", "地方性法规"),
        ("优化营商环境条例(征求意见稿)", "优化营商环境条例(征求意见稿)", "行政法规"),
    ],
)
def test_a_draft_is_named_and_categorized_as_the_law_it_drafts(title, name, category):
    assert (regulations.normalize(title), regulations.category(regulations.normalize(title))[0]) == (
        name,
        category,
    )


def test_a_short_form_title_is_a_mention_of_the_regulation_it_shortens():
    text = "两部门印发《关于推进国际航空枢纽建设的指导意见》。《指导意见》明确了方向。另据《方案》显示,"
    regs, mentions, _ = regulations.find(text)
    full = "关于推进国际航空枢纽建设的指导意见"
    assert [(r.name, [text[s:e] for s, e in r.spans]) for r in regs] == [(full, [full, "指导意见"])]
    assert [(text[m.start : m.end], m.normalized, m.rule) for m in mentions] == [
        (full, full, "reg.book_title"),
        ("指导意见", full, "reg.short_form"),
    ]  # 《方案》 shortens nothing


def test_an_alias_and_a_title_ending_an_earlier_one_are_short_forms_and_a_title_may_follow_a_break():
    text = (
        "根据《市县法治政府建设示范指标体系申报指南》(以下简称《申报要求》)和《\n行政复议法》要求,"
        "制定《示范市建设实施方案》。《实施方案》明确,"
    )
    regs, _, _ = regulations.find(text)
    assert sorted(r.name for r in regs) == [
        "市县法治政府建设示范指标体系申报指南",
        "示范市建设实施方案",
        "行政复议法",
    ]


def test_an_alias_equal_to_the_laws_own_name_keeps_the_law():
    text = "学习《中华人民共和国法律援助法》(以下简称《法律援助法》),要认识到《法律援助法》的意义。"
    regs, _, _ = regulations.find(text)
    assert [(r.name, len(r.spans)) for r in regs] == [("法律援助法", 3)]


@pytest.mark.parametrize(
    "text, names",
    [
        # two bracketed asides after the ending; 预案 is a regulation's ending
        (
            "审议通过了《某县突发生态环境事件应急预案(2022年版)(送审稿)》《某县粮食应急预案(试行)(送审稿)》。",
            ["某县突发生态环境事件应急预案(2022年版)(送审稿)", "某县粮食应急预案(试行)(送审稿)"],
        ),
        # laws the 民法典 replaced, named without 《》 in older texts
        ("向居民宣传劳动法、婚姻法等法律。", ["劳动法", "婚姻法"]),
        # performances are no regulations, even when their name ends like a law's; a law's own name stays
        ("编排了《反邪教》、《夫妻学宪法》、《法律八进说普法》等节目。", []),
        ("组织干部观看《宪法》宣传片。", ["宪法"]),
        # a legislature's agenda names its drafts without 《》; a motion's words and a meeting are no title
        (
            "听取了自治区红十字会条例草案、自治区中医药条例修订草案的说明;审议了青海省旅游条例修订草案。",
            ["自治区红十字会条例", "自治区中医药条例", "青海省旅游条例"],
        ),
        ("会议审议了市人民政府关于提请审议某市物业管理条例草案的议案。", []),
        # ... and lists the local laws it passed; an area's word that only looks like a place is none
        (
            "表决批准了南宁市居民生活用水二次供水管理规定、三江侗族自治县茶产业发展条例、自治区安全生产条例。",
            ["自治区安全生产条例", "南宁市居民生活用水二次供水管理规定", "三江侗族自治县茶产业发展条例"],
        ),
        ("查处违规、占道市场管理规定。省里出台了相关规定。", []),
        # passed laws named after 通过 and 修订后的, the list closed by 等
        (
            "会议通过自治区六堡茶发展条例、修订后的自治区征兵工作条例等。",
            ["自治区六堡茶发展条例", "自治区征兵工作条例"],
        ),
        # a sentence opening a list of local laws by their full names; a method a city takes is none
        (
            "夯实法治根基;西双版纳州傣医药条例、巍山县彝族打歌保护传承条例,着眼保护传承。"
            "某某市对不同风险级别人员采取分级分类健康监测办法,强化联防联控。",
            ["巍山县彝族打歌保护传承条例", "西双版纳州傣医药条例"],
        ),
        # a report on "that" draft and the reporter's title are no title; a study outline is a book
        ("听取了预算工委副主任林郁作关于该条例草案初步审查的报告。", []),
        ("学习《习近平法治思想学习纲要》。", []),
        # a kind of document with an aside is a short form too, or nothing when no title precedes it
        ("印发《某书学习纲要（2023年版）》的通知。《纲要（2023年版）》共分八章。", []),
        (
            "印发《某市法治政府建设实施纲要(2021-2025年)》。《纲要(2021-2025年)》指出",
            ["某市法治政府建设实施纲要(2021-2025年)"],
        ),
        # an area's own version of a national plan does not make the national one its short form
        (
            "印发《和平区关于落实〈天津市法治政府建设实施纲要(2021-2025年)〉的实施方案》,"
            "根据《法治政府建设实施纲要(2021-2025年)》,制定《西平县2020年度法治政府建设工作安排》。",
            [
                "和平区关于落实天津市法治政府建设实施纲要(2021-2025年)的实施方案",
                "天津市法治政府建设实施纲要(2021-2025年)",
                "法治政府建设实施纲要(2021-2025年)",
                "西平县2020年度法治政府建设工作安排",
            ],
        ),
    ],
)
def test_regulation_titles_of_local_notices_and_older_texts(text, names):
    assert [r.name for r in regulations.find(text)[0]] == names


def test_general_rules_and_nested_titles_in_angle_quotes():
    text = (
        "会议审议《中国人民政治协商会议某省委员会专门委员会通则(修订草案)》"
        "和《关于贯彻落实‹法治政府建设实施纲要›的实施意见》。"
    )
    names = [r.name for r in regulations.find(text)[0]]
    assert "中国人民政治协商会议某省委员会专门委员会通则(修订草案)" in names  # 通则: general rules
    assert "法治政府建设实施纲要" in names  # the nested title in ‹›, too


def test_regulations_handed_out_by_their_short_names():
    text = "发放宪法读本5000册,法律援助条例、反家暴法、信访条例等各类法治宣传资料。"
    assert [r.name for r in regulations.find(text)[0]] == ["宪法", "法律援助条例", "反家暴法", "信访条例"]


def test_the_art_work_veto_can_be_switched_off():
    with switches.off({"reg.veto.art_work"}):
        assert [r.name for r in regulations.find("编排了《夫妻学宪法》等节目。")[0]] == ["夫妻学宪法"]


def test_a_figure_for_another_year_in_brackets_takes_the_metric_before_it():
    hits, _ = indicators.find("市本级新收行政复议申请3326件(2023年为867件),同比增长283.6%。", [])
    assert [(h.metric, h.value) for h in hits][:2] == [
        ("市本级新收行政复议申请", 3326),
        ("市本级新收行政复议申请", 867),
    ]


def test_every_mention_span_matches_its_text():
    text = "甘肃省张掖市签约额218.15亿元,张掖市委副书记、市长何志勇出席,学习《行政处罚法》。2021年7月1日。"
    for m in extract(text).mentions:
        assert 0 <= m.start < m.end <= len(text)
    labels = {m.label for m in extract(text).mentions}
    assert {"PLACE", "PERSON", "TITLE", "INDICATOR", "REGULATION", "DATE"} <= labels


def _dates(text, published=None):
    from pipeline.extract import dates

    return [(text[f.start : f.end], f.normalized, f.rule) for f in dates.find(text, [], published)]


def test_dates_are_normalized_by_their_rule():
    text = "2021—2025年规划。2018年5月18日召开,2020年7月启动,今年7月份推进,9月29日公布,2020年全省"
    assert _dates(text) == [
        ("2021—2025年", "2021/2025", "date.year_range"),
        ("2018年5月18日", "2018-05-18", "date.ymd"),
        ("2020年7月", "2020-07", "date.ym"),
        ("今年7月份", "this_year-07", "date.relative_month"),
        ("9月29日", "--09-29", "date.md"),
        ("2020年", "2020", "date.year"),
    ]


@pytest.mark.parametrize(
    "text, published, normalized",
    [
        ("今天(9月29日)公布", "2023-09-29", "2023-09-29"),
        ("12月28日召开", "2024-01-05", "2023-12-28"),  # nearest to the publish date: last year
        ("1月3日起施行", "2023-12-20", "2024-01-03"),
        ("去年7月份", "2024-03-01", "2023-07"),
    ],
)
def test_a_yearless_date_takes_its_year_from_the_publish_date(text, published, normalized):
    import datetime as dt

    [(_, norm, rule)] = _dates(text, dt.date.fromisoformat(published))
    assert norm == normalized and rule.endswith(".anchored")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="中华人民共和国宪法民法典刑法修正案学规定，。a ", max_size=60))
def test_a_pattern_tried_only_at_its_first_chars_finds_what_finditer_finds(text):
    import re

    from pipeline.extract.rules import finditer_from, first_chars

    words = ["宪法", "民法典", "刑法", "刑法修正案"]
    pattern = re.compile(r"(中华人民共和国)?(刑法修正案|民法典|宪法|刑法)(学)?")
    starts = first_chars([*words, "中华人民共和国"])
    assert [m.span() for m in finditer_from(pattern, starts, text)] == [
        m.span() for m in pattern.finditer(text)
    ]


def test_every_other_occurrence_of_an_officials_name_is_a_mention():
    assert list(rules.occurrences("张三", "张三说张三张三三")) == [0, 3, 5]
    assert list(rules.occurrences("张三", "李四")) == []
    assert list(rules.occurrences("张三", "张三说张三张三三", 1)) == [3, 5]


@pytest.mark.parametrize(
    "text, name, title",
    [
        # 提出 (after_name) runs into 出席: the name keeps its 提 (艾黎根·热西提|出席)
        ("县委书记艾黎根·热西提出席会议。", "艾黎根·热西提", "县委书记"),
        ("副县长艾力·买买提出席。", "艾力·买买提", "副县长"),
        ("县长阿里·邦戈提出要求。", "阿里·邦戈", "县长"),
        # after a 、 a bureau needs no place of its own to belong to the chain
        ("副县长、公安局局长王强出席会议。", "王强", "副县长、公安局局长"),
        ("市委常委、公安局局长王强出席会议。", "王强", "市委常委、公安局局长"),
        ("会上，听取了公安局局长王强的汇报。", "王强", "局长"),  # no 、: the chain starts at the title
        # an office named with 办 heads the title like 办公室 (市政府新闻办副主任)
        ("市政府新闻办副主任周国强主持发布会。", "周国强", "市政府新闻办副主任"),
        ("县委办主任王强出席。", "王强", "县委办主任"),
    ],
)
def test_dotted_names_before_overlapping_words_and_bureaus_after_a_comma(text, name, title):
    assert [(o.name, o.title) for o in officials.find(text, {})[0]] == [(name, title)]


@pytest.mark.parametrize(
    "text, metric, value, qualifier",
    [
        ("年均增长百分之十二。", "年均增长", 12, None),
        ("群众满意度达到百分之九十五以上。", "群众满意度", 95, None),
        ("增长百分之一百二十。", "增长", 120, None),
        ("提高百分之零点五。", "提高", 0.5, None),
        ("发射成功率百分之百。", "发射成功率", 100, None),
        ("电解铜产量占全国比重超过百分之十。", "电解铜产量占全国比重", 10, "超过"),
    ],
)
def test_percentages_written_in_words(text, metric, value, qualifier):
    hits, _ = indicators.find(text, [])
    assert [(h.metric, h.value, h.unit, h.qualifier, h.rule) for h in hits] == [
        (metric, value, "%", qualifier, "indicator.percent_words")
    ]


@pytest.mark.parametrize("word", ["带领", "深入", "前往", "亲自", "现场", "随后", "认真", "视频"])
@pytest.mark.parametrize("name", ["李红霞", "王伟"])
def test_a_name_after_its_title_ends_before_common_verbs_and_adverbs(word, name):
    text = f"县长{name}{word}调研组开展工作。"
    assert [o.name for o in officials.find(text, {})[0]] == [name]


@pytest.mark.parametrize(
    "text, name",
    [
        ("县长欧阳明辉主持会议。", "欧阳明辉"),  # a compound surname: four characters
        ("县长欧阳明主持会议。", "欧阳明"),
        ("县长欧阳明来到现场。", "欧阳明"),  # 来|到 would make 欧阳明来 a name
        ("副市长司马南出席。", "司马南"),
        ("县长李强来到现场。", "李强"),
    ],
)
def test_names_with_a_compound_surname_run_to_four_characters(text, name):
    assert [o.name for o in officials.find(text, {})[0]] == [name]


@pytest.mark.parametrize(
    "text, name, title",
    [
        ("县人民检察院检察长孙伟列席会议。", "孙伟", "县人民检察院检察长"),
        ("县司法局副局长(主持工作)李强出席。", "李强", "县司法局副局长"),  # an aside: title_asides
        ("县长王伟发言。", "王伟", "县长"),
    ],
)
def test_names_after_an_aside_or_before_meeting_verbs(text, name, title):
    assert [(o.name, o.title) for o in officials.find(text, {})[0]] == [(name, title)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("镇党委书记孙建华出席。", [("孙建华", "镇党委书记")]),  # a town's organs head a chain
        ("镇党委委员、政法委员何斌宣读决定。", [("何斌", "镇党委委员、政法委员")]),
        ("乡人大主席陈平主持。", [("陈平", "乡人大主席")]),
        ("镇司法所所长钱进通报情况。", [("钱进", "镇司法所所长")]),
        ("街道办事处主任刘晓出席。", [("刘晓", "街道办事处主任")]),
        ("会议由镇党委副书记马晓东主持。", [("马晓东", "镇党委副书记")]),  # 由 is no part of a word
        ("镇领导王芳、李强出席会议。", [("王芳", "镇领导"), ("李强", "镇领导")]),
        ("非盟委员会主席穆萨·法基出席。", [("穆萨·法基", "主席")]),  # 非|盟: no league there
        ("城乡建设局局长王刚出席。", [("王刚", "局长")]),  # 城|乡: no township there
        ("英国伦敦金融城市长梅睿孟出席。", [("梅睿孟", "市长")]),  # 城|市长 is a title all the same
    ],
)
def test_town_level_organs_head_a_title_chain(text, expected):
    assert [(o.name, o.title) for o in officials.find(text, {})[0]] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("市人力资源和社会保障局局长孙丽出席。", [("孙丽", "市人力资源和社会保障局局长")]),
        ("区文化和旅游局党组书记、局长周强讲话。", [("周强", "区文化和旅游局党组书记、局长")]),
        ("县委书记张三和县长李四出席。", [("张三", "县委书记"), ("李四", "县长")]),  # 和 between people
    ],
)
def test_a_conjunction_inside_a_bureau_name_stays_in_the_chain(text, expected):
    assert sorted((o.name, o.title) for o in officials.find(text, {})[0]) == sorted(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("任命王建华同志为县司法局局长。", [("王建华", "县司法局局长")]),
        (
            "任命李秀英为县民政局副局长、赵明为县审计局局长。",
            [("李秀英", "县民政局副局长"), ("赵明", "县审计局局长")],
        ),
        ("会议决定免去王刚同志的县司法局局长职务。", [("王刚", "县司法局局长")]),
        ("推选刘强为调研组成员。", []),  # no title: no official
    ],
)
def test_appointments_and_removals_name_the_post(text, expected):
    found = officials.find(text, {})[0]
    assert [(o.name, o.title) for o in found] == expected
    assert all(o.rule == "official.appointment" for o in found)


@pytest.mark.parametrize("text", ["由县长任组长，常务副县长任副组长。", "分管副县长任副组长。"])
def test_a_surname_then_a_title_is_an_appointment_not_a_name(text):
    assert officials.find(text, {})[0] == []


def test_the_title_as_name_veto_can_be_switched_off():
    with switches.off({"official.veto.title_as_name"}):
        assert [o.name for o in officials.find("由县长任组长。", {})[0]] == ["任组长"]


@pytest.mark.parametrize(
    "text, unit", [("评查案卷320卷。", "卷"), ("发放法律书籍1200本。", "本"), ("开设法治课45堂。", "堂")]
)
def test_case_files_books_and_lessons_are_units(text, unit):
    hits, _ = indicators.find(text, [])
    assert [h.unit for h in hits] == [unit]


@pytest.mark.parametrize(
    "text, persons, expected",
    [
        # a circle or a body is no name, even where the model reads a person there
        ("政协副主席姜信治在参加文艺界委员小组讨论时说。", [(5, 8), (11, 14)], ["姜信治"]),
        ("中国共产党历史展览馆馆长出席。", [(6, 9)], []),
        ("印尼前外长维拉尤达出席。", [(0, 3), (5, 9)], ["维拉尤达"]),  # 前 (former) is the title's
        ("第四位众议长候选人。", [], []),  # 众议长: 位众 is no name
        ("多米尼克总理斯凯里特出席。", [(0, 4), (6, 10)], ["斯凯里特"]),  # 多米尼克(国): a country
    ],
)
def test_bodies_circles_title_leads_and_countries_are_no_names(text, persons, expected):
    assert [o.name for o in officials.find(text, {}, persons)[0]] == expected


def test_a_country_before_a_title_is_the_officials_organisation():
    found = officials.find("多米尼克总理斯凯里特出席。", {}, [(0, 4), (6, 10)])[0]
    assert [(o.name, o.org) for o in found] == [("斯凯里特", "多米尼克")]


def test_member_list_lines_name_each_member_with_the_post():
    text = (
        "组成人员如下：\n组  长：王  伟  县委副书记、县长\n副组长：李  强  县委常委、常务副县长\n"
        "        赵建军  副县长\n成  员：张  三  县政府办公室主任\n"
    )
    doc = clean(RawDocument(doc_id_of(text), "t.txt", "utf_8", text))
    found = officials.find(doc.clean_text, {})[0]
    assert [(o.name, o.title, o.rule) for o in found] == [
        ("王伟", "县委副书记、县长", "official.member_line"),
        ("李强", "县委常委、常务副县长", "official.member_line"),
        ("赵建军", "副县长", "official.member_line"),
        ("张三", "县政府办公室主任", "official.member_line"),
    ]
    assert officials.find("主要内容\n张三 召开会议", {})[0] == []  # no title after the blank


@pytest.mark.parametrize(
    "text, expected",
    [
        ("李四同志兼任办公室主任。", [("李四", "办公室主任")]),
        ("沈晓明同志任湖南省委委员、常委、书记。", [("沈晓明", "省委委员、常委、书记")]),
        ("会议由张三任组长，李四任副组长。", [("张三", "组长"), ("李四", "副组长")]),  # not 张三任
        ("叶聪新任全国政协委员，", [("叶聪", "全国政协委员")]),  # 新任: newly
        ("同时担任创新中心主任。", []),  # 时担|任: no name
        ("他们分别是，曾长期担任检查站站长。", []),  # 长期 is no given name
        ("沙特任命首位驻巴勒斯坦大使。", []),  # 任命 is one word
        ("他曾担任县长。", []),
    ],
)
def test_a_name_then_a_verb_of_holding_names_the_post(text, expected):
    assert [(o.name, o.title) for o in officials.find(text, {})[0]] == expected


def test_an_unbracketed_party_document_ending_in_jianyi_is_a_regulation():
    text = "深入学习中共中央关于制定国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议。"
    regs, _, _ = regulations.find(text)
    assert [(r.name, r.category, r.rule) for r in regs] == [
        (
            "中共中央关于制定国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议",
            "党内法规",
            "reg.party_document",
        )
    ]


@pytest.mark.parametrize(
    "text, metric, low, high, unit",
    [
        ("项目总投资约1.5亿元至2亿元。", "项目总投资", 1.5, 2, "亿元"),
        ("耕作机械化水平平均提高15%—20%。", "耕作机械化水平平均提高", 15, 20, "%"),
        ("射程为160公里—180公里。", "射程", 160, 180, "公里"),
    ],
)
def test_two_figures_of_one_unit_joined_by_a_separator_are_one_range(text, metric, low, high, unit):
    hits, _ = indicators.find(text, [])
    assert [(h.metric, h.value, h.value_max, h.unit, h.rule) for h in hits] == [
        (metric, low, high, unit, "indicator.range_units")
    ]


def test_figures_of_one_unit_stay_apart_when_descending_or_switched_off():
    assert [h.value_max for h in indicators.find("投资3亿元到2亿元。", [])[0]] == [None, None]
    with switches.off({"indicator.range_units"}):
        assert len(indicators.find("项目总投资约1.5亿元至2亿元。", [])[0]) == 2


def test_a_total_word_is_no_part_of_the_metric():
    hits, _ = indicators.find("受理群众来信来访共计1,234件，学校合计30所。", [])
    assert [h.metric for h in hits] == ["受理群众来信来访", "学校"]


@pytest.mark.parametrize(
    "text, name",
    [
        ("财政部部长刘昆受国务院委托作报告。", "刘昆"),
        ("国家移民管理局局长许甘露受国务院委托作报告。", "许甘露"),
        ("副县长李强受邀参加。", "李强"),
    ],
)
def test_a_name_after_its_title_ends_before_shou(text, name):
    assert [o.name for o in officials.find(text, {})[0]] == [name]


def test_party_proposals_and_explained_drafts_are_regulations():
    text = (
        "学习《中共中央关于制定国民经济和社会发展第十五个五年规划的建议》,办理代表提出的《关于加强校园安全的建议》,"
        "审议《某市电动自行车管理条例(草案)的说明》。"
    )
    by_name = {r.name: r for r in regulations.find(text)[0]}
    assert set(by_name) == {
        "中共中央关于制定国民经济和社会发展第十五个五年规划的建议",
        "某市电动自行车管理条例(草案)",
    }
    assert by_name["中共中央关于制定国民经济和社会发展第十五个五年规划的建议"].category == "党内法规"
    with switches.off({"reg.party_proposal", "reg.draft_explained"}):
        assert regulations.find(text)[0] == []


def test_a_law_before_an_extension_title_and_local_standards():
    from pipeline.extract import regulations as regs

    assert [(r.name, r.rule) for r in regs.find("新的宪法《修正案》颁布以来,")[0]] == [
        ("宪法修正案", "reg.law_extension")
    ]
    found = regs.find("制定《行政许可事项服务指南编写规范》等三项地方标准。")[0]
    assert [(r.name, r.category) for r in found] == [("行政许可事项服务指南编写规范", "规范性文件")]


def test_programmes_ending_in_a_law_word_and_arrangements():
    from pipeline.extract import regulations as regs

    assert regs.find("推出《执法者来普法》节目,")[0] == []
    found = regs.find("印发《2023年理论学习中心组专题学习重点内容安排》。")[0]
    assert [(r.name, r.category) for r in found] == [
        ("2023年理论学习中心组专题学习重点内容安排", "规划/纲要/方案")
    ]


@pytest.mark.parametrize(
    "text, names",
    [
        (  # one law at the stages of its passage, named as first written
            "审议了《铁岭市停车管理条例(草案二次审议稿)》,表决通过《铁岭市停车管理条例(表决稿)》。",
            ["铁岭市停车管理条例(草案二次审议稿)"],
        ),
        (  # ... or as passed, when the text names it so
            "关于《福州市大气污染防治办法(草案)》修改情况的报告;表决通过了《福州市大气污染防治办法》。",
            ["福州市大气污染防治办法"],
        ),
        ("开展“12.4”国家宪法日宣传活动。", []),  # a day named after the law
        ("开展民法典宣传月活动,修订后的行政复议法日前施行。", ["民法典", "行政复议法"]),
    ],
)
def test_draft_stages_are_one_regulation_and_a_law_day_cites_no_law(text, names):
    regs, mentions, _ = regulations.find(text)
    assert [r.name for r in regs] == names
    assert {m.normalized for m in mentions} == set(names)


@pytest.mark.parametrize(
    "text, names",
    [
        (  # two regulations listed in one 《》
            "审议《重庆市人民代表大会常务委员会议事规则、重庆市水资源管理条例(修正草案)》。",
            ["重庆市人民代表大会常务委员会议事规则", "重庆市水资源管理条例(修正草案)"],
        ),
        (  # one title around a list
            "通过《全国人民代表大会常务委员会关于修改中华人民共和国农业技术推广法、中华人民共和国生物安全法的决定》。",
            [
                "全国人民代表大会常务委员会关于修改中华人民共和国农业技术推广法、中华人民共和国生物安全法的决定"
            ],
        ),
        ("印发《福建省优化营商环境近期举措》。", ["福建省优化营商环境近期举措"]),
        ("发放《村民交通安全须知》2000份。", []),  # a leaflet
    ],
)
def test_titles_listed_in_one_bracket_measures_and_leaflets(text, names):
    assert [r.name for r in regulations.find(text)[0]] == names


def test_a_plan_of_tasks_and_their_division_is_a_regulation():
    text = "印发《中共上海市宝山区委全面依法治区委员会2022年工作要点与责任分工》。"
    assert [r.name for r in regulations.find(text)[0]] == [
        "中共上海市宝山区委全面依法治区委员会2022年工作要点与责任分工"
    ]


def test_the_local_organisation_law_is_named_bare():
    assert [r.name for r in regulations.find("就新修改的地方组织法开展执法检查。")[0]] == ["地方组织法"]
