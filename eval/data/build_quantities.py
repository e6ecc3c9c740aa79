"""Build eval/data/quantities.yaml: short sentences with one target span each.

    python eval/data/build_quantities.py

Positives: number expressions written by hand with their expected value (money in 元,
percentages as the percent number, ranges by their first bound), each placed into several
sentence frames of the genre. `num` is the numeral part alone (what a numeral converter is
given in span mode). Negatives: spans that look numeric but are not quantities (years,
dates, document numbers, ordinals, slogans, phone/ICP numbers, hotline names).
Expected values are stated here by hand; nothing is computed by a parser.
"""
from __future__ import annotations

from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent

# (expression as written before the unit, numeral part, value, approx)
COUNTS = [
    ("15", "15", 15, False), ("1148", "1148", 1148, False), ("1,156", "1,156", 1156, False),
    ("23,827", "23,827", 23827, False), ("6,770,686", "6,770,686", 6770686, False),
    ("3.2万", "3.2万", 32000, False), ("1.3万余", "1.3万", 13000, True), ("553余", "553", 553, True),
    ("70余", "70", 70, True), ("近300", "300", 300, True), ("约2000", "2000", 2000, True),
    ("300多", "300", 300, True), ("二十三", "二十三", 23, False), ("一千二百", "一千二百", 1200, False),
    ("两万三千", "两万三千", 23000, False), ("十余", "十", 10, True), ("三千余", "三千", 3000, True),
    ("5万", "5万", 50000, False), ("1.26万", "1.26万", 12600, False), ("120余", "120", 120, True),
    ("4.2万多", "4.2万", 42000, True), ("逾1000", "1000", 1000, True), ("超过500", "500", 500, True),
    ("九", "九", 9, False), ("十二", "十二", 12, False), ("一百零八", "一百零八", 108, False),
    ("两", "两", 2, False), ("三", "三", 3, False), ("6.7万", "6.7万", 67000, False),
    ("7.8万余", "7.8万", 78000, True), ("210余", "210", 210, True), ("1400余", "1400", 1400, True),
    ("二百", "二百", 200, False), ("4", "4", 4, False), ("857", "857", 857, False),
    ("12.9万", "12.9万", 129000, False), ("3700多", "3700", 3700, True),
    ("五十余", "五十", 50, True), ("1600", "1600", 1600, False),
]
COUNT_FRAMES = [
    ("件", "全年共受理行政复议案件{q}，均在法定期限内办结。"),
    ("人", "组织国家工作人员参加网上学法考试，参考{q}。"),
    ("人次", "开展法律咨询服务，惠及群众{q}。"),
    ("户", "全县新登记市场主体{q}，同比增长明显。"),
    ("项", "县政务服务中心进驻事项{q}，实现集中办理。"),
    ("场次", "深入乡村开展法治宣传活动{q}。"),
    ("个", "全县共有{q}行政执法单位公示了执法信息。"),
    ("份", "制作发放行政复议宣传手册{q}。"),
    ("条", "录入行政检查信息{q}，发布监管动态信息若干。"),
    ("名", "全区配备专职人民调解员{q}。"),
    ("次", "县政府常务会议专题学法{q}。"),
    ("卷", "抽查行政执法案卷{q}，评查结果已通报。"),
    ("起", "排查化解各类矛盾纠纷{q}。"),
    ("家", "全年对{q}市场主体实施包容审慎监管。"),
]
RATES = [
    ("91.8%", "91.8", 91.8, False), ("100%", "100", 100, False), ("百分之百", "百分之百", 100, False),
    ("百分之九十五", "百分之九十五", 95, False), ("95%以上", "95", 95, True), ("约37%", "37", 37, True),
    ("98.6％", "98.6", 98.6, False), ("百分之九十八点五", "百分之九十八点五", 98.5, False),
    ("0.5%", "0.5", 0.5, False), ("近90%", "90", 90, True), ("64.03%", "64.03", 64.03, False),
    ("百分之六十", "百分之六十", 60, False),
]
RATE_FRAMES = [
    "行政机关负责人出庭应诉率达到{q}。", "群众满意率为{q}，较上年有所提升。",
    "规范性文件报备率{q}，报备及时率同步提高。", "人民调解成功率保持在{q}。",
]
POINTS = [("3.5", "3.5", 3.5, False), ("两", "两", 2, False), ("0.8", "0.8", 0.8, False),
          ("十", "十", 10, False), ("6.2", "6.2", 6.2, False)]
