# Each call keeps one calendar identity through its moves; calls booked before this each start their own.

import uuid

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('scheduling', '0004_calls_cannot_overlap'),
    ]

    operations = [
        migrations.AddField(
            model_name='booking',
            name='sequence',
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name='booking',
            name='series',
            field=models.UUIDField(db_index=True, editable=False, null=True),
        ),
        migrations.RunSQL('UPDATE scheduling_booking SET series = gen_random_uuid()', migrations.RunSQL.noop),
        migrations.AlterField(
            model_name='booking',
            name='series',
            field=models.UUIDField(db_index=True, default=uuid.uuid4, editable=False),
        ),
    ]
