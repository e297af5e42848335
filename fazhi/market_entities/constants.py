from django.db import models
from django.utils.translation import gettext_lazy as _


class EntityType(models.TextChoices):
    # 市场主体登记管理条例 第二条 lists the kinds of market entity.
    COMPANY = "company", _("有限责任公司")
    JOINT_STOCK = "joint_stock", _("股份有限公司")
    NON_CORPORATE = "non_corporate", _("非公司企业法人")
    PARTNERSHIP = "partnership", _("合伙企业")
    SOLE_PROPRIETORSHIP = "sole_proprietorship", _("个人独资企业")
    BRANCH = "branch", _("分支机构")
    COOPERATIVE = "cooperative", _("农民专业合作社")
    INDIVIDUAL = "individual", _("个体工商户")
    FOREIGN = "foreign", _("外国公司分支机构")


class RegistrationStatus(models.TextChoices):
    ACTIVE = "active", _("存续")
    SUSPENDED = "suspended", _("歇业")
    REVOKED = "revoked", _("吊销")
    DEREGISTERED = "deregistered", _("注销")
    MOVED_OUT = "moved_out", _("迁出")


class RiskClass(models.TextChoices):
    # 市场监管总局《关于推进企业信用风险分类管理进一步提升监管效能的意见》(国市监信发〔2022〕6号):
    # A 信用风险低, B 一般, C 较高, D 高.
    A = "A", _("A类（信用风险低）")
    B = "B", _("B类（信用风险一般）")
    C = "C", _("C类（信用风险较高）")
    D = "D", _("D类（信用风险高）")


class Industry(models.TextChoices):
    # GB/T 4754-2017 国民经济行业分类, 门类 (sections).
    A = "A", _("农、林、牧、渔业")
    B = "B", _("采矿业")
    C = "C", _("制造业")
    D = "D", _("电力、热力、燃气及水生产和供应业")
    E = "E", _("建筑业")
    F = "F", _("批发和零售业")
    G = "G", _("交通运输、仓储和邮政业")
    H = "H", _("住宿和餐饮业")
    I = "I", _("信息传输、软件和信息技术服务业")  # noqa: E741
    J = "J", _("金融业")
    K = "K", _("房地产业")
    L = "L", _("租赁和商务服务业")
    M = "M", _("科学研究和技术服务业")
    N = "N", _("水利、环境和公共设施管理业")
    O = "O", _("居民服务、修理和其他服务业")  # noqa: E741
    P = "P", _("教育")
    Q = "Q", _("卫生和社会工作")
    R = "R", _("文化、体育和娱乐业")
    S = "S", _("公共管理、社会保障和社会组织")
    T = "T", _("国际组织")
