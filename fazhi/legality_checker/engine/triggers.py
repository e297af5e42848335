"""What each rule looks for: the words that create a power or an obligation, and what cancels them.

A trigger is a verb and its object (处以…罚款, 须经…批准, 收取…保证金, 指定…企业); it becomes a finding only
when its clause neither negates it (不得收取), nor describes misconduct (擅自收取), nor rests it on a law
(依照《……法》的规定, 依法). Those checks live in check.py; this module only holds the patterns.
"""

import re
from dataclasses import dataclass

# Government bodies: "须经区城管局同意" is an approval, "经本人同意" or "经业主同意" is not.
ORGAN = r"(?:局|委员会|委|办公室|办|政府|管委会|部门|街道|办事处|中心|机关|站|大队|支队|厅|镇|乡|社区|主管)"
# Where a locality names the firms a clause favours.
LOCAL = r"(?:本地区|本地|本区|本市|本县|本镇|本省|本辖区|区内|市内|县内|省内|辖区内|当地)"
OUTSIDE = r"(?:外地|外省|外市|外县|外区|区外|市外|省外|县外|境外|非本地|非本区|非本市|非本县|非本省|域外|外来|异地)"
OPERATOR = (r"(?:企业|公司|经营者|供应商|服务商|商家|商户|厂家|厂商|品牌|产品|商品|中介机构|机构|施工队伍|施工单位|"
            r"劳务|货物|原材料|建材|投标人|承包商|运营商|平台)")
_SELF = r"本(?:办法|规定|细则|意见|通知|方案|决定|制度|规则|措施|实施意见|实施细则|文件)"
# Inside one clause, "[^，。；]" keeps a pattern from reaching across commas into another clause.
_C = r"[^，,。；;\n]"

# Words that, before a trigger in the same clause, say the clause forbids or removes the thing.
NEGATORS_COMMON = (r"不得|不准|不予|不再|不需要?|不必|不用|不应|不宜|不能|不可|"
                   r"不要|不另|不设|不作|不实行|无需|无须|毋须|"
                   r"禁止(?![区地路范性类名目])|严禁|杜绝|防止|避免|一律不|不属于|除外|勿")
NEGATORS = {
    "license": NEGATORS_COMMON + r"|取消|免于|免予|免除|减少|精简|下放|改为|清理|不涉及",
    "penalty": NEGATORS_COMMON + r"|免予|免于|免除|从轻|减轻|首违不罚|不罚|慎用",
    "coercive_measure": NEGATORS_COMMON + r"|解除|撤销|慎用|规范",
    "fee": NEGATORS_COMMON + r"|免|减半|取消|停止|清理|清退|规范|纠正|整治|查处|退还|返还|退回|不收|降低|下调|减少|"
                             r"核减|抵扣|承担|补贴|补助|代缴",
    "fair_competition": NEGATORS_COMMON + r"|纠正|清理|废除|取消|反对|打破|破除|消除|整治|平等|同等|一视同仁|公平对待|"
                                          r"无差别",
}
# A negator in an earlier clause of the sentence still governs the trigger when it opens a verb phrase that the
# comma interrupts: "不得以检查为名，向企业收取费用".
GOVERNING_NEGATOR = re.compile(r"(?:不得|禁止|严禁|不准|一律不)"
                               r"(?:以|借|通过|利用|要求|强制|擅自|变相|违规|向|对|在|为)")
# Immediately before the trigger: the clause describes misconduct to punish or stop, not a power it grants.
MISCONDUCT = re.compile(r"(?:擅自|违规|违法|乱|变相|私自|随意|越权|滥用|巧立名目|自行|超范围|超标准)\s*$")

