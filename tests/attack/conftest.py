"""Socket fixtures for the attack probes."""
from tests.realtime.conftest import sockets  # noqa: F401
