from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("pages", "0007_carry_over_clinician_text"),
    ]

    operations = [
        migrations.RemoveField(model_name="clinicianpage", name="license_type"),
        migrations.RemoveField(model_name="clinicianpage", name="license_number"),
        migrations.RemoveField(model_name="clinicianpage", name="languages"),
        migrations.RenameField(model_name="clinicianpage", old_name="language_codes", new_name="languages"),
    ]
