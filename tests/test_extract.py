"""Extraction rules, metric by metric: what each finds and what it must leave alone.

Sentences are written the way committee reports speak, with other wording than the
bundled reports, so that the rules are checked on phrasing they were not fitted to.
"""
import pytest

from etl import paths
from etl.catalogue import load_catalogue
from etl.read import read_bytes
from etl.extract import extract, extract_facts
from etl.reports import ReportInfo

REPORT = ReportInfo(file="test.txt", cities=("潍坊",), year=2023, published="2024-01-10")


def facts_of(text, report=REPORT):
    # through the reader, as a report file would be (spaces around figures, 繁体, line wraps)
    return extract_facts(read_bytes(text.encode("utf-8"), "test.txt"), report)


def stated(text, report=REPORT):
    return {(f.metric, f.value, f.qualifier) for f in facts_of(text, report) if not f.derived}


# (sentence, facts it states). Every catalogue metric has positive cases here.
POSITIVE = [
    # proposals.submitted / filed / filing_rate
    ("大会期间共收到委员提案512件，经审查立案468件，立案率91.4%。",
     {("proposals.submitted", 512, "exact"), ("proposals.filed", 468, "exact"),
      ("proposals.filing_rate", 91.4, "exact")}),
    ("政协委员和各参加单位共提出提案386件。", {("proposals.submitted", 386, "exact")}),
    ("大会期间，共收到委员提案和各参加单位提案465件，经审查，立案418件，并案处理23件。",
     {("proposals.submitted", 465, "exact"), ("proposals.filed", 418, "exact")}),
    ("截至1月10日，提案组收到各类提案402件，其中立案356件。",
     {("proposals.submitted", 402, "exact"), ("proposals.filed", 356, "exact")}),
    ("审查立案提案290件。", {("proposals.filed", 290, "exact")}),
    ("312件立案提案均已办复。", {("proposals.filed", 312, "exact"), ("proposals.reply_rate", 100, "exact")}),
    # by members / collective / parties
    ("在立案提案中，委员提案301件，集体提案28件。",
     {("proposals.by_members", 301, "exact"), ("proposals.collective", 28, "exact")}),
    ("立案提案中，各民主党派、工商联集体提案26件。",
     {("proposals.collective", 26, "exact"), ("parties.proposals", 26, "exact")}),
    ("各民主党派市委会和市工商联围绕中心工作提交提案61件，报送社情民意信息233篇。",
     {("parties.proposals", 61, "exact"), ("parties.info", 233, "exact")}),
    # key proposals
    ("市政协确定重点提案18件，由主席会议成员领衔督办。", {("proposals.key", 18, "exact")}),
    ("围绕全市中心工作遴选出重点提案15件。", {("proposals.key", 15, "exact")}),
    # a subset's rate in words is no committee rate (v1.1): the key count stays
    ("市领导领办督办的30件重点提案全部办结。", {("proposals.key", 30, "exact")}),
    # rates
    ("提案办复率100%，提案者满意和基本满意率达97.5%。",
     {("proposals.reply_rate", 100, "exact"), ("proposals.satisfaction_rate", 97.5, "exact")}),
    ("委员对办理结果满意和基本满意的占98%以上。", {("proposals.satisfaction_rate", 98, "at_least")}),
    ("提案所提问题已经解决或基本解决的占82.5%。", {("proposals.resolved_rate", 82.5, "exact")}),
    ("所有提案已全部答复。", {("proposals.reply_rate", 100, "exact")}),
    # information
    ("全年共收到社情民意信息2150篇，编报《社情民意》86期，报送信息612篇。",
     {("info.collected", 2150, "exact"), ("info.submitted", 612, "exact")}),
    ("征集各类信息3000余条。", {("info.collected", 3000, "at_least")}),
    ("全年收集社情民意260余条。", {("info.collected", 260, "at_least")}),
    ("一年来开展界别协商等活动十二次，报送社情民意信息三百余条。", {("info.submitted", 300, "at_least")}),
    ("获省委和市领导批示的信息17条。", {("info.leader_instructions", 17, "exact")}),
    # the parties' pieces adopted are theirs, not the committee's adoptions
    ("各民主党派市委、市工商联报送社情民意信息380篇，其中被省级以上采用52篇。", {("parties.info", 380, "exact")}),
    # split by where the pieces went: parts, not the total
    ("编报信息390篇，其中向全国政协报送70篇、向省政协报送240篇。", {("info.submitted", 390, "exact")}),
    ("上报的信息中，被全国政协刊用5篇，被省政协录用61篇。",
     {("info.adopted_national", 5, "exact"), ("info.adopted_provincial", 61, "exact")}),
    ("所有立案提案均已办理答复，提案者满意率逐年提高，2023年达到99.1%。",
     {("proposals.reply_rate", 100, "exact"), ("proposals.satisfaction_rate", 99.1, "exact")}),
    ("提案者满意率从2018年的94.2%逐年提高到今年的98.7%。", {("proposals.satisfaction_rate", 98.7, "exact")}),
    ("全市各级政协共收集社情民意信息二千余条，其中市政协收集六百三十条。",
     {("info.collected", 2000, "at_least"), ("info.collected", 630, "exact")}),
    ("本次会议共收到提案356件，其中以民主党派市委、市工商联名义提交的38件。",
     {("proposals.submitted", 356, "exact"), ("parties.proposals", 38, "exact")}),
    # "among the districts' committees" names no subject
    ("信息采用数在全市各区政协中位居前列；获市、区领导批示44篇次。", {("info.leader_instructions", 44, "exact")}),
    ("立案提案中，委员提案268件（含联名提案31件），集体提案合计57件。",
     {("proposals.by_members", 268, "exact"), ("proposals.collective", 57, "exact")}),
    ("信息被全国政协、省政协采用共88条，其中全国政协采用9条（含专报采用2条）。",
     {("info.adopted", 88, "exact"), ("info.adopted_national", 9, "exact")}),
    # the members' share of the filed ones, not the filing rate
    ("立案提案中委员个人和联名提案344件，占86.2%。", {("proposals.by_members", 344, "exact")}),
    ("信息被全国政协采用3条、省政协采用21条，采用总数24条。",
     {("info.adopted_national", 3, "exact"), ("info.adopted_provincial", 21, "exact"), ("info.adopted", 24, "exact")}),
    ("共收到提案472件，立案430件。以委员个人或联名名义提出的立案提案391件，以各民主党派、人民团体和界别名义提出的集体提案39件。",
     {("proposals.submitted", 472, "exact"), ("proposals.filed", 430, "exact"),
      ("proposals.by_members", 391, "exact"), ("proposals.collective", 39, "exact")}),
    ("社情民意信息工作成效明显，上报信息420篇，被全国政协采用9篇、省政协采用96篇。",
     {("info.submitted", 420, "exact"), ("info.adopted_national", 9, "exact"),
      ("info.adopted_provincial", 96, "exact")}),
    ("报送的信息中有130篇被省级以上采用。", {("info.adopted", 130, "exact")}),
    ("反映社情民意信息，获省部级以上领导批示21篇次。", {("info.leader_instructions", 21, "exact")}),
    # consultation and supervision
    ("全年组织各类协商活动45场次。", {("consultation.activities", 45, "exact")}),
    ("开展专题协商3次、对口协商6次、界别协商8次，开展专项民主监督3项。",
     {("consultation.thematic", 3, "exact"), ("consultation.counterpart", 6, "exact"),
      ("consultation.sectoral", 8, "exact"), ("supervision.special", 3, "exact")}),
    ("召开专题议政性常委会会议2次。", {("consultation.thematic", 2, "exact")}),
    # members and platforms
    ("全市已建成36个委员工作室。", {("members.studios", 36, "exact")}),
    ("4家“界别同心汇”获省政协授牌。", {("platforms.sector_hubs", 4, "exact")}),
    # the figure before the noun
    ("大会共收到463件提案，其中412件予以立案。",
     {("proposals.submitted", 463, "exact"), ("proposals.filed", 412, "exact")}),
    ("全年收集到2300条社情民意信息，编报560篇信息。",
     {("info.collected", 2300, "exact"), ("info.submitted", 560, "exact")}),
    # whole paragraphs the way work reports put them
    ("截至10月底，立案的515件提案已全部办复，提案办理满意率为96.3%。",
     {("proposals.filed", 515, "exact"), ("proposals.reply_rate", 100, "exact"),
      ("proposals.satisfaction_rate", 96.3, "exact")}),
    ("报送社情民意信息1300余篇，被全国政协采用26篇，被省政协采用218篇，获省级以上领导批示38篇次。",
     {("info.submitted", 1300, "at_least"), ("info.adopted_national", 26, "exact"),
      ("info.adopted_provincial", 218, "exact"), ("info.leader_instructions", 38, "exact")}),
    ("全年组织开展协商议政活动100余次，召开专题协商会3次，举办对口协商会5场。",
     {("consultation.activities", 100, "at_least"), ("consultation.thematic", 3, "exact"),
      ("consultation.counterpart", 5, "exact")}),
    ("开展专项民主监督活动3次，委员工作室达到60个。",
     {("supervision.special", 3, "exact"), ("members.studios", 60, "exact")}),
    # ---- frames of the v1.1 clarifications, in words of our own
    # the count before the noun
    ("会议期间委员们提交的212件提案，经审查立案198件。",
     {("proposals.submitted", 212, "exact"), ("proposals.filed", 198, "exact")}),
    ("全年有15条信息经市委市政府主要领导批示。", {("info.leader_instructions", 15, "exact")}),
    ("23篇社情民意信息被全国政协办公厅采用。", {("info.adopted_national", 23, "exact")}),
    ("从中确定9件提案作为市领导领衔督办的重点提案。", {("proposals.key", 9, "exact")}),
    # a share that refers back to the count before it
    ("经审查，立案402件，占提案总数的93.5%。",
     {("proposals.filed", 402, "exact"), ("proposals.filing_rate", 93.5, "exact")}),
    ("经审查立案交承办单位办理的388件，占提案总数的96.1%。",
     {("proposals.filed", 388, "exact"), ("proposals.filing_rate", 96.1, "exact")}),
    ("提案者对办理结果表示满意或基本满意的356件，占97.2%。",
     {("proposals.satisfaction_rate", 97.2, "exact")}),
    ("所提问题已经解决和部分解决的301件，占办复总数的72.4%。",
     {("proposals.resolved_rate", 72.4, "exact")}),
    ("已解决或采纳的提案占41.3%，列入计划逐步解决的占50.2%。",
     {("proposals.resolved_rate", 41.3, "exact")}),
    # rates said in words
    ("截至11月底，所有交办提案均已完成办理答复。", {("proposals.reply_rate", 100, "exact")}),
    ("提案承办单位共86家，已全部答复完毕。", {("proposals.reply_rate", 100, "exact")}),
    ("全部提案在规定期限内办复，提案者均表示满意或基本满意。",
     {("proposals.reply_rate", 100, "exact"), ("proposals.satisfaction_rate", 100, "exact")}),
    ("提案办理满意率连续五年保持在98%以上。", {("proposals.satisfaction_rate", 98, "at_least")}),
    ("提案办理满意率为96.5%，基本满意率为3.5%。", {("proposals.satisfaction_rate", 96.5, "exact")}),
    # breakdowns of the filed proposals named in other words
    ("经审查立案455件。其中，委员个人或联名提案380件，政协各参加单位和各专门委员会提案75件。",
     {("proposals.filed", 455, "exact"), ("proposals.by_members", 380, "exact"),
      ("proposals.collective", 75, "exact")}),
    ("立案提案301件，其中党派、团体和界别提案48件，委员个人和联名提案253件。",
     {("proposals.filed", 301, "exact"), ("proposals.collective", 48, "exact"),
      ("proposals.by_members", 253, "exact")}),
    ("经审查立案300件，其中各民主党派市委、市工商联80件，委员提案220件。",
     {("proposals.filed", 300, "exact"), ("parties.proposals", 80, "exact"),
      ("proposals.by_members", 220, "exact")}),
    # figures set off by spaces or broken lines
    ("会议共收到提案 318 件，立案并交办 296 件。",
     {("proposals.submitted", 318, "exact"), ("proposals.filed", 296, "exact")}),
    # provisional and actual filing
    ("经初步审查，拟立案250件，占92.6%。经并案处理，实际立案236件。",
     {("proposals.filing_rate", 92.6, "exact"), ("proposals.filed", 236, "exact")}),
    ("经初步审查，建议立案210件。", {("proposals.filed", 210, "exact")}),
    # bodies with other names, endorsements in 人次
    ("报送的社情民意信息被自治区政协采用35篇，被全国政协采用4篇。",
     {("info.adopted_provincial", 35, "exact"), ("info.adopted_national", 4, "exact")}),
    ("全年有12篇社情民意信息被市级以上录用。", {("info.adopted", 12, "exact")}),
    ("市领导45人次对社情民意信息作出批示。", {("info.leader_instructions", 45, "exact")}),
    # totals listing every kind of proposer
    ("各民主党派、人民团体、各界别及广大委员共提交提案512件。",
     {("proposals.submitted", 512, "exact")}),
    ("组织开展重点协商18项。", {("consultation.activities", 18, "exact")}),
    ("18件重点提案已全部办结。", {("proposals.key", 18, "exact")}),  # no reply rate: a subset
    # what the text is about may have been said in the sentence before
    ("经审查立案提案300件。办复率100%，满意率98%。",
     {("proposals.filed", 300, "exact"), ("proposals.reply_rate", 100, "exact"),
      ("proposals.satisfaction_rate", 98, "exact")}),
    # traditional texts write 答复 as 答覆, which character-by-character conversion keeps
    ("所有提案均已答覆完畢。", {("proposals.reply_rate", 100, "exact")}),
    ("經審查立案268件，其中委員提案221件，黨派團體提案47件。",
     {("proposals.filed", 268, "exact"), ("proposals.by_members", 221, "exact"),
      ("proposals.collective", 47, "exact")}),
    ("确定重点督办提案15件。", {("proposals.key", 15, "exact")}),
    ("全市委员工作室已达45个。", {("members.studios", 45, "exact")}),
    # ---- frames met in text written apart from the rules (synthetic check sets)
    # what others sent in, received: collected, not submitted
    ("县政协共收到乡镇联络组和委员报送的社情民意信息820条。", {("info.collected", 820, "exact")}),
    ("全年接收各界别报送的信息稿件三百五十篇。", {("info.collected", 350, "exact")}),
    ("向自治区政协、全国政协报送信息146条。", {("info.submitted", 146, "exact")}),
    ("报送市政协一百二十篇。", set()),                                   # no 信息 in sight
    ("全年编报信息300条，报送市政协一百二十篇。", {("info.submitted", 300, "exact"), ("info.submitted", 120, "exact")}),
    ("省领导对27条社情民意信息作出重要批示。", {("info.leader_instructions", 27, "exact")}),
    ("市领导批示信息18条。", {("info.leader_instructions", 18, "exact")}),
    ("报送社情民意信息，被采用52条，其中全国政协4条。",
     {("info.adopted", 52, "exact"), ("info.adopted_national", 4, "exact")}),
    ("报送的社情民意信息中，全国政协采用二条。", {("info.adopted_national", 2, "exact")}),     # 二 counts pieces here
    ("共征集提案873件 立案792件。", {("proposals.submitted", 873, "exact"), ("proposals.filed", 792, "exact")}),
    ("建成委员之家30个、委员工作室12个。", {("members.studios", 12, "exact")}),
    # shares and rates in other words
    ("对办理结果满意和基本满意的提案人占比达97.6%。", {("proposals.satisfaction_rate", 97.6, "exact")}),
    ("提案办结率、答复率均达100%。", {("proposals.reply_rate", 100, "exact")}),
    ("提案办复率连续五年保持100%。", {("proposals.reply_rate", 100, "exact")}),
    ("经审查立案312件，立案率为百分之九十一点三。",
     {("proposals.filed", 312, "exact"), ("proposals.filing_rate", 91.3, "exact")}),
    ("立案提案中，所提建议被采纳或部分采纳的912件，占86.2%。", {("proposals.resolved_rate", 86.2, "exact")}),
    ("提案已全部办复，其中解决和部分解决的130件，占64.1%。",
     {("proposals.reply_rate", 100, "exact"), ("proposals.resolved_rate", 64.1, "exact")}),
    ("已办复的提案中，71%的提案建议已经落实。", {("proposals.resolved_rate", 71, "exact")}),
    # counts before and after their noun, with a verb between
    ("经审查，符合立案条件的有402件。", {("proposals.filed", 402, "exact")}),
    ("经审查，将388件立案交承办单位办理。", {("proposals.filed", 388, "exact")}),
    ("立案302件。按提出者分，委员提出的251件，以集体名义提出的51件。",
     {("proposals.filed", 302, "exact"), ("proposals.by_members", 251, "exact"),
      ("proposals.collective", 51, "exact")}),
    ("立案280件，其中委员提案（含联名）231件。", {("proposals.filed", 280, "exact"), ("proposals.by_members", 231, "exact")}),
    ("立案405件，其中委员个人提案和联名提案361件。", {("proposals.filed", 405, "exact"), ("proposals.by_members", 361, "exact")}),
    ("列入年度重点督办的提案共19件。", {("proposals.key", 19, "exact")}),
    ("重点提案由市委书记、市长领衔督办，共12件。", {("proposals.key", 12, "exact")}),
    ("全年协商活动共计31次。", {("consultation.activities", 31, "exact")}),
    ("今年完成协商议题16项。", {("consultation.activities", 16, "exact")}),
    ("围绕生态环境开展专项民主监督，全年共开展3项。", {("supervision.special", 3, "exact")}),
    ("建成“界别同心汇”履职平台7个。", {("platforms.sector_hubs", 7, "exact")}),
    ("各方面共提出提案四百一十件。", {("proposals.submitted", 410, "exact")}),
    ("提案工作方面，累计受理提案1805件。", {("proposals.submitted", 1805, "exact")}),
    ("本次会议提案共收到367件。", {("proposals.submitted", 367, "exact")}),
    # a table written as text lines
    ("提案总数：402件　立案数：371件　立案率：92.3%　办复率：100%　满意率（含基本满意）：98.1%",
     {("proposals.submitted", 402, "exact"), ("proposals.filed", 371, "exact"),
      ("proposals.filing_rate", 92.3, "exact"), ("proposals.reply_rate", 100, "exact"),
      ("proposals.satisfaction_rate", 98.1, "exact")}),
    ("经审查，306件提案获准立案。", {("proposals.filed", 306, "exact")}),
    ("立案298件，其中委员提案250件（其中联名提案30件），集体提案48件。",
     {("proposals.filed", 298, "exact"), ("proposals.by_members", 250, "exact"),
      ("proposals.collective", 48, "exact")}),
    ("主席会议确定11件提案为市领导领衔督办的重点提案。", {("proposals.key", 11, "exact")}),
    ("从立案提案中遴选出9件作为年度重点督办提案。", {("proposals.key", 9, "exact")}),
    ("提案已全部办复。所提问题已解决或采纳的120件、列入计划逐步解决的150件，分别占44.4%和55.6%。",
     {("proposals.reply_rate", 100, "exact"), ("proposals.resolved_rate", 44.4, "exact")}),
    # the key ones inside a total: the total is not a key count
    ("立案的230件提案（含重点提案12件）全部交市政府办理。",
     {("proposals.filed", 230, "exact"), ("proposals.key", 12, "exact")}),
    ("社情民意信息被市级以上采用共28条。", {("info.adopted", 28, "exact")}),
    ("编发社情民意信息，获省领导批示9条、市领导批示31条，共计40条。", {("info.leader_instructions", 40, "exact")}),
    ("制定年度协商计划，全年开展界别协商9次。", {("consultation.sectoral", 9, "exact")}),   # 计划 as a noun
    ("全年组织全会协商、专题协商、对口协商等各类协商议政活动52场。", {("consultation.activities", 52, "exact")}),
    ("区委、区政府主要领导批示（圈阅）社情民意信息19篇。", {("info.leader_instructions", 19, "exact")}),
    ("“界别同心汇”平台增至6个。", {("platforms.sector_hubs", 6, "exact")}),
    ("将古城保护等6件政协提案列为重点提案。", {("proposals.key", 6, "exact")}),
    ("立案提案中，以委员个人名义提出的提案161件，以集体名义提出的提案42件。",
     {("proposals.by_members", 161, "exact"), ("proposals.collective", 42, "exact")}),
    ("常委会议专题\n协商2次。", {("consultation.thematic", 2, "exact")}),
    ("打造“界别同心汇”品牌平台5个。", {("platforms.sector_hubs", 5, "exact")}),
    # names listed, then their figures in the same order
    ("立案提案的办复率、满意率分别为100%和97.2%。",
     {("proposals.reply_rate", 100, "exact"), ("proposals.satisfaction_rate", 97.2, "exact")}),
    ("全年开展专题协商、对口协商和界别协商分别为3次、12次、6次。",
     {("consultation.thematic", 3, "exact"), ("consultation.counterpart", 12, "exact"),
      ("consultation.sectoral", 6, "exact")}),
    ("提案满意率、基本满意率分别为95.1%、4.9%。", {("proposals.satisfaction_rate", 95.1, "exact")}),
    # a list of lines under a heading about proposals
    ("二、提案工作\n——立案：301件；\n——办复率100%；满意率（含基本满意）98.8%。",
     {("proposals.filed", 301, "exact"), ("proposals.reply_rate", 100, "exact"),
      ("proposals.satisfaction_rate", 98.8, "exact")}),
    ("大会收到提案总数388件；经审查，予以立案的352件。",
     {("proposals.submitted", 388, "exact"), ("proposals.filed", 352, "exact")}),
    ("建成“一室一品”委员履职工作室14个。", {("members.studios", 14, "exact")}),
    ("组织专项集体民主监督3项。", {("supervision.special", 3, "exact")}),
    ("报送社情民意信息，被全国政协采用4条，省政协采用31条，省委、省政府采用9条，共计44条。",
     {("info.adopted_national", 4, "exact"), ("info.adopted_provincial", 31, "exact"),
      ("info.adopted", 44, "exact")}),
    # the committee with, or after, the lower committees: its own count
    ("联合各县市政协开展专项民主监督2项。", {("supervision.special", 2, "exact")}),
    ("各旗区政协信息工作同步推进，全市各级政协共报送信息4100余条。", {("info.submitted", 4100, "at_least")}),
    ("报送社情民意信息300条，被全国政协和自治区政协采用52条。",
     {("info.submitted", 300, "exact"), ("info.adopted", 52, "exact")}),
]


