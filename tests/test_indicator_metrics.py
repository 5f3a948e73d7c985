"""Metric text trimmed to what is counted (issue 28, item 5): leading adverbs and prepositions,
trailing verbs of degree, gaps, totals, paired modifiers; and a once-per-period figure that is no
count. Every sentence here is invented for the test."""

import pytest

from pipeline.extract import indicators


def _metrics(text):
    return [(h.metric, h.normalized_value, h.base_unit) for h in indicators.find(text, [])[0]]


@pytest.mark.parametrize(
    "text, metric",
    [
        ("对于财政收入刚过20亿元的山区县,", "财政收入"),  # leading preposition, trailing verb of degree
        ("项目批复后,当天便拨付补助资金300万元。", "拨付补助资金"),  # leading time adverb
        ("我县办理行政复议案件86件,", "办理行政复议案件"),  # 我县 is where, not what
        ("目前改造资金仍差 80 万元。", "改造资金缺口"),  # a shortage verb is a gap
        ("受理投诉412件,投诉人总数达530人。", "投诉人"),  # 总数 repeats what the unit says
    ],
)
def test_the_metric_is_trimmed_to_what_is_counted(text, metric):
    assert metric in [m for m, _, _ in _metrics(text)]


def test_a_share_keeps_its_total():
    assert _metrics("办结12件,占受理案件总数的40%。")[1][0] == "办结占受理案件总数比例"


def test_two_paired_modifiers_share_the_rest_of_the_metric():
    rows = _metrics("全市男性和女性职工平均工资分别增长3.2%和4.5%。")
    assert rows == [("男性职工平均工资增长", 3.2, "%"), ("女性职工平均工资增长", 4.5, "%")]


@pytest.mark.parametrize(
    "text, counted",
    [
        ("每季度召开一次联席会议。", False),  # how often, not how many
        ("全年召开一次联席会议。", True),  # a count with its cue
    ],
)
def test_once_per_period_is_no_count(text, counted):
    assert bool(_metrics(text)) is counted


def test_a_noun_of_its_own_before_and_is_no_paired_modifier():
    rows = _metrics("水资源消耗和碳排放强度分别下降6%和8%。")
    assert [v for _, v, _ in rows] == [6, 8]
    assert not any(m and m.startswith("消耗") for m, _, _ in rows)  # not 消耗 + 放强度下降


def test_a_headline_figure_restated_in_other_words_is_the_bodys():
    text = "全县化解信访积案达36件\n本报讯 今年以来,经过包案攻坚,依法终结的有36件,息访率提高。"
    assert [(m, v) for m, v, _ in _metrics(text)] == [("终结", 36)]  # 依法 says how, not what


def test_a_small_headline_figure_may_be_a_second_statement():
    text = "全县化解信访积案达6件\n本报讯 今年以来,经过包案攻坚,依法终结的有6件,息访率提高。"
    assert [m for m, _, _ in _metrics(text)] == ["化解信访积案", "终结"]


@pytest.mark.parametrize(
    "text, metric",
    [
        ("在门户网站开设专栏,举办讲座、报告会和《法治公开课》等260场次,", "举办讲座"),  # the list's head
        ("开展送法下乡、法律明白人培训等120场次,", "法律明白人培训"),  # a trailing 等 goes
    ],
)
def test_a_list_closed_by_deng(text, metric):
    assert _metrics(text)[0][0] == metric


def test_an_abbreviated_metric_is_written_out():
    assert _metrics("全县GDP达到95亿元,")[0][0] == "生产总值"
    assert _metrics("地区生产总值达到95亿元,")[0][0] == "地区生产总值"


@pytest.mark.parametrize(
    "text, row",
    [
        ("全州10县市均已建立法律顾问制度。", ("县市", 10, "个")),  # not 全州
        ("流域6省份30地市完成排查。", ("省份", 6, "个")),  # not 30地市 after it
        ("全市8个县市区全部完成。", ("县市区", 8, "个")),  # 个 + the counted noun, as before
    ],
)
def test_a_unit_that_names_what_it_counts_is_the_metric(text, row):
    assert _metrics(text)[0] == row


@pytest.mark.parametrize(
    "text, metric",
    [
        # a predicate before 的 describes the noun after it, which is counted
        ("摆放17块制作精美的法治教育宣传展牌。", "法治教育宣传展牌"),
        ("演出6个具有代表性的优秀普法文艺节目。", "优秀普法文艺节目"),
        ("来自4600名流离失所的群众。", "群众"),
        # a noun before 的 is what is counted
        ("抽调3个部门的负责人。", "抽调部门"),
        ("保障2582间活动板房的用电。", "活动板房"),
        # the subject before 共 and a verb is where, not what
        ("此次活动共发放资料300余份。", "发放资料"),
        ("公共服务共500项。", "公共服务"),
        ("共享单车共计500辆。", "共享单车"),
        ("初步梳理我县权责清单2797项。", "权责清单"),
        # a share with 的 and no metric before it
        ("其中85%的日办件量都能当场办结。", "日办件量"),
        # a ranking list
        ("获评中国营商环境百强区县第19位。", "中国营商环境百强区县排名"),
        # points of advice counted; times are not
        ("并提出3点建议。", "建议"),
        # adverbs and 面向 end a noun read forwards
        ("60名监狱人民警察面向国徽庄严宣誓。", "监狱人民警察"),
        ("4名“法律明白人”一边派发法治宣传资料。", "法律明白人"),
    ],
)
def test_what_a_figure_counts_around_de_totals_and_lists(text, metric):
    assert metric in [m for m, _, _ in _metrics(text)]


@pytest.mark.parametrize(
    "text",
    ["下午3点召开会议。", "审批时限由21个工作日压减至3个。", "8点30分开始。", "由1个半小时缩短至半小时。"],
)
def test_times_and_a_bare_ge_after_a_duration_are_no_counts(text):
    assert _metrics(text) == []


def test_the_new_metric_rules_can_be_switched_off():
    from pipeline import switches

    with switches.off({"indicator.metric.attributive", "indicator.metric.subject_total"}):
        got = [m for m, _, _ in _metrics("摆放17块制作精美的宣传展牌，此次活动共发放资料300余份。")]
    assert got == ["制作精美", "此次活动共发放资料"]
    with switches.off({"indicator.veto.point_noun"}):
        assert _metrics("并提出3点建议。") == []


def test_the_upper_end_of_a_percent_range_before_de_joins_the_range():
    hits = indicators.find("乌军近期损失了25%至30%的西方提供的军事装备。", [])[0]
    assert [(h.normalized_value, h.normalized_value_max) for h in hits] == [(25, 30)]


def test_the_next_item_of_a_parallel_list_counts_the_same_thing():
    rows = _metrics("243项政务服务事项实现跨省通办、158项实现省内通办。")
    assert rows == [("政务服务事项", 243, "项"), ("政务服务事项", 158, "项")]
    from pipeline import switches

    with switches.off({"indicator.metric.parallel"}):
        # the second figure keeps the predicate after its own unit
        assert _metrics("243项政务服务事项实现跨省通办、158项实现省内通办。")[1][0] == "实现省内通办"


@pytest.mark.parametrize(
    "text, row",
    [
        ("12位人大代表现场参观。", ("人大代表", 12, "人")),
        ("现场接受群众咨询300多次。", ("接受群众咨询", 300, "次")),
        ("解答群众法律咨询200余项次。", ("解答群众法律咨询", 200, "项次")),
        ("配备了40名律师作为法律顾问。", ("配备律师", 40, "人")),
        ("发布以案释法案例58例。", ("发布以案释法案例", 58, "例")),
        ("楼均GDP居西部第1。", ("楼均GDP西部排名", 1, "名次")),
        ("行政处罚排在全国前十名。", ("行政处罚全国排名", 10, "名次")),
        ("覆盖率从76%增长至100%。", ("覆盖率", 100, "%")),
        ("网办量从每年600万件增加到1200万件。", ("网办量", 6000000, "件")),
        ("开展3次现场检查。", ("现场检查", 3, "次")),  # 开展 is a light verb
        ("组织61名党政主要负责人作书面述法报告。", ("党政主要负责人", 61, "人")),  # the people, not 组织
        ("组织开展培训12场。", ("培训", 12, "场")),
        ("行政检查执法报备17688次。", ("行政检查执法报备", 17688, "次")),  # 备 is no ICP备 footer
        ("全年经济增长为5.2%。", ("经济增长", 5.2, "%")),
    ],
)
def test_units_ranks_changes_and_adverbs_of_local_reports(text, row):
    assert row in _metrics(text)


