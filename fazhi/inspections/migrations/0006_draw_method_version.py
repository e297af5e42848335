from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("inspections", "0005_plan_composition"),
    ]

    operations = [
        # Draws committed before the field existed used hashrank (or rfc3797) version 1.
        migrations.AddField(
            model_name="draw",
            name="method_version",
            field=models.CharField(default="1", max_length=8, verbose_name="方法版本"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicaldraw",
            name="method_version",
            field=models.CharField(default="1", max_length=8, verbose_name="方法版本"),
            preserve_default=False,
        ),
    ]
