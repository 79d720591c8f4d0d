# The feed's secret is kept only as its SHA-256: addresses already given out keep working.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('scheduling', '0005_one_call_through_its_moves'),
    ]

    operations = [
        migrations.RunSQL(
            "UPDATE scheduling_consultationschedule SET feed_token = encode(sha256(convert_to(feed_token, 'UTF8')), "
            "'hex') WHERE feed_token <> ''",
            migrations.RunSQL.noop,
        ),
    ]