@pytest.mark.parametrize("text, expected", POSITIVE)
def test_rules_find(text, expected):
    assert stated(text) == {(m, float(v), q) for m, v, q in expected}


NEGATIVE = [
    "围绕经济建设方面提出提案94件，占立案总数的31%。",          # a topic breakdown
    "其中经济方面的提案120件，占38.2%。",
    "不予立案的提案23件转为委员来信处理。",
    "每年领办1-2件重点提案。",
    "做到办理好一件重点提案、解决一个实际问题。",
    "已经确定了12项重点协商议题。",                            # planned topics
    "先后召开三次协商对话会。",                                # one kind of meeting
    "组织召开15场次提案办理协商会。",
    "组织“小微协商”活动500余次。",
    "开展党外委员座谈、调研、走访等活动283次。",
    "向市委、市政府报送建议案、调研报告30余件，其中20余项得到领导批示。",
    "先后对协商成果作出批示25次。",
    "收集建议3600余条。",
    "每月向省政协报送5篇地方文史资料，其中有3篇被收录。",
    "市政协十三届八次常委会会议召开。",
    "全年召开党组会议15次。",
    "群众满意度达到95%。",                                     # not about proposals
    "所提问题已经解决或正在解决的230件，占总量的52.8%。",
    "全市GDP增长5.2%，城镇新增就业7万人。",
    "新闻热线0533-5355377。",
    # ---- v1.1: subsets, topics, batches, new ones, quotas, mixed kinds
    "围绕乡村振兴提出提案86件。",                               # a topic count
    "在经济建设方面，委员们提出提案132件。",
    "■围绕民生保障，\n推动社会事业发展等\n提出提案74件",          # a topic across broken lines
    "涉及民生的提案179件。",
    "截至1月10日，提案组新收到提案64件。",                        # a batch
    "其中通过网络征集提案320件，占征集总数的62%。",
    "委员个人或联名提出提案95件，各民主党派、工商联等提出提案50件。",  # a split of received ones
    "各承办单位负责人确定1件以上重点提案亲自办理。",                # a quota per person
    "省市县三级领导领衔督办的560件重点提案全部办结。",              # key proposals of three levels
    "152件与民生相关的提案全部办复，满意率100%。",
    "基本满意率为4.2%。",
    "今年新建委员工作室12个。",                                   # new studios
    "区县委员工作室26个。",                                       # the lower levels' studios alone
    "在已成立的5个委员工作室的基础上，新建立一批委员个人工作室。",
    "报送资政建言报告和社情民意信息120篇，收到省领导批示60件次。",  # endorsements of mixed kinds
    "编报《社情民意》专报36期。",                                 # issues of a bulletin
    "以集体名义提出的提案32件。",                                 # one kind of proposer, not the total
    "截至目前，提案已办复450件。",                                # a count of answered ones, not "all"
    "共收到群众来信来访120件次。办结率100%。",                     # not about proposals
    "市政府共承办人大建议和政协提案656件，办复率100%。",           # proposals with deputies' suggestions
    "提案所提问题三年内能够基本解决的198件，占总量的45.4%。",      # what may be solved later
    # ---- frames met in text written apart from the rules (synthetic check sets)
    "因条件所限暂不能解决的31件，占9.8%。",                         # not solved
    "会议要求各承办单位确保办复率100%、满意率95%以上。",              # a target, not a result
    "要求在8月底前完成全部提案的书面答复。",
    "不满意率为0.6%。",
    "在已办复的312件提案中，所提问题已经解决的190件。",               # answered ones, not "all"
    "五年来，每年确定重点提案18件左右。",                            # a per-year figure of a term
    "市委领导领办重点提案8件，政协主席督办重点提案12件。",            # key proposals split by who leads
    "全市15个乡镇开展协商议事活动230余场。",                         # the townships' own work
    "12个街道建成委员工作室。",                                      # a count of streets
    "建成委员之家30个、界别联络站12个。",                              # counts of other platforms
    "各委员工作室收集社情民意信息160余条。",                          # the studios' own harvest
    "其中市领导批示9条。",                                          # a part of endorsements
    "开展第二次协商。",
    "五年来年均收到提案463件。",                                     # a per-year average
    "各镇街协商议事室全年开展协商活动86场。",                          # the townships' own
    "从报送来源看，委员个人报送信息214篇，特邀信息员报送151篇。",      # a split by source
    "每个界别每年至少开展2次界别协商活动。",                           # a rule, not a count
    "州政协将力争被自治区政协采用信息突破60条。",                      # a target
    "今年新挂牌委员工作室4个。",                                      # new studios
    "其中3个“界别同心汇”获评优秀履职平台。",                          # a part, honoured
    "被省政协认定为“界别同心汇”十个示范点之一。",                      # one of ten, elsewhere
    "明年将推动每个委员工作室每季度至少开展1次协商活动。",              # a plan
    "今年要实现办复率100%、满意率97%以上的目标。",                     # a target
    "人大代表建议和政协提案的办复率、满意率分别为100%和96%。",          # a government's figures
    # ---- text full of figures that look like the catalogue's (synthetic set G)
    "举办委员履职培训班2期，参训委员对培训的满意率达98.6%。",          # satisfaction with training
    "组织委员开展民主评议，被评议单位群众满意度均在90%以上。",
    "委员人均提交提案1.1件。",                                       # an average, not a count
    "督办件办结率达96%。",                                           # items other than proposals
    "他今年撰写的6条信息中，有4条被上级采用。",                        # one person's story
    "全年有68名委员至少报送1条信息。",                                 # a threshold per member
    "报送1条信息计2分、被采用计5分。",                                # points of a scoring scheme
    "新的一年，力争立案率保持在90%左右。",                             # a target
    "明年计划开展专项民主监督3项。",                                   # a plan
    "2010年至2012年，区政协共收到提案524件。",                         # a span of years, no term
    "被采用3条以上的委员给予通报表扬。",                               # a threshold for praise
    # counts of other committees: the county and district committees, a higher committee's members
    "各县市区政协全年共开展协商活动64场。",
    "各縣（市）區政協全年共收到提案1200餘件，立案率均在86%以上。",
    "全市12个县（区）政协共建成委员工作室35个。",
    "安城、北川和西平区政协当年共立案提案940余件。",
    "在省政协十二届一次会议上，我市的省政协委员共提交提案41件。",
    "自治区政协十届三次会议期间，我市的自治区政协委员共提交提案29件。",
    "大石、青塘、柳湾等县政协全年共立案提案610余件。",               # named county committees, 等
    # subsets and per-member counts
    "全年有26名委员提交提案3件以上。",                                # a threshold reached by members
    "其中，与养老服务相关的12件提案办理满意率达100%。",                 # a topic's rate
    "其中报送安全生产类信息38条。",                                   # a kind of information
    "经济类提案立案86件。",                                          # a kind of proposals
    "形成调研报告9篇，其中4篇获市委主要领导批示。",                     # reports, not information
    "市委主要领导对政协各类履职成果批示38件次。",
    "市政协将从立案提案中遴选十二件左右作为重点提案。",                 # a plan
    "从各县市看，甲山市政协报送信息96条，乙水县政协报送信息71条。",        # the counties, surveyed
    "今年的目标是：全年收集信息六百条以上，被省政协采用五十条以上。",      # a target
    "委员们依托工作室提交提案37件。",                                   # the studios' share
    "今年新认定“最美委员工作室”五个。",                                  # an honour, not the count
]


# A committee named by its place is another committee unless the place is the report's own.
COUNTY = ReportInfo(file="test.txt", cities=("安丘",), year=2023, level="county", province="山东")


@pytest.mark.parametrize("text", [
    "潍坊市政协全年立案提案350余件，我市委员提交的潍坊市政协提案有9件被列为重点提案。",   # the city above
    "潍坊市政协十三届二次会议期间，我市的潍坊市政协委员提交提案28件。",
])
def test_a_higher_committee_named_in_a_county_report_is_not_its_own(text):
    assert stated(text, COUNTY) == set()


def test_the_city_committees_members_unnamed_are_above_a_county_but_a_county_level_city_is_its_own_shi():
    text = "市政协全会期间，县内各界市政协委员共提交提案31件。"
    county = ReportInfo(file="test.txt", cities=("临朐",), year=2023, level="county", province="山东")
    district = ReportInfo(file="test.txt", cities=("奎文",), year=2023, level="district", province="山东")
    assert stated(text, county) == set() and stated(text, district) == set()
    # 安丘 is a county-level city: its own committee is the 市政协
    assert stated("目前，市政协委员工作室已达9个。", COUNTY) == {("members.studios", 9.0, "exact")}


def test_the_committee_named_doing_the_work_takes_the_count_back_from_studios():
    text = "依托委员工作室和界别联络站，市政协开展界别协商7次，收集社情民意信息520余条。"
    assert ("info.collected", 520.0, "at_least") in stated(text)


def test_the_county_named_by_its_own_place_keeps_its_count_and_adoptions_by_the_city_stay():
    assert stated("安丘市政协全年立案提案186件。", COUNTY) == {("proposals.filed", 186.0, "exact")}
    assert stated("全年市政协委员工作室达到12个。") == {("members.studios", 12.0, "exact")}   # a prefecture's own


def test_a_break_inside_qizhong_is_joined_so_the_split_still_reads():
    text = "县政协收到提案98件，立案91件。其\n中委员提案79件，集体提案12件。"
    assert stated(text) >= {("proposals.by_members", 79.0, "exact"), ("proposals.collective", 12.0, "exact")}


def test_parts_named_one_by_one_are_no_members_total_and_listed_counties_are_theirs():
    text = "立案提案中，委员个人提案174件、联名提案21件，集体提案33件。"
    assert ("proposals.by_members", 174.0, "exact") not in stated(text)
    assert stated("民勤、古浪县、天祝县政协分别立案127件、114件、105件。") == set()


def test_labels_of_lower_committees_in_a_round_up_belong_to_them():
    text = ("【市政协】立案提案286件，提案办理满意率97.9%。\n"
            "【青塘区政协】立案提案118件，办复率100%。\n"
            "【大石县政协】社情民意信息被省政协采用9条，建成委员工作室6个。\n")
    assert stated(text) == {("proposals.filed", 286.0, "exact"), ("proposals.satisfaction_rate", 97.9, "exact")}


