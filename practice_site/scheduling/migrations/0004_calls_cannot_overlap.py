# Overlapping calls of one host, the gap included, made impossible by PostgreSQL (a GiST exclusion on two
# ranges: the host and the time); the scheduling rules bounded in the database.
#
# Calls already held may overlap (weekly hours plus extra hours could offer 11:45 and 11:50 to two people):
# before the constraint, the earliest-made call of each overlap keeps its time and the later ones are cancelled,
# flagged for staff to offer another time. No row is deleted. Going back leaves them cancelled: by then the
# person may have been given another time.

from collections import defaultdict

import django.contrib.postgres.constraints
import django.contrib.postgres.fields.ranges
import django.core.validators
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import practice_site.scheduling.models


def cancel_later_overlapping_calls(apps, schema_editor):
    Booking = apps.get_model('scheduling', 'Booking')
    kept = defaultdict(list)
    held = Booking.objects.filter(status='booked', host__isnull=False).order_by('created_at', 'pk')
    cancelled = []
    # Earliest-made first, so the outcome depends on the data alone: a call keeps its time unless it overlaps a
    # call already kept (the same half-open ranges the constraint compares).
    for call in held.only('pk', 'host_id', 'start', 'blocked_until').iterator():
        if any(call.start < other.blocked_until and other.start < call.blocked_until for other in kept[call.host_id]):
            cancelled.append(call.pk)
        else:
            kept[call.host_id].append(call)
    Booking.objects.filter(pk__in=cancelled).update(
        status='cancelled', attention='overlap', changed_at=django.utils.timezone.now()
    )


class Migration(migrations.Migration):

    dependencies = [
        ('scheduling', '0003_booking_link_moves_to_intake'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='booking',
            name='blocked_until',
            field=models.DateTimeField(null=True),
        ),
        # Calls held before this knew no stored gap: each blocks its own time.
        migrations.RunSQL('UPDATE scheduling_booking SET blocked_until = "end"', migrations.RunSQL.noop),
        migrations.AlterField(
            model_name='booking',
            name='blocked_until',
            field=models.DateTimeField(),
        ),
        migrations.AlterField(
            model_name='booking',
            name='attention',
            field=models.CharField(blank=True, choices=[('', 'Nothing to do'), ('host', 'Host no longer takes calls: reassign'), ('time_off', 'Host has time off then: move the call'), ('overlap', 'Cancelled when calls could no longer overlap: offer another time')], default='', max_length=10),
        ),
        migrations.RunPython(cancel_later_overlapping_calls, migrations.RunPython.noop),
        # Rules stored out of bounds are brought to the nearest allowed value, so the constraints below can hold.
        migrations.RunSQL(
            """UPDATE scheduling_schedulingsettings SET
                call_minutes = LEAST(GREATEST(call_minutes, 5), 240),
                gap_minutes = LEAST(gap_minutes, 120),
                notice_business_days = LEAST(notice_business_days, 30),
                horizon_days = LEAST(GREATEST(horizon_days, 1), 366),
                max_calls_per_day = LEAST(GREATEST(max_calls_per_day, 1), 50)""",
            migrations.RunSQL.noop,
        ),
        migrations.AlterField(
            model_name='schedulingsettings',
            name='call_minutes',
            field=models.PositiveSmallIntegerField(default=15, help_text='How long each free consultation call is (5 to 240).', validators=[django.core.validators.MinValueValidator(5, message='Please enter a number from 5 to 240.'), django.core.validators.MaxValueValidator(240, message='Please enter a number from 5 to 240.')], verbose_name='call length (minutes)'),
        ),
        migrations.AlterField(
            model_name='schedulingsettings',
            name='gap_minutes',
            field=models.PositiveSmallIntegerField(default=0, help_text='Free time kept after each call, for notes (0 to 120).', validators=[django.core.validators.MinValueValidator(0, message='Please enter a number from 0 to 120.'), django.core.validators.MaxValueValidator(120, message='Please enter a number from 0 to 120.')], verbose_name='gap between calls (minutes)'),
        ),
        migrations.AlterField(
            model_name='schedulingsettings',
            name='horizon_days',
            field=models.PositiveSmallIntegerField(default=21, help_text='Times are offered this many days ahead (1 to 366).', validators=[django.core.validators.MinValueValidator(1, message='Please enter a number from 1 to 366.'), django.core.validators.MaxValueValidator(366, message='Please enter a number from 1 to 366.')], verbose_name='how far ahead (days)'),
        ),
        migrations.AlterField(
            model_name='schedulingsettings',
            name='max_calls_per_day',
            field=models.PositiveSmallIntegerField(default=6, help_text='Once a host has this many calls on a day, their other times that day are not offered (1 to 50).', validators=[django.core.validators.MinValueValidator(1, message='Please enter a number from 1 to 50.'), django.core.validators.MaxValueValidator(50, message='Please enter a number from 1 to 50.')], verbose_name='most calls per person per day'),
        ),
        migrations.AlterField(
            model_name='schedulingsettings',
            name='notice_business_days',
            field=models.PositiveSmallIntegerField(default=1, help_text='1 means the earliest time offered is on the next business day (Monday to Friday); 0 allows calls later today. At most 30.', validators=[django.core.validators.MinValueValidator(0, message='Please enter a number from 0 to 30.'), django.core.validators.MaxValueValidator(30, message='Please enter a number from 0 to 30.')], verbose_name='minimum notice (business days)'),
        ),
        migrations.AddConstraint(
            model_name='booking',
            constraint=django.contrib.postgres.constraints.ExclusionConstraint(condition=models.Q(('host__isnull', False), ('status', 'booked')), expressions=[(practice_site.scheduling.models.TsTzRange('start', 'blocked_until', django.contrib.postgres.fields.ranges.RangeBoundary()), '&&'), (practice_site.scheduling.models.HostRange('host'), '&&')], name='no_overlapping_calls_per_host'),
        ),
        migrations.AddConstraint(
            model_name='schedulingsettings',
            constraint=models.CheckConstraint(condition=models.Q(('call_minutes__gte', 5), ('call_minutes__lte', 240)), name='scheduling_call_minutes_in_range'),
        ),
        migrations.AddConstraint(
            model_name='schedulingsettings',
            constraint=models.CheckConstraint(condition=models.Q(('gap_minutes__gte', 0), ('gap_minutes__lte', 120)), name='scheduling_gap_minutes_in_range'),
        ),
        migrations.AddConstraint(
            model_name='schedulingsettings',
            constraint=models.CheckConstraint(condition=models.Q(('notice_business_days__gte', 0), ('notice_business_days__lte', 30)), name='scheduling_notice_business_days_in_range'),
        ),
        migrations.AddConstraint(
            model_name='schedulingsettings',
            constraint=models.CheckConstraint(condition=models.Q(('horizon_days__gte', 1), ('horizon_days__lte', 366)), name='scheduling_horizon_days_in_range'),
        ),
        migrations.AddConstraint(
            model_name='schedulingsettings',
            constraint=models.CheckConstraint(condition=models.Q(('max_calls_per_day__gte', 1), ('max_calls_per_day__lte', 50)), name='scheduling_max_calls_per_day_in_range'),
        ),
    ]
