"""`fazhi expire_documents`: mark documents past their validity as expired (run daily, e.g. from cron)."""

from django.core.management.base import BaseCommand

from fazhi.normative_documents.services import documents_expire

EXPIRED = "已失效：{number}《{title}》（有效期至{until}）"
EXPIRED_TOTAL = "共{count}件文件因有效期届满失效。"


class Command(BaseCommand):
    help = "将有效期已届满的行政规范性文件标记为“已失效” / Mark normative documents past their validity as expired."

    def handle(self, *args, **options):
        ended = documents_expire()
        for document in ended:
            self.stdout.write(EXPIRED.format(number=document.number, title=document.title, until=document.valid_until))
        self.stdout.write(self.style.SUCCESS(EXPIRED_TOTAL.format(count=len(ended))))