# References to a law that carry the power: the strong ones govern the whole sentence.
_TITLE_OF_LAW = r"《[^》]{1,60}?(?<!本)(?:法|法典|条例|规定|规章|办法|细则|决定|解释|通知|意见)》"
LAWFUL_STRONG = re.compile(
    r"(?:依照|依据|按照|根据|遵照|按|参照|适用|符合)[^，。；]{0,6}?"
    r"(?:" + _TITLE_OF_LAW + r"|(?:国家|省|上级|相关|有关|现行)*(?:的)?(?:有关|相关)?"
    r"(?:法律|法规|规章|行政法规|地方性法规)"
    r"|(?:国家|省|市)(?:的)?(?:有关|相关)?规定|(?:有关|相关)(?:法律法规|法律、法规|规定))"
    r"|" + _TITLE_OF_LAW + r"(?:第[^，。；]{1,20}?条)?(?:的)?(?:有关)?规定"
    r"|法律、?(?:行政)?法规(?:、规章)?(?:另有)?规定|法律法规(?:另有)?规定|由法律、?法规设定|法定(?:标准|程序|情形|职责|依据)?"
    r"|申请(?:人民)?法院强制执行"
    r"|(?:经|报)(?:国务院|省人民政府|省级人民政府|省政府|财政部|国家发展改革委)[^，。；]{0,12}?批准"
    r"|(?:价格主管部门|发展改革部门|财政部门|物价部门)[^，。；]{0,8}?(?:核定|批准|规定)"
)
# "依法" governs only its own clause: "企业应当依法经营，未经批准不得…" still sets a licence.
LAWFUL_WEAK = re.compile(r"依法|依规|依照法律|依据法律")
# A list introduced by a prohibition ("行政机关不得有下列行为：") or by consequences for officials
# ("有下列情形之一的，依法给予处分：") describes what is forbidden; its items are not powers.
LIST_NEGATED = re.compile(
    r"(?:不得|禁止|严禁|不准|杜绝|防止)[^：:]{0,24}?(?:下列|以下|如下)|(?:下列|以下)[^：:]{0,20}?(?:禁止|不得|予以纠正|予以清理|"
    r"予以取消|一律取消|应当取消|应当清理|予以废止)|(?:处分|问责|追究[^：:]{0,8}责任|纪律责任)")


@dataclass(frozen=True)
class Trigger:
    """One pattern of one rule; `requires`/`excludes` look at the whole sentence, `phrase_excludes` at the clause."""

    rule: str
    pattern: re.Pattern
    requires: re.Pattern | None = None
    excludes: re.Pattern | None = None
    phrase_excludes: re.Pattern | None = None
    negatable: bool = True


def _t(rule: str, pattern: str, *, requires: str | None = None, excludes: str | None = None,
       phrase_excludes: str | None = None, negatable: bool = True) -> Trigger:
    return Trigger(rule, re.compile(pattern), requires and re.compile(requires), excludes and re.compile(excludes),
                   phrase_excludes and re.compile(phrase_excludes), negatable)


# Approvals that concern a body's own money, documents or staff are internal management, not licences to the public.
_INTERNAL = (r"资金|经费|预算|财政|补贴|补助|奖励|奖补|扶持|资助|贴息|报销|拨付|兑现|"
             r"规范性文件|公文|干部|请示|会议|评审|"
             r"考核|聘用|调动|出差|借阅|档案查阅|" + _SELF + r"[^，。；]{0,10}(?:经|由|报)")
_APPROVAL = r"(?:批准|审批|许可|核准|准许|审核同意|批复同意)"
_LICENCE_DOC = r"(?:许可证|准营证|经营证|资格证|上岗证|准入证|准运证|通行证|批准文件|批准书|审批手续|批准手续|许可手续)"

LICENSE_TRIGGERS = [
    # 未经区城管局批准，不得设置户外广告 / 未经备案，不得开工 (filing used as a gate is a disguised licence).
    _t("license", rf"未经{_C}{{0,20}}?(?:{_APPROVAL}|{ORGAN}{_C}{{0,4}}?同意|备案|登记)(?:的)?[，,]?{_C}{{0,20}}?"
                  r"(?:不得|禁止|严禁|不准|一律不|不能|不予)", excludes=_INTERNAL),
    # 须经…批准 / 应当报经…审批 / 必须取得…同意.
    _t("license", rf"(?:须|必须|应当|应|需|需要|要)(?:先|事先|预先)?(?:报经|报请|报送|经过|经|报|向){_C}{{0,25}}?"
                  rf"(?:{_APPROVAL}|{ORGAN}{_C}{{0,6}}?同意)", excludes=_INTERNAL,
       phrase_excludes=rf"备案(?!{_C}{{0,6}}(?:同意|批准|核准))|告知承诺"),
    # …批准后方可 / 取得许可证后方可 / 经备案同意后方能.
    _t("license", rf"(?:{_APPROVAL}|{_LICENCE_DOC}|同意|批准文号){_C}{{0,4}}?(?:后|之后|以后)?{_C}{{0,4}}?"
                  r"(?:方可|才能|方能|始得|才可以?|方准|才准|方予|才予)", excludes=_INTERNAL),
    # 实行…审批制度 / 建立…准入制度 / 实行许可证管理.
    _t("license", rf"(?:实行|建立|推行|设立|实施|施行|建立健全|落实){_C}{{0,20}}?(?:审批|许可|核准|准入|特许|许可证)"
                  r"(?:证)?(?:制度|制|管理)", excludes=_INTERNAL,
       phrase_excludes=r"改革|告知承诺|改为备案|备案制|承诺制|负面清单|取消|下放|精简|便利化|“放管服”|放管服"),
    # 应当取得区人社局颁发的上岗证 / 须办理准营证.
    _t("license", rf"(?:须|必须|应当|应|需|需要)(?:先|事先|预先)?"
                  rf"(?:取得|办理|申领|持有|领取|申请办理|获得){_C}{{0,20}}?"
                  rf"(?:{_LICENCE_DOC}|许可|核准)", excludes=_INTERNAL),
    # 由区交通局核发准运证.
    _t("license", rf"(?:核发|颁发|发放|签发){_C}{{0,12}}?{_LICENCE_DOC}", excludes=_INTERNAL),
]

