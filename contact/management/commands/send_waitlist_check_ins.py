from django.core.management.base import BaseCommand

from contact.waitlist import check_ins


class Command(BaseCommand):
    help = (
        'Send the waitlist\'s "still interested?" emails that are due, the second reminders, and mark entries '
        "lapsed after two unanswered check-ins. Run it from cron, e.g. daily; two runs at once never send twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count what is due; send nothing.")

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            counts = check_ins.due_counts()
            self.stdout.write(
                f"Due now: {counts['first']} first check-in(s), {counts['second']} second, "
                f"{counts['lapsed']} to mark lapsed. Nothing was sent (dry run)."
            )
            return

        def progress(report):
            done = report.first + report.second + report.lapsed + report.failed
            if done % 50 == 0:
                self.stdout.write(f"… {done} entries done")

        report = check_ins.run(progress=progress)
        self.stdout.write(
            f"Sent {report.first} first check-in(s) and {report.second} second; marked {report.lapsed} lapsed; "
            f"{report.failed} failed (tried again on the next run)."
        )
