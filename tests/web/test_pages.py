"""Pages: permissions, forms with CSRF, language, dates, security headers."""
import re
from datetime import datetime, timezone

import pytest

from tests.conftest import PASSWORD, csrf_from, login, mailed_link

ACTORS = ["facilitator", "member", "observer", "outsider", "admin", "anonymous"]


def as_actor(client, world, actor):
    if actor != "anonymous":
        assert login(client, world["users"][actor]).status_code == 302
    return client


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("visibility", ["public", "private"])
def test_board_page_visibility(client, world, actor, visibility):
    as_actor(client, world, actor)
    project = world[visibility]["project"]
    response = client.get(f"/projects/{project.id}/board")
    insider = actor in ("facilitator", "member", "observer", "admin")
    if visibility == "private" and not insider:
        assert response.status_code == 404
        assert "private card" not in response.get_data(as_text=True)
        return
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f"{visibility} card" in html
    can_edit = actor in ("facilitator", "member", "admin")
    assert ('class="add-card-form"' in html) is can_edit
    assert ("/settings" in html) is (actor in ("facilitator", "admin"))


@pytest.mark.parametrize("actor,expected", [("facilitator", 302), ("member", 302), ("observer", 403),
                                            ("outsider", 403), ("anonymous", 302)])
def test_no_js_card_form_respects_roles(client, world, actor, expected):
    as_actor(client, world, actor)
    project = world["public"]["project"]
    token = csrf_from(client.get(f"/projects/{project.id}/board").get_data(as_text=True))
    response = client.post(f"/projects/{project.id}/board/cards",
                           data={"csrf_token": token, "stage": "ideate", "title": f"by {actor}", "color": "blue"})
    assert response.status_code == expected
    if actor == "anonymous":
        assert "/login" in response.headers["Location"]
    board = client.get(f"/api/v1/projects/{project.id}/board").get_json()
    assert (f"by {actor}" in [c["title"] for c in board["cards"]]) is (actor in ("facilitator", "member"))


def test_form_post_without_csrf_is_refused_and_stores_nothing(client, world):
    as_actor(client, world, "member")
    project = world["private"]["project"]
    response = client.post(f"/projects/{project.id}/board/cards", data={"stage": "ideate", "title": "forged"})
    assert response.status_code == 400
    board = client.get(f"/api/v1/projects/{project.id}/board").get_json()
    assert "forged" not in [c["title"] for c in board["cards"]]


def test_login_logout_and_bad_password(client, world):
    user = world["users"]["member"]
    page = client.get("/login")
    token = csrf_from(page.get_data(as_text=True))
    bad = client.post("/login", data={"email": user.email, "password": "wrong-password", "csrf_token": token})
    assert bad.status_code == 401
    assert "Wrong e-mail address or password" in bad.get_data(as_text=True)
    good = client.post("/login?next=/explore", data={"email": user.email, "password": PASSWORD,
                                                     "csrf_token": token, "next": "/explore"})
    assert good.status_code == 302 and good.headers["Location"] == "/explore"
    assert client.get("/projects").status_code == 200
    token = csrf_from(client.get("/projects").get_data(as_text=True))
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/projects").status_code == 302


def test_login_never_redirects_off_site(client, world):
    user = world["users"]["member"]
    token = csrf_from(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token,
                                           "next": "https://evil.example/"})
    assert response.headers["Location"] == "/projects"


