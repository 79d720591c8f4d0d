import sys

from practice_site.embedded_postgres import stop

if len(sys.argv) != 3 or sys.argv[1] != "stop":
    sys.exit("usage: python -m practice_site.embedded_postgres stop DATADIR")
stop(sys.argv[2])