def test_who_adopted_follows_bei_and_a_list_of_two_bodies_is_the_total():
    assert stated("市政协被省政协采用信息十四条。") == {("info.adopted_provincial", 14.0, "exact")}
    assert stated("全年信息被全国、省政协采用96篇，其中全国政协采用5篇。") == {
        ("info.adopted", 96.0, "exact"), ("info.adopted_national", 5.0, "exact")}
    assert stated("自治区政协采用我会信息27篇。") == {("info.adopted_provincial", 27.0, "exact")}


def test_a_split_of_the_received_proposals_is_no_split_of_the_filed_ones():
    text = "共收到提案402件，立案371件。在收到的提案中，委员个人和联名提交的340件，以集体名义提交的62件。"
    assert stated(text) == {("proposals.submitted", 402.0, "exact"), ("proposals.filed", 371.0, "exact")}
    filed = "共收到提案402件，立案371件。在立案提案中，委员个人和联名提交的311件，以集体名义提交的60件。"
    assert stated(filed) >= {("proposals.by_members", 311.0, "exact"), ("proposals.collective", 60.0, "exact")}


def test_a_split_that_follows_a_received_count_is_of_the_received_ones():
    text = "会议期间收到提案318件，其中民主党派、人民团体提案47件、委员提案271件。经审查立案290件。"
    assert stated(text) == {("proposals.submitted", 318.0, "exact"), ("proposals.filed", 290.0, "exact")}
    filed = "会议期间收到提案318件，其中立案290件，委员个人和联名提案248件，集体提案42件。"
    assert stated(filed) >= {("proposals.by_members", 248.0, "exact"), ("proposals.collective", 42.0, "exact")}


def test_who_proposed_the_filed_ones_in_a_relative_clause():
    text = "在立案的提案中，民主党派、人民团体和专委会提出的52件，委员个人和联名提出的236件。"
    assert stated(text) >= {("proposals.collective", 52.0, "exact"), ("proposals.by_members", 236.0, "exact")}
    # a body proposing, no relative clause: the received ones
    assert ("proposals.collective", 52.0, "exact") not in stated(
        "立案289件。民主党派、人民团体和专委会共提出提案52件，委员提案236件。")


def test_a_class_label_before_the_resolved_ones():
    text = "答复的提案中，已解决或采纳的甲类提案96件，占41.2%；列入计划解决的乙类提案110件，占47.2%。"
    assert stated(text) == {("proposals.resolved_rate", 41.2, "exact")}


def test_informants_named_as_a_thing_built_are_no_subject():
    assert stated("加强信息联络员队伍建设，向省政协报送社情民意信息210篇。") == {("info.submitted", 210.0, "exact")}
    assert stated("全市信息员报送信息85条。") == set()
    # non-party people, alone or with members, are a part of the contributors
    assert stated("无党派人士和特邀委员报送信息30条。") == set()
    assert ("proposals.submitted", 41.0, "exact") not in stated("各民主党派、工商联和无党派人士提交提案41件。")


def test_adoption_names_the_pieces_whole_and_counts_a_single_one():
    assert stated("全年被省政协采用社情民意信息37篇。") == {("info.adopted_provincial", 37.0, "exact")}
    assert stated("社情民意信息被省政协采用十二篇、全国政协采用一篇。") == {
        ("info.adopted_provincial", 12.0, "exact"), ("info.adopted_national", 1.0, "exact")}
    assert stated("社情民意信息工作形成一条经验，收到一条建议。") == set()   # 一 as an article


def test_studios_and_hubs_in_other_words_and_the_committees_own_share():
    assert stated("委员工作室数量累计达到26个。") == {("members.studios", 26.0, "exact")}
    assert stated("建成“界别同心汇”活动阵地7个。") == {("platforms.sector_hubs", 7.0, "exact")}
    assert ("members.studios", 12.0, "exact") in stated("全市共建成委员工作室140个，其中市政协12个。")
    assert ("members.studios", 5.0, "exact") not in stated("全市新建委员工作室20个，其中市政协5个。")


def test_endorsements_of_a_report_named_before_are_not_of_information():
    assert stated("形成的专题调研报告，先后获省领导批示5次。") == set()
    # information work named by its verb in the sentence before
    assert stated("省政协采用31篇。获市领导批示18篇次。") >= {("info.leader_instructions", 18.0, "exact")}


def test_a_county_named_in_a_round_up_is_known_by_its_official_name():
    prefecture = ReportInfo(file="test.txt", cities=("邢台",), year=2023, level="prefecture", province="河北")
    assert stated("沙河市政协聚焦产业转型，立案提案90件。", prefecture) == set()
    district = ReportInfo(file="test.txt", cities=("西城",), year=2023, level="district", province="北京")
    assert stated("今年区政协立案提案90件。", district) == {("proposals.filed", 90.0, "exact")}   # no place


def test_a_line_break_between_the_adopter_and_its_verb_is_joined():
    county = ReportInfo(file="test.txt", cities=("临朐",), year=2023, level="county", province="山东")
    text = "全年收集社情民意信息三百条，上报市政协一百六十条，被市政协\n采用五十五条，被省政协采用九条。"
    assert stated(text, county) >= {("info.adopted_provincial", 9.0, "exact")}
    assert ("info.adopted", 55.0, "exact") not in stated(text, county)   # the city's adoptions: a part


def test_digits_grouped_by_thousands_with_a_space_are_one_number():
    assert stated("全年共收集社情民意信息2 415条。") == {("info.collected", 2415.0, "exact")}


def test_one_figure_after_jun_is_every_listed_names():
    assert stated("全年提案办复率、提案人满意率均为100%。") == {
        ("proposals.reply_rate", 100.0, "exact"), ("proposals.satisfaction_rate", 100.0, "exact")}


def test_a_part_in_brackets_of_the_same_metric_is_no_second_fact():
    text = "立案提案中，委员提案298件，各参加单位和专委会提案41件（含党派团体提案30件）。"
    assert ("proposals.collective", 30.0, "exact") not in stated(text)
    assert ("proposals.collective", 41.0, "exact") in stated(text)
    # of another metric, it stands
    assert ("proposals.key", 12.0, "exact") in stated("立案的305件提案（含重点提案12件）全部交办。")


def test_the_provinces_committees_together_are_not_the_citys():
    assert stated("全省政协系统共编报信息约8000篇。") == set()
    assert stated("全区各盟市政协全年被自治区政协采用信息共900篇。") == set()
    province = ReportInfo(file="test.txt", cities=("山东",), year=2023, level="province", province="山东")
    assert stated("全省政协系统共编报信息约8000篇。", province) == {("info.submitted", 8000.0, "about")}


def test_a_section_headed_by_another_committee_is_its_own():
    county = ReportInfo(file="test.txt", cities=("临朐",), year=2023, level="county", province="山东")
    text = ("临朐县政协：协商在一线\n临朐县政协全年立案提案120件。\n\n"
            "昌乐县政协：信息连民心\n昌乐县政协全年立案提案98件。建成委员工作室7个。\n")
    assert stated(text, county) == {("proposals.filed", 120.0, "exact")}


def test_one_character_counties_and_closing_quotes_before_a_named_committee():
    prefecture = ReportInfo(file="test.txt", cities=("鹤壁",), year=2023, level="prefecture", province="河南")
    assert stated("市政协立案提案253件。浚县政协、淇县政协分别立案提案104件、96件。", prefecture) == {
        ("proposals.filed", 253.0, "exact")}
    county = ReportInfo(file="test.txt", cities=("寿光",), year=2023, level="county", province="山东")
    assert stated("青州：“有事好商量”\n青州市政协全年立案提案188件。", county) == set()


def test_more_frames_of_the_same_kinds():
    assert stated("经审查，提案委员会建议立案230件，占提案总数的91.6%。") >= {("proposals.filing_rate", 91.6, "exact")}
    assert ("proposals.submitted", 96.0, "exact") in stated("县政协收到委员提案和集体提案共96件，立案83件。")
    assert stated("召开专题议政性常委会议3次。") == {("consultation.thematic", 3.0, "exact")}
    assert stated("全年确定重点协商议题11项。") == {("consultation.activities", 11.0, "exact")}
    assert stated("全年收集社情民意信息300条，被省市政协采用41条。") == {
        ("info.collected", 300.0, "exact"), ("info.adopted", 41.0, "exact")}
    assert ("proposals.filed", 1000.0, "at_least") in stated("全市各级政协立案提案总数首次突破千件。")
    # a topic's consultations, unless the whole year's are told with their topics
    assert stated("围绕文旅融合、营商环境等议题，组织协商活动12次。") == set()
    assert stated("全年围绕文旅融合、营商环境等议题开展重点协商18项。") == {("consultation.activities", 18.0, "exact")}


def test_a_criterion_is_no_target_and_a_provisional_count_gives_way_to_the_actual_one():
    text = "不符合立案要求的30件转有关部门参考。立案提案中，委员个人和联名提案280件，集体提案40件。"
    assert stated(text) >= {("proposals.by_members", 280.0, "exact"), ("proposals.collective", 40.0, "exact")}
    both = "提案委员会初审建议立案300件，经与承办单位协商，最终正式立案291件。"
    assert {f for f in stated(both) if f[0] == "proposals.filed"} == {("proposals.filed", 291.0, "exact")}
    assert stated("提案委员会初审建议立案300件。") == {("proposals.filed", 300.0, "exact")}
    text = "收到提案301件，经审查立案268件，并案后为255件，立案提案占提案总数的89.0%。"
    assert ("proposals.filing_rate", 89.0, "exact") in stated(text)


def test_studios_new_ones_in_other_words_and_the_total_after_them():
    assert stated("今年新打造委员工作室3个。") == set()
    assert stated("新建委员工作室8个，总数达到45个。") == {("members.studios", 45.0, "exact")}


def test_endorsements_summed_after_their_parts_and_rates_that_are_not_the_committees():
    text = "社情民意信息工作扎实。省领导批示7篇次，市领导批示25篇次，共计32篇次。"
    assert ("info.leader_instructions", 32.0, "exact") in stated(text)
    assert stated("提案全部办复。通过12345热线转办群众诉求76条，办结率100%。") == {
        ("proposals.reply_rate", 100.0, "exact")}
    assert stated("提案者满意率98.8%。涉及民生的提案123件，满意率100%。") == {
        ("proposals.satisfaction_rate", 98.8, "exact")}


def test_adopters_in_other_words():
    assert stated("社情民意信息被地区政协工委和自治区政协采用21条。") == {("info.adopted", 21.0, "exact")}
    assert ("info.adopted_provincial", 9.0, "exact") in stated("社情民意信息被上级采用9条（均为省政协采用）。")


def test_an_autonomous_county_heads_its_section():
    county = ReportInfo(file="test.txt", cities=("道县",), year=2023, level="county", province="湖南")
    text = ("道县政协：全年立案提案91件。\n"
            "江华瑶族自治县政协：全年提交提案86件，立案79件。\n")
    assert stated(text, county) == {("proposals.filed", 91.0, "exact")}


def test_a_year_named_in_the_figures_own_clause_dates_it_even_in_a_span_of_years():
    text = "三年来提案工作稳中有进。回顾近三年：2021年立案312件、2022年立案328件、2023年立案341件。"
    assert {f for f in stated(text) if f[0] == "proposals.filed"} == {("proposals.filed", 341.0, "exact")}
    # a year compared with is not the year of the figure after it
    text = "2023年，全年收集社情民意信息1120篇，较2022年的860篇增长30.2%，被省政协采用71篇。"
    assert ("info.adopted_provincial", 71.0, "exact") in stated(text)
    # the year before, in a session's news (published in the year it reports)
    session = ReportInfo(file="test.txt", cities=("潍坊",), year=2024, published="2024-01-15")
    assert stated("上一年度大会立案的127件提案已全部办结，提案者满意率99.2%。", session) == set()


def test_a_target_said_with_a_comma_but_not_a_goal_named_in_passing():
    assert stated("我们的目标是，到2025年信息采用数突破400篇。") == set()
    assert ("proposals.submitted", 321.0, "exact") in stated(
        "委员们紧扣建设区域中心城市目标，共提交提案321件。")


def test_who_sent_the_pieces_received_is_no_agent_of_what_follows():
    text = "全年共收到委员、各参加单位和信息联络员报送的社情民意信息618篇，经筛选，向省政协报送信息176篇。"
    assert stated(text) >= {("info.collected", 618.0, "exact"), ("info.submitted", 176.0, "exact")}
    assert stated("各民主党派报送的信息被省政协采用30篇。") == set()   # theirs, no clause after


def test_more_frames_from_longer_texts():
    county = ReportInfo(file="test.txt", cities=("高平",), year=2023, level="county", province="山西")
    text = ("【高平市】\n高平市政协全年立案提案120件。\n"
            "【陵川县】\n陵川县政协全年立案提案105件。县政协建成委员工作室8个。\n")
    assert stated(text, county) == {("proposals.filed", 120.0, "exact")}
    assert ("members.studios", 22.0, "exact") in stated("全市政协系统已建成委员工作室39个，其中市政协直属的有22个。")
    assert ("proposals.filed", 2.0, "exact") not in stated("立案578件（其中会后补充立案2件），立案率90.6%。")
    assert stated("推行“提案办理协商会”制度，全年召开协商会14次。") == set()
    assert ("proposals.submitted", 492.0, "exact") in stated("全年共收到委员、政协各参加单位和各专门委员会提案492件。")
    assert ("info.collected", 57.0, "exact") in stated("会议期间，委员们还提交社情民意信息57条。")
    assert ("info.collected", 215.0, "exact") in stated("全年采编社情民意信息215篇。")
    assert ("info.submitted", 781.0, "exact") in stated("收集信息达到2915篇，编报上送781篇。")
    assert ("parties.proposals", 82.0, "exact") in stated(
        "立案提案中，民革、民盟、民建、民进、农工党、致公党、九三学社市委会和市工商联提出提案82件。")
    assert stated("全市各级政协共立案提案812件，其中县（区）政协立案629件。") == {
        ("proposals.filed", 812.0, "exact")}
    assert stated("2023年甘肃省政协系统共收集社情民意信息2.6万条。") == set()


def test_a_table_flattened_to_text_gives_the_report_years_column():
    text = ("表1 主要指标\n"
            "指标 2022年 2023年 增减\n"
            "收到提案（件） 401 436 +35\n"
            "立案提案（件） 370 398 +28\n"
            "其中：委员提案（件） 331 352 +21\n"
            "满意率（%） 96.1 97.3 +1.2个百分点\n"
            "省政协采用（篇） 40 52 +12\n"
            "委员工作室（个） 12 — —\n"
            "\n提案办理工作扎实推进。\n")
    assert stated(text) == {
        ("proposals.submitted", 436.0, "exact"), ("proposals.filed", 398.0, "exact"),
        ("proposals.by_members", 352.0, "exact"), ("proposals.satisfaction_rate", 97.3, "exact"),
        ("info.adopted_provincial", 52.0, "exact")}   # no figure where the year's cell is a dash
    # without the report's year among the columns, no column is the year's
    assert stated(text.replace("2023年", "本届累计")) == set()


def test_a_table_with_a_column_of_the_term_and_one_of_targets_and_what_was_done():
    text = ("项目　2023年　本届以来累计\n"
            "收到提案（件）　356　712\n"
            "被省政协采用（条）　58　103\n"
            "委员工作室（个）　23　—\n"
            "\n")
    facts = {(f.metric, f.value, f.period) for f in facts_of(text)}
    assert facts == {("proposals.submitted", 356.0, "year"), ("proposals.submitted", 712.0, "term"),
                     ("info.adopted_provincial", 58.0, "year"), ("info.adopted_provincial", 103.0, "term"),
                     ("members.studios", 23.0, "year")}
    targets = ("序號 | 工作指標 | 年度目標 | 完成情況 | 完成率\n"
               "2 | 開展協商活動（項） | 12 | 15 | 125%\n"
               "8 | 提案辦復率 | 100% | 100% | 100%\n"
               "9 | 提案滿意率（含基本滿意） | 95% | 97.9% | 103%\n"
               "12 | 信息被上級採用（篇） | 30 | 44 | 147%\n"
               "13 | 委員工作室（個，年末數） | 20 | 22 | 110%\n")
    from etl.read import read_bytes
    doc = read_bytes(targets.encode(), "t.txt")
    found, _ = extract(doc, ReportInfo(file="t.txt", cities=("潍坊",), year=2023))
    assert {(f.metric, f.value) for f in found} == {
        ("consultation.activities", 15.0), ("proposals.reply_rate", 100.0),
        ("proposals.satisfaction_rate", 97.9), ("info.adopted", 44.0), ("members.studios", 22.0)}
    # (the target's 95% and the change's 103% are no figures of the year) a line of prose is no header
    from etl.tables import read_tables
    assert not read_tables("提案工作完成情况良好，累计\n收到提案（件）356 712\n", 2023)
    assert read_tables("项目2023年本届累计\n收到提案（件）356 712\n", 2023)


