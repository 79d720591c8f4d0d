from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("pages", "0011_openings_from_accepting_new_clients"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="clinicianpage",
            name="accepting_new_clients",
        ),
    ]