def test_login_is_rate_limited(tmp_path):
    from govlab import create_app
    from govlab.extensions import db
    from tests.conftest import IsolatedClient, make_config

    app = create_app(make_config(tmp_path, RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute"))
    app.test_client_class = IsolatedClient
    with app.app_context():
        db.create_all()
    client = app.test_client()
    token = csrf_from(client.get("/login").get_data(as_text=True))
    statuses = [client.post("/login", data={"email": "a@b.co", "password": "x" * 8, "csrf_token": token}).status_code
                for _ in range(4)]
    assert statuses == [401, 401, 401, 429]
    # The form and the API share one limit per (address, account): guessing through both gains nothing.
    assert client.post("/api/v1/tokens", json={"email": "a@b.co", "password": "x" * 8}).status_code == 429
    api = [client.post("/api/v1/tokens", json={"email": "c@d.co", "password": "12345678"}).status_code
           for _ in range(4)]
    assert api == [401, 401, 401, 429]


def test_register_validates_then_the_account_signs_in(client, factory):
    org = factory.org(sector="civil_society")
    token = csrf_from(client.get("/register").get_data(as_text=True))
    short = client.post("/register", data={"name": "Malee", "email": "malee@example.org", "password": "short",
                                           "org_id": str(org.id), "csrf_token": token})
    assert short.status_code == 200
    assert "at least 8 characters" in short.get_data(as_text=True)
    ok = client.post("/register", data={"name": "Malee", "email": "malee@example.org", "password": "long enough",
                                        "org_id": str(org.id), "csrf_token": token})
    assert ok.status_code == 302 and ok.headers["Location"] == "/register/sent"
    assert "Check your inbox" in client.get("/register/sent").get_data(as_text=True)
    page = client.get("/login").get_data(as_text=True)
    refused = client.post("/login", data={"email": "malee@example.org", "password": "long enough",
                                          "csrf_token": csrf_from(page)})
    assert refused.status_code == 403 and "not confirmed yet" in refused.get_data(as_text=True)
    link = mailed_link("malee@example.org", "confirm")  # no SMTP here: the mail waits in the outbox
    confirm_page = client.get(link)
    client.post(link, data={"csrf_token": csrf_from(confirm_page.get_data(as_text=True))})
    page = client.get("/login").get_data(as_text=True)
    signed_in = client.post("/login", data={"email": "malee@example.org", "password": "long enough",
                                            "csrf_token": csrf_from(page)})
    assert signed_in.status_code == 302
    assert "malee@example.org" in client.get("/profile").get_data(as_text=True)


def test_registration_does_not_reveal_which_addresses_have_accounts(app, factory):
    from govlab.extensions import db
    from govlab.models import User

    factory.user()  # someone else
    taken = factory.user(name="Taken")
    answers = []
    for email in (taken.email.upper(), "brand-new@example.org"):
        client = app.test_client()
        token = csrf_from(client.get("/register").get_data(as_text=True))
        response = client.post("/register", data={"name": "Somebody", "email": email, "password": "long enough x",
                                                   "csrf_token": token})
        assert response.status_code == 302, response.get_data(as_text=True)
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        answer = page[page.index("<main"):page.index("</main>")].replace(email, "ADDRESS")
        answers.append((response.status_code, response.headers.get("Location"), answer))
    assert answers[0] == answers[1]
    db.session.rollback()  # end the test's own read snapshot
    assert db.session.query(User).filter(User.name == "Somebody").count() == 1  # the taken address got no account


@pytest.mark.parametrize("org_id", ["²", "١", "99999999999999999999", "-1", "1e3"])
def test_register_refuses_odd_organisation_ids_without_a_500(client, org_id):
    token = csrf_from(client.get("/register").get_data(as_text=True))
    response = client.post("/register", data={"name": "Malee", "email": "m2@example.org", "password": "long enough x",
                                              "org_id": org_id, "csrf_token": token})
    assert response.status_code == 200
    assert "whole number" in response.get_data(as_text=True) or "between" in response.get_data(as_text=True)


def test_profile_language_switches_ui_and_thai_dates_use_buddhist_era(client, world):
    as_actor(client, world, "member")
    page = client.get("/profile")
    token = csrf_from(page.get_data(as_text=True))
    response = client.post("/profile", data={"name": "สมชาย", "locale": "th", "org_id": "", "csrf_token": token})
    assert response.status_code == 302
    html = client.get("/profile").get_data(as_text=True)
    assert '<html lang="th">' in html
    assert "โปรไฟล์" in html
    year_be = str(datetime.now(timezone.utc).year + 543)
    assert year_be in html
    html = client.get("/projects").get_data(as_text=True)
    assert year_be in html and str(datetime.now(timezone.utc).year) + "<" not in html


def test_locale_from_accept_language_then_default(client):
    english = client.get("/login", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en">' in english and "Sign in" in english
    thai = client.get("/login", headers={"Accept-Language": "th-TH,th;q=0.9"}).get_data(as_text=True)
    assert '<html lang="th">' in thai and "เข้าสู่ระบบ" in thai
    fallback = client.get("/login", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert '<html lang="en">' in fallback  # the test config's default; production defaults to th


def test_language_switch_for_visitors(client):
    token = csrf_from(client.get("/login").get_data(as_text=True))
    response = client.post("/language", data={"locale": "th", "next": "/login", "csrf_token": token})
    assert response.headers["Location"] == "/login"
    assert '<html lang="th">' in client.get("/login", headers={"Accept-Language": "en"}).get_data(as_text=True)


def test_security_headers_and_cookies(client, world):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    html = response.get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html), "inline script"
    login_response = login(client, world["users"]["member"])
    cookie = login_response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_user_text_is_escaped(client, world, factory):
    project = world["public"]["project"]
    factory.card(project, title="<script>alert(1)</script>", body="<img src=x onerror=alert(2)>")
    html = client.get(f"/projects/{project.id}/board").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}


def test_my_projects_filters(client, world, factory):
    as_actor(client, world, "member")
    html = client.get("/projects").get_data(as_text=True)
    assert "public project" in html and "private project" in html
    html = client.get("/projects?stage=test").get_data(as_text=True)
    assert "public project" not in html
    html = client.get("/projects?status=archived").get_data(as_text=True)
    assert "private project" not in html


def test_facilitator_manages_members_on_pages(client, world, factory):
    as_actor(client, world, "facilitator")
    project = world["private"]["project"]
    newcomer = factory.user("Newcomer")
    page = client.get(f"/projects/{project.id}/members")
    assert '<option selected value="member">' in page.get_data(as_text=True)  # the usual role is preselected
    token = csrf_from(page.get_data(as_text=True))
    response = client.post(f"/projects/{project.id}/members",
                           data={"email": newcomer.email, "role": "observer", "csrf_token": token})
    assert response.status_code == 302
    html = client.get(f"/projects/{project.id}/members").get_data(as_text=True)
    assert f"Invitation sent to {newcomer.email}." in html and "Newcomer" not in html  # invited, not yet a member
    newcomers_browser = client.application.test_client()
    login(newcomers_browser, newcomer)
    link = mailed_link(newcomer.email, "invitation")
    accept = newcomers_browser.get(link)
    assert newcomers_browser.post(link, data={"csrf_token": csrf_from(accept.get_data(as_text=True))}).status_code == 302
    html = client.get(f"/projects/{project.id}/members").get_data(as_text=True)
    assert "Newcomer" in html
    response = client.post(f"/projects/{project.id}/members/{newcomer.id}",
                           data={"role": "member", "csrf_token": token})
    members = client.get(f"/api/v1/projects/{project.id}/members").get_json()["members"]
    assert {m["user"]["name"]: m["role"] for m in members}["Newcomer"] == "member"
    client.post(f"/projects/{project.id}/members/{newcomer.id}", data={"remove": "1", "csrf_token": token})
    members = client.get(f"/api/v1/projects/{project.id}/members").get_json()["members"]
    assert "Newcomer" not in [m["user"]["name"] for m in members]


def test_member_cannot_manage_members_on_pages(client, world, factory):
    as_actor(client, world, "member")
    project = world["private"]["project"]
    token = csrf_from(client.get(f"/projects/{project.id}/members").get_data(as_text=True))
    response = client.post(f"/projects/{project.id}/members",
                           data={"email": world["users"]["outsider"].email, "role": "member", "csrf_token": token})
    assert response.status_code == 403
    assert client.get(f"/projects/{project.id}/settings").status_code == 403


def test_create_edit_and_archive_project_pages(client, world):
    as_actor(client, world, "member")
    token = csrf_from(client.get("/projects/new").get_data(as_text=True))
    bad = client.post("/projects/new", data={"title": "", "visibility": "private", "stage": "empathize",
                                             "status": "active", "csrf_token": token})
    assert "The title is required" in bad.get_data(as_text=True)
    ok = client.post("/projects/new", data={"title": "Clean canals", "hmw": "How might we …",
                                            "visibility": "public", "stage": "empathize",
                                            "org_id": "", "csrf_token": token})
    assert ok.status_code == 302
    pid = int(ok.headers["Location"].split("/")[2])
    response = client.post(f"/projects/{pid}/archive", data={"csrf_token": token})
    assert response.status_code == 302
    assert client.get(f"/api/v1/projects/{pid}").get_json()["status"] == "archived"


def test_admin_pages_for_admins_only(client, world):
    as_actor(client, world, "member")
    assert client.get("/admin/organisations").status_code == 403
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/projects").get_data(as_text=True))})
    as_actor(client, world, "admin")
    token = csrf_from(client.get("/admin/organisations/new").get_data(as_text=True))
    missing_level = client.post("/admin/organisations/new", data={"name_th": "เทศบาล", "name_en": "Municipality",
                                                                  "sector": "government", "level": "",
                                                                  "csrf_token": token})
    assert "needs a level" in missing_level.get_data(as_text=True)
    ok = client.post("/admin/organisations/new", data={"name_th": "เทศบาล", "name_en": "Municipality",
                                                        "sector": "government", "level": "local", "csrf_token": token})
    assert ok.status_code == 302
    assert "Municipality" in client.get("/admin/organisations").get_data(as_text=True)
