"""The server's ceiling: a WSGI app that does nothing but return 2 KB."""

BODY = b"x" * 2048


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))])
    return [BODY]
