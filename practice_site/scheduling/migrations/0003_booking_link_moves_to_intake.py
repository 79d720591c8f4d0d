# The link from a call to the request it is for now lives on the intake side (its RequestCall table, filled
# from this column by the intake app's migration, which runs before this one).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('scheduling', '0002_coordinators_set_the_rules'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='booking',
            name='one_active_booking_per_consultation',
        ),
        migrations.RemoveField(
            model_name='booking',
            name='consultation',
        ),
    ]