@pytest.mark.parametrize(
    "text, row",
    [
        ("全区11个行业形成典型案例。", ("行业", 11, "个")),  # the predicate begins at 形成
        ("法律顾问与9个行政村签订合约。", ("行政村", 9, "个")),
        ("全市131个项目集中签约。", ("项目", 131, "个")),  # its adverb goes with it
        ("近2000家企业报名参会。", ("企业", 2000, "家")),
        ("园区现有20家入驻企业。", ("入驻企业", 20, "家")),  # at the start it is an attribute
        ("300多家中外参展企业。", ("中外参展企业", 300, "家")),  # and before its head noun
        ("发生3起致人死亡的交通事故。", ("交通事故", 3, "起")),  # and in a clause closed by 的
        ("组织各级党政主要负责人共887人完成年度述法。", ("党政主要负责人", 887, "人")),
    ],
)
def test_a_predicate_or_a_gathering_verb_is_not_what_is_counted(text, row):
    assert row in _metrics(text)


@pytest.mark.parametrize(
    "text, rows",
    [
        # a figure after a 、 in another base unit measures what the one before counts
        (
            "累计拆除违法建筑265处、62897.81平方米。",
            [("拆除违法建筑", 265, "处"), ("拆除违法建筑", 62897.81, "平方米")],
        ),
        ("一审1787件、二审610件。", [("一审", 1787, "件"), ("二审", 610, "件")]),  # their own metrics
        # 万 right before the people counted: they are the metric (14亿多人口 is no 人 + 口…)
        ("约17万村民受益。", [("村民", 170000, "人")]),
        ("全国14亿多人口整体迈进现代化。", [("人口", 1400000000, "人")]),
        ("普法受众134万余人次。", [("普法受众", 1340000, "人次")]),  # 人次 is a unit
        # 共 and who receives before the verb: the subject ends at 共
        ("本次活动共向群众发放宣传资料1.8万余份。", [("发放宣传资料", 18000, "份")]),
        ("在全国35个大中城市中排名第二。", [("大中城市", 35, "个")]),  # 大中 is no stop at 中
    ],
)
def test_adjacent_figures_bare_multipliers_before_people_and_recipients(text, rows):
    assert _metrics(text)[: len(rows)] == rows


@pytest.mark.parametrize(
    "text, rows",
    [
        # a change compared with a named year is said of the count before it
        (
            "败诉率22.22%,同2023年比下降14.45个百分点;",
            [("败诉率", 22.22, "%"), ("败诉率较2023年下降", 14.45, "个百分点")],
        ),
        # 便利度 makes 分 a score; the level after a change is of what changed
        (
            "营商环境便利度为85.92分,较2020年提升了3.03分,",
            [("营商环境便利度", 85.92, "分"), ("营商环境便利度较2020年提升", 3.03, "分")],
        ),
        (
            "民营经济经营主体年均增长6.7%,目前达到53.8万户。",
            [("民营经济经营主体年均增长", 6.7, "%"), ("民营经济经营主体", 538000, "户")],
        ),
        ("贯彻落实省委十四次党代会精神。", []),  # which congress, not how many
        ("全省64个市县设立标准化行政复议接待场所。", [("市县", 64, "个")]),
    ],
)
def test_year_comparisons_scores_levels_and_numbered_meetings(text, rows):
    assert _metrics(text) == rows


@pytest.mark.parametrize(
    "text, rows",
    [
        ("累计压缩办理时限1213个工作日。", [("压缩办理时限", 1213, "工作日")]),  # a time saved
        ("在3个工作日内办结。", []),  # a duration
        ("办理时限压缩至3个工作日。", [("办理时限", 3, "工作日")]),  # the new limit, named
        ("压缩至3个工作日。", []),  # no limit named
        ("年底到现在有几十件。", []),  # no figure
        ("指导新区行使5976项相对集中行政处罚权。", [("相对集中行政处罚权", 5976, "项")]),
        ("10多个文艺节目更是让村民轻松掌握。", [("文艺节目", 10, "个")]),
        ("定期召开专题会议4次。", [("召开专题会议", 4, "次")]),
    ],
)
def test_time_saved_vague_numerals_and_more_noun_ends(text, rows):
    assert _metrics(text) == rows


@pytest.mark.parametrize(
    "text, rows",
    [
        ("述法测评各1次。", [("述法测评", 1, "次")]),
        ("衡量营商环境的18项核心指标之一。", [("核心指标", 18, "项")]),
        ("为278个村配备公共法律服务设备。", [("村", 278, "个")]),  # a one-character noun, then a verb
        ("12 个部门进驻中心。", [("部门", 12, "个")]),
        ("内蒙古年鉴2022卷。", []),  # a volume
        ("低于低保标准的2倍或者低收入家庭标准。", [("低于低保标准", 2, "倍")]),  # 或者 opens no noun
    ],
)
def test_each_one_of_single_nouns_volumes_and_or(text, rows):
    assert _metrics(text) == rows


@pytest.mark.parametrize(
    "text, rows",
    [
        ("市政府常务会议先后4次专题学习。", [("专题学习", 4, "次")]),
        ("382项重点任务清单表。", [("重点任务", 382, "项")]),
        ("法律援助案件突破1000件大关。", [("法律援助案件", 1000, "件")]),
        ("具有十分重要的意义。", []),  # 十分: very
        ("代写诉状2万余人(次)。", [("代写诉状", 20000, "人次")]),  # (次): counted in 人次
    ],
)
def test_adverbs_lists_milestones_and_times_in_brackets(text, rows):
    assert _metrics(text) == rows


def test_predicate_stop_switch_reads_on():
    from pipeline import switches

    with switches.off({"indicator.metric.predicate_stop"}):
        assert ("行业形成典型案例", 11, "个") in _metrics("全区11个行业形成典型案例。")


def test_light_verb_switch_keeps_the_verb():
    from pipeline import switches

    with switches.off({"indicator.metric.light_verb"}):
        assert ("组织党政主要负责人", 61, "人") in _metrics("组织61名党政主要负责人作书面述法报告。")
        assert ("开展现场检查", 3, "次") in _metrics("开展3次现场检查。")


@pytest.mark.parametrize(
    "text, rows",
    [
        (
            "全省营商环境评价得分为78.85分,较上年提升9.59分。",
            [("营商环境评价得分", 78.85, "分"), ("营商环境评价得分同比提升", 9.59, "分")],
        ),
        ("会议于10时30分召开,历时3分钟。", []),
        ("杨某以2分33秒148的成绩夺冠。", []),
        ("实现办电1环节。", [("办电", 1, "环节")]),
        ("共同设立300亿元基金。", [("设立基金", 30000000000, "元")]),
        ("2022年共制定规范性文件1件《关于粮食储备管理办法》。", [("制定规范性文件", 1, "件")]),
        ("深入安恕镇、杨木林镇等地开展调研20余次。", [("调研", 20, "次")]),
        ("全市法律明白人数量已超过3万名。", [("法律明白人", 30000, "人")]),
    ],
)
def test_scores_titles_after_a_count_and_leading_words_of_local_reports(text, rows):
    assert _metrics(text) == rows


def test_the_score_and_title_instance_rules_switch_off():
    from pipeline import switches

    with switches.off({"indicator.veto.score_context"}):
        assert _metrics("全省营商环境评价得分为78.85分。") == []
    with switches.off({"indicator.metric.title_instance"}):
        assert _metrics("2022年共制定规范性文件1件《关于粮食储备管理办法》。")[0][0] != "制定规范性文件"


@pytest.mark.parametrize(
    "text, rows",
    [
        (
            "舟曲项目总投资3.1个亿,另一项目总投资2900万。",
            [("舟曲项目总投资", 310000000, "元"), ("另一项目总投资", 29000000, "元")],
        ),
        ("形成2个万亿级产业集群。", [("万亿级产业集群", 2, "个")]),
        ("王利对现场述法的4名负责人进行点评。", [("负责人", 4, "人")]),
        ("来自各地的8名企业负责人谈了情况。", [("企业负责人", 8, "人")]),
        ("来自各地的8家企业负责人谈了情况。", [("企业", 8, "家")]),  # 家 counts the firms
        ("公布第一批60家司法所名单。", [("司法所", 60, "家")]),
        ("在谈项目拟投资额达12.75亿,", [("在谈项目拟投资额", 1275000000, "元")]),
    ],
)
def test_spoken_multipliers_head_nouns_and_lists_of_local_news(text, rows):
    assert _metrics(text) == rows