def test_a_count_after_its_noun_with_the_words_of_an_amount_between():
    # 总量是, 共有, 合计为, 一共, 计: one set of words between a count's noun and its figure
    assert stated("县政协全年收到的提案总量是286件。") == {("proposals.submitted", 286.0, "exact")}
    assert stated("今年提交到县政协的提案有141件。") == {("proposals.submitted", 141.0, "exact")}
    assert stated("共收到各界提案计233件。") == {("proposals.submitted", 233.0, "exact")}
    assert stated("全年收集的社情民意信息为512篇。") == {("info.collected", 512.0, "exact")}
    assert stated("一年来，县政协组织的各类协商活动共有13场。") == {("consultation.activities", 13.0, "exact")}
    assert stated("全年协商活动合计为21场。") == {("consultation.activities", 21.0, "exact")}
    # the sent pieces some body then took up are the adopted ones, not the sent
    assert ("info.submitted", 58.0, "exact") not in stated("区政协报送的信息有58条被市政协及以上采用。")
    # a bullet opens a round-up's heading: the other county's figures are its own
    roundup = ("▲本县政协：聚焦产业\n县政协全年收到提案207件。\n\n"
               "▲红安县政协：服务乡村\n县政协收到提案166件，立案150件。\n")
    assert stated(roundup, ReportInfo(file="t.txt", cities=("蕲春县",), year=2023, level="county")) == {
        ("proposals.submitted", 207.0, "exact")}


def test_a_table_whose_columns_say_whose_the_figures_are():
    # copied out of a Word table: cells apart by full-width spaces, a column of units, last
    # year's value in brackets after each cell; one column the committee's, one its system's
    text = ("备注：括号内为上年数。\n\n"
            "指标\u3000单位\u3000本级\u3000全区政协系统\n"
            "一、提案\n"
            "提交提案\u3000件\u3000187（175）\u3000—\n"
            "立案提案\u3000件\u3000172（160）\u3000—\n"
            "办复率\u3000％\u3000100（100）\u3000—\n"
            "二、协商\n"
            "协商活动（合计）\u3000场\u300014（12）\u300088（70）\n"
            "委员视察\u3000次\u300031（28）\u300057（49）\n"
            "收集信息\u3000条\u3000260（231）\u3000433（390）\n")
    facts = {(f.metric, f.value, f.scope) for f in facts_of(text)}
    assert facts == {("proposals.submitted", 187.0, "committee"), ("proposals.filed", 172.0, "committee"),
                     ("proposals.reply_rate", 100.0, "committee"),
                     ("consultation.activities", 14.0, "committee"), ("consultation.activities", 88.0, "citywide"),
                     ("info.collected", 260.0, "committee"), ("info.collected", 433.0, "citywide")}
    # (no bracketed earlier value is a column: 175, 12 and 390 are last year's) tabs between the
    # cells read the same; whose and when in one header is a guess: nothing
    assert {(f.metric, f.value, f.scope) for f in facts_of(text.replace("\u3000", "\t"))} == facts
    assert stated(text.replace("本级", "2023年")) == set()


def test_frames_of_answers_and_reviews_in_other_words():
    # the year's consultations told with their topics, the committee or the year named after them
    assert ("consultation.activities", 12.0, "exact") in stated(
        "围绕山区水利建设、乡村旅游提质等议题，全年开展协商活动12项。")
    assert ("consultation.activities", 9.0, "exact") in stated(
        "围绕古城保护、农村养老等议题，县政协开展协商活动9场。")
    assert stated("全年开展协商活动20项，其中围绕乡村振兴、城乡融合等议题开展协商5次。") == {
        ("consultation.activities", 20.0, "exact")}   # the topics' share
    # pieces the district's own party committee took up are no adoption
    assert stated("编报信息简报共120篇，另有6篇被区委内参刊用。") == {("info.submitted", 120.0, "exact")}
    assert ("info.adopted", 31.0, "exact") in stated("向省政协报送信息90条，被采用的有31条。")
    assert ("proposals.filed", 118.0, "exact") in stated("共收到提案131件，经审查，118件被正式立案。")
    assert ("proposals.key", 6.0, "exact") in stated("主要领导领衔督办的重点提案是6件。")
    assert ("proposals.submitted", 163.0, "exact") in stated("县政协收到各方面的提案一共163件。")
    assert ("info.collected", 214.0, "exact") in stated("全年委员和特约信息员共撰写报送信息214条。")
    assert stated("委员个人报送信息218条，信息员报送信息81条。") == set()   # parts by source


def test_a_table_of_the_value_and_last_year_with_units_in_the_cells():
    text = ("项目 | 数量 | 上年 | 备注\n"
            "协商活动总数 | 21项 | 18项 | 含各类协商\n"
            "收到提案 | 157件 | 149件 |\n"
            "满意率 | 97.2% | 96.5% |\n"
            "被省级及以上采用 | 37篇 | 30篇 |\n"
            "市领导批示 | 12篇次 | 10篇次 |\n")
    assert stated(text) == {("consultation.activities", 21.0, "exact"), ("proposals.submitted", 157.0, "exact"),
                            ("proposals.satisfaction_rate", 97.2, "exact"), ("info.adopted", 37.0, "exact"),
                            ("info.leader_instructions", 12.0, "exact")}


def test_a_table_with_a_column_of_units_this_year_and_last_in_parts():
    text = ("指标名称　单位　本年　上年　备注\n"
            "协商活动总数　项　17　15　含专题、对口协商\n"
            "\n二、提案\n"
            "提案总数　件　198　185　大会及闭会期间\n"
            "立案率　%　86.9　88.6\n"
            "\n三、社情民意信息\n"
            "收集　篇　302　266\n"
            "\n四、文史\n"
            "文史资料出版　辑　1　1\n"
            "\n五、委员服务\n"
            "委员工作室　个　10　8\n"
            "\n六、下一步打算\n"
            "力争明年收到提案200件以上。\n")
    assert stated(text) == {("consultation.activities", 17.0, "exact"), ("proposals.submitted", 198.0, "exact"),
                            ("proposals.filing_rate", 86.9, "exact"), ("info.collected", 302.0, "exact"),
                            ("members.studios", 10.0, "exact")}


def test_a_stray_space_in_a_number_last_year_and_the_term_before():
    from etl.read import read_bytes
    assert read_bytes("委员共提交提案2 41件，经审查立案".encode(), "t.txt").text == "委员共提交提案241件，经审查立案"
    assert read_bytes("收到提案（件）356 712".encode(), "t.txt").text == "收到提案（件）356 712"   # two columns
    # the year before the report's (not before publication, as 去年): kept as candidates of 2022
    found, left = extract(read_bytes("备注：上年提交提案191件、立案177件。".encode(), "t.txt"), REPORT)
    assert found == [] and {(c.value, c.reason.endswith("of another year (2022)")) for c in left} == {
        (191.0, True), (177.0, True)}
    assert stated("上届即十二届省政协五年间共立案提案4500余件。") == set()


def test_lines_of_a_list_under_a_heading_read_the_heading():
    text = ("▍提案\n提交 236件\n立案 210件\n按期办复 100%\n\n"
            "▍社情民意信息\n征集 480篇\n编报 230篇\n\n▍委员工作室\n已建成 12个\n")
    assert stated(text) == {("proposals.submitted", 236.0, "exact"), ("proposals.filed", 210.0, "exact"),
                            ("proposals.reply_rate", 100.0, "exact"), ("info.collected", 480.0, "exact"),
                            ("info.submitted", 230.0, "exact"), ("members.studios", 12.0, "exact")}
    # a wrapped line of prose that starts with the verb is no line of a list
    assert stated("全年共收到提案217件，其中大会期间提交204件，闭会期间\n提交13件。经审查立案193件。") == {
        ("proposals.submitted", 217.0, "exact"), ("proposals.filed", 193.0, "exact")}


def test_answers_said_as_one_speaks_and_infographic_bars():
    text = "问：提案工作有什么变化？\n答：去年委员们一共提了236件提案，我们立了214件，没立的都转给了有关部门。"
    assert stated(text) == {("proposals.submitted", 236.0, "exact"), ("proposals.filed", 214.0, "exact")}
    assert ("proposals.submitted", 287.0, "exact") in stated("大家交上来的提案一共是287件。")
    assert stated("问：社情民意信息方面呢？\n答：去年收集了四百多条，报送省政协120条。") >= {
        ("info.collected", 400.0, "at_least")}
    assert stated("问：社情民意信息方面呢？\n答：委员们收集了意见建议50条。") == set()
    bars = "▶ 提案这一年\n收到 ▏ 1046件\n答复 ▏ 100%\n满意 ▏ 98.7%（含基本满意）\n\n▶ 协商议政\n重点协商 ▏ 28项\n"
    assert stated(bars) == {("proposals.submitted", 1046.0, "exact"), ("proposals.reply_rate", 100.0, "exact"),
                            ("proposals.satisfaction_rate", 98.7, "exact"), ("consultation.activities", 28.0, "exact")}


def test_sums_over_years_merged_counts_and_the_lines_of_a_table_with_changes():
    assert stated("三年来，市政协累计收集社情民意信息2380条。") == set()
    assert ("info.submitted", 161.0, "exact") in stated(
        "三年来，州政协累计报送信息420篇。其中2023年报送161篇，创历年新高。")
    assert stated("最终确定立案的为231件。以并案办理计，立案提案为224件。") == {("proposals.filed", 231.0, "exact")}
    assert ("proposals.filed", 203.0, "exact") in stated("对内容相近的9件提案作并案处理后，实际立案203件。")
    table = ("项目 数量 同比\n三、提案工作\n提交提案 203件 +6.3%\n（民主党派、工商联提案 14 件）\n"
             "重点提案 8件 持平\n四、社情民意信息\n收集社情民意信息 684条 +22.1%\n")
    assert ("info.collected", 684.0, "exact") in stated(table)


def test_an_infographic_with_the_figure_first_and_its_label_after_a_bar():
    text = ("【数说提案】\n188件｜委员和各参加单位全年提交的提案\n170件｜经审查正式立案\n"
            "6件｜县领导领衔督办的重点提案\n97.9%｜提案者满意和基本满意\n\n"
            "【数说民意】\n260条｜收集的社情民意信息\n33条｜被市政协及以上采用\n\n"
            "【数说委员】\n11个｜委员工作室\n3个｜新建委员工作室\n")
    assert stated(text) == {
        ("proposals.submitted", 188.0, "exact"), ("proposals.filed", 170.0, "exact"),
        ("proposals.key", 6.0, "exact"), ("proposals.satisfaction_rate", 97.9, "exact"),
        ("info.collected", 260.0, "exact"), ("info.adopted", 33.0, "exact"), ("members.studios", 11.0, "exact")}
    # (and its lines are no wrapped line to join: 提交的提案⏎170件 is two lines)


def test_rows_of_a_part_and_of_a_rate_in_time_and_what_members_first_handed_in():
    text = ("指标 2023年 2022年 增减\n被市政协及以上采用（条） 33 27 +6\n其中省政协采用（条） 10 8 +2\n"
            "按期办复率（%） 100 100 持平\n")
    assert stated(text) == {("info.adopted", 33.0, "exact"), ("info.adopted_provincial", 10.0, "exact"),
                            ("proposals.reply_rate", 100.0, "exact")}
    assert ("proposals.submitted", 139.0, "exact") in stated(
        "问：提案工作呢？\n答：委员们最初交上来的是139件，有12件因为属于个人诉求，没有立案。")
    board = "【数读提案】\n全部按时办复｜立案提案办理情况\n98.9%｜提案者满意和基本满意\n"
    assert ("proposals.satisfaction_rate", 98.9, "exact") in stated(board)


def test_the_count_first_or_the_noun_first_in_more_words():
    assert ("proposals.filed", 150.0, "exact") in stated("经审查，提案委员会把其中150件列为立案提案，交县政府办理。")
    assert ("proposals.filed", 5.0, "exact") not in stated("经审查，另有5件未列为立案提案。")
    assert ("consultation.activities", 20.0, "exact") in stated("（一）协商活动全年开展20项，涵盖专题协商3项。")
    assert ("members.studios", 12.0, "exact") in stated("到去年年底，委员工作室已经有12个了。")


def test_the_parties_proposals_in_more_words():
    for text, value in [("其中，各民主党派市委和市工商联以集体名义提出的有31件。", 31.0),
                        ("民主党派省委和省工商联提出的共计118件。", 118.0),
                        ("民主党派县委、县工商联在本次会议上共提交提案15件。", 15.0),
                        ("党派县级组织和县工商联提交12件。", 12.0)]:
        assert ("parties.proposals", value, "exact") in stated("立案提案中，委员提案160件。" + text), text
    assert ("parties.proposals", 20.0, "exact") not in stated(
        "民主党派、工商联、人民团体提交提案20件。")   # with the people's organisations: no parties' count


def test_individual_and_joint_told_apart_are_parts_and_their_sum_the_total():
    text = "立案提案中，委员个人提出的150件，委员联名提出的12件，以上合计162件；党派团体提出的20件。"
    found = facts_of(text)
    assert {(f.metric, f.value) for f in found if not f.derived and f.metric == "proposals.by_members"} == {
        ("proposals.by_members", 162.0)}
    parts = facts_of("立案提案中，委员个人提出的150件，委员联名提出的12件。")
    assert [(f.metric, f.value, f.derived) for f in parts] == [("proposals.by_members", 162.0, True)]


def test_a_lists_lines_of_adopters_under_the_adoptions_line():
    text = "【社情民意】\n收集信息　1020条\n被市级以上采用　120条\n　其中　全国政协　3条\n　　　　省政协　25条\n信息员队伍　90人\n"
    assert stated(text) == {("info.collected", 1020.0, "exact"), ("info.adopted", 120.0, "exact"),
                            ("info.adopted_national", 3.0, "exact"), ("info.adopted_provincial", 25.0, "exact")}
    assert stated("【委员】\n全国政协　3名\n省政协委员　25名\n") == set()


def test_who_proposed_the_filed_ones_in_more_words():
    assert stated("立案提案中，委员以个人名义或者联名形式提出的205件，民主党派、工商联、人民团体及界别提出的31件。") >= {
        ("proposals.by_members", 205.0, "exact"), ("proposals.collective", 31.0, "exact")}
    assert ("proposals.by_members", 140.0, "exact") in stated(
        "经审查，转为立案办理的有160件。这160件里，委员个人领衔或者联名的占了140件。")
    assert ("proposals.by_members", 150.0, "exact") in stated("在立案的170件提案中，委员提交的个人及联名提案150件。")
    assert ("proposals.filed", 160.0, "exact") in stated("经过审查，转为立案办理的有160件。")
    # a split of what was received, not of what was filed
    assert ("proposals.by_members", 95.0, "exact") not in stated("委员个人或联名提出提案95件，经审查立案88件。")


def test_a_table_of_this_year_and_last_with_category_cells():
    text = ("类别 指标 本年数 上年数\n"
            "协商 协商议政活动合计（项） 26 22\n"
            "提案 立案（件） 193 184\n"
            "信息 收集社情民意信息（条） 752 690\n"
            "平台 委员工作室（个，年末数） 13 10\n")
    assert stated(text) == {("consultation.activities", 26.0, "exact"), ("proposals.filed", 193.0, "exact"),
                            ("info.collected", 752.0, "exact"), ("members.studios", 13.0, "exact")}


def test_columns_of_a_table_are_not_one_number_grouped_by_thousands():
    from etl.read import read_bytes
    assert read_bytes("收到提案（件） 468 441 +6.1%".encode(), "t.txt").text == "收到提案（件）468 441 +6.1%"
    assert read_bytes("共收集信息2 000 条".encode(), "t.txt").text == "共收集信息2000条"


def test_an_infographic_line_and_term_cues_and_plans():
    assert stated("■ 协商\n协商活动总数 27项\n") == {("consultation.activities", 27.0, "exact")}
    facts = {(f.metric, f.value): f.period for f in facts_of("本届共收到提案3488件，立案3052件，五年平均满意率达98.5%。")}
    assert facts == {("proposals.submitted", 3488.0): "term", ("proposals.filed", 3052.0): "term",
                     ("proposals.satisfaction_rate", 98.5): "term"}
    assert stated("报告提出，2024年要围绕产业发展开展重点协商活动20项。") == set()
    assert stated("全年开展协商活动30项，其中专题协商3次，对口协商、界别协商16次。") == {
        ("consultation.activities", 30.0, "exact"), ("consultation.thematic", 3.0, "exact")}
    assert stated("提案者满意率为97.1%，基本\n满意率为2.9%。") == {("proposals.satisfaction_rate", 97.1, "exact")}
    assert stated("民建、民进等组织报送的信息被省政协采用7篇。") == set()