POINT_FRAMES = ["出庭应诉率较上年提高{q}。", "行政复议纠错率同比下降{q}，办案质量稳步提升。",
                "“全程网办”率比上年增长{q}。"]
MONEY = [
    ("1728.7万元", "1728.7万", 17287000, False), ("52.31亿元", "52.31亿", 5231000000, False),
    ("420万元", "420万", 4200000, False), ("3.6万余元", "3.6万", 36000, True),
    ("1,200元", "1,200", 1200, False), ("两千元", "两千", 2000, False),
    ("5000余万元", "5000万", 50000000, True), ("1.02亿元", "1.02亿", 102000000, False),
    ("八万元", "八万", 80000, False), ("2.5亿余元", "2.5亿", 250000000, True),
    ("518.94万元", "518.94万", 5189400, False), ("约90万元", "90万", 900000, True),
]
MONEY_FRAMES = ["为受援人挽回经济损失{q}。", "执行政府购买服务项目，金额{q}。",
                "依法作出罚没决定，罚没款{q}。", "财政每年投入公共法律服务经费{q}。"]
DURATIONS = [
    ("45.48天", "45.48", 45.48, "天", False), ("3个工作日", "3", 3, "个工作日", False),
    ("15个工作日", "15", 15, "个工作日", False), ("2小时", "2", 2, "小时", False),
    ("6个月", "6", 6, "个月", False), ("40学时", "40", 40, "学时", False),
    ("三个工作日", "三", 3, "个工作日", False), ("30分钟", "30", 30, "分钟", False),
]
DURATION_FRAMES = ["企业开办时间压缩至{q}以内。", "行政许可事项平均办理时限为{q}。",
                   "结案平均用时{q}，效率明显提高。"]
