"""Real `govlab run` processes (eventlet and gevent) driven by the python-socketio client."""
from __future__ import annotations

import json
import threading
import urllib.request

import pytest
import socketio

from tests.servers import make_server

DEMO_PASSWORD = "govlab-demo"


@pytest.fixture(scope="module", params=["eventlet", "gevent"])
def server(request, tmp_path_factory):
    """A live server with the demo data, once per async mode."""
    live = make_server(tmp_path_factory.mktemp(f"e2e-{request.param}"), async_mode=request.param)
    live.with_demo()
    live.start()
    yield live
    live.kill()


def http_json(method: str, url: str, body=None, token: str | None = None) -> tuple[int, dict]:
    """A tiny JSON HTTP client (urllib) for REST calls in end-to-end tests."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        # Generous: a server just started warms up (scikit-learn, the Thai dictionary) while it hashes the
        # first password, and on a busy 2-core machine that took more than 10 s once.
        with urllib.request.urlopen(request, timeout=45) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def token(server, email: str) -> str:
    """A personal API token for a demo account."""
    status, body = http_json("POST", server.url + "/api/v1/tokens", {"email": email, "password": DEMO_PASSWORD})
    assert status == 201, body
    return body["token"]


_READ_LINK = ("import re, sys\nfrom govlab import create_app\nfrom govlab.models import OutboxMail\n"
              "with create_app().app_context():\n"
              "    mail = OutboxMail.query.filter_by(to_addr=sys.argv[1], kind='invitation')"
              ".order_by(OutboxMail.id.desc()).first()\n"
              "    print(re.search(r'/invitations/(\\S+)', mail.text_body).group(1))\n")


def invite_and_accept(server, facilitator_token: str, project_id: int, email: str, role: str = "member") -> None:
    """Make a demo account a member the way people are: invite it, then accept with the mailed link's token."""
    import subprocess
    import sys

    status, body = http_json("POST", f"{server.url}/api/v1/projects/{project_id}/members", {"email": email,
                                                                                           "role": role},
                             token=facilitator_token)
    assert status == 201, body
    read = subprocess.run([sys.executable, "-c", _READ_LINK, email], env=server.env, capture_output=True,
                          text=True, timeout=120, check=True)
    status, body = http_json("POST", f"{server.url}/api/v1/invitations/accept", {"token": read.stdout.strip()},
                             token=token(server, email))
    assert status == 200, body


class LiveClient:
    """A python-socketio client that records every `ops` event it receives."""

    def __init__(self, server, bearer: str | None = None, headers: dict | None = None):
        self.sio = socketio.Client(reconnection=False)
        self.ops: list[dict] = []
        self.revoked = threading.Event()
        self.revocations: list[dict] = []
        self.seqs: list[dict] = []
        self._arrived = threading.Condition()
        self.sio.on("ops", self._on_ops, namespace="/board")
        self.sio.on("revoked", self._on_revoked, namespace="/board")
        self.sio.on("seq", self._on_seq, namespace="/board")
        self.sio.connect(server.url, namespaces=["/board"], transports=["websocket"],
                         auth={"token": bearer} if bearer else None, headers=headers or {}, wait_timeout=10)

    def _on_revoked(self, data):
        self.revocations.append(data)
        self.revoked.set()

    def _on_seq(self, data):
        with self._arrived:
            self.seqs.append(data)
            self._arrived.notify_all()

    def wait_heartbeat(self, seq: int, timeout: float = 15.0) -> None:
        """Block until a `seq` heartbeat at least this high has arrived."""
        with self._arrived:
            assert self._arrived.wait_for(lambda: any(item["seq"] >= seq for item in self.seqs), timeout), \
                f"no seq heartbeat reached {seq} (got {self.seqs[-3:]})"

    def _on_ops(self, batch):
        with self._arrived:
            self.ops.extend(batch)
            self._arrived.notify_all()

    def call(self, event: str, data) -> dict:
        return self.sio.call(event, data, namespace="/board", timeout=15)

    def wait_seq(self, seq: int, timeout: float = 10.0) -> None:
        """Block until an op with this seq has arrived."""
        with self._arrived:
            assert self._arrived.wait_for(lambda: any(op["seq"] >= seq for op in self.ops), timeout), \
                f"seq {seq} never arrived (have {[op['seq'] for op in self.ops][-5:]})"

    def wait_all(self, seqs: range, timeout: float = 10.0) -> None:
        """Block until an op of every one of these seqs has arrived (in any order: ops committed on another
        process come through Redis, and may arrive after later ones committed on this one)."""
        with self._arrived:
            assert self._arrived.wait_for(lambda: set(seqs) <= {op["seq"] for op in self.ops}, timeout), \
                f"missing seqs {sorted(set(seqs) - {op['seq'] for op in self.ops})}"

    def close(self) -> None:
        if self.sio.connected:
            self.sio.disconnect()
