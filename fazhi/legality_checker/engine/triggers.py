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
LOCAL = r"(?:本地区|本地|本区|本市|本县|本镇|本乡|本街道|本社区|本省|本辖区|区内|市内|县内|省内|辖区内|当地)"
OUTSIDE = (r"(?:外地|外埠|外省|外市|外县|外区|区外|市外|省外|县外|境外|非本地|非本区|非本市|非本县|非本省|域外|外来|"
           r"异地)")
OPERATOR = (r"(?:企业|公司|经营者|供应商|服务商|商家|商户|厂家|厂商|品牌|产品|商品|中介机构|机构|施工队伍|施工单位|"
            r"劳务|货物|原材料|建材|投标人|承包商|运营商|平台|银行|金融机构|保险公司|事务所|旅行社|经营户|个体工商户|"
            r"集团|合作社)")
# The one who charges, right before 收取: an operator charging its own customers is a price, not a levy.
PRIVATE_CHARGER = re.compile(r"(?:机构|企业|经营者|公司|开办者|经营户|商户|运营商|物业服务人|物业|学校|医院)"
                             r"(?:可以|应当|可|须|依约|按约定)?(?:按照?[^，,。；;]{0,12})?\s*$")
_SELF = r"本(?:办法|规定|细则|意见|通知|方案|决定|制度|规则|措施|实施意见|实施细则|文件)"
# Inside one clause, "[^，。；]" keeps a pattern from reaching across commas into another clause.
_C = r"[^，,。；;\n]"

# Words that, before a trigger in the same clause, say the clause forbids or removes the thing.
NEGATORS_COMMON = (r"不得|不准|不予|不再|不需要?|不必|不用|不应|不宜|不能|不可|"
                   r"不要|不另|不设|不作|不实行|无需|无须|毋须|"
                   r"禁止(?![区地路范性类名目])|严禁|杜绝|防止|避免|一律不|不属于|除外|勿|"
                   # a bare 不 right before the verb: 不收取场地费, 不扣押
                   r"不\s*$")
NEGATORS = {
    "license": NEGATORS_COMMON + r"|取消|免于|免予|免除|减少|精简|下放|改为|清理|不涉及",
    # "对拒不缴纳罚款的" speaks of a fine already imposed.
    "penalty": NEGATORS_COMMON + r"|免予|免于|免除|从轻|减轻|首违不罚|不罚|慎用|(?:缴纳|交纳|缴清|缴付|执行)\s*$",
    "coercive_measure": NEGATORS_COMMON + r"|解除|撤销|慎用|规范",
    # "拒不缴纳停车费的" speaks of a charge set elsewhere, as a condition.
    "fee": NEGATORS_COMMON + r"|拒不|拒绝|不按|不及时|不足额|未按|未(?!成年)|逾期不|逾期未|欠|免|减半|取消|停止|"
                             r"清理|清退|规范|纠正|整治|查处|退还|返还|退回|不收|降低|下调|减少|核减|抵扣|承担|补贴|补助|代缴",
    "fair_competition": NEGATORS_COMMON + r"|纠正|清理|废除|取消|反对|打破|破除|消除|整治|平等|一视同仁|公平对待|"
                                          r"同等对待|同等待遇|享受同等|无差别",
}
# A negator in an earlier clause of the sentence still governs the trigger when it opens a verb phrase that the
# comma interrupts: "不得以检查为名，向企业收取费用".
GOVERNING_NEGATOR = re.compile(r"(?:不得|禁止|严禁|不准|一律不)"
                               r"(?:以|借|通过|利用|要求|强制|擅自|变相|违规|向|对|在|为)")
# Immediately before the trigger: the clause describes misconduct to punish or stop, not a power it grants.
MISCONDUCT = re.compile(r"(?:擅自|违规|违法|乱|变相|私自|随意|越权|滥用|巧立名目|自行|超范围|超标准|"
                        r"违反[^，,。；;]{0,10}?规定)[、\s]*$")