RATIOS = [("1.5倍", "1.5", 1.5, False), ("两倍", "两", 2, False), ("3倍", "3", 3, False)]
RATIO_FRAMES = ["行政复议案件数量是上年的{q}。", "新收案件量达到改革前的{q}。", "线上办件量增长至上年的{q}。"]
HANDWRITTEN = [  # text, span, num, value, unit, kind, approx
    ("截至目前，人民调解组织共调解矛盾纠纷750件，排查纠纷239场次。", "239场次", "239", 239, "场次", "count", False),
    ("全县共有64个调委会，254名调解员。", "64个", "64", 64, "个", "count", False),
    ("全县共有64个调委会，254名调解员。", "254名", "254", 254, "名", "count", False),
    ("县检测能力每日最大24000管，其中方舱实验室11000管。", "24000管", "24000", 24000, "管", "count", False),
    ("2022年共接种疫苗1461049剂。", "1461049剂", "1461049", 1461049, "剂", "count", False),
    ("认领监管事项清单1260类1260项。", "1260类", "1260", 1260, "类", "count", False),
    ("县应急物资储备库现储备应急物资50类4.88万件。", "4.88万件", "4.88万", 48800, "件", "count", False),
    ("发送普法短信6673万条。", "6673万条", "6673万", 66730000, "条", "count", False),
    ("组织开展县级应急演练2次(坝体开裂1次,森林防火1次)。", "2次", "2", 2, "次", "count", False),
    ("全区共有行政执法人员1300余名，考试完成率100%。", "1300余名", "1300", 1300, "名", "count", True),
    ("每年对处级以上领导干部按照20%以上的比例随机抽考。", "20%以上", "20", 20, "%", "rate", True),
    ("行政案件败诉率2%(二审败诉)。", "2%", "2", 2, "%", "rate", False),
    ("平均跑动次数达0.2次、即办件比例达46%。", "0.2次", "0.2", 0.2, "次", "count", False),
    ("开展行政执法培训3至5期。", "3至5期", "3", 3, "期", "count", True),
    ("每村每月服务1至2次。", "1至2次", "1", 1, "次", "count", True),
]
NEGATIVES = [  # (text, span, category)
    ("2022年，我县坚持以习近平法治思想为指导。", "2022年", "year"),
    ("2019年至今我县共办理行政复议案件11件。", "2019年", "year"),
    ("现将2023年度法治政府建设情况报告如下。", "2023年", "year"),
    ("二〇二三年，全县法治政府建设取得新成效。", "二〇二三年", "year"),
    ("对照《法治政府建设实施纲要(2021—2025年)》逐项落实。", "2021—2025年", "year"),
    ("深入实施提升行政执法质量三年行动工作方案(2023-2025年)。", "2023-2025年", "year"),
    ("力争2024年底前完成全部任务。", "2024年", "year"),
    ("2020年以来，提拔重用政法岗位干部。", "2020年", "year"),
    ("自2014年开展行政审批制度改革工作以来。", "2014年", "year"),
    ("巩固“十三五”成果，谋划2025年目标。", "2025年", "year"),
    ("中共洪洞县委 2023年2月1日", "2023年2月1日", "date"),
    ("12月7日前，共设置便民采样点。", "12月7日", "date"),
    ("每年3月1日前报送上一年度报告。", "3月1日", "date"),
    ("二〇二四年一月二十六日", "二〇二四年一月二十六日", "date"),
    ("发布时间：2024-03-20 来源：县司法局", "2024-03-20", "date"),
    ("2024年6月底前完成执法人员轮训。", "6月底", "date"),
    ("5月20日在全面依法治区委员会会议上听取汇报。", "5月20日", "date"),
    ("8月11日，区长主持召开区政府常务会议。", "8月11日", "date"),
    ("2019年12月27日", "2019年12月27日", "date"),
    ("2022-06-30 16:00:05 投稿作者:网友投稿", "16:00:05", "date"),
    ("截至2019年6月18日，共取消行政审批事项。", "2019年6月18日", "date"),
    ("于2015年8月20日印发了重大行政决策程序规定。", "2015年8月20日", "date"),
    ("按照晋法治办〔2022〕14号文件精神开展自查。", "〔2022〕14号", "docno"),
    ("贯彻国办发〔2018〕118号文件要求。", "〔2018〕118号", "docno"),
    ("落实厅字〔2019〕28号规定。", "〔2019〕28号", "docno"),
    ("依据中发〔2021〕33号文件。", "〔2021〕33号", "docno"),
    ("转发县政办发[2023]5号通知。", "[2023]5号", "docno"),
    ("印发《关于加强行政执法监督的意见》(临政发〔2023〕12号)。", "〔2023〕12号", "docno"),
    ("国务院令第713号施行以来。", "第713号", "docno"),
    ("执行省政府令第285号。", "第285号", "docno"),
    ("区委十四届第140次常委会听取汇报。", "第140次", "ordinal"),
    ("区政府第81次常务会研究法治工作。", "第81次", "ordinal"),
    ("区长主持召开区政府第90次会议。", "第90次", "ordinal"),
    ("入选第二批全国法治政府建设示范地区。", "第二批", "ordinal"),
    ("严格落实第一责任人职责。", "第一责任人", "ordinal"),
    ("对照省委第三督察组反馈问题整改。", "第三督察组", "ordinal"),
    ("全省考核排名前3名。", "前3名", "ordinal"),
    ("依据行政复议法第五十条规定。", "第五十条", "ordinal"),
    ("当年第一季度公布上年度规范性文件目录。", "第一季度", "ordinal"),
    ("从一季度全国排名第十，到二季度全国排名第四。", "第十", "ordinal"),
    ("在全面依法治区委员会第三次会议上作点评。", "第三次", "ordinal"),
    ("党的二十届三中全会精神。", "二十届", "ordinal"),
    ("党的十九大和十九届二中、三中全会精神。", "十九届", "ordinal"),
    ("开学第一课走进校园。", "第一课", "ordinal"),
    ("全面落实行政执法“三项制度”。", "三项制度", "slogan"),
    ("坚持“五个坚决防止”要求。", "五个坚决防止", "slogan"),
    ("制定“1+3”文件，建立三级平台。", "1+3", "slogan"),
    ("紧紧围绕市委“1355”战略部署。", "1355", "slogan"),
    ("增强“四个意识”、坚定“四个自信”。", "四个意识", "slogan"),
    ("做到“两个维护”。", "两个维护", "slogan"),
    ("深入推进“三集中三到位”改革。", "三集中三到位", "slogan"),
    ("突出“八五”普法重点。", "八五", "slogan"),
    ("聚焦“十四五”规划目标。", "十四五", "slogan"),
    ("设立“一窗通办”窗口。", "一窗通办", "slogan"),
    ("大力推行“一件事一次办”。", "一件事一次办", "slogan"),
    ("推进“最多跑一次”改革。", "最多跑一次", "slogan"),
    ("继续开展“一村(社区)一法律顾问”。", "一村(社区)一法律顾问", "slogan"),
    ("按照“3221”标准配备专职人民调解员。", "3221", "slogan"),
    ("认真执行“三重一大”制度。", "三重一大", "slogan"),
    ("瞄准县委“五大定位”。", "五大定位", "slogan"),
    ("强化对“两法衔接”平台的运用。", "两法衔接", "slogan"),
    ("创新“三审四议”制度。", "三审四议", "slogan"),
    ("实现“一个领域一支队伍管执法”。", "一支队伍", "slogan"),
    ("开展“五减”专项行动。", "五减", "slogan"),
    ("全面融入共建“一带一路”。", "一带一路", "slogan"),
    ("构建“1+1+N”的社会信用体系架构。", "1+1+N", "slogan"),
    ("全面实行“三十一证合一”。", "三十一证合一", "slogan"),
    ("实现“一网通办”。", "一网通办", "slogan"),
    ("坚持“三调”联动。", "三调", "slogan"),
    ("建立短板问题“两清单一台账”。", "两清单一台账", "slogan"),
    ("实行“一套材料、一表登记、一窗受理”工作模式。", "一套材料", "slogan"),
    ("树立“三个形象”、强化“三个监管”。", "三个形象", "slogan"),
    ("推进“放管服”改革和“证照分离”。", "放管服", "slogan"),
    ("落实“五包一”责任制。", "五包一", "slogan"),
    ("实现“一枚公章管审批”。", "一枚公章", "slogan"),
    ("联系电话:0357-6222148", "0357-6222148", "phone"),
    ("晋ICP备12000921号 网站标识码:1410240020", "12000921号", "icp"),
    ("晋ICP备12000921号 网站标识码:1410240020", "1410240020", "icp"),
    ("晋公网安备 14102402000402号", "14102402000402号", "icp"),
    ("群众通过12345政府服务热线反映诉求。", "12345", "hotline"),
    ("转办市“12345”政府服务热线群众来电。", "12345", "hotline"),
    ("拨打12348公共法律服务热线咨询。", "12348", "hotline"),
    ("使用大于1366*768分辨率浏览器。", "1366*768", "code"),
    ("建议使用IE10.0或以上浏览器。", "10.0", "code"),
    ("充分利用12·4宪法宣传周开展活动。", "12·4", "date"),
    ("邮政编码：042300", "042300", "code"),
    ("统一社会信用代码11141024MB1234567X。", "11141024", "code"),
    ("一是健全完善依法决策机制。", "一是", "marker"),
    ("二是做好规范性文件审查备案工作。", "二是", "marker"),
    ("一方面加强人员配备，一方面加大培训。", "一方面", "marker"),
    ("研究废止一批政府规范性文件。", "一批", "vague"),
    ("推动政务服务一体化建设。", "一体", "vague"),
    ("进一步健全多元化解机制。", "进一步", "vague"),
    ("两会以来，按时办理建议提案。", "两会", "vague"),
    ("各乡镇设立了一个或多个采样点。", "一个", "vague"),
    ("做到“只进一扇门”。", "一扇门", "slogan"),
    ("实现旁听庭审全覆盖。", "全覆盖", "vague"),
    ("组织开展法治体检等一系列活动。", "一系列", "vague"),
    ("深入学习《民法典》第一千一百六十五条。", "第一千一百六十五条", "ordinal"),
    ("参照GB/T 9704-2012规范公文格式。", "9704-2012", "code"),
    ("报告在第3页第2段。", "第3页", "ordinal"),
    ("开展“法律七进”活动。", "七进", "slogan"),
    ("举办第十二届法治文化节。", "第十二届", "ordinal"),
    ("全面落实“谁执法谁普法”，落实“四级”联动。", "四级", "slogan"),
    ("编制“三定”规定。", "三定", "slogan"),
    ("建立“一支队伍管执法”和“一张网”格局。", "一张网", "slogan"),
    ("推动“一业一证”改革。", "一业一证", "slogan"),
]


