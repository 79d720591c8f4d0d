# Requests own the link to their calls (scheduling sits below intake and no longer names requests): every
# booking's request is copied into RequestCall, moved and cancelled calls too, before scheduling drops its column.

import django.db.models.deletion
from django.db import migrations, models


def copy_links(apps, schema_editor):
    Booking = apps.get_model('scheduling', 'Booking')
    RequestCall = apps.get_model('contact', 'RequestCall')
    RequestCall.objects.bulk_create(
        RequestCall(booking_id=booking_id, consultation_id=consultation_id)
        for booking_id, consultation_id in Booking.objects.values_list('pk', 'consultation_id').iterator()
    )


class Migration(migrations.Migration):

    dependencies = [
        ('contact', '0008_listing_and_search_indexes'),
        ('scheduling', '0002_coordinators_set_the_rules'),
    ]
    run_before = [
        ('scheduling', '0003_booking_link_moves_to_intake'),
    ]

    operations = [
        migrations.CreateModel(
            name='RequestCall',
            fields=[
                ('booking', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='request_call', serialize=False, to='scheduling.booking')),
                ('consultation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='calls', to='contact.consultationrequest')),
            ],
            options={
                'verbose_name': 'call of a request',
            },
        ),
        migrations.AddField(
            model_name='consultationrequest',
            name='bookings',
            field=models.ManyToManyField(blank=True, related_name='+', through='contact.RequestCall', to='scheduling.booking'),
        ),
        migrations.RunPython(copy_links, migrations.RunPython.noop),
    ]
