"""The join pages: typing the code on a phone, odd input, CSRF, a returning guest, and guessing."""
from __future__ import annotations

from govlab import create_app
from govlab.domain import guests as rules
from govlab.extensions import db
from govlab.models import Guest
from govlab.services import join_codes, workshops
from tests.conftest import Factory, IsolatedClient, csrf_from, login, make_config
from tests.guests.conftest import AGENDA, join_as


def test_the_code_page_works_without_javascript_and_takes_any_case_and_spaces(room, client):
    page = client.get("/join")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'method="get"' in html and 'autocapitalize="characters"' in html
    assert "<script>" not in html
    code = room["code"].code
    typed = f" {code[:4].lower()} - {code[4:].lower()} "
    response = client.get("/join", query_string={"code": typed})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/join/{code}")
    lower = client.get(f"/join/{code.lower()}")
    assert lower.status_code == 302 and lower.headers["Location"].endswith(f"/join/{code}")
    form = client.get(f"/join/{code}").get_data(as_text=True)
    assert room["workshop"].title in form and room["project"].title in form and 'name="csrf_token"' in form
    assert 'list="join-organisations"' in form and 'value="civil_society"' in form


def test_odd_codes_get_a_clear_answer_never_a_crash(room, client):
    for typed, status, words in (("K7QM3WX²", 422, "only the letters A to Z"), ("๑๒๓๔๕๖๗๘", 422, "keyboard"),
                                 ("ABC\x00DEFG", 422, "only the letters"), ("X" * 41, 422, "8 characters"),
                                 ("ZZZZ-ZZZZ", 404, "no workshop with this code"),
                                 ("OOOO0000", 422, "no 0, 1, I or O")):
        response = client.get("/join", query_string={"code": typed})
        assert response.status_code == status, typed
        assert words in response.get_data(as_text=True), typed
    assert client.get("/join/%C2%B2%C2%B2%C2%B2%C2%B2%C2%B2%C2%B2%C2%B2%C2%B2").status_code == 422
    assert client.get("/join/" + "A" * 5000).status_code in (404, 414, 422)


def test_bad_details_are_refused_and_the_form_comes_back(room, client):
    code = room["code"].code
    for name, organisation, sector, words in (("", "", "none", "The name is required"),
                                              ("x" * 121, "", "none", "too long"),
                                              ("Ann\x00", "", "none", "control characters"),
                                              ("Ann", "y" * 201, "none", "too long"),
                                              ("Ann", "", "", "Choose a sector"),
                                              ("Ann", "", "pirates", "Choose a sector")):
        response = join_as(client, code, name=name, organisation=organisation, sector=sector)
        assert response.status_code == 422, name
        assert words in response.get_data(as_text=True)
    db.session.rollback()
    assert db.session.query(Guest).count() == 0
    no_csrf = client.post(f"/join/{code}", data={"name": "Ann", "sector": "none"})
    assert no_csrf.status_code == 400
    db.session.rollback()
    assert db.session.query(Guest).count() == 0


def test_a_returning_guest_on_the_same_browser_keeps_their_identity(room, client):
    assert join_as(client, room["code"].code, name="Returning").status_code == 302
    cookie = client.get_cookie("session")
    assert cookie is not None and cookie.expires is not None  # survives the browser closing
    again = client.get(f"/join/{room['code'].code}")
    assert again.status_code == 302 and again.headers["Location"].endswith(f"/projects/{room['project'].id}/board")
    assert client.get("/api/v1/me").get_json()["name"] == "Returning"
    db.session.rollback()
    assert db.session.query(Guest).count() == 1


def test_a_guest_of_another_workshop_becomes_a_new_guest_here(room, client):
    public = room["public"]["project"].id
    other = join_codes.create_code(room["facilitator"], public, {"workshop_id": workshops.create_workshop(
        room["facilitator"], public, {"title": "Open house", "agenda": AGENDA}).id})
    assert join_as(client, room["code"].code, name="First").status_code == 302
    first = client.get("/api/v1/me").get_json()["id"]
    assert join_as(client, other.code, name="Second").status_code == 302
    me = client.get("/api/v1/me").get_json()
    assert me["id"] != first and me["name"] == "Second"
    assert client.get(f"/projects/{public}/board").status_code == 200
    assert client.get(f"/projects/{room['project'].id}/board").status_code == 404


def test_someone_signed_in_with_an_account_is_told_what_to_do(room, client):
    login(client, room["users"]["outsider"])
    page = client.get(f"/join/{room['code'].code}")
    assert page.status_code == 200 and "signed in with your own account" in page.get_data(as_text=True)
    token = csrf_from(page.get_data(as_text=True))
    refused = client.post(f"/join/{room['code'].code}", data={"csrf_token": token, "name": "x", "sector": "none"})
    assert refused.status_code == 409
    db.session.rollback()
    assert db.session.query(Guest).count() == 0


def test_a_member_who_scans_the_qr_goes_to_the_board(room, client):
    login(client, room["users"]["member"])
    response = client.get(f"/join/{room['code'].code}")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/projects/{room['project'].id}/board")


def test_join_pages_in_thai(room, client):
    client.post("/language", data={"locale": "th", "next": "/join",
                                   "csrf_token": csrf_from(client.get("/join").get_data(as_text=True))})
    html = client.get("/join").get_data(as_text=True)
    assert 'lang="th"' in html and "เข้าร่วม" in html


def _limited(tmp_path, **config):
    app = create_app(make_config(tmp_path, RATELIMIT_ENABLED=True, **config))
    app.test_client_class = IsolatedClient
    with app.app_context():
        db.create_all()
        factory = Factory()
        facilitator = factory.user()
        project = factory.project(facilitator)
        workshop = workshops.create_workshop(facilitator, project.id, {"title": "Limited", "agenda": AGENDA})
        code = join_codes.create_code(facilitator, project.id, {"workshop_id": workshop.id}).code
        db.session.remove()
    return app, code


def test_guessing_codes_is_stopped_but_a_room_mistyping_is_not(tmp_path):
    app, code = _limited(tmp_path, GUEST_CODE_RATE_LIMIT="5 per 10 minutes")
    client = app.test_client()
    for _ in range(10):  # right codes cost nothing from the guessing limit
        assert client.get(f"/join/{code}").status_code == 200
    wrong = [client.get("/join", query_string={"code": rules.new_code()}).status_code for _ in range(5)]
    assert wrong == [404] * 5
    assert client.get("/join", query_string={"code": rules.new_code()}).status_code == 429
    assert client.get(f"/join/{rules.new_code()}").status_code == 429
    assert client.get(f"/join/{code}").status_code == 429  # even the right code, once the address guessed too much
    with app.app_context():
        db.engine.dispose()


def test_joins_per_address_are_limited(tmp_path):
    app, code = _limited(tmp_path, GUEST_JOIN_RATE_LIMIT="3 per 10 minutes")
    statuses = [join_as(app.test_client(), code, name=f"Person {n}").status_code for n in range(4)]
    assert statuses == [302, 302, 302, 429]
    with app.app_context():
        db.engine.dispose()