@pytest.mark.parametrize(
    "text, rows",
    [
        (
            "行政复议后被诉率从2020年27.5%降至2025年8.1%。",
            [("行政复议后被诉率", 27.5, "%"), ("行政复议后被诉率", 8.1, "%")],
        ),
        ("审批事项由原来的265项缩减到170项。", [("审批事项", 265, "项"), ("审批事项", 170, "项")]),
        ("县域营商环境竞争力排名第9位。", [("县域营商环境竞争力排名", 9, "名次")]),
        ("设立了1000万元的产业发展扶持基金。", [("产业发展扶持基金", 10000000, "元")]),
        ("落地投产250个亿元以上项目。", [("亿元以上项目", 250, "个")]),
        ("6家企业结合经营实际提出诉求。", [("企业", 6, "家")]),
        ("涉及3个领域违法行为的减轻处罚。", [("领域违法行为", 3, "个")]),
        ("学习党的十九届十次全会精神。", []),
    ],
)
def test_years_before_figures_ranks_amounts_and_ordinals_of_local_reports(text, rows):
    assert _metrics(text) == rows


@pytest.mark.parametrize(
    "text, rows",
    [
        ("300多名嘉宾欢聚一堂。", [("嘉宾", 300, "人")]),
        ("还有600多名来自五湖四海的工友。", [("工友", 600, "人")]),
        ("日接诊量在900人次左右。", [("日接诊量", 900, "人次")]),
        ("连续8年稳定在1.3万亿斤以上。", [(None, 1300000000000, "斤")]),
    ],
)
def test_idioms_end_a_noun_and_zai_leaves_a_metric(text, rows):
    assert _metrics(text) == rows


@pytest.mark.parametrize(
    "text, rows",
    [
        ("全市共有14个区获得命名,其中4个区既获得示范区命名。", [("区", 14, "个"), ("区", 4, "个")]),
        ("司法所联合13个村开展宣传。", [("村", 13, "个")]),
        ("邀请市内各类媒体(约20家,区新闻办负责)。", [("邀请市内媒体", 20, "家")]),
        ("1.区内企业代表(17家)。", [("区内企业代表", 17, "家")]),
        ("举办一场宣传晚会,开展一次集中宣传。", []),
        ("我市有2个综合项目及4个单项项目入围。", [("综合项目", 2, "个"), ("单项项目", 4, "个")]),
        ("败诉率同比下降5.94百分点。", [("败诉率同比下降", 5.94, "个百分点")]),
        ("完成案卷评查2轮次。", [("案卷评查", 2, "轮次")]),
        ("停靠车次从50列增至70列。", [("停靠车次", 50, "列"), ("停靠车次", 70, "列")]),
        ("339个地级及以上城市空气质量改善。", [("地级及以上城市空气质量改善", 339, "个")]),
        ("参学率、通过率均到达100%。", [("通过率", 100, "%")]),
    ],
)
def test_area_nouns_brackets_articles_and_units_of_local_reports(text, rows):
    assert _metrics(text) == rows


def test_listed_metrics_before_fenbie_take_their_own_figures():
    text = "今年上半年地区生产总值、一般公共预算收入、居民人均可支配收入分别增长5.8%、13.4%、5.3%。"
    assert [m for m, _, _ in _metrics(text)] == [
        "地区生产总值增长",
        "一般公共预算收入增长",
        "居民人均可支配收入增长",
    ]
    paired = "城镇和农村居民人均可支配收入分别增长5.1%和7.7%。"  # a paired modifier, not a list
    assert [m for m, _, _ in _metrics(paired)] == ["城镇居民人均可支配收入增长", "农村居民人均可支配收入增长"]


def test_a_share_after_a_change_takes_the_changes_subject():
    text = "服务进出口1.2万亿元,同比增长13.1%,占全国总额的比重达43.5%。"
    assert [m for m, _, _ in _metrics(text)][-1] == "服务进出口占全国总额的比重"


def test_the_area_noun_bracket_and_article_rules_switch_off():
    from pipeline import switches

    with switches.off({"indicator.metric.single_noun", "indicator.metric.bracket_count"}):
        assert _metrics("全市共有14个区获得命名。") == [(None, 14, "个")]
        assert _metrics("区内企业代表(17家)。") == []
    with switches.off({"indicator.veto.article_one"}):
        assert _metrics("开展一次集中宣传。") == [("集中宣传", 1, "次")]


@pytest.mark.parametrize(
    "text, rows",
    [
        ("发放宣传资料近91种9000多份。", [("发放宣传资料", 91, "种"), ("发放宣传资料", 9000, "份")]),
        ("维持(以驳回复议申请或维持原行为等方式结案)共93件。", [("维持", 93, "件")]),
        ("审结案件155件(含2018年度结转案件30件)。", [("审结案件", 155, "件"), ("结转案件", 30, "件")]),
        ("涵盖8大类应用场景。", [("应用场景", 8, "类")]),
        ("在西部百强县排名中晋位至第43位。", [("西部百强县排名", 43, "名次")]),
        ("从6个县直单位分别抽取案卷。", [("县直单位", 6, "个")]),
        ("建成1个县级指挥中枢。", [("建成县级指挥中枢", 1, "个")]),
    ],
)
def test_adjacent_figures_long_asides_and_ranks_after_a_move(text, rows):
    assert _metrics(text) == rows


def test_the_adjacent_figure_rule_switches_off():
    from pipeline import switches

    with switches.off({"indicator.metric.adjacent"}):
        assert _metrics("发放宣传资料近91种9000多份。")[1] == (None, 9000, "份")


@pytest.mark.parametrize(
    "text, rows",
    [
        ("获得全国五一劳动奖章。", []),  # no rank
        ("造成2人死亡、6人受伤。", [("死亡", 2, "人"), ("受伤", 6, "人")]),
        ("空气质量排第3名。", [("空气质量排名", 3, "名次")]),
        ("再减少24项。", [("减少", 24, "项")]),
        ("抽查案卷中的18844宗。", [("抽查案卷", 18844, "件")]),
        ("医院距离震中约8公里。", [("医院距离震中", 8, "公里")]),
        ("全省18个监测站显示,", [("监测站", 18, "个")]),
        ("4位村民因重伤致残。", [("村民", 4, "人")]),
        ("分析了3个原因。", [("原因", 3, "个")]),
    ],
)
def test_ranks_after_pai_and_predicates_after_a_counted_noun(text, rows):
    assert _metrics(text) == rows


@pytest.mark.parametrize(
    "text, rows",
    [
        ("4个单位主要负责人进行多媒体述法。", [("单位", 4, "个")]),  # 个 counts the units, not their heads
        ("2个乡镇党政主要负责人进行了现场述法。", [("乡镇", 2, "个")]),
        ("4名负责人进行点评。", [("负责人", 4, "人")]),
        ("受理案件120件,比上一年度增长24.1%。", [("受理案件", 120, "件"), ("受理案件同比增长", 24.1, "%")]),
        ("全县34所中小学同步开展晨读。", [("中小学", 34, "所")]),
        ("26万多亩粮食喜获丰收。", [("粮食", 260000, "亩")]),  # an idiom of jieba's dictionary
        ("已有70多万人流离失所。", [("流离失所", 700000, "人")]),  # right after the unit: what is counted
    ],
)
def test_bodies_before_their_heads_year_comparisons_and_adverbs(text, rows):
    assert _metrics(text) == rows


def test_the_bodies_rule_switches_off():
    from pipeline import switches

    with switches.off({"indicator.metric.head_of_units"}):
        assert _metrics("4个单位主要负责人进行述法。") == [("单位主要负责人", 4, "个")]


@pytest.mark.parametrize(
    "text, rows",
    [
        (
            "查获假冒食盐3.2吨、酒1 375箱、饮料92箱。",
            [("查获假冒食盐", 3.2, "吨"), ("酒", 1375, "箱"), ("饮料", 92, "箱")],
        ),
        ("设立50亿元(首期10亿元)科创母基金。", [("设立科创母基金", 5e9, "元"), ("首期", 1e9, "元")]),
        ("举办2场人民调解员(专职调解员)业务培训班。", [("举办人民调解员业务培训班", 2, "场")]),
        (
            "共计40项创新案例,其中11项被国务院复制推广。",
            [("创新案例", 40, "项"), ("被国务院复制推广", 11, "项")],
        ),
        ("败诉率降至10.8%,其中西夏区、贺兰县降至5%以下。", [("败诉率", 10.8, "%"), ("败诉率", 5, "%")]),
        ("其中德州、潍坊超过80%。", [(None, 80, "%")]),  # places are where, not what
        ("全区70%的金牌调解员为党员。", [("金牌调解员", 70, "%")]),
        ("召开5次各类调度会议。", [("召开调度会议", 5, "次")]),
        ("通过协调和解解决争议2375件。", [("通过协调和解解决争议", 2375, "件")]),  # 和 inside 和解
        (
            "依法受理14555件、审结13580件,同比分别上升60.7%、68.8%。",
            [
                ("受理", 14555, "件"),
                ("审结", 13580, "件"),
                ("受理同比上升", 60.7, "%"),
                ("审结同比上升", 68.8, "%"),
            ],
        ),
        ("近两年受理案件465件。", [("受理案件", 465, "件")]),  # the duration is the period's
        ("130余名工人先后到劳动监察部门投诉。", [("工人", 130, "人")]),
        ("212项高频事项掌上办理。", [("高频事项", 212, "项")]),
        ("268项任务以分解表的形式明确。", [("任务", 268, "项")]),
        ("759名调解员每月分析矛盾。", [("调解员", 759, "人")]),
        ("18家单位近日发布倡议。", [("单位", 18, "家")]),
        ("商务部等6部门联合发布。", [("部门", 6, "部门")]),
        ("出动车辆120多台次。", [("出动车辆", 120, "台次")]),
    ],
)
def test_lists_asides_predicates_rates_again_and_stops_of_local_reports(text, rows):
    assert _metrics(text) == rows


