"""Keeps the keys in call links and feed addresses out of log lines.

Django logs every 4xx and 5xx answer with its path ("Gone: /contact/call/<token>/"), and the same token in a
log is as good as the link itself: anyone reading the logs could cancel a call or read a host's calendar.
"""

import logging
import re

SECRET_PATHS = [
    (re.compile(r"(/call/)[^/\s\"']+"), r"\1[hidden]"),
    (re.compile(r"(/calendar/)[^/\s\"'.]+(\.ics)"), r"\1[hidden]\2"),
    # What someone searched for is theirs, wherever a query string is logged.
    (re.compile(r"([?&]q=)[^&\s\"']*"), r"\1[hidden]"),
]


def redact(text: str) -> str:
    for pattern, replacement in SECRET_PATHS:
        text = pattern.sub(replacement, text)
    return text


class SecretPathFilter(logging.Filter):
    def filter(self, record):
        message = record.getMessage()
        hidden = redact(message)
        if hidden != message:
            record.msg, record.args = hidden, None
        return True
