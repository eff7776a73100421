"""Finding 4 and 12: registration and sign-in limits sized for a room; limits survive their storage being down."""
from __future__ import annotations

from govlab import create_app
from govlab.extensions import db
from tests.conftest import IsolatedClient, csrf_from, make_config
from tests.servers import free_port


def _app(tmp_path, **config):
    app = create_app(make_config(tmp_path, RATELIMIT_ENABLED=True, **config))
    app.test_client_class = IsolatedClient
    with app.app_context():
        db.create_all()
    return app


def _register(client, n: int) -> int:
    token = csrf_from(client.get("/register").get_data(as_text=True))
    return client.post("/register", data={"name": f"Person {n}", "email": f"p{n}@example.org",
                                          "password": "workshop room pass", "csrf_token": token}).status_code


def test_a_workshop_room_of_fifty_can_register_from_one_address_but_a_script_cannot(tmp_path):
    app = _app(tmp_path)
    client = app.test_client()
    statuses = [_register(client, n) for n in range(60)]
    assert statuses == [302] * 60
    assert _register(client, 60) == 429


def test_sign_in_limits_are_per_account_so_a_room_can_sign_in(tmp_path):
    app = _app(tmp_path, LOGIN_RATE_LIMIT="3 per minute")
    client = app.test_client()
    token = csrf_from(client.get("/login").get_data(as_text=True))
    attempts = [client.post("/login", data={"email": f"person{n}@example.org", "password": "wrong password",
                                            "csrf_token": token}).status_code for n in range(50)]
    assert attempts == [401] * 50  # fifty people mistyping once each are not locked out


def test_limits_fall_back_to_memory_when_their_storage_is_down(tmp_path):
    dead = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    app = _app(tmp_path, RATELIMIT_STORAGE_URI=dead, LOGIN_RATE_LIMIT="3 per minute")
    client = app.test_client()
    token = csrf_from(client.get("/login").get_data(as_text=True))
    statuses = [client.post("/login", data={"email": "a@b.co", "password": "wrong password",
                                            "csrf_token": token}).status_code for _ in range(4)]
    assert 500 not in statuses and statuses[-1] == 429
    api = client.post("/api/v1/tokens", json={"email": "c@d.co", "password": "wrong password"})
    assert api.status_code == 401
