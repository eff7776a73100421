"""Two server processes on the PostgreSQL and Redis services: an edit on B reaches a client on A."""
from __future__ import annotations

import uuid

from tests.e2e.conftest import LiveClient, http_json, token
from tests.servers import make_server


def test_two_processes_share_postgres_and_redis(postgres_url, redis_url, tmp_path):
    env = {"GOVLAB_DATABASE_URL": postgres_url, "GOVLAB_REDIS_URL": redis_url,
           "GOVLAB_REDIS_CHANNEL": f"govlab-test-{uuid.uuid4().hex[:8]}"}
    first = make_server(tmp_path / "a", **env)
    first.with_demo()
    second = make_server(tmp_path / "b", **env)
    first.start()
    second.start()
    clients = []
    try:
        bearer = token(first, "member@govlab.test")
        on_a, on_b = LiveClient(first, bearer), LiveClient(second, bearer)
        clients = [on_a, on_b]
        start = on_a.call("join", {"project_id": 2})["seq"]
        on_b.call("join", {"project_id": 2})
        seqs = []
        for index in range(10):  # alternate: sockets on B, REST on A
            if index % 2:
                status, card = http_json("POST", first.url + "/api/v1/projects/2/cards",
                                         {"stage": "ideate", "title": f"rest on A {index}"}, token=bearer)
                assert status == 201
            else:
                ack = on_b.call("op", {"project_id": 2, "type": "card.create", "client_op_id": f"b-{index}",
                                       "data": {"stage": "ideate", "title": f"socket on B {index}"}})
                assert ack["ok"]
                seqs.append(ack["seq"])
        last = start + 10
        for client in clients:
            client.wait_all(range(start + 1, last + 1))
            assert sorted({op["seq"] for op in client.ops}) == list(range(start + 1, last + 1))
        titles = [op["payload"]["card"]["title"] for op in on_a.ops]
        assert "socket on B 0" in titles  # made on B, seen by a client of A
        _, page = http_json("GET", second.url + "/api/v1/projects/2/events?since=0&limit=1000", token=bearer)
        all_seqs = [event["seq"] for event in page["events"]]
        assert all_seqs == list(range(1, len(all_seqs) + 1))
    finally:
        for client in clients:
            client.close()
        first.kill()
        second.kill()
