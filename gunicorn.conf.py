"""gunicorn settings for production; every value can be overridden from the environment.

Run as: gunicorn portal.wsgi:application (gunicorn reads this file from the working directory).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# Above the database's connect and statement timeouts together (portal/settings/base.py:
# 5 + 20 s by default), so that a hung database ends a request with the application's own
# 503 page before gunicorn kills the worker (which nginx would show as a bare 502).
# tests/core/test_timeouts.py keeps the three in that order.
timeout = int(
    os.environ.get(
        "GUNICORN_TIMEOUT",
        int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))
        + int(float(os.environ.get("DATABASE_STATEMENT_TIMEOUT", "20")))
        + 5,
    )
)
graceful_timeout = 30
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
# The path without its query string: query strings can hold search terms or private links.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