# References to a law that carry the power: the strong ones govern the whole sentence.
_TITLE_OF_LAW = r"《[^》]{1,60}?(?<!本)(?:法|法典|条例|规定|规章|办法|细则|决定|解释|通知|意见)》"
LAWFUL_STRONG = re.compile(
    r"(?:依照|依据|按照|根据|遵照|按|参照|适用|符合)[^，。；]{0,6}?"
    r"(?:" + _TITLE_OF_LAW + r"|(?:国家|省|上级|相关|有关|现行)*(?:的)?(?:有关|相关)?"
    r"(?:法律|法规|规章|行政法规|地方性法规)"
    r"|(?:国家|省|市)(?:的)?(?:有关|相关)?规定|(?:有关|相关)(?:法律法规|法律、法规|规定))"
    r"|" + _TITLE_OF_LAW + r"(?:第[^，。；]{1,20}?条)?(?:的)?(?:有关)?规定"
    r"|法律、?(?:行政)?法规(?:、规章)?(?:另有)?规定|法律法规(?:另有)?规定|由法律、?法规设定"
    r"|法定(?:标准|程序|情形|职责|依据|条件|期限|权限|事由|收费)"
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
    r"予以取消|一律取消|应当取消|应当清理|予以废止)"
    r"|(?:下列|以下|之一)[^：:]{0,30}?(?:处分|问责|追究[^：:]{0,8}责任|纪律责任)")
# A lead-in's legal reference covers its items only when it introduces a list of conduct ("有下列行为之一的，依照
# 《……法》处罚："), not when a notice's preamble ("根据《……》，现通知如下：") opens the whole text.
LIST_OF_CONDUCT = re.compile(r"(?:下列|以下)[^：:]{0,6}?(?:行为|情形|情况|违法|事项)")


@dataclass(frozen=True)
class Trigger:
    """One pattern of one rule; `requires`/`excludes` look at the whole sentence, `phrase_excludes` at the clause."""

    rule: str
    pattern: re.Pattern
    requires: re.Pattern | None = None
    excludes: re.Pattern | None = None
    phrase_excludes: re.Pattern | None = None
    negatable: bool = True
    before_excludes: re.Pattern | None = None  # on the clause's words before the trigger
    supply_cut: bool = False  # cutting water, power, heat or gas: under 第四十三条 when residents are cut off


def _t(rule: str, pattern: str, *, requires: str | None = None, excludes: str | None = None,
       phrase_excludes: str | None = None, negatable: bool = True,
       before_excludes: re.Pattern | None = None, supply_cut: bool = False) -> Trigger:
    return Trigger(rule, re.compile(pattern), requires and re.compile(requires), excludes and re.compile(excludes),
                   phrase_excludes and re.compile(phrase_excludes), negatable, before_excludes, supply_cut)


# Approvals that concern a body's own money, documents or staff are internal management, not licences to the public.
_INTERNAL = (r"资金|经费|预算|财政|补贴|补助|奖励|奖补|扶持|资助|贴息|报销|拨付|兑现|"
             r"规范性文件|公文|干部|请示|会议|评审|"
             r"再次检查|行政检查|执法检查|检查需要|实施检查|检查计划|干部考核|绩效考核|年度考核|聘用|调动|出差|借阅|"
             r"档案查阅|" + _SELF + r"[^，。；]{0,10}(?:经|由|报)")
# Documents the law itself requires (no document of ours creates them): a licence pattern that names one is not a
# finding (check.py looks in the matched words).
EVERYDAY_DOC = (r"(?:营业执照|身份证|健康证|健康证明|居住证|驾驶证|行驶证|户口|学历证|毕业证|"
                 # national professional qualifications (国家职业资格目录), set by law, not by a district
                 r"教师资格|医师资格|执业医师|执业药师|药师资格|护士执业|法律职业资格|律师执业|会计|建造师|导游证|"
                 r"特种作业|注册(?:会计师|建筑师|工程师)|全国统一|国家统一|职业资格)")
_APPROVAL = r"(?:批准|审批|许可|核准|准许|审核同意|批复同意|审核通过|审查同意|审查通过|审定)"
_LICENCE_DOC = (r"(?:许可证|准营证|经营证|资格证|上岗证|准入证|准运证|准养证|准建证|准销证|登记证|通行证|准营证明|"
                r"批准文件|批准书|审批手续|批准手续|许可手续|批复|核准文件|额度|指标|资质证书)")

