"""Metadata rules on invented pages, one layout each, plus fuzzing: nothing may raise on odd text."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.clean import clean, metadata
from pipeline.ingest import RawDocument, doc_id_of

BODY = "今年以来,全县坚持依法行政,组织执法人员培训3次,参训人员达到260人,群众满意度明显提升。"


def _meta(text: str, hints: dict | None = None) -> tuple:
    doc = clean(RawDocument(doc_id_of(text), "x.txt", "utf_8", text, hints=hints or {}))
    date = doc.publish_date.isoformat() if doc.publish_date else None
    return doc.title, date, doc.source, doc.author


# (layout, page, title, publish_date, source, author)
LAYOUTS = [
    (
        "a date glued to the end of the source field",
        "县司法局开展普法进社区活动\n来源:县司法局2025-03-10\n" + BODY,
        "县司法局开展普法进社区活动",
        "2025-03-10",
        "县司法局",
        None,
    ),
    (
        "an author credited with the body they work for, and 供稿 as the source",
        "行政执法三项制度落地见效\n作者:县司法局 孙丽  供稿:县司法局  发布时间:2025-04-01\n" + BODY,
        "行政执法三项制度落地见效",
        "2025-04-01",
        "县司法局",
        "孙丽",
    ),
    (
        "a headline led by its speaker, and a hit counter after the author",
        "市场监管局:护航营商环境\n"
        "发布时间:2025-03-10 10:20:30  来源:西宁市司法局  作者:王建国  浏览次数:123\n" + BODY,
        "市场监管局:护航营商环境",
        "2025-03-10",
        "西宁市司法局",
        "王建国",
    ),
    (
        "a headline with a colon above a disclosure table's field",
        "专家解读:《优化营商环境条例》的五大亮点\n主题分类:综合政务  发布日期:2024-12-04\n" + BODY,
        "专家解读:《优化营商环境条例》的五大亮点",
        "2024-12-04",
        None,
        None,
    ),
    (
        "labelled fields under the headline",
        "首页 > 工作动态 > 正文\n平川区推行行政执法三项制度\n"
        "来源:平川区司法局  发布时间:2023-08-02 09:00  作者:马晓军\n" + BODY,
        "平川区推行行政执法三项制度",
        "2023-08-02",
        "平川区司法局",
        "马晓军",
    ),
    (
        "a stamp with a clock time, then 来源",
        "东坡区开展法治宣传进万家活动\n2022-11-08 16:05:12    来源: 东坡融媒\n" + BODY,
        "东坡区开展法治宣传进万家活动",
        "2022-11-08",
        "东坡融媒",
        None,
    ),
    (
        "an outlet and a date under the headline",
        "看新闻,知天下\n晋南> 晋南新闻> 正文\n某县去年办理行政复议案件二百余件\n"
        "河东晚报 2021-03-02 08:15 大字\n"
        "本报讯(记者孙海燕)" + BODY,
        "某县去年办理行政复议案件二百余件",
        "2021-03-02",
        "河东晚报",
        "孙海燕",
    ),
    (
        "an outlet glued to its date",
        "新规发布后企业开办提速\n江南中文站2019年5月6日10:20\n" + BODY,
        "新规发布后企业开办提速",
        "2019-05-06",
        "江南中文站",
        None,
    ),
    (
        "a dateline with a channel: 某某新闻网法治频道讯",
        "河湾镇开展普法宣传月活动\n河西新闻网法治频道讯 " + BODY,
        "河湾镇开展普法宣传月活动",
        None,
        "河西新闻网",
        None,
    ),
    (
        "a dateline with a place and a date, names in brackets",
        "湖东网江口5月9日电 (赵立新 钱丽华)" + BODY,
        None,
        None,
        "湖东网",
        "赵立新 钱丽华",
    ),
    (
        "a closing byline naming the outlet and two reporters",
        BODY + "\n" + BODY + "(清河日报记者 周建国 吴秀英)\n>>>>相关阅读",
        None,
        None,
        "清河日报",
        "周建国 吴秀英",
    ),
    (
        "本报记者 under the headline",
        "“法治护航 平安同行”采访活动侧记\n![]() |\n本报记者 郑小雨\n" + BODY,
        "“法治护航 平安同行”采访活动侧记",
        None,
        None,
        "郑小雨",
    ),
    (
        "a credit line, reporters and an editor after the body (Traditional)",
        "今年以來,全縣堅持依法行政,群眾滿意度明顯提升。\n平原日報新媒體出品\n"
        "記者|王曉明 李紅梅 趙立新\n編輯|孫海燕",
        None,
        None,
        "平原日報新媒體",
        "王曉明 李紅梅 趙立新",
    ),
    (
        "a photographer is not an author",
        "全县召开复议工作会议\n会议现场。山城日报记者 刘建华摄\n" + BODY,
        "全县召开复议工作会议",
        None,
        None,
        None,
    ),
    (
        "an editor is not an author",
        "全县召开复议工作会议\n" + BODY + "\n【责任编辑:刘建华】",
        "全县召开复议工作会议",
        None,
        None,
        None,
    ),
    (
        "a notice: addressee, signature and its date",
        "各乡镇人民政府,县政府各部门:\n" + BODY + "\n某某县人民政府办公室\n2023年2月28日\n(此件公开发布)",
        None,
        None,
        "某某县人民政府办公室",
        None,
    ),
    (
        "an issued plan: its title stands alone after the notice",
        "各乡镇人民政府:\n《某某县优化营商环境三年行动方案》已经县政府同意,现印发给你们,请认真贯彻落实。\n"
        "某某县人民政府办公室\n2023年2月28日\n某某县优化营商环境三年行动方案\n" + BODY,
        "某某县优化营商环境三年行动方案",
        None,
        "某某县人民政府办公室",
        None,
    ),
    (
        "a report's letterhead above the addressee",
        "某某市中级人民法院\n(\n主任、副主任、秘书长、各位委员:\n" + BODY,
        None,
        None,
        "某某市中级人民法院",
        None,
    ),
    (
        "a report title broken over two lines (PDF), its issuer",
        (
            "县司法局关于2022年度法治政府建设工\n作情况的报告\n根据上级统一部署,现将2022年度我县法治政府建设工作\n"
            "情况报告如下,请审阅。"
        ),
        "县司法局关于2022年度法治政府建设工作情况的报告",
        None,
        "县司法局",
        None,
    ),
    (
        "a speech title glued to 同志们:",
        "副县长在全县复议应诉工作会议上的讲话同志们:今天召开会议,主要任务是总结工作。" + BODY,
        "副县长在全县复议应诉工作会议上的讲话",
        None,
        None,
        None,
    ),
    (
        "an excerpt that starts in the body, with section heads",
        BODY + "\n一、加强组织领导\n(一)健全工作机制\n" + BODY,
        None,
        None,
        None,
        None,
    ),
    (
        "picture notes and a continued-from line are no headline",
        "(资料图片)\n(上接第一版)\n" + BODY,
        None,
        None,
        None,
        None,
    ),
    (
        "empty labels: 来源: 编辑:admin and 日期:",
        "全县行政执法案卷评查结果通报\n- 来源: 编辑:admin\n日期:\n2018-05-29\n" + BODY,
        "全县行政执法案卷评查结果通报",
        "2018-05-29",
        None,
        None,
    ),
    (
        "table cells: label and value on separate lines",
        "索 引 号:\n0000-2022-001\n发布机构:\n某某市统计局\n发文日期:\n2022-01-05\n"
        "某某市2021年国民经济和社会发展统计公报\n" + BODY,
        "某某市2021年国民经济和社会发展统计公报",
        "2022-01-05",
        "某某市统计局",
        None,
    ),
    (
        "a name written with an inner space",
        "全县开展送法下乡活动\n记者 杨 帆\n" + BODY,
        "全县开展送法下乡活动",
        None,
        None,
        "杨帆",
    ),
    (
        "a date written in Chinese numerals",
        "关于开展行政执法监督检查的通知\n发布日期:二〇二三年五月六日\n" + BODY,
        "关于开展行政执法监督检查的通知",
        "2023-05-06",
        None,
        None,
    ),
    (
        "a newspaper's edition date",
        "法治政府建设迈出新步伐\n2024年03月10日 第04版\n" + BODY,
        "法治政府建设迈出新步伐",
        "2024-03-10",
        None,
        None,
    ),
    (
        "an event date in a notice's body is no publish date",
        "关于召开全县法治政府建设推进会的通知\n各单位:\n时间:2024年3月1日上午9时\n地点:县政府三楼会议室\n"
        + BODY,
        "关于召开全县法治政府建设推进会的通知",
        None,
        None,
        None,
    ),
    (
        "a short column name above the headline",
        "法治经验\n做好复议应诉工作 树立法治政府形象\n" + BODY,
        "做好复议应诉工作 树立法治政府形象",
        None,
        None,
        None,
    ),
    (
        "the site's name after the headline on its line",
        "全市推进包容审慎监管_某某市人民政府\n" + BODY,
        "全市推进包容审慎监管",
        None,
        None,
        None,
    ),
    (
        "a menu bar is no headline",
        "首页 新闻中心 政务公开 办事服务 互动交流\n全市推进包容审慎监管\n" + BODY,
        "全市推进包容审慎监管",
        None,
        None,
        None,
    ),
    (
        "the place an outlet reports from is not part of its name",
        "决策层部署稳市场举措\n来源:南方财经网(广州)\n" + BODY,
        "决策层部署稳市场举措",
        None,
        "南方财经网",
        None,
    ),
    (
        "an empty author field before 来源",
        "某某区扎实推进法治政府建设\n作者:  来源:区司法局  时间:2023-11-20\n" + BODY,
        "某某区扎实推进法治政府建设",
        "2023-11-20",
        "区司法局",
        None,
    ),
    (
        "a source field inside brackets",
        "全市推进包容审慎监管\n【来源:某某日报】(作者:王晓明)\n" + BODY,
        "全市推进包容审慎监管",
        None,
        "某某日报",
        "王晓明",
    ),
    (
        "本站 is the site's own word for itself, kept as written (原创 is no part of it)",
        "全市推进包容审慎监管\n来源:本站原创\n" + BODY,
        "全市推进包容审慎监管",
        None,
        "本站",
        None,
    ),
    (
        "names alone in brackets closing the last paragraph",
        "同学们剪窗花迎新春\n" + BODY + "(吴秀英 钱丽华 )",
        "同学们剪窗花迎新春",
        None,
        None,
        "吴秀英 钱丽华",
    ),
    (
        "a disclosure table's title field",
        "标题:关于进一步规范行政裁量权基准制定工作的通知\n主题分类:综合政务\n" + BODY,
        "关于进一步规范行政裁量权基准制定工作的通知",
        None,
        None,
        None,
    ),
    (
        "a document number is no headline; with none of its own, the 原标题 line gives the title",
        "原标题:某县推进执法改革\n某政办发〔2023〕12号\n各乡镇人民政府:\n" + BODY,
        "某县推进执法改革",
        None,
        None,
        None,
    ),
    (
        "an official document's red head is no headline",
        "某某市人民政府文件\n某政发〔2024〕3号\n某某市人民政府关于加强行政复议工作的意见\n各县(市、区)人民政府:\n"
        + BODY,
        "某某市人民政府关于加强行政复议工作的意见",
        None,
        "某某市人民政府",
        None,
    ),
    (
        "a welcome banner above the headline",
        "某某市司法局网站欢迎您\n全市推进包容审慎监管\n" + BODY,
        "全市推进包容审慎监管",
        None,
        None,
        None,
    ),
    (
        "the cut-off end of an excerpt is no signature",
        BODY + "\n根据工作安排,全县各乡镇\n全县各级司法局",
        None,
        None,
        None,
        None,
    ),
    (
        "an office signing the last line under a finished paragraph",
        BODY + "\n某某县司法局",
        None,
        None,
        "某某县司法局",
        None,
    ),
    (
        "a numbered heading ending in an office's name is no signature",
        BODY + "\n(三)县司法局",
        None,
        None,
        None,
        None,
    ),
    (
        "a reporter's words in prose are no byline",
        "今天上午,全市召开新闻发布会。融媒记者从发布会上获悉,记者王五说全市法律援助覆盖率达到百分之百。",
        None,
        None,
        None,
        None,
    ),
    (
        "a newspaper's masthead over its edition date",
        "法治日报\n2024年3月6日 星期三 第03版\n某省出台行政执法监督条例\n" + BODY,
        "某省出台行政执法监督条例",
        "2024-03-06",
        "法治日报",
        None,
    ),
    (
        "reporter and correspondent, and a contributed-by note",
        "全县调解工作再上新台阶\n本报讯(记者 周建国 通讯员 吴秀英)" + BODY + "(某某县司法局供稿)",
        "全县调解工作再上新台阶",
        None,
        "某某县司法局",
        "周建国 吴秀英",
    ),
    (
        "an issuer's line above the rest of a notice's title",
        "临澧县人民政府办公室\n关于印发临澧县2024年法治政府建设工作要点的通知\n各乡镇人民政府:\n" + BODY,
        "临澧县人民政府办公室关于印发临澧县2024年法治政府建设工作要点的通知",
        None,
        "临澧县人民政府办公室",
        None,
    ),
    (
        "an issuer's line above a report's title",
        "中共临澧县委全面依法治县委员会\n2023年法治政府建设年度报告\n" + BODY,
        "中共临澧县委全面依法治县委员会2023年法治政府建设年度报告",
        None,
        "中共临澧县委全面依法治县委员会",
        None,
    ),
    (
        "a bracketed date beside a view counter",
        "县司法局开展宪法宣传周活动\n[2024-03-05] 浏览次数：235\n" + BODY,
        "县司法局开展宪法宣传周活动",
        "2024-03-05",
        None,
        None,
    ),
    (
        "a date glued to the author's name before the next label",
        "县司法局开展宪法宣传周活动\n作者：张三2024-03-05 09:12来源：县融媒体中心\n" + BODY,
        "县司法局开展宪法宣传周活动",
        "2024-03-05",
        "县融媒体中心",
        "张三",
    ),
    (
        "a correspondent after the author label, then a photographer's label",
        "县司法局开展宪法宣传周活动\n日期：2024年03月10日 信息来源：县政府办 作者：通讯员 李明 摄影：王强\n"
        + BODY,
        "县司法局开展宪法宣传周活动",
        "2024-03-10",
        "县政府办",
        "李明",
    ),
    (
        "a font-size widget right after the source",
        "市政府召开新闻发布会\n2024-01-18 15:30 来源：市政府新闻办 【字号 大 中 小】 打印\n" + BODY,
        "市政府召开新闻发布会",
        "2024-01-18",
        "市政府新闻办",
        None,
    ),
    (
        "a source label glued to the author's name, and the rare label 发布时期",
        "县司法局开展法治宣传\n发布时期:2021-09-16 14:40作者:郭健源自:县司法局\n" + BODY,
        "县司法局开展法治宣传",
        "2021-09-16",
        None,
        "郭健",
    ),
    (
        "a date line under the headline set off by a rule",
        "当前位置: 首页 > 政府公报\n旗政府召开党组会议\n———  2021-02-20\n字号: 打印\n" + BODY,
        "旗政府召开党组会议",
        "2021-02-20",
        None,
        None,
    ),
    (
        "a banner sentence above the headline",
        "社会主义核心价值观: 富强、 民主、 文明、 和谐, 自由、 平等、 公正、 法治。\n"
        "市人民政府办公厅关于印发行政执法公示制度的通知\n"
        "信息来源:市人民政府办公厅 发布时间:2015-12-22 12:07\n" + BODY,
        "市人民政府办公厅关于印发行政执法公示制度的通知",
        "2015-12-22",
        "市人民政府办公厅",
        None,
    ),
    (
        "a disclosure table set as text with | between its cells",
        "索 引 号 | 1162/2025-48086 | 主题分类 | 政发 |\n成文日期 | 2025-06-13 | 发布日期 | 2025-06-30 |\n"
        "标 题 | 市人民政府关于印发法治政府建设实施方案的通知 |\n" + BODY,
        "市人民政府关于印发法治政府建设实施方案的通知",
        "2025-06-30",
        "市人民政府",
        None,
    ),
    (
        "a report's title glued to its first paragraph",
        "某县 2025 年度法治政府建设情况报告2025 年,全县坚持依法行政,组织执法人员培训 3 次。",
        "某县 2025 年度法治政府建设情况报告",
        None,
        None,
        None,
    ),
    (
        "a bulleted reporter's line with two names run together, and a widget after the source",
        "来源:河北省政府网站 打印\n□记者邓光韬袁立朋\n" + BODY,
        None,
        None,
        "河北省政府网站",
        "邓光韬 袁立朋",
    ),
    (
        "a disclosure list whose publisher ends the breadcrumb, and the label 发文时间",
        "当前位置: 信息公开首页 > 政务公开 > 镇街 > 徐庄镇\n  • 发布机构:徐庄镇\n"
        "  • 发文时间:2026年01月28日\n"
        "徐庄镇2025年度法治政府建设情况报告\n" + BODY,
        "徐庄镇2025年度法治政府建设情况报告",
        "2026-01-28",
        "徐庄镇",
        None,
    ),
    (
        "a site's line above the headline, which the dated byline follows; an outlet ending the breadcrumb",
        "中新社四川分社正文\n首页 > scxw > 四川日报\n上半年四川新收行政复议案件10059件\n"
        "2024年07月10日 09:47 来源:四川日报 编辑:曹惠君\n" + BODY,
        "上半年四川新收行政复议案件10059件",
        "2024-07-10",
        "四川日报",
        None,
    ),
    (
        "a writer's name alone in brackets on the last line",
        "区人大常委会调研法治政府建设\n" + BODY + "\n(张琼予)",
        "区人大常委会调研法治政府建设",
        None,
        None,
        "张琼予",
    ),
    (
        "a reporter's byline with where the report was filed",
        "香港文汇报讯(记者 苏志坚 长春报道)吉林省三农法律服务援助中心前日上午举行揭牌仪式。" + BODY,
        None,
        None,
        "香港文汇报",
        "苏志坚",
    ),
    (
        "a subtitle of names under the headline, and the outlet before a spaced reporter label",
        "当前位置: 首页 / 政务动态\n某州第十三届人民代表大会第五次会议闭幕\n"
        "张建国出席并讲话 李明华主持并讲话 王伟等出席\n"
        "发布时间:2026-01-12 10时03分\n阿坝日报 记者 秦远俊\n" + BODY,
        "某州第十三届人民代表大会第五次会议闭幕",
        "2026-01-12",
        "阿坝日报",
        "秦远俊",
    ),
    (
        "an e-paper: the masthead, a page header and the date in its footer",
        "浙江法制报 数字报纸\n\n00009版:平安巷\n\n行政审判获得点赞\n通讯员 邵慧彬\n"
        + BODY
        + "\n浙江法制报 平安巷 00009 行政审判获得点赞 2018-12-20 2 2018年12月20日 星期四",
        "行政审判获得点赞",
        "2018-12-20",
        "浙江法制报",
        "邵慧彬",
    ),
    (
        "a newspaper's name over 本报讯 under an aggregator's poster line",
        "某区街办:116项服务一站式办理\n由 张某 发布于 综合\n陕西日报\n本报讯 (记者 高振博)" + BODY,
        "某区街办:116项服务一站式办理",
        None,
        "陕西日报",
        "高振博",
    ),
    (
        "a month-first date with a 12-hour clock beside an editor",
        "全县优化营商环境工作推进会召开\n编辑:张萌 时间:6/9/2023 4:17:53 PM 浏览:1186\n" + BODY,
        "全县优化营商环境工作推进会召开",
        "2023-06-09",
        None,
        None,
    ),
    (
        "a menu word after 记者 and a column word under the headline are no authors",
        "欢迎访问某某网 小记者查询>>\n某村法治广场打造普法阵地\n文摘\n时间:2021-11-11 作者:徐梓文\n" + BODY,
        "某村法治广场打造普法阵地",
        "2021-11-11",
        None,
        "徐梓文",
    ),
    (
        "a closing byline of a body and a writer",
        "加强法制宣传教育 服务经济社会发展\n" + BODY + "\n(台前县司法局 宗伟霞)",
        "加强法制宣传教育 服务经济社会发展",
        None,
        "台前县司法局",
        "宗伟霞",
    ),
    (
        "an outlet over the reporter's line closing the article, and a writer's line at the end",
        "市政协调研法治政府建设\n" + BODY + "\n东辽县融媒体中心\n记者:邢根源\n编辑:李钐",
        "市政协调研法治政府建设",
        None,
        "东辽县融媒体中心",
        "邢根源",
    ),
    (
        "a writer's label on the last line; a given name with 月",
        "铁山镇人大:开展国家宪法日宣传活动\n发布日期:2025-12-04 09:58\n" + BODY + "\n通讯员:张琼月",
        "铁山镇人大:开展国家宪法日宣传活动",
        "2025-12-04",
        None,
        "张琼月",
    ),
    (
        "a site's phone line, sponsor line and share widget above the headline",
        "乡镇风采 建德新闻网\n0571-64718371\n举报电话: 0571-64734823\n我要投稿\n建德市新闻传媒中心 主办\n"
        "微信扫一扫分享\n莲花镇开展国家宪法日宣传活动\n2020-12-05 18:21\n" + BODY,
        "莲花镇开展国家宪法日宣传活动",
        "2020-12-05",
        None,
        None,
    ),
    (
        "a header's run of links, a widget after the source, a column tag kept in the headline",
        "首页中国共产党新闻强国社区论坛政务通博客微博人大政协工会妇联科协 设为首页|网站地图\n"
        "【人大动态】宁夏人大常委会首次举行宪法宣誓仪式\n"
        "2016年03月31日08:31    来源:宁夏新闻网     手机看新闻\n" + BODY,
        "【人大动态】宁夏人大常委会首次举行宪法宣誓仪式",
        "2016-03-31",
        "宁夏新闻网",
        None,
    ),
    (
        "a pop-up's caption repeated above the headline, and a subtitle of names run together",
        "两学一做专题\n关闭\n两学一做专题\n关闭\n自治区十一届人大一次会议宪法宣誓仪式举行\n"
        "吴英杰主持帕巴拉·格列朗杰洛桑江村齐扎拉等出席\n来源: 中国西藏新闻网     发表时间:2018-1-31\n" + BODY,
        "自治区十一届人大一次会议宪法宣誓仪式举行",
        "2018-01-31",
        "中国西藏新闻网",
        None,
    ),
    (
        "a notice's headline in one line above its own wrapped title block",
        "南宁市兴宁区人民政府办公室关于印发2020年兴宁区优化营商环境实施方案的通知\n"
        "撰写时间:2020-09-16 10:20     来源:南宁市兴宁区人民政府办公室\n南宁市兴宁区人民政府办公室\n"
        "关于印发2020年兴宁区优化营商环境\n实施方案的通知\n各镇人民政府,各街道办事处:\n" + BODY,
        "南宁市兴宁区人民政府办公室关于印发2020年兴宁区优化营商环境实施方案的通知",
        "2020-09-16",
        "南宁市兴宁区人民政府办公室",
        None,
    ),
    (
        "a dateline of an 信息港 with a newspaper's reporter in brackets; a field line is no headline",
        "所属地区:云南\n昆明信息港讯(昆明日报 记者黄河清)2月12日,记者从云南省生态环境厅获悉," + BODY,
        None,
        None,
        "昆明信息港",
        "黄河清",
    ),
    (
        "a report's title headed by its area (no issuer: no 关于), above a font-size widget",
        "洛川县2023年度法治政府建设情况报告\n字号:\n大 中 小\n" + BODY,
        "洛川县2023年度法治政府建设情况报告",
        None,
        None,
        None,
    ),
    (
        "a headline on the line of its own fields",
        "区委依法治区委员会第一次会议召开 发布时间:2026-02-09 信息来源:江岸发布\n\n" + BODY,
        "区委依法治区委员会第一次会议召开",
        "2026-02-09",
        "江岸发布",
        None,
    ),
    (
        "an outlet's reporter line with where he reports from is no headline",
        "南方商报记者周明 广州报道\n3月20日 省政府新闻办举行新闻发布会。" + BODY,
        None,
        None,
        "南方商报",
        "周明",
    ),
    (
        "an outlet's editor credit closing the article; a four-character name after a dateline",
        "中新网昆明7月4日电 (欧祖晓晨)" + BODY + "\n(津云新闻编辑孙畅)",
        None,
        None,
        "中新网",
        "欧祖晓晨",
    ),
    (
        "a disclosure table's field lines before the headline",
        "首页 > 某县人民政府办公室信息公开 > 信息浏览\n"
        "索引号: 003129766/201901-00336 组配分类: 规范性文件发布\n"
        "信息分类: 通知   发布机构: 某县人民政府办公室\n发文日期: 2019-01-23 生效时间: 2019-01-23\n\n"
        "某县人民政府关于印发《某县人民政府工作规则》的通知\n\n" + BODY,
        "某县人民政府关于印发《某县人民政府工作规则》的通知",
        "2019-01-23",
        "某县人民政府办公室",
        None,
    ),
    (
        "a notice's status and number before its headline",
        "(失效)某政办发〔2017〕13号 某区人民政府办公室印发某区政务服务实施意见的通知\n" + BODY,
        "某区人民政府办公室印发某区政务服务实施意见的通知",
        None,
        None,
        None,
    ),
    (
        "an issuer's line above a title wrapped over two lines",
        "某政办〔2020〕20号\n西平县人民政府办公室\n关于印发西平县2020年度法治政府建设\n工作安排的通知\n"
        "各乡镇人民政府,各街道办事处:\n" + BODY,
        "西平县人民政府办公室关于印发西平县2020年度法治政府建设工作安排的通知",
        None,
        "西平县人民政府办公室",
        None,
    ),
    (
        "a contributing body's credit names the writer; an online outlet's editor credit after a bar",
        "省人大常委会赴某县开展执法检查\n" + BODY + "(省人大常委会法工委康卫华供稿)",
        "省人大常委会赴某县开展执法检查",
        None,
        "省人大常委会法工委",
        "康卫华",
    ),
    (
        "an online outlet's editor credit closing the article after a bar",
        "某县举行宪法宣誓仪式\n" + BODY + "\n(天水在线编辑:陶静) |",
        "某县举行宪法宣誓仪式",
        None,
        "天水在线",
        None,
    ),
    (
        "a county's name heads the headline; a date, the outlet and its byline on one line",
        "施秉:“花式”普法助力油菜花节绽放“法治之花”\n\n2024-03-30 黔东南新闻网 通讯员 刘斌 李凯\n\n" + BODY,
        "施秉:“花式”普法助力油菜花节绽放“法治之花”",
        "2024-03-30",
        "黔东南新闻网",
        "刘斌 李凯",
    ),
    (
        "a news app's byline: the outlet, a dot and the time under the headline",
        "工作区\n某省系列新闻发布会聚焦改革破障激活力\n新华日报·2025-08-27 07:21\n\n" + BODY,
        "某省系列新闻发布会聚焦改革破障激活力",
        "2025-08-27",
        "新华日报",
        None,
    ),
    (
        "a financial outlet's name before a dot and the time",
        "某省多措并举优化营商环境\n新浪财经·2025-12-29 17:58\n\n" + BODY,
        "某省多措并举优化营商环境",
        "2025-12-29",
        "新浪财经",
        None,
    ),
    (
        "a body's name alone after the date that opens the line",
        "某市联合发布行政复议行政诉讼案件分析报告\n\n2024-08-09 08:46 某某市司法局\n\n" + BODY,
        "某市联合发布行政复议行政诉讼案件分析报告",
        "2024-08-09",
        "某某市司法局",
        None,
    ),
    (
        "a reporter's label after the outlet in a source field ends the source",
        "某县三改一拆扮靓城乡新面貌\n2018年05月04日 09:32:26 来源: 某州晚报 记者 吴昊\n\n" + BODY,
        "某县三改一拆扮靓城乡新面貌",
        "2018-05-04",
        "某州晚报",
        "吴昊",
    ),
    (
        "a disclosure page's header: an index number, the body's name, then the date",
        "政府信息公开\n某某区2024年度法治政府建设报告\n11371202004358421D/2025-6640947\n某某市某某区人民政府\n"
        "2025-03-19\n\n" + BODY,
        "某某区2024年度法治政府建设报告",
        "2025-03-19",
        "某某市某某区人民政府",
        None,
    ),
    (
        "a signing office's name in brackets closes a news story",
        "某区人大常委会举行第十九次会议\n" + BODY + "\n\n     (某某区人大常委会办公室)\n",
        "某区人大常委会举行第十九次会议",
        None,
        "某某区人大常委会办公室",
        None,
    ),
    (
        "a platform's login prompt over the headline",
        "登录长江云平台账号\n2024年某市“宪法宣传周”正式启动\n" + BODY,
        "2024年某市“宪法宣传周”正式启动",
        None,
        None,
        None,
    ),
    (
        "a tab title cut short over the whole headline; a reporter's name with 以 in a dateline's brackets",
        "法援为农民工撑起“保护\n法援为农民工撑起“保护伞”\n中新网南宁6月26日电(王以照)" + BODY,
        "法援为农民工撑起“保护伞”",
        None,
        "中新网",
        "王以照",
    ),
    (
        "a lead-in saying who spoke over the headline saying what",
        "2018-11-28 07:48 来源: 某某日报\n\n省长主持省政府第17次常务会议时强调\n"
        "把优化营商环境作为政府工作的重中之重\n\n" + BODY,
        "把优化营商环境作为政府工作的重中之重",
        "2018-11-28",
        "某某日报",
        None,
    ),
    (
        "a headline ending in ? over its date line, under an app's banner",
        "某某Logo\n下载客户端\n登录\n有亮点!某省法院行政审判工作近五年都有哪些新成效?\n2020-09-25 13:46\n"
        + BODY,
        "有亮点!某省法院行政审判工作近五年都有哪些新成效?",
        "2020-09-25",
        None,
        None,
    ),
    (
        "a headline followed by empty table cells; a welcome banner is no headline",
        "欢迎光临某县人民政府门户网 登录个人中心 无障碍浏览 长者版\n"
        "市司法局召开合法性审查工作调研座谈会 | ||||\n|\n||||\n" + BODY,
        "市司法局召开合法性审查工作调研座谈会",
        None,
        None,
        None,
    ),
    (
        "a plan's title wrapped after a closing quote",
        "2024年某省“宪法宣传周”\n工作方案\n" + BODY,
        "2024年某省“宪法宣传周”工作方案",
        None,
        None,
        None,
    ),
    (
        "a disclosure page's labels in square brackets",
        "某某区关于印发营商环境优化提升工作方案的通知\n[ 发布机构 ] 某某区人民政府 [ 有效性 ]\n"
        "[ 成文日期 ] 2021-01-28 [ 发布日期 ] 2021-01-28\n" + BODY,
        "某某区关于印发营商环境优化提升工作方案的通知",
        "2021-01-28",
        "某某区人民政府",
        None,
    ),
    (
        "a body's name before a labelled date on one line",
        "某区2023年法治政府建设情况的报告\n\n某某市某某区人民政府 发布时间:2024-03-07\n\n市政府:\n" + BODY,
        "某区2023年法治政府建设情况的报告",
        "2024-03-07",
        "某某市某某区人民政府",
        None,
    ),
    (
        "a report's issuer over the standing committee it is delivered to",
        "2021年度行政审判工作情况的报告(书面)\n(2022年6月28日在某市第十四届人民代表大会\n常务委员会第三次会议上)\n"
        "某某市中级人民法院\n某某市人民代表大会常务委员会:\n" + BODY,
        "2021年度行政审判工作情况的报告(书面)",
        None,
        "某某市中级人民法院",
        None,
    ),
    (
        "a view counter after the source; a reporter after a slash; the writer's 文 closing the text",
        "某市人大常委会开展执法检查\n作者:佚名  时间:2020-06-12  来源:某某日报 次浏览 字号:[ ]\n"
        + BODY
        + "(文 黄紫红)",
        "某市人大常委会开展执法检查",
        "2020-06-12",
        "某某日报",
        "黄紫红",
    ),
    (
        "a reporter after the outlet and a slash; a magazine's name in 《》 opens a source",
        "某区部署法治政府示范创建工作\n(来源:《小康》·中国小康网/许宸)\n" + BODY,
        "某区部署法治政府示范创建工作",
        None,
        "《小康》·中国小康网",
        None,
    ),
    (
        "a date touching the source label",
        "2021年12月某市大事记\n时间:2022年01月20日来源:市委党史研究室(市政府地方志办公室)\n[字体: ] 打印\n"
        + BODY,
        "2021年12月某市大事记",
        "2022-01-20",
        "市委党史研究室(市政府地方志办公室)",
        None,
    ),
    (
        "a source label with a blank for its colon and a label spaced out are no headlines",
        "来源 某某县应急管理局\n时 效 性:有效\n某某县应急管理局关于印发行政执法公示制度的通知\n" + BODY,
        "某某县应急管理局关于印发行政执法公示制度的通知",
        None,
        "某某县应急管理局",
        None,
    ),
    (
        "a day-first stamp under the headline; a garbled indent before a dateline",
        "某区政府2014年度行政复议工作圆满完成\n28.02.2015  15:57\n????梧州日报讯(记者 杨苑君)" + BODY,
        "某区政府2014年度行政复议工作圆满完成",
        "2015-02-28",
        "梧州日报",
        "杨苑君",
    ),
    (
        "an issued plan whose own heading the page cuts off: the quoted name",
        "各乡镇人民政府:\n《某某市提升营商环境行动计划》已经市委、市政府研究同意,现印发你们,请结合实际认真贯彻执行。\n"
        "某某市人民政府办公室\n2018年7月29日\n" + BODY,
        "某某市提升营商环境行动计划",
        None,
        "某某市人民政府办公室",
        None,
    ),
    (
        "a summary line above a notice's headline wrapped over two lines",
        "摘要:为深入贯彻落实优化营商环境条例,以更加优质高效务实举措打造服务环境,支持各类经营主体健康发展,制定如下措施。\n"
        "某某市人民政府办公厅关于印发某某市\n持续打造优质服务环境若干措施的通知\n各区人民政府:\n" + BODY,
        "某某市人民政府办公厅关于印发某某市持续打造优质服务环境若干措施的通知",
        None,
        "某某市人民政府办公厅",  # the issuer the headline names
        None,
    ),
    (
        "two issuers over a notice's headline wrapped before 关于",
        "某政发〔2025〕4号\n某某市人民政府 某某市中级人民法院印发\n关于完善府院联动机制的意见的通知\n"
        "各县(区)人民政府、法院:\n" + BODY,
        "某某市人民政府 某某市中级人民法院印发关于完善府院联动机制的意见的通知",
        None,
        None,
        None,
    ),
    (
        "a site's name after the headline and an underscore",
        "群众有纠纷就找老娘舅_某某新闻\n发布时间:2024-06-24\n" + BODY,
        "群众有纠纷就找老娘舅",
        "2024-06-24",
        None,
        None,
    ),
    (
        "an e-paper's name field; an office with its other name in brackets",
        "当前报纸名称:某某晚报\n" + BODY,
        None,
        None,
        "某某晚报",
        None,
    ),
    (
        "a source whose bracket names the office again, not a place",
        "某某办2025年度法治政府建设工作报告\n作者: 来源:区藏语委办(编译局) 发布时间:2026-01-09\n" + BODY,
        "某某办2025年度法治政府建设工作报告",
        "2026-01-09",
        "区藏语委办(编译局)",
        None,
    ),
    (
        "a headline and its date on one line",
        "2024年某某区法治政府建设工作情况报告 2025-02-24\n" + BODY,
        "2024年某某区法治政府建设工作情况报告",
        "2025-02-24",
        None,
        None,
    ),
    (
        "a headline with a comma that the page repeats over the crumb",
        "观察|脱下正装换上工服,某某新区党员干部集体换位争当店小二 吉网原创\n"
        "您当前的位置 :首页 > 第一新闻\n"
        "观察|脱下正装换上工服,某某新区党员干部集体换位争当店小二\n"
        "2025-04-11 20:52      来源: 中国吉林网\n" + BODY,
        "观察|脱下正装换上工服,某某新区党员干部集体换位争当店小二",
        "2025-04-11",
        "中国吉林网",
        None,
    ),
    (
        "a headline wrapped whole in 《》, and an image's file name after a headline",
        "《中共某省委 某省人民政府关于印发〈某省法治政府建设实施纲要〉的通知》\n" + BODY,
        "中共某省委 某省人民政府关于印发〈某省法治政府建设实施纲要〉的通知",
        None,
        "中共某省委 某省人民政府",
        None,
    ),
    (
        "an image's file name glued to the headline",
        "某区召开全面依法治区委员会第六次工作会议2.jpg\n发布时间:2024-03-28\n" + BODY,
        "某区召开全面依法治区委员会第六次工作会议",
        "2024-03-28",
        None,
        None,
    ),
]


@pytest.mark.parametrize("layout,page,title,date,source,author", LAYOUTS, ids=[x[0] for x in LAYOUTS])
def test_metadata_of_each_layout(layout, page, title, date, source, author):
    assert _meta(page) == (title, date, source, author)


def test_traditional_values_are_kept_as_written_with_their_pinyin():
    page = (
        "各鄉(xiāng)鎮(zhèn)人民政府:\n" + "今年以來,全縣堅持依法行政,群眾滿意度明顯提升。\n"
        "某某縣人民政府辦公室\n2019年4月1日"
    )
    _, date, source, _ = _meta(page)
    assert source == "某某縣人民政府辦公室" and date is None


def test_hint_title_yields_to_the_headline_when_it_is_the_sites_name_or_truncated():
    page = "某某市司法局\n当前位置:综合资讯\n张局长率队到社区开展法律服务进社区活动\n" + BODY
    assert _meta(page, {"title": "某某市司法局"})[0] == "张局长率队到社区开展法律服务进社区活动"
    assert (
        _meta(page, {"title": "张局长率队到社区开展法律服务..."})[0]
        == "张局长率队到社区开展法律服务进社区活动"
    )
    assert _meta(BODY, {"title": "全市推进包容审慎监管_要闻_某某网"})[0] == "全市推进包容审慎监管"


def test_hint_author_who_is_the_editor_is_ignored():
    page = "全县召开复议工作会议\n编辑:刘建华\n" + BODY
    assert _meta(page, {"author": "刘建华"})[3] is None
    assert _meta("全县召开复议工作会议\n" + BODY, {"author": "刘建华"})[3] == "刘建华"


def test_byline_and_stamp_lines_leave_the_clean_text_and_rules_are_logged():
    page = "平川区推行行政执法三项制度\n2023-08-02 09:00 来源:平川区司法局\n本报记者 马晓军\n" + BODY
    doc = clean(RawDocument(doc_id_of(page), "x.txt", "utf_8", page))
    assert doc.clean_text.splitlines() == ["平川区推行行政执法三项制度", BODY]
    rules = {w.split(":")[1] for w in doc.warnings if w.startswith("meta:")}
    assert {"title.header", "date.label_weak", "source.label", "author.label"} <= rules or {
        "title.header",
        "date.header",
        "source.label",
        "author.label",
    } <= rules


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2025年03月10日", dt.date(2025, 3, 10)),
        ("2025-3-1", dt.date(2025, 3, 1)),
        ("2025/03/10 09:30", dt.date(2025, 3, 10)),
        ("二〇二四年十二月三十一日", dt.date(2024, 12, 31)),
        ("二〇二四年二月三十日", None),
        ("2025-13-01", None),
        ("1800-01-01", None),
        ("编号20230512001", None),
    ],
)
def test_parse_date(text, expected):
    assert metadata.parse_date(text) == expected


ALPHABET = st.sampled_from(
    [
        *list(
            "来源作者记者通讯员编辑责任摄影时间日期发布:：|/()（）【】《》>-_ 、,，。讯电报网社局"
            "张王李杨文新闻关于通知同志们年月日0123456789\n"
        ),
        "本报讯",
        "记者 张三",
        "2023-05-06",
        "10:20",
        "来源:",
        "二〇二三年五月六日",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(ALPHABET, max_size=80).map("".join),
    st.dictionaries(
        st.sampled_from(["title", "source", "author", "publish_date"]), st.text(max_size=30), max_size=4
    ),
)
def test_metadata_never_raises_on_odd_text(text, hints):
    lines = text.split("\n")
    md = metadata.extract(lines, {}, hints)
    assert md.title is None or isinstance(md.title, str)
    assert md.author is None or md.author.strip() == md.author
    doc = clean(RawDocument(doc_id_of(text or "x"), "x.txt", "utf_8", text or "x", hints=hints))
    assert doc.source is None or doc.source


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=12), st.data())
def test_metadata_never_raises_on_any_lines_and_verdicts(lines, data):
    removed = {i: "x" for i in data.draw(st.sets(st.integers(0, max(len(lines) - 1, 0))))}
    metadata.extract(lines, removed, {})


@pytest.mark.parametrize(
    "line, author",
    [
        ("总台记者 余鹏:这里是德国勃兰登堡门。27日,大量民众自发来到这里。", "余鹏"),  # a name before a colon
        ("中心举行乘组与记者见面会,费俊龙、邓清明、张陆3名航天员与公众见面。", None),  # no field: no org skip
        ("作者:县司法局", None),  # a body alone is no author
    ],
)
def test_an_author_run_ends_at_a_fields_label_but_not_at_a_reporters_colon(line, author):
    assert _meta("神舟十五号乘组与公众见面\n" + line + "\n" + BODY)[3] == author


def test_a_bureau_before_fabu_is_the_bureau_and_the_new_source_rules_switch_off():
    from pipeline import switches

    page = "区委依法治区委员会第一次会议召开\n来源:县司法局发布\n" + BODY
    assert _meta(page)[2] == "县司法局"
    with switches.off({"source.account_name"}):
        assert _meta("标题行在这里开会\n来源:原州发布\n" + BODY)[2] == "原州"
    with switches.off({"source.area_in_title"}):
        assert _meta("洛川县2023年度法治政府建设情况报告\n" + BODY)[2] is None


@pytest.mark.parametrize(
    "page, expected",
    [
        (  # an event's schedule: 时间 over 地点 is the event's date, and 地点: is no headline
            "某市法治政府建设新闻发布会(第3场)\n时间:2024年5月8日上午10:00\n地点:市新闻发布厅\n" + BODY,
            ("某市法治政府建设新闻发布会(第3场)", None, None, None),
        ),
        (  # 会议时间 on its own line over the date
            "某区政府第12次常务会议\n会议时间\n2024年05月20日\n会议议题\n" + BODY,
            ("某区政府第12次常务会议", None, None, None),
        ),
        (  # a subtitle under the headline; a dated line under both
            "某县系列主题新闻发布会(第二场)\n——营商环境建设专场\n(2024年12月2日)\n" + BODY,
            ("某县系列主题新闻发布会(第二场)", "2024-12-02", None, None),
        ),
        ("——某镇开展平安建设集中宣传活动\n" + BODY, ("某镇开展平安建设集中宣传活动", None, None, None)),
        (  # a document number glued to the title
            "某政发〔2021〕1号某县2020年度法治政府建设情况报告\n" + BODY,
            ("某县2020年度法治政府建设情况报告", None, None, None),
        ),
        (  # the publisher's account between the headline and its date line
            "打开APP\n卫滨区召开依法治区委员会会议\n出彩卫滨\n2024-11-07 22:25:00\n" + BODY,
            ("卫滨区召开依法治区委员会会议", "2024-11-07", "出彩卫滨", None),
        ),
        ("本报讯 记者方子健报道:日前,某市公布了示范村名单。\n" + BODY, (None, None, None, "方子健")),
        (
            "某县召开会议\n" + BODY + "\n(记者 张三 实习生 李四 通讯员 王五)",
            ("某县召开会议", None, None, "张三 李四 王五"),
        ),
        (
            "四川新闻网-首屏新闻记者 谢川霞 9月30日,某区举行新闻发布会。\n" + BODY,
            (None, None, "四川新闻网", "谢川霞"),
        ),
    ],
)
def test_event_schedules_subtitles_glued_numbers_and_publishers_lines(page, expected):
    assert _meta(page) == expected


def test_the_event_subtitle_and_publisher_line_rules_switch_off():
    from pipeline import switches

    with switches.off({"date.not.event"}):
        assert _meta("某区政府第12次常务会议\n会议时间\n2024年05月20日\n会议议题\n" + BODY)[1] == "2024-05-20"
    with switches.off({"source.above_date", "source.column"}):
        assert (
            _meta("打开APP\n卫滨区召开依法治区委员会会议\n出彩卫滨\n2024-11-07 22:25:00\n" + BODY)[2] is None
        )
        page = "四川新闻网-首屏新闻记者 谢川霞 9月30日,某区举行新闻发布会。\n" + BODY
        assert _meta(page)[2] == "四川新闻网-首屏新闻"
    with switches.off({"title.not.dash_subtitle"}):
        assert _meta("——某镇开展平安建设集中宣传活动\n" + BODY)[0] == "——某镇开展平安建设集中宣传活动"


@pytest.mark.parametrize(
    "page, expected",
    [
        (  # a headline with a comma over its dated byline
            "当前位置:\n深耕复议主渠道,法治为民谱新篇——2025年某旗行政复议工作综述\n"
            "来源:司法局 发布时间:2025-12-17 17:43\n" + BODY,
            ("深耕复议主渠道,法治为民谱新篇——2025年某旗行政复议工作综述", "2025-12-17", "司法局", None),
        ),
        (  # the issuer, the title ending in 的, the document type alone and spaced
            "某县人民政府\n关于2023年度法治政府建设情况的\n报 告\n" + BODY,
            ("某县人民政府关于2023年度法治政府建设情况的报告", None, "某县人民政府", None),
        ),
        ("点击右上角微信好友\n朋友圈\n" + BODY, (None, None, None, None)),
        (
            "| 2025年度某街道行政执法工作情况报告 |\n" + BODY,
            ("2025年度某街道行政执法工作情况报告", None, None, None),
        ),
        (
            "《某某日报》2025年11月29日03版\n以高水平法治护航高质量发展\n" + BODY,
            ("以高水平法治护航高质量发展", "2025-11-29", "某某日报", None),
        ),
        (
            "发布机构: | 市司法局(市行政复议局) | 成文日期: | 2021-03-19 |\n某市2019年度行政执法工作年报\n"
            + BODY,
            ("某市2019年度行政执法工作年报", "2021-03-19", "市司法局(市行政复议局)", None),
        ),
        (
            "南方日报讯(记者/马瑞婕孟健通讯员/关维陈玲)5月29日,某法院召开新闻发布会。\n" + BODY,
            (None, None, "南方日报", "马瑞婕 孟健 关维 陈玲"),
        ),
    ],
)
def test_comma_headlines_spaced_types_cells_editions_and_glued_bylines(page, expected):
    assert _meta(page) == expected


def test_the_byline_cell_and_edition_rules_switch_off():
    from pipeline import switches

    with switches.off({"title.doc_type_line", "title.table_cell", "source.edition_line"}):
        assert _meta("| 2025年度某街道行政执法工作情况报告 |\n" + BODY)[0] is None
        assert _meta("《某某日报》2025年11月29日03版\n以高水平法治护航高质量发展\n" + BODY)[2] is None


@pytest.mark.parametrize(
    "page, expected",
    [
        ("新闻发布会现场(记者倪娜摄)\n" + BODY, (None, None, None, None)),  # a photo's caption
        ("山西日报报道 2月24日,省委召开全面依法治省委员会会议。\n" + BODY, (None, None, "山西日报", None)),
        (
            "某县云湖桥镇2025年度法治政府建设情况报告\n" + BODY,
            ("某县云湖桥镇2025年度法治政府建设情况报告", None, "某县云湖桥镇", None),
        ),
    ],
)
def test_captions_outlet_reports_and_a_towns_own_report(page, expected):
    assert _meta(page) == expected


@pytest.mark.parametrize(
    "page, expected",
    [
        (
            "某区2025年度法治政府建设情况的报告\n索引号 113708120042347000/2026-00508 公开方式 主动公开\n"
            "发布机构 兖州区司法局 组配分类 法治政府建设年报\n成文日期 2026-01-21\n" + BODY,
            ("某区2025年度法治政府建设情况的报告", None, "兖州区司法局", None),
        ),
        (
            "某县开展普法活动\n"
            + BODY
            + "\n版权声明:凡注明“来源:某某网”或“某某网文”的所有作品,版权归某公司所有。",
            ("某县开展普法活动", None, None, None),
        ),
        (
            "• 新闻发布会 首页-新闻中心-新闻发布会\n全区政务公开工作新闻发布会召开\n文档来源:内蒙政府网\n"
            + BODY,
            ("全区政务公开工作新闻发布会召开", None, "内蒙政府网", None),
        ),
        ("本报讯(刘萍)近日,某县被确定为示范试点县。\n" + BODY, (None, None, None, "刘萍")),
        (
            "津滨网讯(记者 刘静 报道 王勇为 摄影)今年12月4日是国家宪法日。\n" + BODY,
            (None, None, "津滨网", "刘静"),
        ),
        (
            "海东市人民政府\n关于2019年度法治政府建设工作情况的报告\n来源:    时间:2020年03月01日\n" + BODY,
            ("海东市人民政府关于2019年度法治政府建设工作情况的报告", "2020-03-01", "海东市人民政府", None),
        ),
        (  # a headline as a cell's right half, the table's row under it
            "区人大常委会召开第三十一次会议 |\n| 时间:2026-03-02 20:21:37 来源:武进新闻 |\n" + BODY,
            ("区人大常委会召开第三十一次会议", "2026-03-02", "武进新闻", None),
        ),
        (  # picture captions with a bar after them are no headline
            "某县律师工作座谈会现场 |\n公证处工作人员正进行远程视频公证 |\n" + BODY,
            (None, None, None, None),
        ),
        (  # a title's short last part on its own line
            "2022年第三季度政务服务和公共资源交易\n工作情况\n一、政务服务大厅办件情况\n" + BODY,
            ("2022年第三季度政务服务和公共资源交易工作情况", None, None, None),
        ),
    ],
)
def test_table_cells_copyright_notices_breadcrumbs_own_datelines_and_issuers(page, expected):
    assert _meta(page) == expected


@pytest.mark.parametrize(
    "page, expected",
    [
        (
            "- 乡镇信息公开\n-\n索引号abcxzf/2026-00001\n-\n发布机构某县某乡人民政府\n-\n文号\n-\n"
            "发布日期2026-01-27\n-\n时效性有效\n某乡2025年法治政府建设工作情况报告\n" + BODY,
            ("某乡2025年法治政府建设工作情况报告", "2026-01-27", "某县某乡人民政府", None),
        ),
        (
            "中华人民共和国司法部\n\n某市司法局举办“行政复议开放日”活动\n\n"
            "来源:法治日报 发布时间:2021-06-18 11:50\n"
            "  法治日报讯 记者王春 通讯员钟鼎文 崔艳 近日,在行政复议体制改革落地两周年之际,某局举办活动。\n"
            + BODY,
            ("某市司法局举办“行政复议开放日”活动", "2021-06-18", "法治日报", "王春 钟鼎文 崔艳"),
        ),
        (
            "中国人民政治协商会议某市委员会| 2018-08-14\n打印\n市政协外联委组织召开重点提案督办座谈会\n"
            + BODY,
            ("市政协外联委组织召开重点提案督办座谈会", "2018-08-14", "中国人民政治协商会议某市委员会", None),
        ),
        (
            "陕西省发展与改革委员会\n某某出席营商环境评价有关情况新闻发布会\n"
            "来源:营商办 发表时间:2022-06-30 17:32\n" + BODY,
            ("某某出席营商环境评价有关情况新闻发布会", "2022-06-30", "营商办", None),
        ),
        (
            "某市人民政府关于2023年度法治政府建设情况的报告\n\n  • 听全文\n  • 2024-01-23\n"
            "  • 来源:某市司法局\n" + BODY,
            ("某市人民政府关于2023年度法治政府建设情况的报告", "2024-01-23", "某市司法局", None),
        ),
        (
            "某地涉企行政执法提质效\n天山网-新疆日报记者 隋云雁\n自2025年4月起,一场治理在全疆推开。\n" + BODY,
            ("某地涉企行政执法提质效", None, "天山网-新疆日报", "隋云雁"),
        ),
        (
            "发布时间:2024-11-26 06:21:56 来源: sp20241126\n中新网 5月24日电 某省介绍民营经济发展情况。\n"
            + BODY,
            (None, "2024-11-26", "中新网", None),
        ),
        (
            "关于某市某区2025年度法治政府\n建设情况的报告\n2025年,某区坚持依法行政。\n" + BODY,
            ("关于某市某区2025年度法治政府建设情况的报告", None, None, None),
        ),
        (
            "日期选择 logo\n\n2021-07-19 第26,930号\n\n上海报业集团主管主办·文汇报社出版\n\nnewspaper\n"
            "第2版:要闻\n\n某区创建先行区\n\n本报讯(记者薄小波)昨天某区举行大会。\n" + BODY,
            ("某区创建先行区", "2021-07-19", "文汇报", "薄小波"),
        ),
        (
            "某镇开展普法活动\n" + BODY + "\n(记者陈春艳实习生韩超)",
            ("某镇开展普法活动", None, None, "陈春艳 韩超"),
        ),
        ("某镇开展普法活动\n" + BODY + "\n(撰写人:王承运)", ("某镇开展普法活动", None, None, "王承运")),
        (
            "卢氏:“法治副书记”入村,普法行动深入人心\n大河网讯 近日,某县法院选派干警。\n"
            + BODY
            + "\n举办法治宣传10余场(次)。(赵富林 程江娟/文图)",
            ("卢氏:“法治副书记”入村,普法行动深入人心", None, "大河网", "赵富林 程江娟"),
        ),
        (
            "通城镇人民政府\n2025年法治政府建设情况\n2025年,通城镇坚持依法行政。\n" + BODY,
            ("通城镇人民政府2025年法治政府建设情况", None, "通城镇人民政府", None),
        ),
    ],
)
def test_glued_table_fields_a_ministrys_site_line_and_a_byline_before_the_lead(page, expected):
    assert _meta(page) == expected


def test_the_glued_field_and_lead_rules_switch_off():
    from pipeline import switches

    page = "记者王春 通讯员钟鼎文 崔艳 近日,在行政复议体制改革落地两周年之际,某局举办活动。\n" + BODY
    with switches.off({"author.before_lead"}):
        assert _meta(page)[3] == "王春"
    page = "发布机构某县某乡人民政府\n时效性有效\n某乡2025年法治政府建设工作情况报告\n" + BODY
    with switches.off({"source.glued_label"}):
        assert _meta(page)[2] != "某县某乡人民政府"


@pytest.mark.parametrize(
    "page, expected",
    [
        (  # a date and a place between the outlet and 讯
            "某县人社局追回欠薪470万元\n中经联播10月11日齐齐哈尔讯(记者 魏伯勤 通讯员 王阿莹)" + BODY,
            ("某县人社局追回欠薪470万元", None, "中经联播", "魏伯勤 王阿莹"),
        ),
        (  # a county's 广电 outlet, in Traditional characters as written
            "第八屆湘商大會在郴州舉行\n永州廣電消息(記者 左仲豪)" + BODY,
            ("第八屆湘商大會在郴州舉行", None, "永州廣電", "左仲豪"),
        ),
        (  # names in brackets after the dateline's place and date
            "江西推进政务服务一网通办\n山阴新闻网讯 南昌2月27日 (苏路程 李丽丹)" + BODY,
            ("江西推进政务服务一网通办", None, "山阴新闻网", "苏路程 李丽丹"),
        ),
        (
            "青海高院发布行政审判白皮书\n本文转自:青海日报\n" + BODY,
            ("青海高院发布行政审判白皮书", None, "青海日报", None),
        ),
        (  # a preview page's notice above the headline; an ISO 8601 stamp
            "此为临时链接,仅用于预览,将在短期内失效。\n长江云\n\n湖北今年计划为企业降低成本1000亿元以上\n\n"
            "2024-05-07T15:07:21+08:00\n" + BODY,
            ("湖北今年计划为企业降低成本1000亿元以上", "2024-05-07", None, None),
        ),
    ],
)
def test_datelines_with_a_place_transfer_labels_preview_notices_and_iso_stamps(page, expected):
    assert _meta(page) == expected


@pytest.mark.parametrize(
    "page, expected",
    [
        (  # a two-part breadcrumb above a headline glued to its fields
            "黑龙江网 > 龙江\n\n某市宪法主题广场正式揭幕 发布时间:2023-12-04 18:40 来源:冰城司法行政\n"
            + BODY,
            ("某市宪法主题广场正式揭幕", "2023-12-04", "冰城司法行政", None),
        ),
        (  # a byline line of two outlets, a reporter and a correspondent: no headline
            "丝路昌吉/昌吉州融媒体中心 记者 刘茜 通讯员 姚博\n" + BODY,
            (None, None, "丝路昌吉/昌吉州融媒体中心", "刘茜 姚博"),
        ),
        (  # a title wrapped before 和
            "市政务服务办关于印发2024年工作总结\n和2025年工作要点的通知\n各区政务服务办:\n" + BODY,
            ("市政务服务办关于印发2024年工作总结和2025年工作要点的通知", None, "市政务服务办", None),
        ),
        (  # an empty source field, then another field's label
            "东昌区掀起学习宣传宪法知识热潮\n\n日期:2018-07-16 08:59:00\n来源:\n字体显示:\n\n" + BODY,
            ("东昌区掀起学习宣传宪法知识热潮", "2018-07-16", None, None),
        ),
        (  # the lead glued to the last reporter's name
            "某某标题新闻稿件\n本报讯 记者王斌 邵鹏璐日前从省营商环境建设局了解到,今年以来成效明显。\n"
            + BODY,
            ("某某标题新闻稿件", None, None, "王斌 邵鹏璐"),
        ),
        (  # a reporter without a label before a labelled correspondent
            "某某标题新闻稿件\n" + BODY + "\n确保按时完成任务。(林伊敏 通讯员欧阳素联)",
            ("某某标题新闻稿件", None, None, "林伊敏 欧阳素联"),
        ),
        (  # an outlet before the label is no reporter
            "某某标题新闻稿件\n本报讯(郑报全媒体记者 董艳竹) 昨日下午,会议召开。\n" + BODY,
            ("某某标题新闻稿件", None, "郑报", "董艳竹"),
        ),
    ],
)
def test_breadcrumbs_bylines_wrapped_titles_empty_fields_and_glued_leads(page, expected):
    assert _meta(page) == expected


def test_the_glued_lead_and_bracket_name_rules_switch_off():
    from pipeline import switches

    page = "某某标题新闻稿件\n本报讯 记者王斌 邵鹏璐日前从省营商环境建设局了解到,今年以来成效明显。\n" + BODY
    with switches.off({"author.glued_lead"}):
        assert _meta(page)[3] is None
    page = "某某标题新闻稿件\n" + BODY + "\n确保按时完成任务。(林伊敏 通讯员欧阳素联)"
    with switches.off({"author.bracket_names"}):
        assert _meta(page)[3] == "欧阳素联"


@pytest.mark.parametrize(
    "page, expected",
    [
        (  # a breadcrumb with an arrow of dashes: 首页 is no site name, let alone a source
            "设为首页 / 添加收藏 / 返回首页\n当前位置: 首页 -> 法院公告\n\n"
            "某市中级人民法院行政案件司法审判年度报告\n\n发布时间:2023-05-15 16:38:43\n\n" + BODY,
            ("某市中级人民法院行政案件司法审判年度报告", "2023-05-15", None, None),
        ),
        (  # a bullet before a byline's outlet; 全媒体 names the outlet when nothing before it does
            "开局起步 西宁交出漂亮成绩单\n\n◎西海全媒体记者 范程程\n\n" + BODY,
            ("开局起步 西宁交出漂亮成绩单", None, "西海全媒体", "范程程"),
        ),
        (  # ... and a paper's name before 全媒体记者 is the paper
            "某某标题新闻稿件\n本报讯(郑报全媒体记者 董艳竹) 昨日下午,会议召开。\n" + BODY,
            ("某某标题新闻稿件", None, "郑报", "董艳竹"),
        ),
        (  # three names closing the article
            "某某标题新闻稿件\n" + BODY + "(石庆海 张吉云 徐玉玲)\n\n   联系我们   回到顶部",
            ("某某标题新闻稿件", None, None, "石庆海 张吉云 徐玉玲"),
        ),
    ],
)
def test_dash_arrows_bullets_before_outlets_and_closing_name_runs(page, expected):
    assert _meta(page) == expected


@pytest.mark.parametrize(
    "page, expected",
    [
        (  # the Party congress theme banner above a report's column and headline
            "• 高举中国特色社会主义伟大旗帜,全面贯彻习近平新时代中国特色社会主义思想,"
            "为全面推进民族复兴而团结奋斗。\n\n"
            "工作信息\n\n某市司法局关于2023年法治政府建设情况的报告\n\n(2024-03-01)\n\n" + BODY,
            ("某市司法局关于2023年法治政府建设情况的报告", "2024-03-01", "某市司法局", None),
        ),
        (  # an e-paper's list of its papers is no headline
            "《西藏日报》 《西藏商报》 《西藏法制报》\n\n2025年06月13日\n\n"
            "书写“人民至上”的法治答卷\n\n本报记者 王香香\n\n" + BODY,
            ("书写“人民至上”的法治答卷", "2025-06-13", None, "王香香"),
        ),
        (  # a repost's original title, with no headline of its own
            "原标题:宪法日法治宣传 广场活动海口举行\n"
            "海口网12月4日消息(记者陈昌波 通讯员杨熠浩)3日,广场活动举行。\n" + BODY,
            ("宪法日法治宣传 广场活动海口举行", None, "海口网", "陈昌波 杨熠浩"),
        ),
        (
            "某某标题新闻稿件\n\n□ 本报记者 潘从武\n\n" + BODY,
            ("某某标题新闻稿件", None, None, "潘从武"),
        ),  # 从 in a byline
    ],
)
def test_theme_banners_paper_lists_original_titles_and_byline_names(page, expected):
    assert _meta(page) == expected


def test_a_paragraph_glued_to_a_line_of_fields_is_kept():
    from pipeline.clean import clean
    from pipeline.ingest import RawDocument, doc_id_of

    text = (
        "团风县人大常委会视察法治政府建设\n时间:2025-12-23 来源: 作者: [收藏] [打印] [关闭]"
        "12月17日,县人大常委会"
        "开展法治政府建设工作视察。县人大常委会主任丁永忠出席。\n" + BODY
    )
    doc = clean(RawDocument(doc_id_of(text), "x.txt", "utf_8", text))
    assert "县人大常委会主任丁永忠出席" in doc.clean_text and "[打印]" not in doc.clean_text
    assert doc.publish_date.isoformat() == "2025-12-23"


@pytest.mark.parametrize(
    "page, expected",
    [
        (  # an area issues a title written X关于…; a county's year report may be about it, by anyone
            "阜城县关于2022年度法治政府建设情况报告\n" + BODY,
            ("阜城县关于2022年度法治政府建设情况报告", None, "阜城县", None),
        ),
        ("柳城县2023年法治政府建设年度报告\n" + BODY, ("柳城县2023年法治政府建设年度报告", None, None, None)),
        (
            "梅仙镇2025年法治政府建设年度报告\n" + BODY,
            ("梅仙镇2025年法治政府建设年度报告", None, "梅仙镇", None),
        ),
        (  # a spam banner, a widget and a breadcrumb between it and the headline's dated byline
            "某某影院在线观看完整版,在线看最新大片,免费观看高清完整版,人人都爱看\n关注我们\n"
            "荆楚网 > 鄂东新闻\n"
            "鄂州营商环境满意度创新高\n发布时间:2022年02月09日17:13 来源: 荆楚网\n" + BODY,
            ("鄂州营商环境满意度创新高", "2022-02-09", "荆楚网", None),
        ),
        (  # the subtitle naming who attended and who chaired is no part of the headline
            "市九届人大常委会第二十六次会议召开\n张宝东列席并提请人事任免事项金东海主持并讲话\n"
            "来源:铁岭日报   发布时间:2025年01月06日\n" + BODY,
            ("市九届人大常委会第二十六次会议召开", "2025-01-06", "铁岭日报", None),
        ),
        (  # a page-title copy with column, editor and id after the headline
            "围绕中心依法履职 切实提高监督实效 政务要闻-政务 吕宏文 2881927\n"
            "您当前的位置 :首页 > 政务 > 政务要闻\n"
            "围绕中心依法履职 切实提高监督实效\n2019-05-22 08:42 | 来源: 吉林日报\n" + BODY,
            ("围绕中心依法履职 切实提高监督实效", "2019-05-22", "吉林日报", None),
        ),
        (  # a ticker above the page, and an outlet's colon before the reporter in brackets
            "今日特推: 山东省泗水县“空中”社保“播起来”,政策宣传“活起来”\n搜索:\n"
            "沂城街道村村有一个“流动网格服务站”\n浏览: 来源:山东法制传媒网\n"
            "山东法制传媒网:(谭庆军)近日,沂城街道加强了流动网格服务站建设,把室内工作变为室外工作。\n" + BODY,
            ("沂城街道村村有一个“流动网格服务站”", None, "山东法制传媒网", "谭庆军"),
        ),
        (  # rows of short links above the headline; the site's address before the date and outlet
            "浙江潮评论 | 浙商网 | 长三角 | 国内 | 国际 | 教育 | 娱乐 | 体育 | 社会 | 摄影 | 传媒 | 论坛\n"
            "浙江高层动态 | 浙江新闻 | 杭州 | 宁波 | 温州 | 绍兴 | 嘉兴 | 湖州 | 金华 | 台州 | 衢州\n"
            "新昌磐安两县交界处 “冤家”变“亲家”\nwww.zjol.com.cn  2006年05月09日 14:51:06  浙江在线新闻网站\n"
            + BODY,
            ("新昌磐安两县交界处 “冤家”变“亲家”", "2006-05-09", "浙江在线新闻网站", None),
        ),
        ("镇里调解纠纷见成效\n" + BODY + "(洪新典)", ("镇里调解纠纷见成效", None, None, "洪新典")),
        (  # a reporter's label inside the source field's brackets; 采访人员 is 新京报's word for a reporter
            "吉林省政府法制工作会议召开\n来源:中国日报吉林记者站(记者 刘晓) 编辑:许银娟\n" + BODY,
            ("吉林省政府法制工作会议召开", None, "中国日报吉林记者站", "刘晓"),
        ),
        (
            "垃圾分类新规实施三个月\n新京报快讯(采访人员 黄哲程)今天,发布会召开。\n" + BODY,
            ("垃圾分类新规实施三个月", None, "新京报", "黄哲程"),
        ),
    ],
)
def test_report_issuers_banners_subtitles_tickers_and_link_rows(page, expected):
    assert _meta(page) == expected


def test_the_names_subtitle_and_trailer_rules_switch_off():
    from pipeline import switches

    page = (
        "市九届人大常委会第二十六次会议召开\n张宝东列席并提请人事任免事项金东海主持并讲话\n"
        "来源:铁岭日报   发布时间:2025年01月06日\n" + BODY
    )
    with switches.off({"title.not.names_subtitle"}):
        assert _meta(page)[0] != "市九届人大常委会第二十六次会议召开"


def test_a_dateline_over_a_documents_title_is_no_banner():
    page = (
        "央视网消息（新闻联播）：\n中共中央 国务院 中央军委\n关于给景海鹏颁发“特级航天功勋奖章”\n"
        "授予朱杨柱、桂海潮“英雄航天员”荣誉称号\n并颁发“三级航天功勋奖章”的决定\n（2024年4月18日）\n" + BODY
    )
    assert _meta(page)[2] == "央视网"


@pytest.mark.parametrize(
    "page, expected",
    [
        (  # a masthead with the site's address, a font-size widget, a document number: no headline
            "湖南省应急管理厅 yjt.hunan.gov.cn 时间:2017-01-09 00:00\n【字体: 大 中 小】\n"
            "湘安监通报﹝2017﹞2号\n"
            "各市州安监局:\n" + BODY,
            (None, "2017-01-09", None, None),
        ),
        (  # the site's clock over the page dates no article; the byline's date does
            "2023年11月23日 星期四\n某县司法所开展普法活动\n2016-04-11 10:49:41   来源:人民网-法治频道\n"
            + BODY,
            ("某县司法所开展普法活动", "2016-04-11", "人民网-法治频道", None),
        ),
        (  # a headline, its date and its source on one line
            "市人大常委会会议召开 审议气象条例等 2024-09-27 来源:解放日报\n记者 王海燕\n" + BODY,
            ("市人大常委会会议召开 审议气象条例等", "2024-09-27", "解放日报", "王海燕"),
        ),
        (  # a headline glued to the paper's own dateline
            "市政府举行第21次常务会议 审议并原则通过《青岛市城市管理条例(草案)》等 本报讯 受市长委托,"
            "昨日上午,常务副市长主持召开了常务会议。\n" + BODY,
            ("市政府举行第21次常务会议 审议并原则通过《青岛市城市管理条例(草案)》等", None, None, None),
        ),
        (  # a Tibetan reporter's name has no surname
            "全区人民调解工作成效明显\n"
            "本网拉萨1月3日讯(记者 旦增旺姆 见习记者 李欣梦)日前,记者从有关部门了解到情况。\n" + BODY,
            ("全区人民调解工作成效明显", None, None, "旦增旺姆 李欣梦"),
        ),
        (  # the writer's credit before the paper's name; 来源:本站 is the site itself
            "人大常委会工作报告解读\n来源:本站\n文/北京青年报记者 张月朦\n" + BODY,
            ("人大常委会工作报告解读", None, "本站", "张月朦"),
        ),
        (  # a photographer's credit with an aside before 摄
            "县委召开依法治县委员会会议\n会议现场。墨竹融媒记者德吉卓嘎(大)摄\n" + BODY,
            ("县委召开依法治县委员会会议", None, None, None),
        ),
    ],
)
def test_mastheads_clocks_glued_headlines_ethnic_names_and_credits(page, expected):
    assert _meta(page) == expected


@pytest.mark.parametrize(
    "page, expected",
    [
        (  # a dateline with a blank after the outlet
            "兵团多元化解矛盾纠纷机制日益健全\n"
            "中新网 乌鲁木齐8月9日电 (史玉江 蒋易)8日下午,记者从新闻办获悉。\n" + BODY,
            ("兵团多元化解矛盾纠纷机制日益健全", None, "中新网", "史玉江 蒋易"),
        ),
        (  # an outlet and its reporter on a line of their own
            "行政争议化解见成效\n台州政法融媒体中心 赵梦琴\n" + BODY,
            ("行政争议化解见成效", None, "台州政法融媒体中心", "赵梦琴"),
        ),
    ],
)
def test_datelines_with_a_blank_and_outlet_name_lines(page, expected):
    assert _meta(page) == expected


@pytest.mark.parametrize(
    "page, expected",
    [
        (  # a menu of the group's papers is no headline
            "海南日报报业集团旗下媒体: 海南日报 |南国都市报 |南海网 |南岛晚报 |证券导报 返回首页\n"
            "白沙七坊镇综治中心高效解纷\n" + BODY,
            ("白沙七坊镇综治中心高效解纷", None, None, None),
        ),
        (  # an icon's caption before the home link is no site name
            "面包屑导航小图标 首页 > 人大资料 > 人大常委会公报\n\n关于优化营商环境议案办理情况的报告\n"
            + BODY,
            ("关于优化营商环境议案办理情况的报告", None, None, None),
        ),
        (  # byline lines under one another, a label spaced out; 本报 with a stray letter is no outlet
            "政协常委会议召开\n\n■通 讯 员 王成虎\n\n融媒体记者 张小燕 杨盼盼\n\n" + BODY,
            ("政协常委会议召开", None, None, "王成虎 张小燕 杨盼盼"),
        ),
        ("梅花镇推进网格化管理\nN本报记者 江方方\n" + BODY, ("梅花镇推进网格化管理", None, None, "江方方")),
    ],
)
def test_menus_icons_byline_lines_and_stray_letters(page, expected):
    assert _meta(page) == expected


@pytest.mark.parametrize(
    "page, expected",
    [
        (  # a page-title copy with the column and the site after underscores
            "群众有纠纷,就找“老娘舅”_衢州新闻_浙江网\n浙江网\n群众有纠纷,就找“老娘舅”\n2024-06-24 13:33:55\n"
            + BODY,
            ("群众有纠纷,就找“老娘舅”", "2024-06-24", None, None),
        ),
        (  # a bullet before the date, the paper and the reporter
            "全区政务服务改革现场推进会召开\n  • 2021-12-09   柳州日报   记者 谢耘\n" + BODY,
            ("全区政务服务改革现场推进会召开", "2021-12-09", "柳州日报", "谢耘"),
        ),
    ],
)
def test_underscored_title_copies_and_bulleted_bylines(page, expected):
    assert _meta(page) == expected


def test_a_title_cell_after_a_spaced_label_and_a_colon():
    page = (
        "公开内容快速切换\n索 引 号: | 640100-142/2019-00027 | 发布日期: | 2019-07-16 |\n"
        "名 称: | “12345一号通”平台2019年第25周受理办理情况通报 |\n" + BODY
    )
    assert _meta(page)[:2] == ("“12345一号通”平台2019年第25周受理办理情况通报", "2019-07-16")


@pytest.mark.parametrize(
    "page, expected",
    [
        (  # two issuers before 关于; a breadcrumb that opens with the home link is no site name
            "首页 专题专栏 > 法治政府建设\n中共某县委 某县人民政府 关于2023年度法治政府建设情况的报告\n"
            "时间:2024-03-05 11:41 来源:\n" + BODY,
            (
                "中共某县委 某县人民政府 关于2023年度法治政府建设情况的报告",
                "2024-03-05",
                "中共某县委 某县人民政府",
                None,
            ),
        ),
        (  # an empty source label before another label, and a poster's user name
            "省政协召开主席会议\n2018-12-26 02:48:16 信息来源:发布者:isen点击量:\n" + BODY,
            ("省政协召开主席会议", "2018-12-26", None, None),
        ),
        ("(相关资料图)\n" + BODY, (None, None, None, None)),  # a picture's caption is no headline
    ],
)
def test_joint_issuers_empty_labels_and_picture_captions(page, expected):
    assert _meta(page) == expected


def test_an_organisation_line_in_traditional_script_is_no_headline():
    assert metadata.is_org_line("福建省某縣司法局")
    assert metadata.not_title_rule("福建省某縣司法局") == "title.not.org"


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (  # a document's number and signer over joint issuers and the rest of the title
            "惠委〔2026〕17号 签发人:庄稼祥 黄育奇\n中共惠安县委 惠安县人民政府\n"
            "关于2025年度法治政府建设工作情况的报告\n" + BODY,
            (
                "中共惠安县委 惠安县人民政府关于2025年度法治政府建设工作情况的报告",
                None,
                "中共惠安县委 惠安县人民政府",
                None,
            ),
        ),
        ("王清祥 四川法治报全媒体记者 夏菲妮\n" + BODY, (None, None, None, "夏菲妮")),  # no headline
        (  # a breadcrumb opening with the home link, then the headline
            "首页 政法·热点 详情\n对症下药开良方——广西平果市基层调解见闻\n来源:农民日报\n" + BODY,
            ("对症下药开良方——广西平果市基层调解见闻", None, "农民日报", None),
        ),
        (  # an app's banner over the page
            "上游新闻\n更多的资讯等着你...\n立即下载\n赞!又一区域违建被综合整治\n" + BODY,
            ("赞!又一区域违建被综合整治", None, None, None),
        ),
        (  # an accessibility notice and a disclosure table's row over the headline
            "本站已启用无障碍浏览系统,欢迎点击访问!\n"
            "责任部门 灵武市审批服务管理局 公开时限 长期公开 所属分类 重点工作\n"
            "灵武市政务服务2022年上半年运行分析情况的通报\n" + BODY,
            ("灵武市政务服务2022年上半年运行分析情况的通报", None, None, None),
        ),
        (  # a meeting's name is no body: the original title of a repost
            "原标题:省十三届人大常委会第九次会议闭会\n" + BODY,
            ("省十三届人大常委会第九次会议闭会", None, None, None),
        ),
        (  # the headline, a bar, then its source and date
            "市人大常委会开展执法检查 | 来源:大连市人民政府 点击数:59次 更新时间:2025/5/29 12:52:57\n" + BODY,
            ("市人大常委会开展执法检查", "2025-05-29", "大连市人民政府", None),
        ),
        (  # an e-paper's edition line and its speech button are chrome; a reporter's rarer surname
            "第7604期:第02版 综合新闻\n陕西食品安全监督抽检合格率达97.57%\n语音播报: 语音播报\n"
            "本报讯(记者 赵院刚)11月13日,记者从省政府新闻办公室获悉。\n" + BODY,
            ("陕西食品安全监督抽检合格率达97.57%", None, None, "赵院刚"),
        ),
        ("本报讯 (记者 代建新)8月31日,市人大常委会召开会议。\n" + BODY, (None, None, None, "代建新")),
        (  # a menu's column is no headline
            "工作情况公开\n来电类型公开\n承办情况公开\n反映热点公开\n" + BODY,
            (None, None, None, None),
        ),
    ],
)
def test_signers_reporter_lines_banners_rows_and_menu_columns(page, expected):
    assert _meta(page) == expected


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            "天津刑事治安案件大幅减少 破案率再创新高******\n" + BODY,
            ("天津刑事治安案件大幅减少 破案率再创新高", None, None, None),
        ),
        (
            "[权威发布]福建省2017年法治政府建设情况报告\n" + BODY,
            ("福建省2017年法治政府建设情况报告", None, None, None),
        ),
        (
            "【工作动态】平房区开展宣传活动\n" + BODY,
            ("【工作动态】平房区开展宣传活动", None, None, None),
        ),  # the headline's own
        ("政 府 工 作 报 告\n五莲县县长 孙丽\n" + BODY, (None, None, None, None)),  # who reports
        (  # a question over its dated byline is a headline
            "谁是山歌王中王?\n广播 2019-12-07 19:43 在柳州APP\n" + BODY,
            ("谁是山歌王中王?", "2019-12-07", None, None),
        ),
        (  # figures make a headline, not two organisations
            "哈尔滨市30天清理露天烧烤874处 取缔占道经营13627处\n2017-08-18 11:11:00 来源:黑龙江晨报\n" + BODY,
            ("哈尔滨市30天清理露天烧烤874处 取缔占道经营13627处", "2017-08-18", "黑龙江晨报", None),
        ),
        (  # the paper's credit closing the article
            "本报哈尔滨11月30日电 (记者郝迎灿)今年收成好。\n"
            + BODY
            + "\n《 人民日报 》( 2020年12月01日 11 版)",
            (None, "2020-12-01", "人民日报", "郝迎灿"),
        ),
        (
            "汝州市12345民呼必应热线\n七月份工作简报\n" + BODY,
            ("汝州市12345民呼必应热线七月份工作简报", None, None, None),
        ),
    ],
)
def test_ornaments_speakers_questions_and_paper_credits(page, expected):
    assert _meta(page) == expected
