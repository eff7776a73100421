"""Findings 5 and 6: sessions end on the server; tokens are listed, named, revoked and expire;
password change; accounts disabled and enabled by admins (page and CLI)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from govlab.extensions import db
from govlab.models import ApiToken
from govlab.models.base import utcnow
from tests.conftest import PASSWORD, csrf_from, login
from tests.realtime.conftest import sockets  # noqa: F401  (fixture)


def _copy_cookies(source, target) -> None:
    for cookie in source._cookies.values():
        target.set_cookie(cookie.key, cookie.value, domain=cookie.domain, path=cookie.path)


def test_a_copied_cookie_stops_working_everywhere_after_sign_out(app, world, sockets):
    pid = world["private"]["project"].id
    browser, thief = app.test_client(), app.test_client()
    login(browser, world["users"]["member"])
    page = browser.get(f"/projects/{pid}/board").get_data(as_text=True)
    csrf = csrf_from(page)
    _copy_cookies(browser, thief)
    assert thief.get(f"/projects/{pid}/board").status_code == 200  # the copy works while the session lives
    browser.post("/logout", data={"csrf_token": csrf})
    assert thief.get(f"/projects/{pid}/board").status_code == 404  # a private board: anonymous sees nothing
    assert thief.get("/profile").status_code == 302
    write = thief.post(f"/api/v1/projects/{pid}/cards", json={"stage": "ideate", "title": "x"},
                       headers={"X-CSRFToken": csrf})
    assert write.status_code == 404  # anonymous now: a private board does not exist for it
    public = world["public"]["project"].id
    assert thief.post(f"/api/v1/projects/{public}/cards", json={"stage": "ideate", "title": "x"},
                      headers={"X-CSRFToken": csrf}).status_code == 401
    sock = sockets(client=thief)
    assert sock.join(pid)["error"]["code"] == "forbidden"


def test_signing_out_one_browser_keeps_the_others(app, world):
    first, second = app.test_client(), app.test_client()
    login(first, world["users"]["member"])
    login(second, world["users"]["member"])
    first.post("/logout", data={"csrf_token": csrf_from(first.get("/profile").get_data(as_text=True))})
    assert second.get("/profile").status_code == 200


def test_the_profile_lists_sessions_and_ends_one_or_all_others(app, world):
    here, there, elsewhere = app.test_client(), app.test_client(), app.test_client()
    for browser in (here, there, elsewhere):
        login(browser, world["users"]["member"])
    page = here.get("/profile").get_data(as_text=True)
    assert page.count('class="session-row"') == 3 and "This browser" in page
    import re

    session_ids = re.findall(r"/profile/sessions/(\d+)/end", page)
    assert len(session_ids) == 2
    here.post(f"/profile/sessions/{session_ids[0]}/end", data={"csrf_token": csrf_from(page)})
    assert sum(browser.get("/profile").status_code == 302 for browser in (there, elsewhere)) == 1
    here.post("/profile/sessions/end-others", data={"csrf_token": csrf_from(page)})
    assert there.get("/profile").status_code == elsewhere.get("/profile").status_code == 302
    assert here.get("/profile").status_code == 200


def test_password_change_needs_the_current_password_and_a_strong_new_one(app, world):
    browser = app.test_client()
    login(browser, world["users"]["member"])
    csrf = csrf_from(browser.get("/profile").get_data(as_text=True))
    wrong = browser.post("/profile/password", data={"pw-current": "not it at all", "pw-new": "a fine new phrase",
                                                    "csrf_token": csrf})
    assert wrong.status_code == 422 and "The current password is not right." in wrong.get_data(as_text=True)
    weak = browser.post("/profile/password", data={"pw-current": PASSWORD, "pw-new": "12345678", "csrf_token": csrf})
    assert weak.status_code == 422 and "too easy to guess" in weak.get_data(as_text=True)
    ok = browser.post("/profile/password", data={"pw-current": PASSWORD, "pw-new": "a fine new phrase",
                                                 "csrf_token": csrf})
    assert ok.status_code == 302
    fresh = app.test_client()
    assert login(fresh, world["users"]["member"], password="a fine new phrase").status_code == 302
    assert login(app.test_client(), world["users"]["member"]).status_code == 401


def test_tokens_are_created_named_listed_and_revoked_through_the_api(app, client, world):
    member = world["users"]["member"]
    made = client.post("/api/v1/tokens", json={"email": member.email, "password": PASSWORD, "name": "CI script",
                                               "expires_in_days": 30})
    assert made.status_code == 201
    body = made.get_json()
    assert body["token"].startswith("glb_") and body["name"] == "CI script" and body["expires_at"]
    auth = {"Authorization": f"Bearer {body['token']}"}
    second = client.post("/api/v1/tokens", json={"name": "laptop"}, headers=auth)  # signed in by token
    assert second.status_code == 201
    assert second.get_json()["expires_at"] == body["expires_at"]  # a token never outlives the one that made it
    listed = client.get("/api/v1/tokens", headers=auth).get_json()["tokens"]
    assert [token["name"] for token in listed] == ["laptop", "CI script"]
    assert all("token" not in token for token in listed)
    assert client.delete(f"/api/v1/tokens/{second.get_json()['id']}", headers=auth).status_code == 204
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {second.get_json()['token']}"}).status_code == 401
    outsider_auth = {"Authorization": f"Bearer {client.post('/api/v1/tokens', json={'email': world['users']['outsider'].email, 'password': PASSWORD}).get_json()['token']}"}  # noqa: E501
    assert client.delete(f"/api/v1/tokens/{body['id']}", headers=outsider_auth).status_code == 404
    assert client.get("/api/v1/me", headers=auth).status_code == 200


@pytest.mark.parametrize("payload,field", [({"name": "x", "expires_in_days": 0}, "expires_in_days"),
                                           ({"name": "x", "expires_in_days": 367}, "expires_in_days"),
                                           ({"name": "x", "expires_in_days": "30"}, "expires_in_days"),
                                           ({"name": "a\x00b"}, "name"), ({"nope": 1}, "nope")])
def test_bad_token_requests_are_validation_errors(client, world, payload, field):
    from tests.conftest import token_for

    response = client.post("/api/v1/tokens", json=payload, headers=token_for(client, world["users"]["member"]))
    assert response.status_code == 422 and response.get_json()["error"]["field"] == field


def test_an_expired_token_is_refused(client, world):
    from tests.conftest import token_for

    auth = token_for(client, world["users"]["member"])
    db.session.rollback()
    for record in db.session.query(ApiToken).all():
        record.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert client.get("/api/v1/me", headers=auth).status_code == 401


def test_the_profile_page_creates_shows_once_and_revokes_a_token(app, world):
    browser = app.test_client()
    login(browser, world["users"]["member"])
    csrf = csrf_from(browser.get("/profile").get_data(as_text=True))
    made = browser.post("/profile/tokens", data={"tk-name": "Reporting", "tk-expires_in_days": "90", "csrf_token": csrf})
    page = made.get_data(as_text=True)
    assert made.status_code == 201 and "glb_" in page and "Reporting" in page
    assert "glb_" not in browser.get("/profile").get_data(as_text=True)  # shown once
    import re

    token_id = re.search(r"/profile/tokens/(\d+)/revoke", page).group(1)
    browser.post(f"/profile/tokens/{token_id}/revoke", data={"csrf_token": csrf})
    assert "Reporting" not in browser.get("/profile").get_data(as_text=True)


def test_admins_disable_and_enable_accounts_from_the_accounts_page(app, world):
    admin, member = world["users"]["admin"], world["users"]["member"]
    victim = app.test_client()
    login(victim, member)
    browser = app.test_client()
    login(browser, admin)
    page = browser.get("/admin/users?q=memb").get_data(as_text=True)
    assert member.email in page and world["users"]["observer"].email not in page
    csrf = csrf_from(page)
    browser.post(f"/admin/users/{member.id}/disable", data={"csrf_token": csrf})
    assert victim.get("/profile").status_code == 302
    assert login(app.test_client(), member).status_code == 401
    browser.post(f"/admin/users/{member.id}/enable", data={"csrf_token": csrf})
    assert login(app.test_client(), member).status_code == 302
    own = browser.post(f"/admin/users/{admin.id}/disable", data={"csrf_token": csrf}, follow_redirects=True)
    assert "You cannot disable your own account." in own.get_data(as_text=True)


def test_only_admins_see_the_accounts_page(app, world):
    browser = app.test_client()
    login(browser, world["users"]["member"])
    assert browser.get("/admin/users").status_code == 403
