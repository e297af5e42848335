from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from fazhi.accounts.models import User
from fazhi.demo import data, enforcement, inspections, oversight, permits, rules_docs
from fazhi.demo.entities import generate
from fazhi.market_entities.models import MarketEntity
from fazhi.organisation.constants import OrgUnitKind
from fazhi.organisation.models import OrgUnit, Zone

DEFAULT_ENTITIES = 3000


class Command(BaseCommand):
    help = "加载演示开发区（机构、各角色演示用户、市场主体）/ Load the demo zone."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="数据库已有开发区时什么也不做")
        parser.add_argument("--entities", type=int, default=DEFAULT_ENTITIES, help="市场主体数量")
        parser.add_argument("--force", action="store_true",
                            help="数据库已有数据时仍补充演示数据（会创建密码公开的演示账号，仅限演示环境）")

    def handle(self, *args, if_empty=False, entities=DEFAULT_ENTITIES, force=False, **options):
        if Zone.objects.exists():
            if if_empty:
                self.stdout.write("数据库中已有数据，跳过演示数据加载。")
                return
            if not force:
                # Demo accounts have a published password: never slip them into a working database.
                raise CommandError("数据库中已有数据，未加载演示数据。演示账号的密码是公开的，"
                                   "只应在演示环境中使用；确需补充请加 --force。")
            self.stdout.write("数据库中已有开发区：只补充缺少的演示数据。")
        with transaction.atomic():
            zone, _ = Zone.objects.get_or_create(
                name=data.ZONE_NAME, defaults={"short_name": data.ZONE_SHORT_NAME, "division_code": "210281"}
            )
            units = {}
            for order, (code, name, short, kind, parent) in enumerate(data.ORG_UNITS, start=1):
                units[code], _ = OrgUnit.objects.get_or_create(
                    code=code,
                    defaults={"zone": zone, "name": name, "short_name": short, "kind": kind,
                              "parent": units.get(parent), "sort_order": order * 10,
                              "keeps_market_register": code == data.MARKET_REGISTER_KEEPER},
                )
            for demo in data.DEMO_USERS:
                if User.objects.filter(username=demo.username).exists():
                    continue
                user = User(username=demo.username, full_name=demo.full_name, role=demo.role,
                            org_unit=units[demo.unit_code],
                            legal_qualification_number=demo.legal_qualification_number)
                user.set_password(data.DEMO_PASSWORD)
                user.save()
            created = self._entities(entities)
            added = enforcement.load(units=units, legal_user=User.objects.get(username="legal"),
                                     officer_user=User.objects.filter(username="officer").first())
            added_rules = rules_docs.load(units=units, legal_user=User.objects.get(username="legal"))
            inspected = inspections.load(units=units)
            permitted = permits.load(units=units)
            overseen = oversight.load(units=units)
        self.stdout.write(self.style.SUCCESS(
            f"演示数据已加载：{data.ZONE_NAME}，机构{len(units)}个，用户{len(data.DEMO_USERS)}个，"
            f"新增市场主体{created}户。演示账号密码：{data.DEMO_PASSWORD}"
        ))
        if added:
            labels = {"officers": "执法人员", "certificates": "执法证件", "attendances": "参训人次",
                      "applications": "证件申领", "cases": "执法案件", "records": "全过程记录",
                      "publications": "决定公示", "reviews": "法制审核", "rectifications": "整改事项"}
            self.stdout.write("行政执法：" + "，".join(
                f"新增{label}{added[key]}" for key, label in labels.items() if added.get(key)))
        if inspected:
            labels = {"items": "抽查事项", "rules": "抽查工作细则", "meeting_records": "联席会议记录",
                      "recusals": "回避申报", "plans": "抽查计划", "tasks": "抽查任务"}
            self.stdout.write("双随机、一公开：" + "，".join(
                f"新增{label}{inspected[key]}" for key, label in labels.items() if inspected.get(key)))
        if added_rules:
            labels = {"documents": "规范性文件", "cleanups": "清理", "decisions": "重大行政决策",
                      "advisors": "法律顾问", "contracts": "法律顾问合同"}
            self.stdout.write("规范性文件与决策：" + "，".join(
                f"新增{label}{added_rules[key]}" for key, label in labels.items() if added_rules.get(key)))
        if any(permitted.values()):
            self.stdout.write(f"涉企经营许可：新增清单事项{permitted['matters']}项，办件{permitted['cases']}件")
        if any(overseen.values()):
            self.stdout.write(f"监督与诉讼：新增办理规则{overseen['rules']}项，司法建议和检察建议{overseen['recommendations']}件，"
                              f"行政诉讼案件{overseen['lawsuits']}件，行政复议案件{overseen['reconsiderations']}件")

    def _entities(self, count: int) -> int:
        streets = list(OrgUnit.objects.filter(kind=OrgUnitKind.STREET).order_by("code"))
        existing = set(MarketEntity.objects.values_list("uscc", flat=True))
        rows = [
            MarketEntity(
                uscc=row.uscc, name=row.name, entity_type=row.entity_type,
                legal_representative=row.legal_representative, address=row.address,
                street=streets[row.street_index], industry=row.industry,
                registration_status=row.registration_status, risk_class=row.risk_class,
            )
            for row in generate(count, len(streets))
            if row.uscc not in existing
        ]
        bulk_create_with_history(rows, MarketEntity, batch_size=2000, default_change_reason="演示数据")
        return len(rows)