PENALTY_TRIGGERS = [
    _t("penalty", r"罚款(?!收入|数额的确定|决定书|票据|缴库|上缴)"),
    _t("penalty", r"没收(?!入库)"),
    _t("penalty", rf"(?:吊销|暂扣){_C}{{0,12}}?(?:许可证|执照|证照|资质|资格证|证书|驾驶证|营运证|经营证|许可)"),
    _t("penalty", rf"责令{_C}{{0,6}}?(?:停产停业|停业整顿|停止营业|停业|关闭|关停|停产)|停业整顿"
                  r"|(?:予以|给予)(?:取缔|关停)"),
    _t("penalty", rf"降低资质等级|(?:限制|禁止){_C}{{0,6}}?从业|行政拘留|予以拘留|处{_C}{{0,6}}?日以下拘留"),
    _t("penalty", r"(?:给予|予以|处以?)警告", phrase_excludes=r"处分|党纪|政纪|问责"),
    # 违反本办法规定的，由区城管局予以处罚: punishing a breach of this document sets a penalty.
    _t("penalty", r"(?:给予|予以|实施|作出|进行|处以)?(?:行政)?处罚", requires=rf"(?:违反|按照|依照|根据|依据){_SELF}",
       phrase_excludes=r"处分"),
]

COERCIVE_TRIGGERS = [
    _t("coercive_measure", r"查封|扣押|冻结(?!期)"),
    _t("coercive_measure", rf"暂扣(?!{_C}{{0,12}}?(?:许可证|执照|证照|资质|资格证|证书|驾驶证|营运证|经营证))"),
    _t("coercive_measure", r"(?:强制|强行)(?:拆除|清除|清理|清拆|搬迁|腾退|带离|隔离|收回|划拨|扣缴|执行|停业|关闭)"),
    _t("coercive_measure", r"(?:停止|中断|限制|切断|暂停)(?:其)?(?:供水|供电|供气|供热|供燃气|水电|用水|用电)",
       requires=r"拒不|逾期不|不履行|未(?:按期|按时|按要求|如期)?(?:整改|改正|履行|缴纳|拆除)|催告|迫使|督促"),
    _t("coercive_measure", r"限制(?:其)?人身自由"),
    _t("coercive_measure", rf"(?:扣留|收缴){_C}{{0,8}}?(?:车辆|物品|工具|财物|货物|设备|商品)"),
]

_FEE_OBJECT = r"(?:(?<![消经浪免花旅学话水电气暖])费(?!率)|保证金|押金|风险金|抵押金|担保金|质保金|集资款|附加)"
_DEPOSIT = r"(?:保证金|押金|风险金|抵押金|担保金|质保金)"
# Obligations set by law itself (taxes, social insurance, housing fund) are not charges a document creates.
_STATUTORY_CHARGE = r"税|社会保险|社保|医疗保险|养老保险|失业保险|工伤保险|公积金|工会经费|党费|维修资金"