def test_a_numbered_heading_naming_another_county_opens_its_section():
    county = ReportInfo(file="test.txt", cities=("吉安县",), year=2023, level="county", province="江西")
    text = ("一、吉安县：庐陵文化的协商实践\n吉安县政协全年立案提案131件。\n"
            "二、永新县：三湾改编地的协商实践\n永新县政协全年立案提案143件。县政协建成委员工作室12个。\n")
    assert stated(text, county) == {("proposals.filed", 131.0, "exact")}


def test_a_label_with_a_title_on_its_line_opens_another_countys_section():
    county = ReportInfo(file="test.txt", cities=("临桂区",), year=2023, level="county", province="广西")
    text = ("【临桂区】\"桂花香里话协商\"\n区政协全年立案提案131件。\n"
            "【龙胜各族自治县】\"梯田上的议事厅\"\n龙胜县政协全年收到提案98件，立案91件。\n")
    assert stated(text, county) == {("proposals.filed", 131.0, "exact")}


def test_bulleted_headings_of_counties_and_their_sibling_headings():
    county = ReportInfo(file="test.txt", cities=("吴川市",), year=2023, level="county", province="广东")
    text = ("■ 吴川市：侨乡协商\n吴川市政协全年立案提案131件。\n"
            "■ 遂溪县：甘蔗之乡促融合\n遂溪县政协全年立案提案164件，重点提案7件。\n"
            "■ 结语\n今年，市政协还建成委员工作室9个。\n")
    assert stated(text, county) == {("proposals.filed", 131.0, "exact"), ("members.studios", 9.0, "exact")}


def test_a_committees_name_alone_on_its_line_heads_its_section():
    county = ReportInfo(file="test.txt", cities=("兴平市",), year=2023, level="county", province="陕西")
    text = ("■ 武功县政协\n县政协全年收到提案118件，立案104件。\n"
            "■ 兴平市政协\n市政协全年收到提案126件，立案115件。\n"
            "■ 礼泉县政协\n县政协全年收到提案110件，立案98件。\n"
            "■ 综述\n市政协还建成委员工作室9个。\n")
    assert stated(text, county) == {("proposals.submitted", 126.0, "exact"), ("proposals.filed", 115.0, "exact"),
                                    ("members.studios", 9.0, "exact")}
    # a menu's item that names no place opens no section
    assert stated("县市区政协\n政协第六届委员会第三次会议共收到提案149件。\n", county) == {
        ("proposals.submitted", 149.0, "exact")}


def test_two_headings_read_at_one_place_do_not_break_the_sections():
    # a label line that is also a committee's heading: read twice at the same position
    county = ReportInfo(file="test.txt", cities=("吉安县",), year=2023, level="county", province="江西")
    text = "【吉安县政协】\n全年立案提案131件。\n【永新县政协】\n全年立案提案143件。\n"
    assert stated(text, county) == {("proposals.filed", 131.0, "exact")}


def test_a_table_with_a_column_of_units_and_one_with_bars_and_categories():
    text = ("序号 项目 单位 数量 备注\n"
            "1 收到提案 件 254\n"
            "2 立案提案 件 226 立案率89.0%\n"
            "3 提案办复率 % 100\n"
            "4 协商活动（合计） 项 17\n"
            "4.1 对口协商 项 6\n"
            "5 获领导批示 篇次 11\n"
            "6 委员培训 人次 560\n")
    assert stated(text) >= {
        ("proposals.submitted", 254.0, "exact"), ("proposals.filed", 226.0, "exact"),
        ("proposals.reply_rate", 100.0, "exact"), ("consultation.activities", 17.0, "exact"),
        ("consultation.counterpart", 6.0, "exact"), ("info.leader_instructions", 11.0, "exact")}
    bars = ("类别｜指标｜2023年｜2022年｜增减\n"
            "提案｜提交提案（件）｜263｜248｜+15\n"
            "协商｜重点协商活动（项）｜15｜13｜+2\n"
            "协商｜其中：对口协商（项）｜6｜5｜+1\n")
    assert stated(bars) == {("proposals.submitted", 263.0, "exact"), ("consultation.activities", 15.0, "exact"),
                            ("consultation.counterpart", 6.0, "exact")}


def test_who_proposed_them_in_longer_words():
    text = "立案提案中，以委员个人名义或委员联名提出的共383件；以集体名义提出的共56件。"
    assert stated(text) >= {("proposals.by_members", 383.0, "exact"), ("proposals.collective", 56.0, "exact")}
    assert ("proposals.by_members", 608.0, "exact") in stated("立案提案中，以委员个人或多人联名方式提出的608件。")
    assert ("proposals.by_members", 136.0, "exact") in stated("立案的提案中，个人提案与联名提案合计136件。")
    assert ("proposals.resolved_rate", 87.5, "exact") in stated(
        "提案均已办复。所提问题已经解决、部分解决或被采纳的共384件，占87.5%。")
    assert ("supervision.special", 1.0, "exact") in stated("聚焦农村生活污水治理开展专项民主监督一项，推动整改。")
    assert ("members.studios", 20.0, "exact") in stated("截至目前，全市委员工作室已建成20个。")
    assert ("consultation.activities", 52.0, "exact") in stated("全年组织各类重点协商活动52项。")
    assert ("proposals.submitted", 15000.0, "at_least") not in stated("各设区市政协全年共收到提案1.5万余件。")


def test_a_county_label_the_list_lacks_still_opens_its_section_and_parties_proposed_ones():
    county = ReportInfo(file="test.txt", cities=("福贡",), year=2023, level="county", province="云南")
    text = "【福贡县】\n福贡县政协立案提案76件。\n\n【贡山县】\n贡山县政协立案提案54件，办复率100%。\n"
    assert stated(text, county) == {("proposals.filed", 76.0, "exact")}
    assert stated("立案提案中，民主党派、工商联提出的有71件。") == {("parties.proposals", 71.0, "exact")}


def test_accepted_as_proposals_in_other_words_and_plans_in_other_words():
    text = ("递交提案总计二百零六件。提案委员会审查后列为提案交有关单位办理的一百八十三件，占提案总数的88.8%。"
            "在立案提案中，委员以个人或联名方式提出的155件。")
    assert stated(text) >= {("proposals.filed", 183.0, "exact"), ("proposals.filing_rate", 88.8, "exact"),
                            ("proposals.by_members", 155.0, "exact")}
    assert stated("全年安排协商议政活动46项。") == {("consultation.activities", 46.0, "exact")}
    assert stated("今年计划安排协商议题20项。") == set()
    assert stated("据悉，县政协今年将遴选12件左右重点提案。") == set()
    assert {f for f in stated("经审查，立案116件，合并立案2件。") if f[0] == "proposals.filed"} == {
        ("proposals.filed", 116.0, "exact")}
    facts = {(f.metric, f.value): f.period for f in facts_of("本届县政协（2022年1月换届）以来，累计立案提案315件。")}
    assert facts == {("proposals.filed", 315.0): "term"}


def test_a_key_given_twice_in_the_catalogue_is_an_error(tmp_path):
    from etl.catalogue import load_catalogue as load
    from etl.paths import CATALOGUE as CATALOGUE_FILE

    text = CATALOGUE_FILE.read_text(encoding="utf-8")
    doubled = text.replace("        not_clause: '{TOPIC}|{NEGATION}'\n",
                           "        not_clause: '{TOPIC}|{NEGATION}'\n        not_clause: '{TOPIC}'\n", 1)
    assert doubled != text
    broken = tmp_path / "metrics.yaml"
    broken.write_text(doubled, encoding="utf-8")
    with pytest.raises(ValueError, match="given twice"):
        load(broken)


@pytest.mark.parametrize("text", NEGATIVE)
def test_rules_leave_alone(text):
    assert stated(text) == set()


def test_every_metric_has_a_positive_case():
    covered = {m for _, facts in POSITIVE for m, _, _ in facts}
    assert set(load_catalogue().ids) <= covered


def test_the_committee_named_after_a_citywide_count_takes_its_own_scope():
    facts = {(f.metric, f.value): f.scope for f in facts_of(
        "全市政协系统共报送社情民意信息3200余篇，市政协报送860篇。全市各级政协共收到提案2100件，其中市政协收到提案486件。")}
    assert facts == {("info.submitted", 3200.0): "citywide", ("info.submitted", 860.0): "committee",
                     ("proposals.submitted", 2100.0): "citywide", ("proposals.submitted", 486.0): "committee"}


def test_in_a_district_of_a_municipality_the_city_committee_is_provincial():
    text = "报送社情民意信息300篇，被全国政协采用3篇，被市政协采用41篇。"
    district = ReportInfo(file="test.txt", cities=("渝北",), year=2023, province="重庆", level="district")
    assert stated(text, district) == {("info.submitted", 300.0, "exact"), ("info.adopted_national", 3.0, "exact"),
                                      ("info.adopted_provincial", 41.0, "exact")}
    assert ("info.adopted_provincial", 41.0, "exact") not in stated(text)  # a prefecture's 市政协 is itself


def test_one_phrase_read_by_two_rules_is_one_fact():
    facts = [f for f in facts_of("所有提案均已答复完毕。") if f.metric == "proposals.reply_rate"]
    assert len(facts) == 1


def test_parties_subject_decides_between_submitted_and_parties():
    text = "各民主党派、工商联、人民团体和广大委员积极建言，共提交提案420件。"
    assert stated(text) == {("proposals.submitted", 420.0, "exact")}


def test_members_breakdown_of_received_proposals_is_not_by_members():
    text = "共收到提案538件。其中，集体提案56件，委员个人提案457件。"
    assert stated(text) == {("proposals.submitted", 538.0, "exact")}


def test_members_breakdown_of_filed_proposals_reads_previous_sentence():
    text = "经审查共立案380件。其中，市各民主党派、工商联提案58件，委员提案320件。"
    assert stated(text) == {("proposals.filed", 380.0, "exact"), ("parties.proposals", 58.0, "exact"),
                            ("proposals.by_members", 320.0, "exact")}


def test_adoptions_by_several_bodies_add_up_to_a_derived_total():
    text = "收集社情民意信息900篇，全国政协采用5篇；省委采用2篇；省政协采用60篇。"
    facts = facts_of(text)
    derived = [f for f in facts if f.derived]
    assert [(f.metric, f.value) for f in derived] == [("info.adopted", 67.0)]
    parts = {f.id for f in facts if f.metric in ("info.adopted_national", "info.adopted_provincial")}
    assert parts <= set(derived[0].derived_from) and len(derived[0].derived_from) == 3


def test_parties_counted_apart_add_up_to_a_derived_figure():
    text = "共收到提案300件。其中各民主党派提案40件，市工商联提案7件，委员提案250件。"
    derived = [(f.metric, f.value) for f in facts_of(text) if f.derived]
    assert derived == [("parties.proposals", 47.0)]


def test_a_stated_total_is_not_derived_again():
    text = "信息被全国政协、省政协采用80篇，其中全国政协采用6篇，省政协采用74篇。"
    facts = facts_of(text)
    assert ("info.adopted", 80.0) in {(f.metric, f.value) for f in facts if not f.derived}
    assert not [f for f in facts if f.derived]


@pytest.mark.parametrize("text, scope", [
    ("全市各级政协开展协商活动120余次。", "citywide"),
    ("市政协开展协商活动40次。", "committee"),
    ("全市共有8处“界别同心汇”平台。", "citywide"),
    ("过去这一年，全市共提交提案808件。", "committee"),
    ("在全市分层级搭建平台，开展协商活动800余场次。", "citywide"),
])
def test_scope(text, scope):
    assert [f.scope for f in facts_of(text)] == [scope]


@pytest.mark.parametrize("text, period", [
    ("五年来，共收到提案2300件。", "term"),
    ("本届以来，立案提案1900件。", "term"),
    ("本届政协以来，立案提案1900件。", "term"),
    ("本届政协委员积极履职，全年共提交提案420件。", "year"),
    ("市政协十一届一次会议以来，共提交提案1749件。", "term"),
    ("市政协十一届二次会议以来，共提交提案420件。", "year"),
    ("今年以来，收集社情民意信息700条。", "partial"),
    ("全年共收到提案400件。", "year"),
])
def test_period(text, period):
    assert [f.period for f in facts_of(text)] == [period]


def test_a_sentence_that_names_an_earlier_year_counts_for_that_year():
    text = "2022年，市政协共收到提案500件；2023年，共收到提案520件。截至2023年10月底，立案提案全部办复。"
    facts, left = extract(read_bytes(text.encode("utf-8"), "test.txt"), REPORT)
    # the 2023 report's facts are 2023's; 2022's figure waits as a candidate dated 2022
    assert [(f.year, f.value) for f in facts] == [(2023, 520.0), (2023, 100.0)]
    assert [(c.year, c.value, c.reason.split(": ")[1]) for c in left if "another year" in c.reason] == [
        (2022, 500.0, "of another year (2022)")]
    assert [f.year for f in facts_of("五年来，2019年以来共收到提案2300件。")] == [2023]
    assert [f.year for f in facts_of("1998年，共收到提案100件。")] == [2023]  # too far back to trust


def test_last_year_named_as_the_time_of_the_work_is_the_year_before_publication():
    text = "去年，市政协的提案全部按时办复，委员满意率为96.8%。"
    in_year = ReportInfo(file="test.txt", cities=("潍坊",), year=2023, published="2023-03-01")
    # a report of 2023 published in 2023: last year's figures are 2022's, not facts of this report
    facts, left = extract(read_bytes(text.encode("utf-8"), "test.txt"), in_year)
    assert facts == []
    assert {(c.noun, c.value, c.year, c.reason.split(": ")[1]) for c in left if "another year" in c.reason} == {
        ("proposals.reply_rate", 100, 2022, "of another year (2022)"),
        ("proposals.satisfaction_rate", 96.8, 2022, "of another year (2022)")}
    # a 2023 report published in January 2024 says 去年 of 2023 itself
    assert {(f.metric, f.year) for f in facts_of(text)} == {
        ("proposals.reply_rate", 2023), ("proposals.satisfaction_rate", 2023)}
    facts = facts_of("立案提案301件，比去年增加12件。", in_year)
    assert {(f.metric, f.value, f.year) for f in facts} == {("proposals.filed", 301, 2023)}


def test_news_of_a_session_dates_the_proposals_of_the_session_before_a_year_earlier():
    text = ("市政协十届四次会议提案征集工作结束。截至1月12日，大会共收到提案386件。"
            "据了解，市政协十届三次会议立案的341件提案已全部办复，提案者满意率达98.2%。"
            "上次会议以来的重点提案12件均已办结。")
    at_the_session = ReportInfo(file="test.txt", cities=("潍坊",), year=2024, published="2024-01-13")
    facts, left = extract(read_bytes(text.encode("utf-8"), "test.txt"), at_the_session)
    assert {(f.metric, f.value, f.year) for f in facts} == {("proposals.submitted", 386, 2024)}
    assert {(c.noun, c.value, c.year) for c in left if "another year" in c.reason} == {
        ("proposals.filed", 341, 2023), ("proposals.reply_rate", 100, 2023),
        ("proposals.satisfaction_rate", 98.2, 2023), ("proposals.key", 12, 2023)}
    # a work report read at the next session speaks of the year since the last one as its own
    report = "市政协十届三次会议以来，共立案提案341件，已全部办复。在十届四次会议上，……"
    work_report = ReportInfo(file="test.txt", cities=("潍坊",), year=2023, published="2024-01-13")
    assert {(f.metric, f.value, f.year) for f in facts_of(report, work_report)} == {
        ("proposals.filed", 341, 2023), ("proposals.reply_rate", 100, 2023)}


def test_a_figure_of_another_named_year_is_a_candidate_not_a_fact():
    facts, left = extract(read_bytes("近年来提案数量稳步提升，2016年立案118件，2023年立案136件。".encode("utf-8"), "t.txt"), REPORT)
    assert [(f.metric, f.value, f.year) for f in facts] == [("proposals.filed", 136, 2023)]
    assert [(c.value, c.year) for c in left if "another year" in c.reason] == [(118, 2016)]


