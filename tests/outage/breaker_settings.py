"""A web process whose circuit breaker never probes again within a test: every attempt after the first is refused."""

from tests.outage.process_settings import *  # noqa: F403

OUTAGE_PROBE_EVERY_SECONDS = 600