LICENSE_TRIGGERS = [
    # 未经区城管局批准，不得设置户外广告 / 未经备案，不得开工 (filing used as a gate is a disguised licence).
    _t("license", rf"未经{_C}{{0,20}}?(?:{_APPROVAL}|{ORGAN}{_C}{{0,4}}?同意|备案|登记)"
                  rf"(?:的)?{_C}{{0,8}}?[，,]?{_C}{{0,20}}?"
                  r"(?:不得|禁止|严禁|不准|一律不|不能|不予)", excludes=_INTERNAL),
    # 须重新报批.
    _t("license", r"(?:须|必须|应当|应|需|需要)(?:重新|另行|先|事先|预先)?报批", excludes=_INTERNAL),
    # 须具备区交通运输局认定的资质.
    _t("license", rf"(?:须|必须|应当|应|需)(?:具备|具有|取得|持有){_C}{{0,12}}?{ORGAN}{_C}{{0,4}}?"
                  rf"(?:认定|核定|评定|颁发|核发|认可)的{_C}{{0,8}}?(?:资质|资格)", excludes=_INTERNAL),
    # 未取得通行证的车辆，一律不得上路.
    _t("license", rf"未(?:取得|办理|领取|持有|申领){_C}{{0,15}}?(?:{_LICENCE_DOC}|许可|批准|核准|手续)"
                  rf"(?:的)?{_C}{{0,8}}?[，,]?{_C}{{0,20}}?"
                  r"(?:不得|禁止|严禁|不准|一律不|不能|不予)", excludes=_INTERNAL),
    # 须经…批准 / 应当报经…审批 / 必须取得…同意.
    _t("license", rf"(?:须|必须|应当|应|需|需要|要)(?:先|事先|预先)?(?:报经|报请|报送|经过|经|报|向){_C}{{0,25}}?"
                  rf"(?:{_APPROVAL}|{ORGAN}{_C}{{0,6}}?同意)", excludes=_INTERNAL,
       phrase_excludes=rf"备案(?!{_C}{{0,6}}(?:同意|批准|核准))|告知承诺"),
    # …批准后方可 / 取得许可证后方可 / 经备案同意后方能.
    _t("license", rf"(?:{_APPROVAL}|{_LICENCE_DOC}|同意|批准文号|登记|备案){_C}{{0,4}}?"
                  rf"(?:后|之后|以后)?[，,]?{_C}{{0,4}}?"
                  r"(?:方可|才能|方能|始得|才可以?|方准|才准|方予|才予)", excludes=_INTERNAL),
    # 取得《出租房屋安全合格证》后方能出租: any certificate that gates an activity, except those the law itself
    # requires of everyone (business licence, identity card, health certificate…).
    _t("license", rf"取得{_C}{{0,20}}?(?:证|证书|证明|凭证|批文)》?(?:后|之后|以后)?[，,]?{_C}{{0,4}}?"
                  r"(?:方可|才能|方能|始得|才可以?|方准|才准)", excludes=_INTERNAL, phrase_excludes=EVERYDAY_DOC),
    # 还需取得区文化和旅游局核发的讲解员证 / 持证上岗: a certificate our own body issues.
    _t("license", rf"(?:取得|办理|申领|领取|持有){_C}{{0,15}}?{ORGAN}{_C}{{0,4}}?"
                  rf"(?:核发|颁发|发放|出具|签发)的{_C}{{0,12}}?"
                  r"(?:证|书|证明|凭证|标识|标志|牌照|号牌|函|回执)", excludes=_INTERNAL, phrase_excludes=EVERYDAY_DOC),
    # 应当经区民政局资格审查: an examination by one of our bodies that an applicant must pass.
    _t("license", rf"(?:应当|须|必须|需)(?:先|事先)?经{_C}{{0,20}}?{ORGAN}{_C}{{0,10}}?"
                  r"(?:资格审查|资质审查|审查|审核|评估|认定|"
                  r"考核|核查|勘验|放样)", excludes=_INTERNAL),
    # 放样合格后方可开工 (an organ named in the sentence): passing a body's check gates the activity.
    _t("license", rf"(?:合格|通过|同意|认可|确认)(?:后|之后)[，,]?{_C}{{0,4}}?(?:方可|才能|方能|方准|始得)",
       requires=ORGAN, excludes=_INTERNAL),
    # 须办理…后，方可进入: any procedure that must be done before acting.
    _t("license", rf"(?:取得|办理|申领){_C}{{0,25}}?(?:后|之后)[，,]?{_C}{{0,4}}?(?:方可|才能|方能|方准|始得)",
       excludes=_INTERNAL, phrase_excludes=EVERYDAY_DOC),
    _t("license", r"持证(?:上岗|经营|营业|执业|作业|从业)", excludes=_INTERNAL),
    # 总量控制…超出总数的申请不予许可.
    _t("license", r"不予(?:许可|批准|审批|核发|受理|登记)", negatable=False,
       requires=r"总量|总数|数量|上限|限额|额度|饱和|距离|间距|布局|密度"),
    # 达到上限的，不再受理新的设立申请: a cap on applications adds a licence condition.
    _t("license", rf"(?:不再|暂停|停止)受理{_C}{{0,10}}?(?:设立|新设|开办|经营|准入)?申请", negatable=False,
       phrase_excludes=r"改为备案|告知承诺|取消"),
    # 经区交通运输局评估合格后方准运营: an assessment by a body that gates an activity is an approval.
    _t("license", rf"(?:经|由){_C}{{0,20}}?{ORGAN}{_C}{{0,12}}?"
                  rf"(?:评估|认定|审查|审核|审定|验收|检验|检测|评审|核查|考核|确认)"
                  rf"(?:合格|通过|认定|同意)?(?:后|之后)?[，,]?{_C}{{0,4}}?(?:方可|才能|方能|方准|始得|才准)",
       excludes=_INTERNAL),
    # 实行…审批制度 / 建立…准入制度 / 实行许可证管理.
    _t("license", rf"(?:实行|建立|推行|设立|实施|施行|建立健全|落实){_C}{{0,20}}?"
                  rf"(?:审批|许可|核准|准入|特许|许可证|年检|年审)"
                  r"(?:证)?(?:制度|制|管理)", excludes=_INTERNAL,
       phrase_excludes=r"改革|告知承诺|改为备案|备案制|承诺制|负面清单|取消|下放|精简|便利化|“放管服”|放管服"),
    # 应当取得区人社局颁发的上岗证 / 须办理准营证.
    _t("license", rf"(?:须|必须|应当|应|需|需要)(?:先|事先|预先)?(?:向{_C}{{0,15}}?)?"
                  rf"(?:取得|办理|申领|持有|领取|申请办理|获得){_C}{{0,20}}?"
                  rf"(?:{_LICENCE_DOC}|许可|核准)", excludes=_INTERNAL),
    # 凭区商务局出具的同意函办理: a document of approval demanded before acting.
    _t("license", rf"凭{_C}{{0,15}}?(?:批准|审批|许可|同意|核准)(?:文件|意见|手续|证明|函|书)", excludes=_INTERNAL),
    # 由区交通局核发准运证.
    _t("license", rf"(?:核发|颁发|发放|签发|发给){_C}{{0,12}}?{_LICENCE_DOC}", excludes=_INTERNAL),
    # 设置户外广告，由区城管局负责审批.
    _t("license", rf"由{_C}{{0,15}}?{ORGAN}{_C}{{0,4}}?(?:统一|负责)?(?:审批|核准|批准)(?![的事项权制])",
       excludes=_INTERNAL),
]