def test_a_report_published_before_its_year_ended_is_partial():
    report = ReportInfo(file="t.txt", cities=("济宁",), year=2023, published="2023-07-14")
    assert [f.period for f in facts_of("开展协商活动30余项。", report)] == ["partial"]


def test_multi_city_feature_attributes_each_section():
    report = ReportInfo(file="t.txt", cities=("淄博", "日照"), year=2023, published="2023-12-20")
    text = ("淄博市政协：打造协商品牌\n市政协组织63场协商会。\n"
            "日照市政协：阳光协商\n日照市政协主席带队调研\n开展协商活动80场次。\n")
    assert [(f.city, f.value) for f in facts_of(text, report)] == [("淄博", 63.0), ("日照", 80.0)]


def test_quote_is_the_span_of_the_original_text():
    text = "截至年底，571件立案提案已全部办复，委员满意和基本满意率达99%以上。"
    for f in facts_of(text):
        assert text[f.start:f.end] == f.quote
        assert f.quote in f.sentence


def test_quote_maps_through_normalisation():
    from etl.read import read_bytes

    original = "共收集社情民意 信息6637篇、编报1109篇，省、市领导签批33 篇次。"
    doc = read_bytes(original.encode("utf-8"), "wrapped.txt")
    facts = extract_facts(doc, REPORT)
    assert {f.quote for f in facts} >= {"收集社情民意 信息6637篇", "签批33 篇次"}
    for f in facts:
        assert doc.original[f.start:f.end] == f.quote


WHOLE_REPORT = paths.ROOT / "tests" / "fixtures" / "extract" / "work_report_written_for_tests.txt"


def test_a_whole_work_report_written_in_other_words():
    """A report written for this test in the usual style of a 常委会工作报告 (not from the corpora)."""
    from etl.read import read_document
    from etl.reports import detect_info

    doc = read_document(WHOLE_REPORT)
    info = detect_info(WHOLE_REPORT.name, doc.text)
    assert (info.city, info.year, info.level) == ("济南", 2023, "prefecture")
    found = {(f.metric, f.value, f.qualifier, f.period) for f in extract_facts(doc, info) if not f.derived}
    assert found == {
        ("consultation.activities", 52, "exact", "year"), ("consultation.thematic", 2, "exact", "year"),
        ("consultation.thematic", 4, "exact", "year"), ("consultation.counterpart", 8, "exact", "year"),
        ("consultation.sectoral", 11, "exact", "year"), ("supervision.special", 3, "exact", "year"),
        ("proposals.submitted", 812, "exact", "year"), ("proposals.filed", 706, "exact", "year"),
        ("proposals.filing_rate", 86.9, "exact", "year"), ("proposals.by_members", 571, "exact", "year"),
        ("proposals.collective", 135, "exact", "year"), ("proposals.key", 30, "exact", "year"),
        ("proposals.reply_rate", 100, "exact", "year"), ("proposals.satisfaction_rate", 99.2, "exact", "year"),
        ("proposals.resolved_rate", 79.6, "exact", "year"), ("info.collected", 3260, "at_least", "year"),
        ("info.submitted", 1105, "exact", "year"), ("info.adopted_national", 36, "exact", "year"),
        ("info.adopted_provincial", 289, "exact", "year"), ("info.leader_instructions", 72, "exact", "year"),
        ("members.studios", 158, "exact", "year"),  # 新建委员工作室21个: new ones (v1.1)
        ("platforms.sector_hubs", 8, "exact", "year"), ("parties.proposals", 98, "exact", "year"),
        ("parties.info", 417, "exact", "year"),
        ("proposals.submitted", 4236, "exact", "term"), ("proposals.filed", 3701, "exact", "term"),
        ("proposals.reply_rate", 100, "exact", "term"),
    }
    derived = [(f.metric, f.value) for f in extract_facts(doc, info) if f.derived]
    assert derived == [("info.adopted", 325)]


@pytest.mark.parametrize("where", ["every_rule", "rule"])
def test_a_misspelt_subject_in_the_catalogue_is_an_error(where):
    import copy

    import yaml

    from etl.catalogue import parse_catalogue
    from etl.paths import CATALOGUE as CATALOGUE_FILE

    data = yaml.safe_load(CATALOGUE_FILE.read_text(encoding="utf-8"))
    broken = copy.deepcopy(data)
    if where == "every_rule":
        broken["every_rule"]["not_subject"] = ["lower_comittees"]
    else:
        broken["metrics"][0]["rules"][0]["not_subject"] = ["partys"]
    with pytest.raises(ValueError, match="unknown subjects"):
        parse_catalogue(broken)
    parse_catalogue(data)   # the catalogue as it is loads


def test_a_bulleted_infographic_of_labels_colons_and_an_earlier_value_before_an_arrow():
    text = ("▶ 这一年 提案工作\n★收到提案：176件\n★审查立案：150件\n　占收到提案的 85.2%\n★其中\n"
            "　委员个人、联名提案 131件\n　党派团体界别提案 19件\n★答复情况：全部办复\n★满意和基本满意：97.6%\n\n"
            "▶ 这一年 社情民意\n★收集：233篇\n★报送：88篇\n\n▶ 这一年 平台建设\n★委员工作室：6个\n"
            "★\"界别同心汇\"：3个\n★协商活动总数：15场\n★专项民主监督：2项\n\n▶ 对比上年\n立案提案 141件 → 150件\n")
    assert stated(text) == {
        ("proposals.submitted", 176.0, "exact"), ("proposals.filed", 150.0, "exact"),
        ("proposals.filing_rate", 85.2, "exact"), ("proposals.by_members", 131.0, "exact"),
        ("proposals.collective", 19.0, "exact"), ("proposals.reply_rate", 100.0, "exact"),
        ("proposals.satisfaction_rate", 97.6, "exact"), ("info.collected", 233.0, "exact"),
        ("info.submitted", 88.0, "exact"), ("members.studios", 6.0, "exact"),
        ("platforms.sector_hubs", 3.0, "exact"), ("consultation.activities", 15.0, "exact"),
        ("supervision.special", 2.0, "exact")}


def test_a_line_of_prose_that_opens_with_a_name_is_no_list_line():
    # (a topic's count, its topic on the lines before: no list around it, no bullet, no colon)
    text = "提案主要内容\n■ 围绕乡村振兴、\n产业升级等\n提出提案212件\n■ 围绕社会事业等\n提出提案96件\n"
    assert not any(metric == "proposals.submitted" for metric, _, _ in stated(text))


def test_answers_made_by_the_offices_said_in_more_words():
    for text in ("立案提案所涉及的问题，已由41个承办单位全部作出答复，提案者满意率为96.5%。",
                 "截至10月底，立案提案已逐件办复。",
                 "立案提案中，承办单位已经作出答复的占百分之百。"):
        assert ("proposals.reply_rate", 100.0, "exact") in stated("县政协共立案提案150件。" + text), text


def test_information_that_reached_the_committee_and_where_it_was_sent():
    text = ("全年由委员、信息员报送到县政协办公室的各类社情民意信息合计236条。经编辑，"
            "向市政协、省政协报送了102篇。")
    assert stated(text) >= {("info.collected", 236.0, "exact"), ("info.submitted", 102.0, "exact")}
    assert ("info.collected", 31.0, "exact") in stated("区政协全年收集整理社情民意信息31条，内容涉及教育、医疗等方面。")
    assert ("info.submitted", 12.0, "exact") in stated("区政协全年收集社情民意信息40条，其中12条报送市政协。")
    assert ("info.submitted", 61.0, "exact") in stated("在这150篇信息中，修改后报往市政协和省政协的有61篇。")
    assert ("info.submitted", 23.0, "exact") not in stated("全年收集信息60条，其中报送市政协的信息有23条被采用。")


def test_filed_and_key_and_summed_adoptions_in_other_words():
    assert ("proposals.submitted", 191.0, "exact") in stated("问：提案工作怎么样？\n答：去年收到的提案是191件，审查后立了170件。")
    assert ("proposals.filed", 160.0, "exact") in stated(
        "收到提案181件。经审查，符合立案标准、交有关部门办理的提案共160件。")
    members = "在立案的200件中，由委员以个人名义或者多人联名方式提出、经审查符合立案条件的共计171件。"
    assert ("proposals.by_members", 171.0, "exact") in stated(members)
    assert ("proposals.filed", 171.0, "exact") not in stated(members)
    assert ("proposals.key", 7.0, "exact") in stated(
        "我们把“关于发展冷链物流的提案”等7件提案作为重点，由县领导领办。")
    assert ("proposals.key", 15.0, "exact") in stated(
        "市委、市政府主要领导领衔督办重点提案5件，市政协主席会议成员分别督办重点提案10件，共计15件。")
    assert ("info.adopted", 52.0, "exact") in stated(
        "报上去的信息中，被市政协采用44条、被省政协采用8条，二者合计52条。")


def test_parties_counted_in_a_split_by_whose_they_are():
    assert ("parties.proposals", 120.0, "exact") in stated(
        "在立案的980件提案中，出自委员个人或多名委员联名的840件，出自各民主党派市委和市工商联的120件，其余20件由人民团体提出。")
    assert ("parties.info", 27.0, "exact") in stated("全年收集社情民意信息90条，其中由各民主党派、县工商联报送的27条。")


def test_list_lines_of_a_sent_count_a_key_count_and_endorsements_of_other_work():
    text = ("【协商议政】\n各类协商活动 20 项\n形成报告 15 篇\n领导批示 11 次\n\n【提案】\n收到 201 件\n立案 180 件\n"
            "重点督办 9 件\n\n【社情民意】\n收集 312 条\n向市政协报送 140 条\n领导批示 15 条次\n")
    facts = stated(text)
    assert {("proposals.key", 9.0, "exact"), ("info.submitted", 140.0, "exact"),
            ("info.leader_instructions", 15.0, "exact")} <= facts
    assert ("info.leader_instructions", 11.0, "exact") not in facts


def test_a_citys_levels_and_a_city_after_a_preposition_are_above_a_district_or_county():
    district = ReportInfo(file="test.txt", cities=("奎文",), year=2023, level="district", province="山东")
    text = "编者按：全市各级政协全年立案提案1900余件，开展协商活动300余项。\n奎文区政协全年立案提案158件。"
    assert stated(text, district) == {("proposals.filed", 158.0, "exact")}
    # (a county-level city's own 全市 stays its own, citywide)
    city = ReportInfo(file="test.txt", cities=("安丘",), year=2023, level="county", province="山东")
    assert ("consultation.activities", 41.0, "at_least") in stated("全市各级政协开展协商活动41余项。", city)
    text = "在潍坊市政协全年立案520件提案的大背景下，安丘市政协立案提案176件。"
    assert stated(text, city) == {("proposals.filed", 176.0, "exact")}
    assert ("members.studios", 140.0, "at_least") not in stated("放眼全省，潍坊市各级政协建成委员工作室已有140余个。", city)


def test_the_count_the_review_files_from_is_the_whole_whatever_its_topics():
    text = ("过去一年，委员们围绕工业转型、乡村振兴、文旅融合递交的提案一共201件，提案委员会逐件把关后，"
            "正式列为立案提案的有180件，立案比例为89.6%。")
    assert stated(text) >= {("proposals.submitted", 201.0, "exact"), ("proposals.filing_rate", 89.6, "exact")}
    # (a topic's count with no review after it stays a topic's)
    assert stated("■ 围绕民生改善等\n提出提案96件\n■ 围绕生态保护等\n提出提案41件\n") == set()
    assert ("proposals.submitted", 150.0, "exact") in stated(
        "全年市政协组织协商活动15项。提案方面，委员和各参加单位共提交提案150件，经审查立案131件。")


def test_kinds_of_consultation_said_by_their_form_and_special_committees_work():
    text = ("县政协常委会以专题议政形式协商3次、与县直部门面对面对口协商5次、按界别组织协商4次。")
    assert stated(text) == {("consultation.thematic", 3.0, "exact"), ("consultation.counterpart", 5.0, "exact"),
                            ("consultation.sectoral", 4.0, "exact")}
    assert ("consultation.thematic", 2.0, "exact") in stated(
        "全年一共组织了二十一次协商活动，其中拿到常委会议上专题协商的有两次。")
    report = ("全年县政协共组织协商活动14次。\n\n二、经济委员会\n经济委员会围绕文旅产业开展调研8次，牵头组织对口协商2次。\n\n"
              "三、社会法制委员会\n社会法制委员会收集委员反映的社情民意信息52条，其中向县政协信息科报送26条。\n")
    assert stated(report) == {("consultation.activities", 14.0, "exact")}


def test_adoptions_by_where_printed_leaders_on_pieces_among_them_and_hubs_after_new_ones():
    assert ("info.adopted_national", 1.0, "exact") in stated(
        "全年报送社情民意信息132篇，被省、市政协采用41篇，其中省政协采用9篇，1篇被全国政协《每日社情》刊发。")
    assert ("info.adopted_national", 9.0, "exact") not in stated(
        "向全国政协报送信息412条，被全国政协采用78条，其中被《全国政协信息》专报采用9条。")
    assert ("info.adopted_provincial", 1.0, "exact") in stated(
        "全年收集信息150条，有一条关于小麦病虫害防治的信息被省政协采用。")
    assert ("info.leader_instructions", 9.0, "exact") in stated(
        "这些信息中，全国政协采用2条、省政协采用12条，另有省、市领导在其中9条信息上作出批示。")
    assert ("info.leader_instructions", 1.0, "exact") not in stated("区委主要领导对信息工作作出肯定性批示1次。")
    assert ("info.collected", 260.0, "at_least") in stated(
        "在逾260条由委员、界别和特邀信息员反映上来的社情民意信息中，信息科逐条核实，精选编报113条。")
    hubs = stated("新认定“界别同心汇”平台2处，全市累计达到7处。")
    assert ("platforms.sector_hubs", 7.0, "exact") in hubs and ("platforms.sector_hubs", 2.0, "exact") not in hubs
    assert ("members.studios", 12.0, "exact") in stated("全县委员工作室现在有十二个，去年又新建了三个。")
    assert ("info.submitted", 10.0, "exact") not in stated("对全年报送信息10条以上或\n被采用3条以上的委员给予通报表扬。")


def test_now_after_a_year_plans_with_a_time_word_and_one_members_own_counts():
    assert ("members.studios", 15.0, "exact") in stated(
        "2018年建成首批委员工作室5个，目前全市委员工作室达到15个。")
    assert ("consultation.activities", 20.0, "about") not in stated("我们计划今年组织协商活动二十次左右。")
    assert stated("报送最多的委员全年报送15条，被上级采用4条。") == set()
    assert stated("委员马某某一人提交提案6件，其中4件被评为优秀提案。") == set()


def test_more_ways_to_state_satisfaction_filing_gathering_and_studios():
    assert ("proposals.satisfaction_rate", 98.0, "exact") in stated(
        "提案者满意和基本满意率从2021年的95.4%、2022年的97.1%提升至2023年的98.0%。")
    assert ("proposals.satisfaction_rate", 98.7, "exact") in stated(
        "在回收的231份《提案办理情况征询意见表》中，勾选“满意”或“基本满意”的为228份，占比达98.7%。")
    assert ("proposals.filed", 142.0, "exact") in stated("经审查立案交办的提案142件，交由41家单位承办。")
    assert ("info.collected", 318.0, "exact") in stated("全年通过委员报送、界别推荐等渠道汇集起来的信息素材共计318条。")
    assert ("members.studios", 22.0, "exact") in stated("目前全市已在21个乡镇（街道）全部建成委员工作室，共计22个。")
    county = ReportInfo(file="test.txt", cities=("安丘",), year=2023, level="county", province="山东")
    assert ("proposals.filed", 580.0, "at_least") not in stated("当年潍坊市政协立案提案共计580余件。", county)


def test_members_proposals_in_more_words_and_joint_ones_alone_are_a_part():
    assert ("proposals.by_members", 231.0, "exact") in stated(
        "予以立案的有274件。在这274件中，以个人身份或者几位委员联合署名提出的有231件。")
    assert ("proposals.by_members", 236.0, "exact") in stated(
        "经审查立案260件，其中由委员个人提出的和委员联名提出的共236件。")
    assert ("proposals.by_members", 41.0, "exact") not in stated(
        "2023年立案提案中，由两名以上委员联名提出的有41件，比2021年增加15件。")


