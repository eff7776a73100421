"""The sender inside real `govlab run` processes (eventlet and gevent): a stalled SMTP server does not stall
the hub, and the mail leaves once a working server answers on that port."""
from __future__ import annotations

import socket
import time
import urllib.request

import pytest

from tests.e2e.test_capacity import register_once
from tests.mail.conftest import SmtpServer
from tests.servers import make_server

pytestmark = pytest.mark.serial  # measures how long /healthz waits while SMTP stalls


def _healthz_seconds(url: str) -> float:
    started = time.monotonic()
    with urllib.request.urlopen(url + "/healthz", timeout=10) as response:
        assert response.status == 200
    return time.monotonic() - started


@pytest.mark.parametrize("mode", ["eventlet", "gevent"])
def test_a_stalled_smtp_server_does_not_block_the_hub_and_mail_leaves_when_smtp_works(tmp_path, mode):
    smtp = SmtpServer()
    stalled = socket.socket()
    stalled.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    stalled.bind(("127.0.0.1", smtp.port))
    stalled.listen(8)  # connections complete in the kernel, but no greeting ever comes
    live = make_server(tmp_path / mode, async_mode=mode, GOVLAB_SMTP_URL=smtp.url, GOVLAB_SMTP_TIMEOUT="4",
                       GOVLAB_MAIL_RETRY_BASE="0.2", GOVLAB_MAIL_FROM="GovLab <noreply@govlab.test>")
    live.cli("db", "upgrade")
    live.start()
    try:
        assert register_once(live.url, f"e2e-{mode}@example.org") == 302
        stalled.settimeout(15)
        connection, _address = stalled.accept()  # the sender connected and now waits for a greeting
        waits = []
        for _ in range(10):
            waits.append(_healthz_seconds(live.url))
            time.sleep(0.1)
        assert max(waits) < 1.0, waits  # the hub kept serving while SMTP stalled
        connection.close()
        stalled.close()
        smtp.start()
        (rcpt, message), = smtp.inbox.wait_for(1, timeout=30)
        assert rcpt == [f"e2e-{mode}@example.org"]
        assert "/confirm/" in message.get_body(("plain",)).get_content()
    finally:
        stalled.close()
        smtp.stop()
        live.kill()