def test_the_new_metric_rules_switch_off():
    from pipeline import switches

    with switches.off({"indicator.metric.predicate_clause"}):
        assert _metrics("其中11项被国务院复制推广。") == [(None, 11, "项")]
    with switches.off({"indicator.metric.list_item"}):
        assert ("酒", 1375, "箱") not in _metrics("查获食盐3吨、酒1375箱。")
    with switches.off({"indicator.metric.aside_after"}):
        assert _metrics("设立50亿元(首期)科创基金。")[0][0] == "设立"
    with switches.off({"indicator.metric.rate_again"}):
        assert _metrics("败诉率降至10.8%,其中西夏区、贺兰县降至5%以下。")[1][0] is None
    with switches.off({"indicator.metric.determiner"}):
        assert _metrics("召开5次各类调度会议。") == [("召开调度会议", 5, "次")]


@pytest.mark.parametrize(
    "text, rows",
    [
        ("业务部门组织开展业务培训19次。", [("业务培训", 19, "次")]),  # the actor before the light verb goes
        ("审理结果是维持46件。", [("维持", 46, "件")]),  # what follows 是 is what is counted
        ("案件受理数量是前年的10倍。", [("案件受理数量是前年", 10, "倍")]),  # 是…的N倍 compares
        ("3年来为村民调解纠纷500余次。", [("为村民调解纠纷", 500, "次")]),
        ("7个镇可行使行政处罚权。", [("镇", 7, "个")]),
        ("超过4万名无家可归者。", [("无家可归者", 40000, "人")]),  # 可 inside an idiom
        ("办件100%“网上可办”。", [("网上可办", 100, "%")]),  # no stop inside quotes
    ],
)
def test_light_verbs_inside_copulas_and_stops_inside_idioms_and_quotes(text, rows):
    assert _metrics(text) == rows
    from pipeline import switches

    with switches.off({"indicator.metric.inner_light_verb"}):
        assert _metrics("业务部门组织开展业务培训19次。") == [("业务部门组织开展业务培训", 19, "次")]


@pytest.mark.parametrize(
    "text, rows",
    [
        ("准确率连续6个月达到100%。", [("准确率", 100, "%")]),  # how long it held is no metric
        ("粮食产量已连续两年超过800亿斤。", [("粮食产量", 8e10, "斤")]),
        ("超限率控制在1%以内。", [("超限率", 1, "%")]),  # 以内: at most
        ("开设17门法治课程。", [("法治课程", 17, "门")]),
        ("共2331项纳入本级政务服务中心一体化管理。", [("纳入本级政务服务中心一体化管理", 2331, "项")]),
    ],
)
def test_durations_before_a_figure_limits_and_courses(text, rows):
    assert _metrics(text) == rows
    from pipeline import switches

    with switches.off({"indicator.metric.duration_before"}):
        assert _metrics("准确率连续6个月达到100%。")[0][0] != "准确率"


@pytest.mark.parametrize(
    "text, rows",
    [
        ("发放法律书籍(宣传品)等32万余册(份)。", [("发放法律书籍", 32e4, "册")]),  # one item before 等
        ("为1972名受援人避免经济损失。", [("受援人", 1972, "人")]),  # a head noun, then a verb
        ("18837名干部群众收看公益课。", [("干部群众", 18837, "人")]),
        ("约9000家德国零售企业倒闭。", [("德国零售企业", 9000, "家")]),
        ("20辆无人驾驶车辆上路。", [("无人驾驶车辆上路", 20, "辆")]),  # 无人驾驶 is one word
    ],
)
def test_one_item_before_deng_and_verbs_after_a_head_noun(text, rows):
    assert _metrics(text) == rows
    from pipeline import switches

    with switches.off({"indicator.metric.verb_after_head"}):
        assert _metrics("18837名干部群众收看公益课。") == [("干部群众收看公益课", 18837, "人")]


@pytest.mark.parametrize(
    "text, rows",
    [
        (
            "济南、临沂、菏泽受理行政一审案件数分别为3595件、3125件、2655件。",
            [
                ("济南受理行政一审案件数", 3595, "件"),
                ("临沂受理行政一审案件数", 3125, "件"),
                ("菏泽受理行政一审案件数", 2655, "件"),
            ],
        ),
        (
            "淄博、临沂两市收案数同比分别增长77.76%、65.78%。",
            [("淄博收案数同比增长", 77.76, "%"), ("临沂收案数同比增长", 65.78, "%")],
        ),
        (
            "行政机关败诉率分别为16.4%、11.36%。",
            [("行政机关败诉率", 16.4, "%"), ("行政机关败诉率", 11.36, "%")],
        ),
        (
            "签约协议投资额前5名是海口1191亿元、三亚978亿元。",
            [("签约协议投资额", 1.191e11, "元"), ("签约协议投资额", 9.78e10, "元")],
        ),
        ("城镇和农村居民收入分别增长5%和7%。", [("城镇居民收入增长", 5, "%"), ("农村居民收入增长", 7, "%")]),
        (
            "汽车产销同比分别增长15.3%和9.7%,新能源汽车产销同比分别增长44.8%和34.8%。",
            [
                ("汽车产销同比增长", 15.3, "%"),
                ("汽车产销同比增长", 9.7, "%"),
                ("新能源汽车产销同比增长", 44.8, "%"),
                ("新能源汽车产销同比增长", 34.8, "%"),
            ],
        ),
    ],
)
def test_figures_after_fenbie_share_their_metric_and_places_in_a_ranking(text, rows):
    assert _metrics(text) == rows


def test_county_short_names_in_a_ranking_and_top_tiers():
    text = "签约协议投资额前5名是海口1191亿元、澄迈328亿元、陵水305亿元。"
    assert [m for m, _, _ in _metrics(text)] == ["签约协议投资额"] * 3
    assert _metrics("孙吴位列前20名。") == []  # the top 20 of a ranking
    assert _metrics("大村5-8名,小村3-5名。")[0][2] == "人"  # 大村 is no county


@pytest.mark.parametrize(
    "text, rows",
    [
        ("法治政府建设考核获全省第3名。", [("法治政府建设考核全省排名", 3, "名次")]),
        ("荣获全省第二批示范项目。", []),  # an ordinal of a batch
        ("获全省一等奖。", []),  # 获 is a rank verb only before 第
        ("在评估中跃居第10位。", [("在评估排名", 10, "名次")]),
        ("事项数量全国第2。", [("事项全国排名", 2, "名次")]),  # 数量 repeats what a rank says
        ("是全国第一大县。", []),  # no verb and a noun follows: no rank
        ("增速升至全国第六位。", [("增速全国排名", 6, "名次")]),
        ("全市有5个指标居全省第一。", [("指标居全省第一", 5, "个")]),  # how many rank first
    ],
)
def test_ranks_after_huo_verbless_scopes_and_counted_subjects(text, rows):
    assert _metrics(text) == rows


def test_the_counted_rank_veto_switches_off():
    from pipeline import switches

    with switches.off({"indicator.veto.rank_of_count"}):
        assert ("个指标全省排名", 1, "名次") in _metrics("全市有5个指标居全省第一。")


def test_a_rank_among_counted_places_stays_a_rank():
    assert (3, "名次") in [row[1:] for row in _metrics("在21个城市中排名第3位。")]


@pytest.mark.parametrize(
    "text, rows",
    [  # a unit closing a list of three figures is each one's
        ("收案分别为12、15和18件。", [("收案", 12, "件"), ("收案", 15, "件"), ("收案", 18, "件")]),
        (  # what the figures are, after 为
            "调解纠纷3起,其中2起为邻里纠纷,1起为家庭纠纷。",
            [("调解纠纷", 3, "起"), ("邻里纠纷", 2, "起"), ("家庭纠纷", 1, "起")],
        ),
        ("共受理信箱信件41封。", [("受理信箱信件", 41, "封")]),
        ("办件量前十名单位办件量占全市的50%。", [("办件量前十名单位办件量占全市", 50, "%")]),
    ],
)
def test_lists_closed_by_a_unit_copulas_letters_and_top_tens(text, rows):
    assert _metrics(text) == rows


