"""What the enforcement services answer when they refuse (the user reads them; the tests assert on them)."""


from django.utils.translation import gettext_lazy as _

# --- messages (what the user reads; tests assert on them) -----------------------------------

REASON_REQUIRED = _("请填写原因。")
CRITERION_THRESHOLD_REQUIRED = _("“%(kind)s”须填写大于0的罚款金额下限。")
CRITERION_THRESHOLD_NOT_FINE = _("只有罚款情形才填写罚款金额下限。")

CASE_MATTER_OTHER_BODY = _("执法事项“%(matter)s”不属于执法主体“%(body)s”。")
CASE_KIND_MATTER = _("案件类别应与执法事项的类别“%(kind)s”一致。")
CASE_KIND_REQUIRED = _("请选择案件类别或执法事项。")
CASE_CLOSED = _("案件%(case)s已于%(date)s结案，不能再修改。")
CASE_PARTY_LOCKED = _("案件%(case)s已于%(date)s作出决定，决定书载明的当事人不能再更改；如当事人确有错误，应依法撤销或"
                      "变更原决定后重新作出。")
DATE_BEFORE_OPENED = _("日期不能早于立案日期（%(date)s）。")
DATE_IN_FUTURE = _("%(what)s（%(date)s）晚于今天（%(today)s）：只能记录已经发生的办案活动，不能预填日期。")
BACK_ENTRY_LEGAL_OFFICE_ONLY = _("补录历史案卷只能由法制机构工作人员办理。")
ASSIGN_REFUSED = _("不能指派%(officer)s承办案件%(case)s：%(reason)s。执法人员须在%(date)s持有有效的执法证件"
                   "（行政处罚法 第四十二条）。")
# An act dated more than this many days back is entered late: its officers must also hold a valid
# certificate on the day it is entered, so a lapsed officer cannot be put on a case by back-dating.
# Thirty days lets a unit enter the recent paper files of work done in the field; older historical
# files are entered as 补录 (back_entry) by the legal-affairs office, which the history records.
LATE_ENTRY_DAYS = 30
ASSIGN_LATE_ENTRY = _("不能指派%(officer)s承办案件%(case)s：指派日期%(date)s距今已超过%(days)d天，执法人员还须在"
                      "录入之日（%(today)s）持有有效的执法证件，而%(reason)s（行政处罚法 第四十二条）。补录历史纸质案卷"
                      "请由法制机构办理。")
LATE_ENTRY_PROBLEM = _("%(problem)s（决定日期距今已超过%(days)d天，执法人员还须在录入之日%(today)s持有有效执法证件）")
ACTING_OFFICER_UNCERTIFIED = _("您作为执法人员今天（%(today)s）不持有有效的执法证件，不能办理执法活动：%(reason)s"
                               "（行政处罚法 第四十二条）。")
ASSIGN_DUPLICATE = _("%(officer)s已是案件%(case)s的承办人员。")
STEP_RESERVED = _("“%(step)s”环节由“%(action)s”功能记录，请使用该功能。")
REVIEW_AFTER_DECISION = _("案件%(case)s已于%(date)s作出决定；法制审核须在作出决定之前进行。")
REVIEW_OPINION_REQUIRED = _("请填写审核意见。")
DECISION_ALREADY = _("案件%(case)s已于%(date)s作出决定，不能重复作出。")
DECISION_TEXT_REQUIRED = _("请填写决定内容。")
DECISION_FINE_REQUIRED = _("罚款决定须填写大于0的罚款金额。")
DECISION_FINE_NOT_FINE = _("只有罚款决定才填写罚款金额。")
DECISION_TOO_FEW_OFFICERS = _("不能作出决定：案件%(case)s须由至少%(min)d名在决定日持有有效执法证件的执法人员承办"
                              "（行政处罚法 第四十二条），目前只有%(n)d名。%(detail)s")
DECISION_MAJOR_NOT_REVIEWED = _("不能作出决定：该决定属于重大执法决定（%(reasons)s），须经法制机构审核通过后才能作出"
                                "（国办发〔2018〕118号 四；行政处罚法 第五十八条）。目前%(state)s。")
# 国办发〔2018〕118号 四 (and 行政处罚法 第五十八条): the review is of the decision to be made, so the
# decision issued must be the one approved.
DECISION_KIND_NOT_REVIEWED = _("不能作出决定：法制审核（%(date)s）通过的是“%(approved)s”决定，本次拟作出的是“%(kind)s”"
                               "决定；作出的决定须与审核通过的一致，请重新报送法制审核（国办发〔2018〕118号 四）。")