def test_plans_of_the_committee_key_ones_chosen_and_pieces_written_and_sent():
    assert stated("2024年，市政协将确定协商议题40项左右。") == set()
    text = "经审查以后，立案了131件。经过主席会议研究，我们选了7件事关全县长远发展的作为重点提案。"
    assert stated(text) >= {("proposals.filed", 131.0, "exact"), ("proposals.key", 7.0, "exact")}
    assert ("proposals.key", 4.0, "exact") not in stated("涉及海洋牧场建设的4件重点提案已经全部办结。")
    assert ("proposals.reply_rate", 100.0, "exact") in stated("目前，274件提案所涉问题，承办单位已全部作出书面答复。")
    text = ("一年来，县政协办公室信息科汇总委员、信息员和各参加单位撰写的社情民意信息稿件共四百零六篇，"
            "向市政协和省政协报送的一百二十八篇信息中，有三十九篇被采用。")
    assert stated(text) >= {("info.collected", 406.0, "exact"), ("info.submitted", 128.0, "exact")}
    assert ("consultation.activities", 17.0, "exact") in stated(
        "县政协全年围绕生态旅游等课题确定协商议题并组织实施的协商活动，共计17项。")
    assert ("members.studios", 6.0, "exact") in stated("我们准备把委员工作室从现在的6个扩展到17个乡镇全覆盖。")


def test_what_a_colon_introduces_and_the_parties_alone_are_their_own():
    text = "被各级采用情况为：自治区政协采用17条、全国政协采用2条、州政协采用44条，合计63条。"
    facts = stated("全年收到信息原稿327条。" + text)
    assert ("info.adopted_provincial", 17.0, "exact") in facts and ("info.adopted", 17.0, "exact") not in facts
    assert ("info.submitted", 27.0, "exact") not in stated("按报送主体分：各民主党派、工商联报送信息27条，委员个人报送信息168条。")
    text = "经审查立案84件。84件立案提案中，由民主党派、工商联以集体名义提出的有7件。"
    facts = stated(text)
    assert ("proposals.collective", 7.0, "exact") not in facts
    assert ("proposals.collective", 23.0, "exact") in stated(
        "经审查立案194件。在194件立案提案中，委员个人和联名提案171件，以民主党派、工商联名义提交的集体提案有23件。")
    assert ("proposals.reply_rate", 100.0, "exact") in stated("立案172件。目前这172件提案均已由承办单位书面答复提案人。")


def test_rows_and_list_lines_that_leave_out_the_noun_or_carry_a_change():
    text = ("立案提案 205件 +5.1% 立案率85.1%\n其中：委员个人和联名 181件 +4.0%\n党派、团体、界别 24件 +14.3%\n"
            "被上级采用 40篇 +6篇\n其中省政协采用 9篇 +3篇\n")
    facts = stated(text)
    assert {("proposals.by_members", 181.0, "exact"), ("proposals.collective", 24.0, "exact"),
            ("info.adopted_provincial", 9.0, "exact")} <= facts
    assert ("info.adopted_provincial", 3.0, "exact") not in facts
    table = ("类别 指标 2023年 2022年\n信息 报送嘉兴市政协及以上（条） 265 240\n"
             "信息 各民主党派县委、县工商联报送（条） 97 83\n")
    assert stated(table) >= {("info.submitted", 265.0, "exact"), ("parties.info", 97.0, "exact")}
    assert ("proposals.collective", 14.0, "exact") not in stated("项目\t单位\t本年\t上年\n其中：民主党派、工商联\t件\t14\t13\n")


def test_members_proposals_named_with_how_many_joined_and_a_rate_told_year_by_year():
    assert ("proposals.by_members", 141.0, "exact") in stated(
        "正式列为立案提案的有163件。这163件里，以委员个人或者几位委员联名形式提出的141件。")
    assert ("proposals.satisfaction_rate", 98.0, "exact") in stated(
        "提案人对办理工作的满意率，2021年为94.1%，2022年为96.5%，2023年达到98.0%。")


def test_the_past_year_in_a_sessions_news_kinds_of_studios_and_a_one_character_county_heading():
    session = ReportInfo(file="test.txt", cities=("潍坊",), year=2024, published="2024-01-07")
    text = "报告回顾了过去一年的工作：市政协组织协商活动14项，立案提案138件。大会共收到提案412件。"
    assert stated(text, session) == {("proposals.submitted", 412.0, "exact")}
    annual = ReportInfo(file="test.txt", cities=("潍坊",), year=2023, published="2024-01-07")
    assert ("proposals.filed", 138.0, "exact") in stated(text, annual)
    assert stated("表彰优秀提案20件、优秀委员工作室5个。") == set()
    assert ("members.studios", 22.0, "exact") not in stated("坚持“一镇街一工作室”，全区22个镇街委员工作室实现全覆盖。")
    county = ReportInfo(file="test.txt", cities=("兴平",), year=2023, level="county", province="陕西")
    text = ("■ 兴平市政协\n市政协全年组织协商活动15项。\n\n■ 乾縣政協\n縣政協開展協商活動10項；收到提案102件。\n")
    assert stated(text, county) == {("consultation.activities", 15.0, "exact")}


def test_a_county_the_place_list_lacks_is_below_its_city_by_its_own_name():
    county = ReportInfo(file="test.txt", cities=("休宁县",), year=2023, level="county", province="安徽")
    text = "县政协全年立案提案131件。（另据统计，全市各级政协2023年共立案提案1950件。）"
    assert stated(text, county) == {("proposals.filed", 131.0, "exact")}


def test_two_adopters_on_one_line_and_a_trees_branches():
    text = ("【社情民意】\n收集 367 条\n被上级采用 52 条\n 其中：全国政协 2 条 ｜ 省政协 9 条\n\n"
            "【协商议政】\n各类协商活动 23 项\n ├ 专题协商 4场\n └ 界别协商 5场\n")
    assert stated(text) >= {("info.adopted_national", 2.0, "exact"), ("info.adopted_provincial", 9.0, "exact"),
                            ("consultation.thematic", 4.0, "exact"), ("consultation.sectoral", 5.0, "exact")}


def test_a_session_still_to_come_dates_nothing_and_counts_of_answers_are_no_rate():
    # a work report read at the 2nd session of the 9th term (2023): the 3rd session named only as
    # one to prepare does not move the year on
    report = ReportInfo(file="test.txt", cities=("潍坊",), year=2023, published="2023-12-20")
    text = ("九届二次会议以来，共收到提案188件。\n明年要扎实做好九届三次会议的筹备工作。")
    assert {(f.metric, f.value, f.year) for f in facts_of(text, report)} == {
        ("proposals.submitted", 188.0, 2023)}
    # how many were answered is a count, not that all were
    assert not any(m == "proposals.reply_rate" for m, _, _ in stated("截至年底，已办复的提案有119件。"))
    # the satisfied ones counted, then their share, with words of an amount between
    assert ("proposals.satisfaction_rate", 98.3, "exact") in stated(
        "提案者表示满意和基本满意的，一共176件，占98.3%。")


def test_rates_said_as_a_share_or_as_they_rose_and_digits_set_apart_one_by_one():
    # 比例 for 率, and a rate told from where it set out (the year it set out from dates nothing)
    assert ("proposals.filing_rate", 90.4, "exact") in stated("经审查，立案的比例为90.4%。")
    assert ("proposals.resolved_rate", 77.5, "exact") in stated("提案所提问题已经解决或采纳的比例为77.5%。")
    assert ("proposals.filing_rate", 94.1, "exact") in stated("共收到提案210件，立案率由上年的89.7%提高到94.1%。")
    assert ("proposals.filing_rate", 89.7, "exact") not in stated("共收到提案210件，立案率由上年的89.7%提高到94.1%。")
    # a spaced-out PDF line: one number when the first digit follows an ideograph
    assert stated("全年共收到提案1 9 4 件。") == {("proposals.submitted", 194.0, "exact")}
    # other words for the pieces, the consultations and the supervision
    assert stated("全年收到社情民意信息原稿共有377篇。") == {("info.collected", 377.0, "exact")}
    assert stated("全年协商项目总数为16个。") == {("consultation.activities", 16.0, "exact")}
    assert stated("以专项民主监督形式持续跟踪的事项有三项。") == {("supervision.special", 3.0, "exact")}


def test_a_share_said_in_words_between_a_split_and_its_count():
    assert ("proposals.filed", 297.0, "exact") in stated("共收到提案320件，立案的占了九成以上，共297件。")
    assert ("proposals.by_members", 244.0, "exact") in stated(
        "今年立案的提案中，委员个人和联名提出的占了绝大多数，有244件。")
    assert ("proposals.collective", 53.0, "exact") in stated("今年立案提案中，以集体名义提出的占了多数，有53件。")
    # a share with no count after it is none
    assert not any(m == "proposals.filed" for m, _, _ in stated("立案的占了九成以上。"))


def test_the_province_committee_doing_its_own_work_is_another_and_a_bar_cell_keeps_its_thousands():
    county = ReportInfo(file="test.txt", cities=("琼海",), year=2023, level="county", province="海南")
    assert stated("从全省看，今年省政协共收到提案1100余件，其中涉及琼海的有30余件。", county) == set()
    # the committee itself named after it takes the count back; pieces sent to or adopted by it stay
    assert stated("今年省政协收到提案1100余件，市政协收到提案186件。", county) == {("proposals.submitted", 186.0, "exact")}
    assert stated("市政协报送省政协信息40条，被省政协采用9条。", county) == {
        ("info.submitted", 40.0, "exact"), ("info.adopted_provincial", 9.0, "exact")}
    provincial = ReportInfo(file="test.txt", cities=("海南",), year=2023, level="province", province="海南")
    assert stated("今年省政协共收到提案1100余件。", provincial) == {("proposals.submitted", 1100.0, "at_least")}
    # a table's cells apart by bars: a space inside one is a thousands group
    table = "项目｜2023年｜2022年｜增减\n收集社情民意信息（篇）｜1 306｜1 158｜+148\n"
    assert stated(table) == {("info.collected", 1306.0, "exact")}


def test_tenths_shares_quoted_names_and_rates_in_more_words():
    # tenths said as 成 are a share (九成一左右: about 91%), and a name in quotes is still the name
    assert stated("今年提案立案率九成二左右。") == {("proposals.filing_rate", 92.0, "about")}
    assert stated("提案“立案率”八成五。") == {("proposals.filing_rate", 85.0, "exact")}
    assert stated("提案办理满意率达九成以上。") == {("proposals.satisfaction_rate", 90.0, "at_least")}
    assert stated("九成以上的提案涉及民生。") == set()
    assert stated("这项制度一成不变地坚持了下来，立案提案悉数答复。") == {("proposals.reply_rate", 100.0, "exact")}
    assert ("proposals.satisfaction_rate", 95.2, "exact") in stated(
        "提案办理结果，委员反馈“满意”的占95.2%，“基本满意”的占4.8%。")
    assert ("proposals.satisfaction_rate", 100.0, "exact") in stated("提案办理满意面达100%。")
    # the filed count first, then its share; a share of the whole named before it
    assert ("proposals.filing_rate", 90.2, "exact") in stated("共收到提案480件，经审查，433件予以立案，占90.2%。")
    assert ("proposals.resolved_rate", 58.1, "exact") in stated(
        "提案所提问题得到解决或部分解决的有252件，在全部立案提案中占比58.1%。")
    assert not any(m == "proposals.resolved_rate" for m, _, _ in stated(
        "提案所提问题得到解决的有12件，在涉及教育的提案中占比30.0%。"))
    assert ("proposals.reply_rate", 100.0, "exact") in stated("今年的立案提案245件全部办完、答复到位。")


def test_the_city_committee_alone_adopting_in_a_county_report_is_the_adopted_count():
    county = ReportInfo(file="test.txt", cities=("丹寨县",), year=2023, level="county", province="贵州")
    assert ("info.adopted", 37.0, "exact") in stated("全年向州政协报送信息96条，被州政协采用三十七条。", county)
    # beside a higher committee, it is a part of the sum (in the sentence or on the list's next line)
    both = stated("全年报送信息96条，被州政协采用37条，被省政协采用6条。", county)
    assert ("info.adopted", 37.0, "exact") not in both and ("info.adopted_provincial", 6.0, "exact") in both
    listed = "▌社情民意\n报送 96 篇\n被州政协采用 37 篇\n被省政协采用 6 篇\n"
    assert ("info.adopted", 37.0, "exact") not in stated(listed, county)
    # a party committee alone is no committee above; in a city's report the city's committee is its own
    assert not any(m == "info.adopted" for m, _, _ in stated("全年报送信息96条，被县委采用37条。", county))
    assert not any(m == "info.adopted" for m, _, _ in stated("全年报送信息96条，被市政协采用37条。"))


def test_topic_then_comment_with_a_pause_and_kinds_named_with_de():
    assert stated("提案委员会收到的提案，有388件；立案的，有351件。") == {
        ("proposals.submitted", 388.0, "exact"), ("proposals.filed", 351.0, "exact")}
    text = "全年，协商活动组织了39场，其中专题的3场、对口的7场、界别的4场。专项民主监督开展了2项。"
    assert stated(text) == {("consultation.activities", 39.0, "exact"), ("consultation.thematic", 3.0, "exact"),
                            ("consultation.counterpart", 7.0, "exact"), ("consultation.sectoral", 4.0, "exact"),
                            ("supervision.special", 2.0, "exact")}
    # 的 with no consultation around is nothing
    assert stated("对口的7场帮扶活动已经结束。") == set()
    # an interview: the question names the proposals or the pieces
    interview = "记者：提案工作呢？\n秘书长：会议以来，我们一共收了251件，立了228件。"
    assert stated(interview) == {("proposals.submitted", 251.0, "exact"), ("proposals.filed", 228.0, "exact")}
    info = ("约1400条社情民意信息收集上来，经筛选编报的近三百条。"
            "市委主要领导在信息上作的批示，全年累计37篇次。我们向省政协报了156篇。")
    assert stated(info) >= {("info.submitted", 300.0, "at_most"), ("info.leader_instructions", 37.0, "exact"),
                            ("info.submitted", 156.0, "exact")}


def test_counts_told_as_one_speaks_and_subsets_of_the_handling_side():
    # 来 between the number and its unit is about; 收上来, 报给……的有 as one speaks
    assert stated("信息工作方面呢？全年收上来一千二百多条，报给省政协的有二百一十条。") == {
        ("info.collected", 1200.0, "at_least"), ("info.submitted", 210.0, "exact")}
    assert ("info.collected", 300.0, "about") in stated("全年收集社情民意信息300来条。")
    # the committee's own level after the citywide count, the verb left out
    assert ("info.collected", 1320.0, "exact") in stated("全市各级政协合计收集社情民意信息5100余条，其中市政协本级1320条。")
    # individual and joint apart in Chinese numerals: parts, not the members' total
    facts = facts_of("立案提案中，委员个人提案一百三十一件，联名提案八件，集体提案十六件。")
    assert {(f.metric, f.value, f.derived) for f in facts if f.metric == "proposals.by_members"} == {
        ("proposals.by_members", 139.0, True)}
    # one receiver of a list is a part; a plan to build more; the government's share of the proposals;
    # the consultations of towns
    assert not any(m == "info.submitted" for m, _, _ in stated("择优报送市政协87条、省政协31条。"))
    assert stated("今年我们计划再建4个委员工作室。") == set()
    assert stated("市政府系统承办的296件提案中，提案者表示满意的281件，满意率94.9%。") == set()
    assert stated("今年以来在9个镇开展协商活动38场。") == set()


def test_one_of_the_adopted_ones_told_about_is_no_count_of_its_own():
    text = ("全年收到社情民意信息356条，省政协采用21条，全国政协采用3条，"
            "其中一条关于冷链物流的信息被全国政协采用后，有关部门专门调研。")
    assert ("info.adopted_national", 1.0, "exact") not in stated(text)
    assert ("info.adopted_national", 3.0, "exact") in stated(text)
    # one piece among those sent is a count: the only national adoption told
    assert ("info.adopted_national", 1.0, "exact") in stated(
        "全年报送社情民意信息45篇，其中一篇关于冷链物流的信息被全国政协采用。")
    # some of those adopted above the city's committee, by the province's: a count of its own
    county = ReportInfo(file="test.txt", cities=("浏阳",), year=2023, level="county", province="湖南")
    assert ("info.adopted_provincial", 4.0, "exact") in stated(
        "收集社情民意信息150条，被长沙市政协以上采用19条，其中4条被省政协采用。", county)


def test_the_key_ones_among_a_topics_proposals_are_no_key_count():
    assert stated("涉及港口物流的提案较为集中，共计96件，其中重点提案4件。") == set()
    assert ("proposals.key", 11.0, "exact") in stated("共收到提案380件，立案341件，其中重点提案11件。")