PENALTY_TRIGGERS = [
    _t("penalty", r"罚款(?!收入|数额的确定|决定书|票据|缴库|上缴)"),
    _t("penalty", r"(?<!罚)没收(?!入库|的)|罚没(?!收入|款|物品|财物|资金|的)"),
    # 作出暂停营业的处理 / 责令暂停经营: a body suspending business is 责令停产停业 by another name.
    _t("penalty", rf"(?:责令|作出|予以|给予|处以|决定){_C}{{0,6}}?(?:暂停|停止)(?:其)?(?:营业|经营|生产|执业)"
                  r"(?!时间|场所)"),
    _t("penalty", rf"(?:限制|禁止)(?:其)?(?:\d+|[一二两三四五六七八九十]+)(?:年|个月)内{_C}{{0,10}}?"
                  r"(?:从事|进入|参与|参加|经营|承接|投标|承揽)", negatable=False),
    # 取消其投标资格: withdrawing the standing to do business is a penalty (资格罚); a subsidy's 申报资格 is not.
    _t("penalty", rf"(?:取消|撤销|暂停|停止|取缔|剥夺)其{_C}{{0,12}}?(?:资格|资质)(?!证)",
       phrase_excludes=r"申报|享受|补贴|补助|奖励|评优|评先|荣誉|称号|扶持|资助"),
    _t("penalty", rf"(?:\d+|[一二两三四五六七八九十]+)(?:年|个月)内(?:不予|不再)受理其?{_C}{{0,12}}?申请",
       negatable=False),
    # 三年内不得在本区从事…: barring someone from business for a time is a penalty (行政处罚法 第九条(四)).
    _t("penalty", rf"(?:\d+|[一二两三四五六七八九十]+)(?:年|个月)内{_C}{{0,4}}?(?:不得|禁止|限制)(?:其)?{_C}{{0,8}}?"
                  r"(?:从事|进入|参与|参加|经营|承接|投标|承揽)", negatable=False),
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
    # "对查封、扣押的物品，应当妥善保管" speaks of property already seized (the (?!…的) part), not a new power.
    _t("coercive_measure", r"(?:查封|扣押|冻结)(?!期)(?!(?:、|和|或者|及)?(?:查封|扣押|冻结)?的)"),
    _t("coercive_measure", rf"暂扣(?!{_C}{{0,12}}?(?:许可证|执照|证照|资质|资格证|证书|驾驶证|营运证|经营证))"),
    _t("coercive_measure", r"(?:强制|强行)(?:拆除|清除|清理|清拆|搬迁|迁移|迁出|拆迁|清退|清场|腾退|带离|隔离|收回|"
                           r"划拨|扣缴|执行|停业|"
                           r"关闭)"),
    _t("coercive_measure", r"(?:停止|中断|限制|切断|暂停)(?:对其|对|其|向其)?"
                           r"(?:供水|供电|供气|供热|供燃气|水电|用水|用电)",
       requires=r"拒不|逾期不|不履行|未(?:按期|按时|按要求|如期)?(?:整改|改正|履行|缴纳|拆除)|催告|迫使|督促",
       supply_cut=True),
    _t("coercive_measure", r"限制(?:其)?人身自由"),
    # 代履行 is a way of enforcing a decision (行政强制法 第十二条、第五十条): only a law may provide it.
    _t("coercive_measure", r"代履行|代为(?:拆除|清除|清理|恢复|履行)"),
    _t("coercive_measure", r"扣留(?!的)|扣车|锁车|扣船|锁扣|封堵|封存|封停|查扣|扣存"),
    _t("coercive_measure", r"(?:拖移|拖离|拖走|拖至|拖运)", requires=r"车辆|车"),
    _t("coercive_measure", r"断水|断电|停水|停电|断气|停气|断网",
       requires=r"拒不|逾期不|不履行|未(?:按期|按时|按要求|如期)?(?:整改|改正|履行|缴纳|拆除)|催告|迫使|督促|措施",
       supply_cut=True),
    _t("coercive_measure", rf"收缴{_C}{{0,8}}?(?:车辆|物品|工具|财物|货物|设备|商品)"),
]