def test_a_percentage_range_is_one_range_and_the_word_after_it_no_metric():
    (hit,) = [h for h in indicators.find("满意度在85%-100%之间。", [])[0]]
    assert (hit.metric, hit.value, hit.value_max, hit.unit) == ("满意度", 85, 100, "%")


def test_a_bare_multiplier_before_taxpayers_counts_people():
    (hit,) = indicators.find("减免税收惠及近10万纳税人。", [])[0]
    assert (hit.metric, hit.normalized_value, hit.base_unit) == ("纳税人", 100000, "人")


def test_a_quoted_word_after_a_copula_is_read_without_its_quotes():
    rows = _metrics("目前有400多处野火仍在燃烧,其中200多处为“失控”状态,多伦多等地笼罩在浓烟中。")
    assert (200, "处") in [row[1:] for row in rows]  # no crash on the quotes (a bug found in the news)


@pytest.mark.parametrize(
    "text, rows",
    [
        (  # a list of attributes describes the noun closing the clause
            "街道聘请了6名政治可靠、业务过硬、热心公益的律师,组成专家组。",
            [("聘请律师", 6, "人")],
        ),
        ("出土300余件木俑、成组的青铜礼器。", [("木俑", 300, "件")]),  # a list of nouns: no attributes
        ("20个村有8个村与邻乡紧邻。", [("村", 20, "个"), ("村", 8, "个")]),  # the whole, then part of it
        ("21批援助物资目前只有3批运抵。", [("援助物资", 21, "批"), ("运抵", 3, "批")]),
        ("接待行政复议申请、咨询上访等共达3000多人。", [("咨询上访", 3000, "人")]),
        ("满意度在85%-100%之间(含85%,下同)。", [("满意度", 85, "%")]),  # the bound restated is no figure
    ],
)
def test_attribute_lists_parts_of_a_whole_totals_and_restated_bounds(text, rows):
    assert _metrics(text) == rows


def test_the_attribute_list_and_part_of_whole_rules_switch_off():
    from pipeline import switches

    with switches.off({"indicator.metric.attribute_list", "indicator.metric.part_of_whole"}):
        assert _metrics("街道聘请了6名政治可靠、业务过硬、热心公益的律师,组成专家组。") != [
            ("聘请律师", 6, "名")
        ]
        assert _metrics("20个村有8个村与邻乡紧邻。")[0] != ("村", 20, "个")


@pytest.mark.parametrize(
    "text, rows",
    [
        ("计划监察119 矿次,责令停产整顿3 矿次。", [("计划监察", 119, "矿次"), ("责令停产整顿", 3, "矿次")]),
        (  # the subjects listed right before 分别, not the counts earlier in the sentence
            "全市发生事故40起,事故起数、死亡人数、直接经济损失同比分别下降11.1%、25.5%和23.4%。",
            [
                ("发生事故", 40, "起"),
                ("事故起数同比下降", 11.1, "%"),
                ("死亡人数同比下降", 25.5, "%"),
                ("直接经济损失同比下降", 23.4, "%"),
            ],
        ),
    ],
)
def test_mine_visits_and_subjects_listed_before_respectively(text, rows):
    assert _metrics(text) == rows


@pytest.mark.parametrize(
    "text, rows",
    [
        (  # places with their figures in brackets after a ranked topic
            "各县市区中工单办理数排在前五位的是:岳阳县(4383件)、岳阳楼区(4048件)。",
            [("工单办理数", 4383, "件"), ("工单办理数", 4048, "件")],
        ),
        (  # a summary and its detail run together in one paragraph: one figure
            "全市法院受理各类行政诉讼案件15216件,审结13582件。《白皮书》显示,全市法院受理各类行政诉讼案件15216件。",
            [("法院受理行政诉讼案件", 15216, "件"), ("审结", 13582, "件")],
        ),
        ("每村配备1名调解员,每组配备1名网格员。", [("配备调解员", 1, "人"), ("配备网格员", 1, "人")]),
    ],
)
def test_ranked_places_in_brackets_and_large_figures_said_twice(text, rows):
    assert _metrics(text) == rows


@pytest.mark.parametrize(
    "text, rows",
    [
        ("配备无人机14架。", [("配备无人机", 14, "架")]),
        ("巡查事项共6大类、28小项。", [("巡查事项", 6, "类"), ("巡查事项", 28, "项")]),
        (  # a change after a rank is said of the count before the rank
            "各类经营主体1465.9万户,居全国第二位,同比增长4.4%。",
            [("经营主体", 14659000, "户"), ("全国排名", 2, "名次"), ("经营主体同比增长", 4.4, "%")],
        ),
        (  # places gained in the ranking, no people
            "位列全国第10位,比去年同期提升21名。",
            [("全国排名", 10, "名次"), ("全国排名同比提升", 21, "名次")],
        ),
    ],
)
def test_aircraft_sub_items_and_changes_after_a_rank(text, rows):
    assert _metrics(text) == rows


@pytest.mark.parametrize(
    "text, rows",
    [
        (  # a topic with an evaluative predicate, then a figure opening the next clause
            "从申请事项看,行政处罚类数量最多,共349件,占比31%。",
            [("行政处罚类", 349, "件"), ("行政处罚类占比", 31, "%")],
        ),
        (  # a measure as the topic, then a change from one month's figure to another's
            "违法行为的立案量占全部立案量的比例 , 从5月的34.04% , 上升到7月的58.20% 。",
            [
                ("违法行为的立案量占全部立案量的比例", 34.04, "%"),
                ("违法行为的立案量占全部立案量的比例", 58.2, "%"),
            ],
        ),
        (
            "宁夏有湿地310万亩,其中河流湿地最多,达到147万亩。",
            [("湿地", 3100000, "亩"), ("河流湿地", 1470000, "亩")],
        ),
        ("粮食产量再创历史新高,达69541万吨。", [("粮食产量", 695410000, "吨")]),
        # a whole statement before the figure is no topic, nor a clause saying where figures come from
        ("一座桥梁因货船撞击而坍塌,约20人。", [(None, 20, "人")]),
        ("据统计,共120人。", [(None, 120, "人")]),
    ],
)
def test_a_figure_opening_its_clause_measures_the_topic_before(text, rows):
    assert _metrics(text) == rows


def test_a_clause_with_a_figure_of_its_own_is_no_topic():
    assert _metrics("其中3类数量最多,共12件。")[-1] == (None, 12, "件")


def test_the_topic_before_can_be_switched_off():
    from pipeline import switches

    with switches.off({"indicator.metric.topic_before"}):
        assert _metrics("行政处罚类数量最多,共349件。") == [(None, 349, "件")]


