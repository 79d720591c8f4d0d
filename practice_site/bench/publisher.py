"""Publishes a page each time it reads a line (its path) on stdin, and answers "published" on stdout.

Started by the bench for its cold rounds, with the bench's environment: the content version changes with
each publish, so the next request for any page is a cold one.
"""

import sys

import django


def main():
    django.setup()
    from wagtail.models import Page

    print("ready", flush=True)
    for line in sys.stdin:
        page = Page.objects.get(url_path="/home" + line.strip()).specific
        page.save_revision().publish()
        print("published", flush=True)


if __name__ == "__main__":
    main()
