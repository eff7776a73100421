"""Findings 2, 7 and 12 on the production path: two processes on PostgreSQL and Redis; Redis down."""
from __future__ import annotations

import shutil
import subprocess
import time
import uuid

import pytest

from tests.e2e.conftest import LiveClient, http_json, token
from tests.servers import free_port, make_server

pytestmark = pytest.mark.e2e


def _pair(postgres_url, redis_url, tmp_path, **extra):
    env = {"GOVLAB_DATABASE_URL": postgres_url, "GOVLAB_REDIS_URL": redis_url,
           "GOVLAB_REDIS_CHANNEL": f"govlab-test-{uuid.uuid4().hex[:8]}", **extra}
    first = make_server(tmp_path / "a", **env)
    first.with_demo()
    first.cli("user", "create", "--email", "outsider@govlab.test", "--name", "Outsider", "--password", "govlab-demo")
    second = make_server(tmp_path / "b", **env)
    return first.start(), second.start()


def test_a_board_made_private_on_one_process_drops_watchers_on_the_other(postgres_url, redis_url, tmp_path):
    first, second = _pair(postgres_url, redis_url, tmp_path)
    clients = []
    try:
        facilitator = token(first, "facilitator@govlab.test")
        watcher, outsider = LiveClient(second), LiveClient(second, token(second, "outsider@govlab.test"))
        member = LiveClient(second, token(second, "member@govlab.test"))
        clients = [watcher, outsider, member]
        for client in clients:
            assert client.call("join", {"project_id": 1})["ok"]
        status, _ = http_json("PATCH", first.url + "/api/v1/projects/1", {"visibility": "private"}, token=facilitator)
        assert status == 200
        for client in (watcher, outsider):
            assert client.revoked.wait(5)
            assert client.revocations == [{"reason": "private", "project_id": 1}]
        status, card = http_json("POST", first.url + "/api/v1/projects/1/cards",
                                 {"stage": "ideate", "title": "Only for members now"}, token=facilitator)
        assert status == 201
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not any(op["type"] == "card.create" for op in member.ops):
            time.sleep(0.05)
        assert any(op["type"] == "card.create" for op in member.ops)
        for client in (watcher, outsider):
            assert not any(op["type"] == "card.create" for op in client.ops)
    finally:
        for client in clients:
            client.close()
        first.kill()
        second.kill()


def test_a_nul_in_a_title_is_refused_on_postgres_and_the_group_goes_on(postgres_url, redis_url, tmp_path):
    first, second = _pair(postgres_url, redis_url, tmp_path)
    try:
        member = LiveClient(first, token(first, "member@govlab.test"))
        start = member.call("join", {"project_id": 1})["seq"]
        bad = member.call("op", {"project_id": 1, "type": "card.create", "client_op_id": "nul-1",
                                 "data": {"stage": "ideate", "title": "a\x00b"}})
        assert bad["error"]["code"] == "validation_error" and bad["error"]["field"] == "title"
        status, body = http_json("PATCH", first.url + "/api/v1/cards/1", {"body": "x\x00y"},
                                 token=token(first, "member@govlab.test"))
        assert status == 422 and body["error"]["field"] == "body"
        good = member.call("op", {"project_id": 1, "type": "card.create", "client_op_id": "ok-1",
                                  "data": {"stage": "ideate", "title": "fine"}})
        assert good["ok"] and good["seq"] == start + 1
        member.close()
    finally:
        first.kill()
        second.kill()


@pytest.fixture
def private_redis():
    """A Redis server of our own that the test may stop (the shared service must stay up)."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed: the Redis outage test needs one of its own")
    port = free_port()
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    import socket

    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield process, f"redis://127.0.0.1:{port}/0"
    process.kill()
    process.wait()


def test_watchers_converge_after_a_redis_outage_without_a_new_op(postgres_url, private_redis, tmp_path):
    redis_process, redis_url = private_redis
    first, second = _pair(postgres_url, redis_url, tmp_path, GOVLAB_SEQ_HEARTBEAT="1", GOVLAB_RATELIMIT="on")
    try:
        bearer = token(first, "member@govlab.test")
        writer, watcher = LiveClient(first, bearer), LiveClient(second)
        start = watcher.call("join", {"project_id": 1})["seq"]
        writer.call("join", {"project_id": 1})
        redis_process.kill()
        redis_process.wait()
        ack = writer.call("op", {"project_id": 1, "type": "card.create", "client_op_id": "during-outage",
                                 "data": {"stage": "ideate", "title": "made while Redis was down"}})
        assert ack["ok"] and ack["seq"] == start + 1  # acknowledged: committed in PostgreSQL
        watcher.wait_heartbeat(start + 1)  # process B tells its sockets the board moved on
        caught_up = watcher.call("resync", {"project_id": 1, "since": start})
        assert [op["payload"]["card"]["title"] for op in caught_up["ops"]] == ["made while Redis was down"]
        status, _ = http_json("POST", second.url + "/api/v1/tokens", {"email": "member@govlab.test",
                                                                       "password": "govlab-demo"})
        assert status == 201  # rate limits fell back to memory: no 500
        writer.close()
        watcher.close()
    finally:
        first.kill()
        second.kill()
