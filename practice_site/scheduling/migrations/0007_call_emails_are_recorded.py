# Each email about a call is recorded (which call, to whom, what kind, whether it went), so a failed one is sent again.

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('scheduling', '0006_feed_keeps_a_hash'),
    ]

    operations = [
        migrations.CreateModel(
            name='CallEmail',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('audience', models.CharField(choices=[('person', 'The person'), ('host', 'The host')], max_length=6)),
                ('kind', models.CharField(max_length=20)),
                ('state', models.CharField(choices=[('pending', 'Waiting to send'), ('sent', 'Sent'), ('failed', 'Failed'), ('skipped', 'Not sent: outdated or not wanted')], default='pending', max_length=10)),
                ('attempts', models.PositiveSmallIntegerField(default=0)),
                ('last_error', models.CharField(blank=True, help_text="The error's type only, never its text.", max_length=200)),
                ('due_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('sent_at', models.DateTimeField(blank=True, null=True)),
                ('booking', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='emails', to='scheduling.booking')),
            ],
            options={
                'verbose_name': 'email about a call',
                'constraints': [models.UniqueConstraint(fields=('booking', 'audience', 'kind'), name='one_call_email_per_kind')],
            },
        ),
    ]
