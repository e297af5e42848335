"""An inspector is an officer of fazhi.officers now (the same table): the foreign keys change in the
migration state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('inspections', '0011_commitment_log'),
        ('officers', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='historicalrecusal',
                    name='officer',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='officers.officer', verbose_name='检查人员'),
                ),
                migrations.AlterField(
                    model_name='recusal',
                    name='officer',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='recusals', to='officers.officer', verbose_name='检查人员'),
                ),
                migrations.AlterField(
                    model_name='taskinspector',
                    name='officer',
                    field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='inspection_seats', to='officers.officer', verbose_name='检查人员'),
                ),
            ],
        ),
    ]
