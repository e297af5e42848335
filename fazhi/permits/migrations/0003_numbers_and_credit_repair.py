"""The business-environment registers get the platform's numbers (编号), so their imports can tell a new row from
an update: records made before are numbered in the order they were made, per prefix (letters and year). A credit
record gets its repair (信用修复), before which the applicant may not use 告知承诺."""

from django.db import migrations, models

PREFIXES = {  # model: (letters, how the year is read) — as each model's number_prefix()
    "commendation": ("BZ", lambda r: r.held_on.year),
    "pairing": ("BL", lambda r: r.year),
    "visit": ("ZF", lambda r: r.visited_on.year),
    "serviceteammember": ("FWT", lambda r: r.joined_on.year),
}


def number_existing(apps, schema_editor):
    for name, (letters, year_of) in PREFIXES.items():
        model = apps.get_model("permits", name)
        history = apps.get_model("permits", f"historical{name}")
        counters: dict[str, int] = {}
        for record in model.objects.order_by("pk"):
            prefix = f"{letters}{year_of(record)}-"
            counters[prefix] = counters.get(prefix, 0) + 1
            record.number = f"{prefix}{counters[prefix]:05d}"
            record.save(update_fields=["number"])
            history.objects.filter(id=record.pk).update(number=record.number)


def _field(unique: bool):
    return models.CharField(blank=True, editable=False, max_length=30, unique=unique, verbose_name="编号",
                            **({} if unique else {"default": ""}))


class Migration(migrations.Migration):

    dependencies = [
        ("permits", "0002_commitment_checks_business_environment"),
    ]

    operations = [
        *(migrations.AddField(model_name=name, name="number", field=_field(unique=False)) for name in PREFIXES),
        *(migrations.AddField(model_name=f"historical{name}", name="number",
                              field=models.CharField(blank=True, db_index=True, editable=False, max_length=30,
                                                     verbose_name="编号"))
          for name in PREFIXES),
        migrations.RunPython(number_existing, migrations.RunPython.noop),
        *(migrations.AlterField(model_name=name, name="number", field=_field(unique=True)) for name in PREFIXES),
        *(operation for model_name in ("creditrecord", "historicalcreditrecord") for operation in (
            migrations.AddField(model_name=model_name, name="repaired_on",
                                field=models.DateField(blank=True, editable=False, null=True,
                                                       verbose_name="信用修复日期")),
            migrations.AddField(model_name=model_name, name="repair_basis",
                                field=models.CharField(blank=True, editable=False, max_length=300,
                                                       help_text="信用主管部门的修复决定文号等",
                                                       verbose_name="信用修复依据")),
        )),
    ]