def main() -> None:
    items = []
    n = 0
    def add(text, span, num, value, unit, kind, approx):
        nonlocal n
        n += 1
        assert span in text, (text, span)
        items.append({"id": f"q{n:03d}", "text": text, "span": span, "num": num, "value": value,
                      "unit": unit, "kind": kind, "approx": approx})
    for i, (expr, num, value, approx) in enumerate(COUNTS):
        for j in range(4):
            unit, frame = COUNT_FRAMES[(i * 3 + j * 5) % len(COUNT_FRAMES)]
            q = expr + unit
            add(frame.format(q=q), q, num, value, unit, "count", approx)
    for expr, num, value, approx in RATES:
        for frame in RATE_FRAMES:
            add(frame.format(q=expr), expr, num, value, "%", "rate", approx)
    for expr, num, value, approx in POINTS:
        for frame in POINT_FRAMES:
            q = expr + "个百分点"
            add(frame.format(q=q), q, num, value, "个百分点", "ratio", approx)
    for expr, num, value, approx in MONEY:
        for frame in MONEY_FRAMES:
            add(frame.format(q=expr), expr, num, value, "元", "money", approx)
    for expr, num, value, unit, approx in DURATIONS:
        for frame in DURATION_FRAMES:
            add(frame.format(q=expr), expr, num, value, unit, "duration", approx)
    for expr, num, value, approx in RATIOS:
        for frame in RATIO_FRAMES:
            add(frame.format(q=expr), expr, num, value, "倍", "ratio", approx)
    for text, span, num, value, unit, kind, approx in HANDWRITTEN:
        add(text, span, num, value, unit, kind, approx)
    neg = []
    for k, (text, span, cat) in enumerate(NEGATIVES, 1):
        assert span in text, (text, span)
        neg.append({"id": f"n{k:03d}", "text": text, "span": span, "category": cat})
    doc = {"schema": "fazhi.eval.quantities/1",
           "conventions": "value: money in 元, percentages as the percent number, ranges by the first bound; "
                          "num: the numeral part alone (span mode of numeral converters)",
           "positives": items, "negatives": neg}
    with open(HERE / "quantities.yaml", "w", encoding="utf-8") as fh:
        fh.write("# Generated by eval/data/build_quantities.py; edit the builder, not this file.\n")
        yaml.safe_dump(doc, fh, allow_unicode=True, sort_keys=False, width=200)
    print(f"{len(items)} positives, {len(neg)} negatives")


if __name__ == "__main__":
    main()