DECISION_FINE_OVER_REVIEWED = _("不能作出决定：法制审核（%(date)s）通过的罚款金额为%(approved)s元，本次拟罚款"
                                "%(fine)s元，超出审核通过的金额；请重新报送法制审核（国办发〔2018〕118号 四）。")
DECISION_REVIEW_WITHOUT_PROPOSAL = _("不能作出决定：法制审核（%(date)s）未载明审核的决定类型和罚款金额，无法确认"
                                     "本次决定已经审核，请重新报送法制审核（国办发〔2018〕118号 四）。")
DECISION_REVIEW_NONE = _("尚无法制审核意见")
DECISION_REVIEW_REJECTED = _("最近一次法制审核（%(date)s）意见为不通过，请按审核意见修改后重新报审")
DECLARE_MAJOR_ROLES_ONLY = _("认定或取消“其他重大执法决定”只能由执法单位工作人员或法制机构工作人员办理。")
DECLARE_MAJOR_AFTER_DECISION = _("案件%(case)s已于%(date)s作出决定，不能再认定或取消重大执法决定。")
DECLARE_MAJOR_UNCHANGED = _("案件%(case)s已经是“%(state)s”，无需重复办理。")
CLOSE_NOT_DECIDED = _("案件%(case)s尚未作出决定，不能结案。")
CLOSE_BEFORE_DECISION = _("结案日期不能早于决定日期（%(date)s）。")
PUBLISH_NOT_DECIDED = _("案件%(case)s尚未作出决定，没有可公示的决定。")
PUBLISH_ALREADY = _("案件%(case)s的决定已于%(date)s公示。")
PUBLISH_BEFORE_DECISION = _("公示日期不能早于决定日期（%(date)s）。")
# 国办发〔2018〕118号 二(六): the time limit runs to the day the decision is actually made public.
PUBLISH_NOT_TODAY = _("公示日期是决定实际公开之日，由系统记为今天（%(today)s），不能填写%(date)s。")
PUBLISH_PERSONAL_DATA_LEFT = _("公示内容仍含有个人信息（%(items)s），请修改决定内容后再公示。")
PUBLISH_OVERTURNED = _("案件%(case)s的决定已于%(date)s被依法%(kind)s，不再公示原决定。")
CHALLENGED_CASE_OF_ANOTHER_UNIT = _("执法案件%(case)s属于%(unit)s，不是本案被申请人或被告单位的案件。")
CHALLENGED_CASE_NOT_DECIDED = _("执法案件%(case)s尚未作出决定，不能作为被申请复议或被诉的行政行为。")
OVERTURN_NOT_DECIDED = _("案件%(case)s尚未作出决定，没有可变更或撤销的决定。")
OVERTURN_BEFORE_DECISION = _("变更或撤销日期不能早于决定日期（%(date)s）。")
OVERTURN_DOCUMENT_REQUIRED = _("请填写变更或撤销决定的依据文书（如行政复议决定书、判决书的名称和文号）。")
WITHDRAW_NOT_PUBLISHED = _("案件%(case)s的决定尚未公示，无需撤回。")
WITHDRAW_ALREADY = _("案件%(case)s的决定公示已于%(date)s撤回。")
WITHDRAW_NOT_OVERTURNED = _("撤回公示须先记录决定被依法变更、撤销、确认违法或者确认无效的情况"
                            "（行政处罚法 第四十八条第二款）。")
WITHDRAW_REASON_REQUIRED = _("请填写向社会公开说明的撤回理由（行政处罚法 第四十八条第二款）。")

INSPECTION_DATES = _("结束日期不能早于开始日期。")
INSPECTION_CLOSED = _("专项检查“%(name)s”已完成，不能再修改。")
INSPECTION_STATUS_ORDER = _("专项检查须按“计划中→自查阶段→实地督查→整改中→已完成”的顺序推进；当前为“%(current)s”，"
                            "不能改为“%(wanted)s”。")
INSPECTION_INSPECTOR_ONLY = _("实地督查情况只能由法制机构工作人员录入。")
UNIT_INSPECTION_DUPLICATE = _("%(unit)s已在本次专项检查中。")
RECTIFICATION_DONE = _("该整改事项已于%(date)s完成。")
RECTIFICATION_BEFORE_FINDING = _("整改期限不能早于专项检查开始日期（%(date)s）。")