@pytest.mark.parametrize(
    "text, rows",
    [
        (  # a total broken down by place after 其中, a short label no rule knows among them
            "受理跨省事项共计6248件。其中市本级576件,平安124件,民和684件,循化1120件。",
            [("受理跨省事项", 6248, "件")] + [("受理跨省事项", n, "件") for n in (576, 124, 684, 1120)],
        ),
        (  # ... and by category: each counts that part of the total
            "共受理各类诉求事项4425件,其中咨询类3000件,投诉类421件。",
            [
                ("受理诉求事项", 4425, "件"),
                ("咨询类受理诉求事项", 3000, "件"),
                ("投诉类受理诉求事项", 421, "件"),
            ],
        ),
        (  # a change after a bare daily average is of the count before it
            "热线平台受理办件402万余件,日均11020件,同比增长33.51%。",
            [
                ("热线平台受理办件", 4020000, "件"),
                ("日均", 11020, "件"),
                ("热线平台受理办件同比增长", 33.51, "%"),
            ],
        ),
        (  # a multiple of a past year's figure, then a share: both of the count before them
            "地区生产总值达741.8亿元,是2012年的2.75倍,占全区的35.7%。",
            [
                ("地区生产总值", 74180000000, "元"),
                ("地区生产总值是2012年", 2.75, "倍"),
                ("地区生产总值占全区比例", 35.7, "%"),
            ],
        ),
        (
            "案件受理数量是前年的10倍,是去年的6倍。",
            [("案件受理数量是前年", 10, "倍"), ("案件受理数量是去年", 6, "倍")],
        ),
        ("网办率9月底达到80%。", [("网办率", 80, "%")]),
        ("其中电话1400件左右。联系电话:0379-64823389。", [("电话", 1400, "件")]),
        ("收到群众送的感谢锦旗13面。", [("感谢锦旗", 13, "面")]),
        ("全县有235个行政村和17个社区。", [("行政村", 235, "个"), ("社区", 17, "个")]),
        ("新增加停车场400个。", [("停车场", 400, "个")]),
        ("医保结算惠及3135万人次。", [("医保结算惠及", 31350000, "人次")]),  # 惠及 is a word, no conjunction
    ],
)
def test_breakdowns_averages_multiples_and_second_conjuncts(text, rows):
    assert _metrics(text) == rows


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        (  # policy packages named by their topic and article count are names, not counts
            "先后出台促进民营经济高质量发展20条、稳增长24条等政策举措。",
            [],
        ),
        ("出台严格规范涉企行政检查22条举措。", [("举措", 22, "条")]),  # a noun counted after 条
        ("整改问题24条。", [("整改问题", 24, "条")]),
        ("对4家无证造纸厂实施了强制断电关停。", [("无证造纸厂", 4, "家")]),  # 实施 opens the predicate
        ("10项便利措施正式实施。", [("便利措施", 10, "项")]),
        ("抓获4名实施者。", [("实施者", 4, "人")]),  # 实施者 is a noun
    ],
)
def test_policy_names_and_implementing_verbs(text, rows):
    assert _metrics(text) == rows


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("来源:大连市人民政府 官网 点击数:59次 更新时间:2025/5/29", []),  # the page's hit counter
        ("阅读量超8.27亿人次。", [("阅读量", 8.27e8, "人次")]),  # a figure of the text keeps its counter word
        ("肢体冲突不下数十次。", []),  # 数十: no figure
        ("沿线钉入60根界桩。", [("界桩", 60, "根")]),
        (  # the share is of what follows 占, its subject the count before it
            "其中窗口办件30.6万件,占全市办件量的88%。",
            [("窗口办件", 306000, "件"), ("窗口办件占全市办件量比例", 88, "%")],
        ),
        (  # an aside inside a name is read past and left out; a level's alternatives stay
            "“一网通办”综合服务平台(宁夏政务服务网)办件量1.74万件。",
            [("一网通办综合服务平台办件量", 17400, "件")],
        ),
        ("各乡镇(街道)及村(社区)办件4.32万件。", [("各乡镇(街道)及村(社区)办件", 43200, "件")]),
        (  # a noun longer than 14 characters is read to its clause's end, not cut in a word
            "牵头在区政府常务会上开展4次习近平法治思想系列专题法治讲座,与区委党校合作。",
            [("习近平法治思想专题法治讲座", 4, "次")],  # 系列 is a filler
        ),
        ("全区已有1900项。", [(None, 1900, "项")]),  # 已有 names nothing
        ("当天共拆除18宗违法建筑。", [("违法建筑", 18, "件")]),
        ("当天办结率51%。", [("当天办结率", 51, "%")]),  # 当天 alone is part of the rate
        ("良好等级市(州)15个。", [("良好等级市", 15, "个")]),  # 等 inside 等级 is no stop
    ],
)
def test_counters_vague_tens_shares_asides_and_long_nouns(text, rows):
    assert _metrics(text) == rows


def test_a_change_of_rank_is_in_places_of_the_ranking():
    hits = indicators.find("居全国第14位、较去年前进1位。", [])[0]
    assert [(h.value, h.base_unit) for h in hits] == [(14, "名次"), (1, "名次")]
    assert [h.base_unit for h in indicators.find("队伍增加了3名。", [])[0]] == ["人"]


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        (  # an amount with 以上 before the noun it classes is part of that noun's name
            "谋划储备6个300亿元以上特大项目。引进投资5000万元以上项目87个。",
            [("300亿元以上特大项目", 6, "个"), ("引进投资5000万元以上项目", 87, "个")],
        ),
        ("为企业减负2500亿元以上。", [("为企业减负", 2.5e11, "元")]),  # an amount, nothing classed
        (  # a time limit cut to a figure, and an average time, are indicators; a deadline is not
            "企业设立登记时间压缩至2个工作日,3个工作日内办结。承诺件平均办理用时0.7个工作日。",
            [("企业设立登记时间", 2, "工作日"), ("承诺件平均办理用时", 0.7, "工作日")],
        ),
        ("东风路天明路交叉口南100米路北广告招贴栏1个。", [("路北广告招贴栏", 1, "个")]),  # 米 is 100's
        ("将信用修复办理时限压缩至2个工作日。", [("信用修复办理时限", 2, "工作日")]),
    ],
)
def test_thresholds_time_limits_and_units_of_other_figures(text, rows):
    assert _metrics(text) == rows


def test_a_table_row_names_its_figures_by_row_and_column():
    text = (
        "类型 | 数量(件) | 占比 |\n咨询类 | 1318 | 29.4% |\n问题处理类 | 955 | 21.3% |\n合计 | 4480 | 100% |"
    )
    assert _metrics(text) == [("咨询类占比", 29.4, "%"), ("问题处理类占比", 21.3, "%"), (None, 100, "%")]
    assert _metrics("受理行政案件10447宗。") == [("受理行政案件", 10447, "件")]  # 宗 counts as 件


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("举办“1名村(居)法律顾问+N名法律明白人”行动。", []),  # a scheme's formula, no count
        (  # a sum of counts is counted
            "建成“1个县级中心+21个乡镇(街道)分中心”阵地。",
            [("县级中心", 1, "个"), ("乡镇", 21, "个")],
        ),
        ("关停涉案电话号码15万个。", [("关停涉案电话号码", 150000, "个")]),  # no phone number
        ("统一社会信用代码91110000123456。", []),
        (  # a class and its count
            "成功招引亿元以上项目27个,其中3亿元以上17个。",
            [("招引亿元以上项目", 27, "个"), ("3亿元以上", 17, "个")],
        ),
    ],
)
def test_formulas_codes_and_classes_with_counts(text, rows):
    assert _metrics(text) == rows


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        (  # a series of years counts the same thing
            "2021年全市法院受理各类行政一审案件805件,2022年488件,2023年551件。",
            [("法院受理行政一审案件", n, "件") for n in (805, 488, 551)],
        ),
        (
            "拆除面积约1504万㎡。拆违面积近2万平米。",
            [("拆除面积", 15040000, "平方米"), ("拆违面积", 20000, "平方米")],
        ),
        (  # a table's caption, then its figures in brackets
            "表二:瑶海区工作进度表(13个镇街园,已拆除2368175㎡)",
            [("镇街园", 13, "个"), ("拆除", 2368175, "平方米")],
        ),
        ("(1)项目建设。", []),  # a bracket inside a line still numbers a list
    ],
)
def test_year_series_square_metres_and_caption_brackets(text, rows):
    assert _metrics(text) == rows


def test_places_ranked_under_a_topic_take_the_topic():
    text = "各区政府集中管辖受案排名前五位分别为浦东新区1269件;杨浦区911件;松江区836件。"
    assert _metrics(text) == [("管辖受案", n, "件") for n in (1269, 911, 836)]
    text = "宝安区164宗,占比23.1%;罗湖区135宗,占比19%。"  # no ranked topic: no metric made up
    assert [m for m, _, _ in _metrics(text)] == [None, "占比", None, "占比"]


@pytest.mark.parametrize(
    "text, rows",
    [
        (  # a list in 《》 and its total after 共: the list's items are counted
            "截至目前,《长治市消减信访存量清单》共231件已化解130件。",
            [("长治市消减信访存量清单", 231, "件"), ("化解", 130, "件")],
        ),
        (  # no noun before or after the figure: the predicate after the unit says what is counted
            "已有1900项实现网上办理,14.66万人通过考核获得证书。",
            [("实现网上办理", 1900, "项"), ("通过考核获得证书", 146600, "人")],
        ),
        (  # from one figure to another: both measure the clause before, without its trend
            "12345热线受理量呈现逐年增长态势:从2019年的683件,到2025年的33,267件。",
            [("热线受理量", 683, "件"), ("热线受理量", 33267, "件")],
        ),
        (
            "龙华区案件数量增幅最大,由2017年的48宗增加到2018年度的94宗。",
            [("案件数量", 48, "件"), ("案件数量", 94, "件")],
        ),
        (  # a bare noun phrase is topic enough before a change
            "其中,城建类中的拆迁案件,由1451件降为224件。",
            [("拆迁案件", 1451, "件"), ("拆迁案件", 224, "件")],
        ),
        # but a whole statement is not
        ("一座桥梁因货船撞击而坍塌,由20人增加到30人。", [(None, 20, "人"), (None, 30, "人")]),
    ],
)
def test_titles_with_totals_predicates_and_changes_from_one_figure_to_another(text, rows):
    assert _metrics(text) == rows