def test_figures_of_a_compared_year_or_a_year_ahead_and_the_committees_own_after_all_levels():
    # a figure inside a comparison with an earlier year is that year's; a comparison closed first is not
    assert stated("与上一年度立案247件相比略有减少。") == set()
    assert stated("与上年相比，今年立案247件。") == {("proposals.filed", 247.0, "exact")}
    # a year after the report's: a plan
    assert stated("2024年，区政协将在每个街道各建设1个委员工作室，全年开展协商议政活动30场以上。") == set()
    # the committee's own consultations after all levels' count; sent to two bodies at once
    assert ("consultation.activities", 29.0, "exact") in stated(
        "全年全市各级政协开展协商活动240余场，其中市政协开展29场。")
    county = ReportInfo(file="test.txt", cities=("德令哈",), year=2023, level="county", province="青海")
    assert ("info.submitted", 37.0, "exact") in stated("全年收集社情民意信息90条，报送海西州政协和青海省政协37条。", county)
    # what was sent that is not information; a subset handled by the government; the years just past
    assert not any(m == "info.submitted" for m, _, _ in stated("社情民意信息工作扎实，县委主要领导对政协报送的3篇调研报告作出批示。"))
    assert not any(m == "proposals.reply_rate" for m, _, _ in stated("区政府系统承办的151件提案已全部办复。"))
    assert stated("对近三年的27件重点提案逐一回访。") == set()


def test_items_of_an_infographic_apart_by_commas_numbered_lines_and_last_years_same_period():
    text = "【社情民意】\n收集 352 篇 ，编报 131 篇 ，被市政协采用 27 篇\n"
    assert stated(text) >= {("info.collected", 352.0, "exact"), ("info.submitted", 131.0, "exact")}
    text = "二、社情民意\n1. 收集 251条\n2. 上报自治区政协 93条\n"
    assert stated(text) >= {("info.collected", 251.0, "exact"), ("info.submitted", 93.0, "exact")}
    # 上年同期 names the year before
    assert stated("（注：上年同期收到提案 206 件。）") == set()
    # a table's title naming its serial number is no count of district committees
    table = "表1　区政协2023年主要履职数据\n项目 | 2023年 | 2022年\n收到提案（件） | 247 | 233\n"
    district = ReportInfo(file="test.txt", cities=("沙坪坝",), year=2023, level="district", province="重庆")
    assert stated(table, district) == {("proposals.submitted", 247.0, "exact")}


def test_a_lists_heading_dates_its_lines():
    report = ReportInfo(file="test.txt", cities=("潍坊",), year=2024, published="2025-01-10")
    text = ("▶提案工作\n　收到提案　２１８件\n　立案　１９７件\n\n"
            "▶对比２０２３年\n　收到提案　２０５件　｜　立案　１８６件\n")
    assert stated(text, report) == {("proposals.submitted", 218.0, "exact"), ("proposals.filed", 197.0, "exact")}
    text = "二、社情民意\n1. 收集 264条\n\n三、2025年目标\n1. 提案立案率保持在 90%以上\n2. 收集社情民意信息 300条以上\n"
    assert stated(text, report) == {("info.collected", 264.0, "exact")}


def test_the_past_year_in_a_december_sessions_news_is_the_year_ending():
    december = ReportInfo(file="test.txt", cities=("宝山",), year=2024, published="2024-12-28", level="district",
                          province="上海")
    text = "报告显示，过去一年，区政协开展协商活动27项，组织专项民主监督2项。"
    assert stated(text, december) == {("consultation.activities", 27.0, "exact"), ("supervision.special", 2.0, "exact")}
    january = ReportInfo(file="test.txt", cities=("宝山",), year=2024, published="2024-01-08", level="district",
                         province="上海")
    assert stated(text, january) == set()


def test_an_infographics_figure_first_then_its_label_after_a_space():
    text = ("【协商议政】\n39项 全年协商议政活动\n33场 “请你来协商”活动\n\n"
            "【提案工作】\n497件 收到提案\n89.7% 立案率\n100% 办复率\n\n"
            "【社情民意】\n1520篇 收集信息\n121篇 被省政协采用\n58篇 被市级以上采用\n")
    assert stated(text) == {
        ("consultation.activities", 39.0, "exact"), ("proposals.submitted", 497.0, "exact"),
        ("proposals.filing_rate", 89.7, "exact"), ("proposals.reply_rate", 100.0, "exact"),
        ("info.collected", 1520.0, "exact"), ("info.adopted_provincial", 121.0, "exact"),
        ("info.adopted", 58.0, "exact")}


def test_a_standing_committee_meeting_is_no_session_and_a_parts_agent_acts_within_its_part():
    report = ReportInfo(file="test.txt", cities=("潍坊",), year=2022, published="2022-12-20")
    text = ("——2022年12月20日在政协潍坊市第九届委员会常务委员会第七次会议上\n"
            "市政协九届二次会议共收到提案431件，经审查立案398件。")
    assert stated(text, report) == {("proposals.submitted", 431.0, "exact"), ("proposals.filed", 398.0, "exact")}
    province = ReportInfo(file="test.txt", cities=("福建",), year=2023, level="province", province="福建")
    text = "省政协全年收到社情民意信息8100余篇，其中民主党派、工商联报送1700余篇；编报专报等共计480期，被全国政协采用88篇。"
    assert ("info.adopted_national", 88.0, "exact") in stated(text, province)


def test_adoptions_said_as_one_speaks():
    district = ReportInfo(file="test.txt", cities=("东城",), year=2023, level="district", province="北京")
    text = "问：社情民意信息工作有哪些亮点？\n答：北京市政协用了我们四十八条，全国政协用了五条。"
    assert stated(text, district) >= {
        ("info.adopted_provincial", 48.0, "exact"), ("info.adopted_national", 5.0, "exact")}
    # no information spoken of: nothing
    assert stated("市政协用了三天时间，走访了12个镇街。") == set()


def test_a_part_in_brackets_names_no_agent_the_years_just_past_summed_and_what_will_be():
    text = "全年共收到社情民意信息1046篇（含民主党派、工商联197篇），被全国政协采用6篇、省政协采用69篇。"
    assert stated(text) >= {("info.adopted_national", 6.0, "exact"), ("info.adopted_provincial", 69.0, "exact")}
    assert stated("近五年，市政协累计收到提案1500余件。") == set()
    assert stated("截至6月底，已办复提案151件，剩余提案将于9月底前全部办复。") == set()


def test_a_slogan_in_quotes_is_no_target():
    text = "过去一年，省政协常委会锚定“两个确保”，全年组织协商议政活动79项，其中专题协商5项。"
    province = ReportInfo(file="test.txt", cities=("河南",), year=2024, published="2025-01-13", level="province",
                          province="河南")
    assert stated(text, province) == {("consultation.activities", 79.0, "exact"), ("consultation.thematic", 5.0, "exact")}
    assert stated("会议要求确保办复率达到100%。") == set()


def test_a_table_of_proposers_with_a_column_of_counts_named_by_its_unit():
    text = ("提出者 | 件数 | 占立案数比例\n委员个人提案 | 139 | 56.5%\n委员联名提案 | 58 | 23.6%\n"
            "民主党派、工商联提案 | 31 | 12.6%\n人民团体、界别及专委会提案 | 18 | 7.3%\n合计 | 246 | 100%\n")
    assert stated(text) == {("parties.proposals", 31.0, "exact")}
    text = "类别 | 件数 | 占比\n委员提案 | 196 | 80.0%\n党派、团体、界别提案 | 49 | 20.0%\n"
    assert stated(text) == {("proposals.by_members", 196.0, "exact"), ("proposals.collective", 49.0, "exact")}


def test_endorsements_of_the_pieces_then_their_count_and_pieces_sent_to_a_committee():
    assert stated("社情民意信息方面，市领导对信息作出批示的，有47篇次。") == {("info.leader_instructions", 47.0, "exact")}
    assert stated("区委书记在信息上批示的有十来次。") == {("info.leader_instructions", 10.0, "about")}
    assert stated("市政府领导还对市政协社情民意信息批示批办49篇。") == {("info.leader_instructions", 49.0, "exact")}
    assert stated("市领导对提案作出批示的有12件。") == set()
    county = ReportInfo(file="test.txt", cities=("常熟",), year=2023, level="county", province="江苏")
    assert ("info.submitted", 140.0, "at_least") in stated("社情民意信息方面，报到苏州市政协的有一百四十多条。", county)


def test_a_year_ahead_of_the_reports_dates_a_figure_only_with_words_of_what_is_to_come():
    # (the user said the report is 2023's; a year ahead without a plan's words does not overrule it)
    assert stated("本报讯 2024年共收到提案100件，立案90件。") == {
        ("proposals.submitted", 100.0, "exact"), ("proposals.filed", 90.0, "exact")}
    assert stated("2024年，市政协计划开展协商活动30场。") == set()


def test_studios_of_one_kind_or_place_are_parts():
    assert stated("全市委员工作室累计达到33个，其中镇街委员工作室13个、行业委员工作室20个。") == {
        ("members.studios", 33.0, "exact")}


def test_rates_of_the_proposals_the_government_system_handled_are_a_subsets():
    text = "市政府系统承办的提案中，所提问题已解决或基本解决的213件，占72.4%；提案者满意和基本满意率为100%。"
    assert stated(text) == set()
    assert ("proposals.resolved_rate", 72.4, "exact") in stated("全部立案提案中，所提问题已解决或基本解决的213件，占72.4%。")


def test_satisfaction_in_more_words_of_joining():
    assert stated("提案办理方面，提案人满意或者基本满意的，占到了98.7%。") == {
        ("proposals.satisfaction_rate", 98.7, "exact")}
    assert stated("提案办理方面，满意加基本满意是百分之百。") == {("proposals.satisfaction_rate", 100.0, "exact")}


def test_every_one_answered_said_of_them_but_not_as_a_goal():
    assert stated("今年的提案，件件有答复。") == {("proposals.reply_rate", 100.0, "exact")}
    assert stated("我们努力做到提案件件有回音。") == set()


def test_kinds_of_consultation_with_shi():
    assert stated("全年协商活动中，专题协商是4项，界别协商是6场。") == {
        ("consultation.thematic", 4.0, "exact"), ("consultation.sectoral", 6.0, "exact")}


def test_special_supervision_first_then_who_did_how_many():
    assert stated("专项民主监督我们搞了两项，一项是河湖长制，一项是营商环境。") == {("supervision.special", 2.0, "exact")}


def test_the_satisfied_alone_after_the_rate_is_a_part_and_the_committees_own_level_collects():
    assert stated("提案办理满意率（含基本满意）97.1%，其中“满意”占比83.4%。") == {
        ("proposals.satisfaction_rate", 97.1, "exact")}
    assert stated("提案者对办理结果“满意”和“基本满意”合计占比100%。") == {("proposals.satisfaction_rate", 100.0, "exact")}
    assert ("info.collected", 1096.0, "exact") in stated("全市各级政协收集社情民意信息4800余篇，其中市政协本级收集1096篇。")


def test_a_sessions_running_count_in_a_review_of_the_year_before_is_the_sessions():
    review = ReportInfo(file="test.txt", cities=("潍坊",), year=2024, published="2025-01-13")
    text = "本次大会将于1月14日开幕。截至目前，大会秘书处已收到提案210余件。"
    facts, left = extract(read_bytes(text.encode("utf-8"), "test.txt"), review)
    assert facts == [] and [(c.value, c.year) for c in left if "another year" in c.reason] == [(210.0, 2025)]
    # news of the session in its own year: the count is the year's
    session = ReportInfo(file="test.txt", cities=("潍坊",), year=2025, published="2025-01-13")
    assert stated(text, session) == {("proposals.submitted", 210.0, "at_least")}


def test_pieces_gathered_and_sent_as_one_speaks_with_shi():
    assert stated("信息这块，今年收上来的社情民意信息有1400多篇，报给省政协的是380篇左右。") >= {
        ("info.collected", 1400.0, "at_least"), ("info.submitted", 380.0, "about")}


def test_a_terms_years_of_duty_are_the_terms():
    facts = facts_of("十届市政协履职三年来，累计组织协商活动74项，收到提案930件。")
    assert {(f.metric, f.value, f.period) for f in facts} == {
        ("consultation.activities", 74.0, "term"), ("proposals.submitted", 930.0, "term")}
    assert stated("三年来，市政协累计收集社情民意信息2210条。") == set()


def test_a_header_column_with_its_unit_in_brackets():
    text = ("项目\u3000\u3000件数\u3000\u3000占比(%)\n收到提案\u3000\u3000317\u3000\u3000—\n"
            "\u3000立案\u3000\u3000285\u3000\u300089.9\n重点提案\u3000\u300010\u3000\u3000—\n")
    assert stated(text) == {("proposals.submitted", 317.0, "exact"), ("proposals.filed", 285.0, "exact"),
                            ("proposals.filing_rate", 89.9, "exact"), ("proposals.key", 10.0, "exact")}


def test_filed_said_with_zhunyu_and_li_le_an():
    assert stated("经审查，准予立案一百五十八件，不予立案十一件。") == {("proposals.filed", 158.0, "exact")}
    assert stated("收到的一百零七件里，有九十五件立了案。") == {("proposals.filed", 95.0, "exact")}
    assert stated("不予立案21件。") == set()


def test_requirements_quoted_names_and_topics_in_quotes():
    # 要求 as the party committee's requirements is no target; a 座谈会 of counterpart consultation
    assert stated("一年来，市政协紧扣市委“三个着力”要求，组织召开专题协商会4次、对口协商座谈会11次。") == {
        ("consultation.thematic", 4.0, "exact"), ("consultation.counterpart", 11.0, "exact")}
    assert stated("会议要求全年开展协商活动20次以上。") == set()
    # a network named in quotes acts in nothing
    text = "州政协建立“委员+信息员+联络组”信息网络，全年共收集社情民意信息1209条，向省政协报送信息226条。"
    assert stated(text) == {("info.collected", 1209.0, "exact"), ("info.submitted", 226.0, "exact")}
    # a topic in quotes, then the proposals on it
    assert stated("围绕“融入长三角、建设新滁州”，委员们提出提案61件。") == set()


def test_read_from_ba_after_its_unseen_score():
    # the parties named, then all of them with the federation
    assert stated("其中，民盟、民建、九三学社等民主党派和市工商联提案17件。") == {("parties.proposals", 17.0, "exact")}
    assert stated("民主党派、工商联等提交提案40件。") == set()
    # a table of one column of values, its cells apart by bars
    text = "| 项目 | 数量 |\n|---|---|\n| 收到提案 | 271件 |\n| 立案 | 240件 |\n| 重点提案 | 11件 |\n"
    assert stated(text) == {("proposals.submitted", 271.0, "exact"), ("proposals.filed", 240.0, "exact"),
                            ("proposals.key", 11.0, "exact")}
    # studios built are no agent of what follows
    assert ("info.collected", 3400.0, "at_least") in stated(
        "全市各级政协建成委员工作室55个，共收集社情民意信息3400余篇。")
    assert stated("依托委员工作室收集社情民意信息120条。") == set()


def test_the_filed_count_after_merging_is_not_the_filed_count():
    assert {m for m, _, _ in stated("经审查立案241件。并案后的230件立案提案中，委员提案190件。")
            if m == "proposals.filed"} == {"proposals.filed"}
    assert ("proposals.filed", 230.0, "exact") not in stated("经审查立案241件。并案后的230件立案提案中，委员提案190件。")


def test_a_tables_share_column_is_the_rate_of_its_counts_row():
    text = ("项目\u3000\u3000件数\u3000\u3000占比(%)\n收到提案\u3000\u3000312\u3000\u3000—\n"
            "立案\u3000\u3000280\u3000\u300089.7\n已办复\u3000\u3000280\u3000\u3000100\n"
            "满意和基本满意\u3000\u3000276\u3000\u300098.6\n")
    assert stated(text) == {("proposals.submitted", 312.0, "exact"), ("proposals.filed", 280.0, "exact"),
                            ("proposals.filing_rate", 89.7, "exact"), ("proposals.reply_rate", 100.0, "exact"),
                            ("proposals.satisfaction_rate", 98.6, "exact")}
    # proposers' shares are no rate of anything
    text = "提出者 | 件数 | 占立案数比例\n委员个人 | 139 | 56.5%\n民主党派、工商联 | 31 | 12.6%\n"
    assert stated(text) == {("parties.proposals", 31.0, "exact")}
