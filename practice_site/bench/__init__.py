"""`make bench`: Rooted under gunicorn with production settings, against a bare WSGI app as the ceiling.

Not an app: run as ``python -m practice_site.bench``. It starts everything it measures (a throwaway
embedded PostgreSQL, gunicorn) and stops all of it however the run ends.
"""