@pytest.mark.parametrize(
    "text, rows",
    [
        (
            "收案主要集中在城乡规划、市场监管和公安三个领域,分别为36件、33件和31件,"
            "占全年新收行政复议案件的23.2%、21.3%和20%。",
            [
                ("城乡规划领域", 36, "件"),
                ("市场监管领域", 33, "件"),
                ("公安领域", 31, "件"),
                ("城乡规划领域占全年新收行政复议案件比例", 23.2, "%"),
                ("市场监管领域占全年新收行政复议案件比例", 21.3, "%"),
                ("公安领域占全年新收行政复议案件比例", 20, "%"),
            ],
        ),
        ("受理的案件中,涉及土地、房屋征收,分别为12件、9件。", [("土地", 12, "件"), ("房屋征收", 9, "件")]),
        ("一审和二审,分别为12件、9件。", [("一审", 12, "件"), ("二审", 9, "件")]),
        # as many items as figures, or none is named
        ("涉及土地、房屋征收和林业,分别为12件、9件。", [(None, 12, "件"), (None, 9, "件")]),
    ],
)
def test_figures_after_respectively_count_the_items_listed_before(text, rows):
    assert _metrics(text) == rows


def test_the_listed_items_before_respectively_can_be_switched_off():
    from pipeline import switches

    with switches.off({"indicator.metric.respectively_listed"}):
        assert _metrics("一审和二审,分别为12件、9件。") == [(None, 12, "件"), (None, 9, "件")]


@pytest.mark.parametrize(
    "text, rows",
    [
        (  # concentrations, and names with letters listed before 分别 sharing one noun
            "全省PM2.5、PM10、CO年均浓度分别为59微克/立方米、96微克/立方米、1.8毫克/立方米。",
            [
                ("PM2.5年均浓度", 59, "微克/立方米"),
                ("PM10年均浓度", 96, "微克/立方米"),
                ("CO年均浓度", 1.8, "毫克/立方米"),
            ],
        ),
        (  # days are counted where the sentence counts days; elsewhere 天 is a duration
            "全省18个省辖市累计重污染天数仅为109天,成为同期最少的年份,较2018年同期减少75天。",
            [("省辖市", 18, "个"), ("重污染天数", 109, "天"), ("重污染天数较2018年同期减少", 75, "天")],
        ),
        ("相关工单通常在1至2天内办结,审批时间由240多天缩短。", []),
        (  # bodies are counted, not their heads; a preposition ends the noun read forwards
            "组织28家执法单位领导旁听庭审,将104项三级指标按照职能分工。",
            [("执法单位", 28, "家"), ("三级指标", 104, "项")],
        ),
        ("近20位阿拉伯国家领导人出席。", [("阿拉伯国家领导人", 20, "人")]),
        (  # a change after a count in brackets is said of the count before the bracket
            "共受理各类行政诉讼案件14427件(含旧存1436件),同比下降6.85%。",
            [
                ("受理行政诉讼案件", 14427, "件"),
                ("受理行政诉讼案件中旧存", 1436, "件"),
                ("受理行政诉讼案件同比下降", 6.85, "%"),
            ],
        ),
        (  # a place's 市 that opens 市场 stays with it
            "自贡市场监管部门检查各类市场主体11754个。",
            [("市场监管部门检查市场主体", 11754, "个")],
        ),
        (  # a list of short words modifies the noun counted
            "检查特种设备制造、安装、改造及修理单位49家。",
            [("检查特种设备制造、安装、改造及修理单位", 49, "家")],
        ),
        (  # ... but places listed are where, and items before 分别 each have a figure
            "东部、中部、西部地区奖补比例分别为40%、50%、60%。",
            [("东部", 40, "%"), ("中部", 50, "%"), ("西部地区奖补比例", 60, "%")],
        ),
        ("《条例》立足毕节实际,不设章节,共32条。", [("条例", 32, "条")]),
    ],
)
def test_units_days_heads_asides_and_lists_of_local_reports(text, rows):
    assert _metrics(text) == rows


@pytest.mark.parametrize(
    "text, rows",
    [
        (
            "四、县(市、区)政府和市直部门(共30个)\n(一)县(市、区)政府(16个):鹿泉区、高邑县。",
            [("市直部门", 30, "个"), ("县(市、区)政府", 16, "个")],
        ),
        ("建设示范县(市、区)(30个)\n西湖区、萧山区", [("建设示范县", 30, "个")]),
        (  # a bracket opening a line counts the heading above it
            "一、法治浙江(法治政府)建设示范市\n\n  (4个,按照地区顺序排列,下同)\n\n  杭州市、宁波市",
            [("法治浙江(法治政府)建设示范市", 4, "个")],
        ),
        (  # a turned table: the row names the measure, the header what is measured
            "申请事项 | 举报投诉处理 | 政府信息公开 |\n数量 | 75件 | 16件 |\n"
            "占新受理数比例 | 49.66% | 10.59% |",
            [
                ("举报投诉处理", 75, "件"),
                ("政府信息公开", 16, "件"),
                ("举报投诉处理占新受理数比例", 49.66, "%"),
                ("政府信息公开占新受理数比例", 10.59, "%"),
            ],
        ),
    ],
)
def test_counts_in_brackets_under_headings_and_in_turned_tables(text, rows):
    assert _metrics(text) == rows


@pytest.mark.parametrize(
    "text, rows",
    [
        (
            "民营经济增加值达8374亿元,占全省GDP比重为49.8%,较上年末提升0.3个百分点。",
            [
                ("民营经济增加值", 8374e8, "元"),
                ("民营经济增加值占全省生产总值比重", 49.8, "%"),
                ("民营经济增加值占比较上年末提升", 0.3, "个百分点"),
            ],
        ),
        (
            "民间投资占全部投资的比重为43.1%,占比较上年同期提高1.4个百分点。",
            [("民间投资占全部投资的比重", 43.1, "%"), ("民间投资占比同比提高", 1.4, "个百分点")],
        ),
        (  # against the year's end is no change on the same period
            "5G用户达5.61亿户,比上年末净增1.55亿户。",
            [("5G用户", 5.61e8, "户"), ("5G用户比上年末净增", 1.55e8, "户")],
        ),
    ],
)
def test_changes_of_shares_and_against_the_years_end(text, rows):
    assert _metrics(text) == rows


def test_the_new_list_and_heading_rules_switch_off():
    from pipeline import switches

    with switches.off({"indicator.metric.short_items"}):
        assert _metrics("检查特种设备制造、安装、改造及修理单位49家。")[0][0] == "改造及修理单位"
    with switches.off({"indicator.metric.heading_above"}):
        assert _metrics("一、建设示范市\n(4个,按照地区顺序排列)")[0][0] is None
    with switches.off({"indicator.metric.day_count"}):
        assert _metrics("累计重污染天数仅为109天。") == []
    with switches.off({"indicator.metric.sentence_title"}):
        assert _metrics("《条例》立足实际,共32条。") == [(None, 32, "条")]


def test_a_count_in_brackets_after_han_is_a_part_of_the_count_before():
    rows = _metrics("共受理各类行政诉讼案件14427件(含旧存1436件),同比下降6.85%。")
    assert rows[1] == ("受理行政诉讼案件中旧存", 1436, "件")


def test_a_blank_after_a_figures_unit_ends_its_clause():
    # a headline's clauses split by a blank; a PDF's blanks around a figure still join it
    assert _metrics("河南查处环境违法犯罪案件1863起 刑拘1775人") == [
        ("查处环境违法犯罪案件", 1863, "起"),
        ("刑拘", 1775, "人"),
    ]
    assert _metrics("办理复议案件 96 件 审查规范性文件58 件") == [
        ("办理复议案件", 96, "件"),
        ("审查规范性文件", 58, "件"),
    ]


@pytest.mark.parametrize(
    "text, rows",
    [
        (  # years listed after 分别为: take the topic before the colon
            "其中各年度接听总量分别为:2021年30.2万个,2022年38.2万个。",
            [("各年度接听总量", 302000, "个"), ("各年度接听总量", 382000, "个")],
        ),
        # a noun after the unit is counted, not the titles studied before it
        ("区政府常务会议开展《安全生产法》《上海市文物保护条例》4场会前学法。", [("会前学法", 4, "场")]),
        # a hotline's number before its name is no count
        ("设立12333人力资源和社会保障服务热线。", []),
        # calls; land taken up is no share; 依法 ends a noun read forwards
        ("热线接听来电72.2万通。", [("热线接听来电", 722000, "通")]),
        ("总投资13亿元、占地16.6万平方米。", [("总投资", 13e8, "元"), ("占地", 166000, "平方米")]),
        ("将99项证明事项依法压减至16项。", [("证明事项", 99, "项"), ("证明事项", 16, "项")]),
        # an ASCII full stop after Han ends the sentence read backwards
        ("却是久违了. 增速达到4.5%", [("增速", 4.5, "%")]),
        # determiners of all kinds and 涉及 are no part of what is counted; 涉及金额 is
        (
            "刊发各类稿件2.2万余篇,涉及来疆离疆7.33万件,涉及金额300万元。",
            [("刊发稿件", 22000, "篇"), ("来疆离疆", 73300, "件"), ("涉及金额", 3e6, "元")],
        ),
    ],
)
def test_colons_titles_hotlines_and_fillers(text, rows):
    assert _metrics(text) == rows