FEE_TRIGGERS = [
    _t("fee", rf"(?:收取|缴纳|交纳|缴存|预存|预缴|缴付|征收|计收|加收|核收|征缴|收缴|缴交|足额缴纳|补缴)"
              rf"{_C}{{0,20}}?{_FEE_OBJECT}",
       phrase_excludes=_STATUTORY_CHARGE),
    _t("fee", rf"(?:提交|提供|交存|存入|交付|交纳|缴纳){_C}{{0,12}}?{_DEPOSIT}", phrase_excludes=_STATUTORY_CHARGE),
    _t("fee", rf"(?:实行|建立|设立|推行|实施){_C}{{0,12}}?(?:{_DEPOSIT}|收费|有偿使用)(?:制度|制|管理)?",
       phrase_excludes=_STATUTORY_CHARGE + r"|改革|清理|公示"),
    _t("fee", rf"收费标准{_C}{{0,4}}?(?:为|按|是|：|:)"
              rf"|(?:每|按){_C}{{0,12}}?\d+(?:\.\d+)?元{_C}{{0,12}}?(?:收取|收费|缴纳)",
       phrase_excludes=_STATUTORY_CHARGE + r"|公示|明码标价"),
    _t("fee", rf"摊派|(?:强制|强行){_C}{{0,4}}?(?:集资|捐赠|捐款|赞助|入会|购买保险)|(?:要求|组织|动员){_C}{{0,10}}?"
              r"(?:企业|商户|经营者|个体工商户)?(?:赞助|捐款|捐赠|集资)"),
]

FAIR_COMPETITION_TRIGGERS = [
    # 指定…企业/机构/品牌: designating who may supply.
    _t("fair_competition", rf"指定(?!专人|人员|专门|牵头|联络|地点|场所|区域|时间|位置|路线|窗口|日期|"
                           rf"部门|科室|一名|1名|代理人|代表|"
                           rf"账户|专户|邮箱|网站|媒体|报刊){_C}{{0,12}}?{OPERATOR}"),
    _t("fair_competition", r"独家(?:经营|提供|承办|代理|承接|供应|运营|销售)"),
    # Purchases limited to local, designated, recommended or listed operators.
    _t("fair_competition", rf"(?:只能|仅能|只准|仅限|只限|必须|须|应当|需|限定|统一)(?:在|向|从|到)?{_C}{{0,12}}?"
                           rf"(?:购买|采购|使用|选用|选择|委托|接受|安装|销售|采用){_C}{{0,15}}?"
                           rf"(?:指定|{LOCAL}|推荐|特定|名录|目录|入库|备选库)",
       phrase_excludes=r"专家|评审专家|人员"),
    _t("fair_competition", rf"(?:从|在){_C}{{0,15}}?(?:名录|目录|名单|备选库|入围库|推荐库)(?:中|内|里)"
                           r"(?:选择|选取|选定|确定|采购|委托|选用)", phrase_excludes=r"专家|评审"),
    # Preference for local firms.
    _t("fair_competition", rf"优先{_C}{{0,12}}?{LOCAL}(?:注册|生产|登记|设立)?(?:的)?{_C}{{0,6}}?{OPERATOR}"),
    _t("fair_competition", rf"{LOCAL}(?:注册|生产|登记|设立)?(?:的)?{_C}{{0,6}}?{OPERATOR}{_C}{{0,6}}?优先"),
    _t("fair_competition", rf"(?:限于|仅限于?|只限于?|限定为?|局限于){_C}{{0,8}}?{LOCAL}"),
    # Conditions on outside firms and goods.
    _t("fair_competition", rf"{OUTSIDE}(?:注册|生产|户籍)?(?:的)?{_C}{{0,6}}?{OPERATOR}",
       requires=r"须|必须|应当|需|另行|额外|单独|重复|限制|不得|禁止|不予|不能|设置|提高|加收|收取|检验|检测|审查|审批|"
                r"备案|登记|设立|注册|分支机构|保证金|证明|高于|暂停|劝返|劝退|排斥|阻碍|阻止|拒绝"),
    _t("fair_competition", rf"在{LOCAL}(?:注册|设立|成立|登记|缴税|纳税|开设|落户){_C}{{0,15}}?",
       requires=r"须|必须|应当|要求|方可|才能|前提|条件|否则|不得|不予",
       excludes=r"奖励|补贴|扶持|资助|奖补|鼓励|欢迎|支持|引导|享受"),
    _t("fair_competition", rf"(?:限制|阻碍|阻止|禁止){_C}{{0,10}}?{LOCAL}{_C}{{0,8}}?(?:商品|产品|原材料|企业)"
                           r"{_C}{{0,6}}?(?:运出|流出|迁出|外销|销往)"),
]

TRIGGERS = LICENSE_TRIGGERS + PENALTY_TRIGGERS + COERCIVE_TRIGGERS + FEE_TRIGGERS + FAIR_COMPETITION_TRIGGERS
NEGATOR_PATTERNS = {rule: re.compile(words) for rule, words in NEGATORS.items()}
