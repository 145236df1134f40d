"""Keep portal access tokens out of the HTTP access log (pure Python, no ORM).

The candidate's link carries ``access_token=...`` in its query string, and the HTTP server logs
every request line. This filter blanks the token's value in those lines; install it once on the
``werkzeug`` logger, which writes them.
"""

import logging
import re

TOKEN_PATTERN = re.compile(r"(access_token=)[^&\s\"']+")
REDACTED = r"\1[redacted]"


def redact(text):
    """``text`` with the value of every ``access_token=`` parameter replaced."""
    return TOKEN_PATTERN.sub(REDACTED, text)


class AccessTokenFilter(logging.Filter):
    """Redact access tokens in a log record's message and arguments; never drops a record."""

    def filter(self, record):
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(arg) if isinstance(arg, str) else arg for arg in record.args)
        return True


def install(logger_name="werkzeug"):
    """Add the filter to ``logger_name`` once, however many times this is called."""
    logger = logging.getLogger(logger_name)
    if not any(isinstance(existing, AccessTokenFilter) for existing in logger.filters):
        logger.addFilter(AccessTokenFilter())
    return logger