# Whose supply a clause cuts: residents' living (行政强制法 第四十三条第二款: 对居民生活) rather than a business. Homes,
# tenants and the people living in them; a sentence naming them is about residents.
RESIDENTIAL = re.compile(r"居民|住户|住宅|居住|家庭|生活用(?:水|电|气|热)|出租(?:房屋|屋|住房)|群租|租户|承租人|业主|"
                         r"村民|农户|住房|宿舍|民宅|自建房")

_FEE_OBJECT = r"(?:(?<![消经浪免花旅学话水电气暖])费(?!率)|保证金|押金|风险金|抵押金|担保金|质保金|集资款|附加|滞纳金)"
_DEPOSIT = r"(?:保证金|押金|风险金|抵押金|担保金|质保金)"
# Obligations set by law itself (taxes, social insurance, housing fund) are not charges a document creates.
# The four deposits kept for construction by 国办发〔2016〕49号 (bid, performance, quality, migrant workers' wages)
# rest on 招标投标法实施条例 and 保障农民工工资支付条例; their caps are checked by the legal office, not here.
_STATUTORY_CHARGE = (r"税|社会保险|社保|医疗保险|养老保险|失业保险|工伤保险|公积金|工会经费|党费|维修资金|"
                     r"投标保证金|履约保证金|工程质量保证金|工资保证金")

