"""`fazhi expire_documents`: mark documents past their validity as expired (run daily, e.g. from cron)."""

from django.core.management.base import BaseCommand

from fazhi.normative_documents.services import documents_expire


class Command(BaseCommand):
    help = "将有效期已届满的行政规范性文件标记为“已失效” / Mark normative documents past their validity as expired."

    def handle(self, *args, **options):
        ended = documents_expire()
        for document in ended:
            self.stdout.write(f"已失效：{document.number}《{document.title}》（有效期至{document.valid_until}）")
        self.stdout.write(self.style.SUCCESS(f"共{len(ended)}件文件因有效期届满失效。"))