@pytest.mark.parametrize(
    "text, rows",
    [
        (  # the items after a ranking count its topic, places or not
            "全省各州市新收一审行政案件数量居前五位的地区依次为昆明1370件、昭通770件、铁路452件。",
            [
                ("全省各州市新收一审行政案件数量", 1370, "件"),
                ("全省各州市新收一审行政案件数量", 770, "件"),
                ("全省各州市新收一审行政案件数量", 452, "件"),
            ],
        ),
        # a place in a ranking written without 第, and its change
        ("沈阳排名78位,比去年底提高14位。", [("排名", 78, "名次"), ("排名比去年底提高", 14, "名次")]),
        ("昌都、山南、林芝等5地市成立了复议办公室。", [("成立", 5, "个")]),  # the predicate up to 了
        # a blank between two words ends a headline's clause; a rank after a rate is no noun of it
        ("成都市长热线接到17万件问题诉求 市场监管反馈占1/3", [("问题诉求", 170000, "件")]),
        ("安徽省网上信访占比达79.1%居全国第一", [("网上信访占比", 79.1, "%"), ("全国排名", 1, "名次")]),
    ],
)
def test_ranked_lists_ranks_without_di_and_headline_blanks(text, rows):
    assert [(m, v, u) for m, v, u in _metrics(text)] == rows


def test_a_rank_in_brackets_after_a_place_is_its_rank():
    rows = _metrics("进入营商环境百强县,分别为:龙口市(13位)、胶州市(16位)。出席的有委员(25位)")
    assert rows == [("排名", 13, "名次"), ("排名", 16, "名次"), ("委员", 25, "人")]


def test_a_figure_opening_the_text_is_no_ranked_place_read_from_the_texts_end():
    # the character before the figure is missing, not an opening bracket
    assert _metrics("13位)龙口市。") == [(None, 13, "人")]


@pytest.mark.parametrize(
    "text, rows",
    [
        # a rate named right before a percentage measures it, whatever noun follows
        ("巩固行政机关负责人出庭应诉率100%成果。", [("巩固行政机关负责人出庭应诉率", 100, "%")]),
        # an item in quotes among the listed rates
        (
            "网上可办率、“最多跑一次”、全程网办率分别达到99%、98%、90%。",
            [("网上可办率", 99, "%"), ("最多跑一次", 98, "%"), ("全程网办率", 90, "%")],
        ),
        # a change after a bracket of parts is the whole count's
        (
            "实施行政处罚4905起(其中简易程序1486起,普通程序3419起),较上年减少27.9%。",
            [
                ("实施行政处罚", 4905, "起"),
                ("简易程序", 1486, "起"),
                ("普通程序", 3419, "起"),
                ("实施行政处罚同比减少", 27.9, "%"),
            ],
        ),
        # 较大 is a degree, no comparison with an earlier time
        (
            "死亡人数增加3人(去年18起),其中较大事故2起。",
            [("死亡人数增加", 3, "人"), ("死亡人数增加", 18, "起"), ("较大事故", 2, "起")],
        ),
        # … but 较多年平均 compares with the years' average
        (
            "主要河流实测总径流量12.7万亿立方米,较多年平均年径流量偏小7%。",
            [
                ("主要河流实测总径流量", 12700000000000, "立方米"),
                ("主要河流实测总径流量较多年平均年径流量偏小", 7, "%"),
            ],
        ),
        # an area before 的 measures the noun after it (a locative after the noun left out) ...
        ("形成了10.7平方公里的闭环限行区域。", [("闭环限行区域", 10.7, "平方公里")]),
        ("建起81万平方米的园区里。", [("园区", 810000, "平方米")]),
        # ... unless the area is named before it
        ("项目占地16.6万平方米的产业园区。", [("项目占地", 166000, "平方米")]),
        # 系列 says only "a series of"; boilers in 蒸吨, poultry in 羽, concentrations written out
        ("开展系列学法活动126场次。", [("学法活动", 126, "场次")]),
        (
            "完成燃煤锅炉改造809蒸吨,没收活禽1303羽。",
            [("燃煤锅炉改造", 809, "蒸吨"), ("没收活禽", 1303, "羽")],
        ),
        ("细颗粒物平均浓度为35.8微克每立方米。", [("细颗粒物平均浓度", 35.8, "微克/立方米")]),
        ("创作法治民歌1200余首。", [("创作法治民歌", 1200, "首")]),  # songs and poems
        # changes after 分别较2016年 belong one by one to the counts before them
        (
            "全省立案环境违法案件22060件、处罚金额11.09亿元,分别较2016年增长192%、153%。",
            [
                ("立案环境违法案件", 22060, "件"),
                ("处罚金额", 1109000000, "元"),
                ("立案环境违法案件较2016年增长", 192, "%"),
                ("处罚金额较2016年增长", 153, "%"),
            ],
        ),
        # kinds listed in quotes before 分别 share what follows the last kind word
        (
            "“公安”类、“城建”类、“资源”类案件同比分别下降10.65%、12.37%、19.59%。",
            [
                ("公安类案件同比下降", 10.65, "%"),
                ("城建类案件同比下降", 12.37, "%"),
                ("资源类案件同比下降", 19.59, "%"),
            ],
        ),
        # a demand on a rate is no part of it; a share named before 占 keeps its name
        ("并提出出庭应诉率必须达到100%。", [("出庭应诉率", 100, "%")]),
        ("综合窗口进驻比例占全区政务服务事项的94%。", [("综合窗口进驻比例", 94, "%")]),
        # a trend said after the topic is no part of it (…整改率逐年提升,由2018年的97.2%上升至2021年的99.8%)
        (
            "行政机关诉前整改率逐年提升,由2018年的97.2%上升至2021年的99.8%。",
            [("行政机关诉前整改率", 97.2, "%"), ("行政机关诉前整改率", 99.8, "%")],
        ),
        # a bar a group passes is no figure; 与上年度相比 and 较去年相比 are comparisons with the year before
        (
            "执法活动总量1000件以上的部门有5个,参加60学时以上的培训。",
            [("部门", 5, "个"), ("参加培训", 60, "学时")],
        ),
        (
            "行政执法人员1397人,与上年度相比减少46人。",
            [("行政执法人员", 1397, "人"), ("行政执法人员同比减少", 46, "人")],
        ),
        ("总展览面积较去年相比增长10倍。", [("总展览面积同比增长", 10, "倍")]),
        ("全年产生办件量5.8万件。", [("办件量", 58000, "件")]),  # 产生 says nothing of what is counted
        # ranks listed after one; a change said short with 增; 主要涉及 leads no metric
        (
            "新郑市、荥阳市分别获得全省排名第1、2名。",
            [("获得全省排名", 1, "名次"), ("获得全省排名", 2, "名次")],
        ),
        ("完成财政总收入47.8亿元,增14.2%。", [("财政总收入", 4780000000, "元"), ("财政总收入增", 14.2, "%")]),
        ("主要涉及物业管理390件、房屋建设226件。", [("物业管理", 390, "件"), ("房屋建设", 226, "件")]),
        # 按 (but not 按期, 不按…) and 存在 open the predicate after what is counted
        ("已有784个项目按改革要求实现只提交一次材料。", [("项目", 784, "个")]),
        (
            "纠正了2件规范性文件存在的问题,发现10多起不按规定停放非机动车。",
            [("规范性文件", 2, "件"), ("不按规定停放非机动车", 10, "起")],
        ),
        # people and measures counted end before a verb after them
        ("共有163位代表提出优化营商环境议案。", [("代表", 163, "人")]),
        ("发布15条措施支持外资增量提质。", [("发布措施", 15, "条")]),
    ],
)
def test_rates_quoted_items_parts_degrees_areas_and_new_units(text, rows):
    assert [(m, v, u) for m, v, u in _metrics(text)] == rows


def test_the_rate_and_area_rules_switch_off():
    from pipeline import switches

    with switches.off({"indicator.metric.rate_before", "indicator.metric.size_of"}):
        assert _metrics("巩固出庭应诉率100%成果。")[0][0] == "成果"
        assert _metrics("形成了10.7平方公里的闭环限行区域。")[0][0] == "形成"
