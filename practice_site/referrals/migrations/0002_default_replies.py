"""A "decline with referral" reply for each reason, for coordinators to adjust to the practice's voice. Titles
already taken are left alone, so nobody's edited reply is overwritten and running it twice adds nothing."""

from django.db import migrations

CLOSING = (
    "\n\nIf one of them is not the right fit either, you are welcome to write back and we will look again with you."
    "\n\nThis email is not watched around the clock. If you are in crisis, call or text 988 (Suicide & Crisis "
    "Lifeline), call 911, or go to the nearest emergency room."
    "\n\nWarmly,\nThe intake team at Rooted Therapy"
)

REPLIES = [
    {
        "reason": "full", "title": "Practice full", "subject": "Your consultation request at Rooted Therapy",
        "body": "Hi {first_name},\n\nThank you for reaching out to us. Our clinicians do not have openings that would "
        "let us see you soon, and we would rather not keep you waiting. These colleagues may be able to help "
        "sooner:\n\n{referrals}" + CLOSING,
    },
    {
        "reason": "not_fit", "title": "Not a fit for the concern",
        "subject": "Your consultation request at Rooted Therapy",
        "body": "Hi {first_name},\n\nThank you for telling us what you are looking for. What you described deserves a "
        "clinician who specializes in it, and that is not something our team offers. These colleagues do:\n\n"
        "{referrals}" + CLOSING,
    },
    {
        "reason": "out_of_state", "title": "Out of state", "subject": "Your consultation request at Rooted Therapy",
        "body": "Hi {first_name},\n\nThank you for reaching out. Our clinicians are licensed in Texas, and therapy has to be "
        "with someone licensed where you are during sessions, so we are not able to see you while you are there. "
        "These options can:\n\n{referrals}" + CLOSING,
    },
    {
        "reason": "insurance", "title": "Insurance not taken", "subject": "Your consultation request at Rooted Therapy",
        "body": "Hi {first_name},\n\nThank you for reaching out. We do not work with your insurance plan, and we want "
        "you to find care you can use it for. These options may take your plan or offer reduced fees:\n\n"
        "{referrals}" + CLOSING,
    },
]


def add_replies(apps, schema_editor):
    ReplyTemplate = apps.get_model("referrals", "ReplyTemplate")
    for reply in REPLIES:
        ReplyTemplate.objects.get_or_create(title=reply["title"], defaults=reply)


def remove_replies(apps, schema_editor):
    ReplyTemplate = apps.get_model("referrals", "ReplyTemplate")
    for reply in REPLIES:
        ReplyTemplate.objects.filter(**reply).delete()


class Migration(migrations.Migration):
    dependencies = [("referrals", "0001_initial")]

    operations = [migrations.RunPython(add_replies, remove_replies)]