FEE_TRIGGERS = [
    # 培训费每人八百元: a charge with its amount.
    _t("fee", rf"{_FEE_OBJECT}{_C}{{0,3}}?(?:为|是|按)?"
              r"(?:每人|每户|每车|每辆|每次|每年|每月|每平方米|每件|每吨|每小时|每天)"
              rf"{_C}{{0,3}}?(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)(?:元|万元)",
       phrase_excludes=_STATUTORY_CHARGE + r"|补贴|补助|奖励|资助|免"),
    # "…缴纳的保证金应当退还" speaks of money already paid: the verb must not be followed by 的.
    _t("fee", rf"收取(?!的){_C}{{0,20}}?{_FEE_OBJECT}", phrase_excludes=_STATUTORY_CHARGE,
       before_excludes=PRIVATE_CHARGER),
    _t("fee", rf"(?:缴纳|交纳|缴存|预存|预缴|预交|预付|缴付|征收|计收|加收|核收|征缴|收缴|缴交|足额缴纳|补缴|"
              r"缴清)(?!的)"
              rf"{_C}{{0,20}}?(?:{_FEE_OBJECT}|周转金|准备金|预付金|储备金|统筹金|基金|资金)",
       phrase_excludes=_STATUTORY_CHARGE),
    _t("fee", rf"(?:收取|提取|计提)(?!的){_C}{{0,10}}?(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)(?:元|万元)"
              rf"|(?:提取|计提){_C}{{0,10}}?{_FEE_OBJECT}",
       phrase_excludes=_STATUTORY_CHARGE, before_excludes=PRIVATE_CHARGER),
    _t("fee", rf"(?:提交|提供|交存|存入|交付|交纳|缴纳)(?!的){_C}{{0,12}}?{_DEPOSIT}",
       phrase_excludes=_STATUTORY_CHARGE),
    _t("fee", rf"(?:实行|建立|设立|推行|实施){_C}{{0,12}}?(?:{_DEPOSIT}|收费|有偿使用)(?:制度|制|管理)?",
       phrase_excludes=_STATUTORY_CHARGE + r"|改革|清理|公示|目录|清单|监管|规范|管理制度"),
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
    # 统一由区文旅投资集团公司经营: one named firm runs the market.
    _t("fair_competition", rf"(?:应当|须|必须)由{_C}{{0,15}}?(?:下属|所属|直属|指定|确定|国有|投资)的?{_C}{{0,8}}?"
                           r"(?:公司|集团|企业)(?:统一)?(?:经营|运营|提供|承担|承办|供应|配送|实施|负责|施工)"),
    _t("fair_competition", rf"(?:统一|只能|仅能|均)由{_C}{{0,15}}?(?:公司|集团|企业)(?:统一|组织|负责)?{_C}{{0,3}}?"
                           r"(?:经营|运营|提供|承担|承办|供应|配送|实施|负责|施工|承建|建设|维修|养护|修复)"),
    # Purchases limited to local, designated, recommended or listed operators.
    _t("fair_competition", rf"(?:只能|仅能|只准|仅限|只限|必须|须|应当|需|限定|统一)(?:在|向|从|到)?{_C}{{0,12}}?"
                           rf"(?:购买|采购|使用|选用|选择|委托|接受|安装|销售|采用){_C}{{0,15}}?"
                           rf"(?:指定|{LOCAL}|推荐|特定|名录|目录|入库|备选库)",
       phrase_excludes=r"专家|评审专家|人员"),
    _t("fair_competition", rf"(?:只能|仅能|只准|只许|仅限|限定|统一)(?:在|向|从|到)?{_C}{{0,10}}?"
                           rf"(?:购买|使用|选用|采购|委托|接受|安装){_C}{{0,15}}?(?:公司|厂|品牌|企业|供应商|服务商|厂家)"),
    _t("fair_competition", rf"限定{_C}{{0,8}}?(?:经营|购买|使用|选用|采购|接受)"),
    # 车辆应当为本区号牌 / 应当从本区生产企业采购: requiring that the supplier or the goods be local.
    _t("fair_competition", rf"(?:应当|须|必须|需|只能|仅能|限)(?:为|是|具有|持有|使用|登记为|属于){LOCAL}"),
    _t("fair_competition", rf"(?:应当|须|必须|需|只能|仅能|统一|原则上应当)(?:从|向|在|到|由){LOCAL}{_C}{{0,12}}?"
                           r"(?:采购|购买|使用|选用|选购|购置|租赁|委托|供应|提供)"),
    # 只能在区公安分局确定的定点商店购买.
    _t("fair_competition", rf"(?:只能|仅能|只准|只许|必须|须|应当|统一)(?:在|向|从|到|由)?{_C}{{0,20}}?"
                           rf"(?:指定|确定|推荐|定点|认定|选定|认可|公布)"
                           rf"的?{_C}{{0,6}}?(?:{OPERATOR}|商店|门店|网点|厂|供应点|销售点|经营点|服务点|"
                           r"(?<!牵头|责任|主管|职能|成员|监管|实施)单位)"),
    # 餐食应当从街道办事处确定的中央厨房配送: supply from whoever a body has chosen.
    _t("fair_competition", rf"(?:只能|仅能|只准|只许|必须|须|应当|统一)(?:在|向|从|到|由){_C}{{0,20}}?"
                           rf"(?:指定|确定|推荐|认定|选定)的(?:(?!标准|范围|区域|地点|时间|路线|方案|程序|要求|内容|数量|价格|规则|"
                           rf"条件|办法|格式|文本|模板){_C}){{0,8}}?(?:配送|供应|提供|采购|购买|进货|承担|承接|检测|维修|运营)"),
    # 应当在区殡仪馆购买 / 应当使用区城投公司建设的码头: a named public operator as the only supplier.
    _t("fair_competition", rf"(?:应当|须|必须|只能|仅能|统一)(?:在|向|从|到)?"
                           r"(?:购买|采购|购置|选购|租用|使用|委托|选用)?"
                           rf"(?:区|市|县|镇|街道)(?!内|外){_C}{{0,12}}?(?:公司|集团|馆|中心|站|厂|商店|医院)"
                           rf"{_C}{{0,6}}?(?:购买|采购|购置|选购|租用|使用|办理|建设|提供|经营)",
       phrase_excludes=r"政务服务中心|服务中心办理|便民服务中心|公共资源交易中心|窗口"),
    # 定点经营单位由区农业农村局确定.
    _t("fair_competition", rf"(?:定点|指定)(?:经营|销售|供应|服务|配送|检测|维修)?(?:单位|企业|机构|商店|网点|供应商)"
                           rf"由{_C}{{0,12}}?(?:确定|指定|认定|选定)", phrase_excludes=r"屠宰"),
    # 应当委托…《…推荐名录》中的单位承担.
    _t("fair_competition", rf"(?:委托|选择|选用|采购|购买|使用|聘请){_C}{{0,25}}?(?:名录|目录|名单|库)》?(?:中|内|里)",
       requires=r"应当|须|必须|只能|仅能|限定|统一", phrase_excludes=r"专家|评审|负面清单"),
    _t("fair_competition", rf"(?:从|在){_C}{{0,15}}?(?:名录|目录|名单|备选库|入围库|推荐库)(?:中|内|里)"
                           r"(?:选择|选取|选定|确定|采购|委托|选用|选购|购买|购置|选聘)", phrase_excludes=r"专家|评审"),
    # Preference for local firms.
    _t("fair_competition", rf"优先{_C}{{0,12}}?{LOCAL}(?:注册|生产|登记|设立)?(?:的)?{_C}{{0,6}}?{OPERATOR}"),
    _t("fair_competition", rf"{LOCAL}(?:注册|生产|登记|设立)?(?:的)?{_C}{{0,6}}?{OPERATOR}{_C}{{0,6}}?优先"),
    _t("fair_competition", rf"(?:限于|仅限于?|只限于?|限定为?|局限于){_C}{{0,8}}?{LOCAL}"),
    # Conditions on outside firms and goods.
    _t("fair_competition", rf"{OUTSIDE}(?:注册|生产|户籍)?(?:的)?{_C}{{0,6}}?{OPERATOR}",
       phrase_excludes=r"平等|同等|一视同仁|公平|无差别|不得歧视|不受限制|相同",
       requires=r"须|必须|应当|需|另行|额外|单独|重复|限制|不得|禁止|不予|不能|设置|提高|加收|收取|检验|检测|审查|审批|"
                r"备案|登记|设立|注册|分支机构|保证金|证明|高于|暂停|劝返|劝退|排斥|阻碍|阻止|拒绝|差别|歧视性"),
    _t("fair_competition", rf"{LOCAL}{_C}{{0,14}}?(?:业绩|纳税记录|社保缴纳记录|获奖|经历|经验)",
       requires=r"须|必须|应当|要求|方可|才能|前提|条件|资格|否则|不得|不予|加分|优先",
       excludes=r"奖励|补贴|扶持|资助|奖补"),
    _t("fair_competition", rf"{OUTSIDE}{_C}{{0,10}}?(?:进入|流入|运入|进区|入区|销往|进驻)",
       requires=r"须|必须|应当|需|另行|额外|单独|限制|不得|禁止|不予|不能|加收|收取|缴纳|检验|检测|审查|审批|备案|登记|"
                r"证明|暂停|劝返|劝退|排斥|阻碍|阻止|拒绝",
       phrase_excludes=r"平等|同等|一视同仁|公平|无差别|不得歧视|不受限制|相同"),
    _t("fair_competition", rf"在{LOCAL}(?:注册|设立|成立|登记|缴税|纳税|缴纳税|开设|落户|设有|有固定|"
                           r"拥有|具有|具备|有)"
                           rf"{_C}{{0,15}}?",
       requires=r"须|必须|应当|要求|方可|才能|前提|条件|否则|不得|不予|只|仅|限于",
       excludes=r"奖励|补贴|扶持|资助|奖补|鼓励|欢迎|支持|引导|享受"),
    # Closing the market to newcomers: "不再新增运营企业", "已有企业之外的企业不得在本区经营".
    _t("fair_competition", rf"(?:不再|暂停|停止)(?:新增|引进|准入|受理){_C}{{0,12}}?{OPERATOR}", negatable=False),
    _t("fair_competition", rf"(?:之外|以外|其他)的?{OPERATOR}{_C}{{0,8}}?(?:不得|禁止|一律不|不能)"
                           r"(?:在|进入|参与|参加|从事|开展|经营)"),
    _t("fair_competition", rf"(?:限制|阻碍|阻止|禁止){_C}{{0,10}}?{LOCAL}{_C}{{0,8}}?(?:商品|产品|原材料|企业)"
                           r"{_C}{{0,6}}?(?:运出|流出|迁出|外销|销往)"),
]

# A tender deposit stated as a share ("履约保证金为中标合同金额的15%", "按估算价的百分之三"): check.py compares the
# share with the cap in rules.DEPOSIT_CAPS, whatever the clause says around it (a cap above the law's is no better).
DEPOSIT_SHARE = re.compile(r"(?P<deposit>履约保证金|投标保证金)[^。；;\n]{0,30}?"
                           r"(?:百分之(?P<cn>[〇零一二两三四五六七八九十百]+)|(?P<arabic>\d+(?:\.\d+)?)\s*[%％])")

TRIGGERS = LICENSE_TRIGGERS + PENALTY_TRIGGERS + COERCIVE_TRIGGERS + FEE_TRIGGERS + FAIR_COMPETITION_TRIGGERS
NEGATOR_PATTERNS = {rule: re.compile(words) for rule, words in NEGATORS.items()}
