"""A citizen on a phone, in Thai: an idea sent without an account, then an account from the public page,
confirmed by mail; the earlier idea claimed through the mailed link; "My contributions" follows the status,
downloads and erases. Also without JavaScript. And the board's card search. axe on each page; screenshots
in Thai and English, phone and desktop (docs/screenshots/)."""
from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from tests.browser.test_accessibility import AXE, AXE_PATH, run_axe
from tests.browser.test_citizens import open_challenge_server
from tests.e2e.conftest import http_json

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
PASSWORD = "ตลาดนัด riverside lantern 42"
EARLIER = "อยากให้ต่อใบอนุญาตผ่านไลน์ได้ ไม่ต้องลางานไปสำนักงานเขต"
LATER = "ไปสำนักงานเขตสองรอบเพราะเอกสารไม่ครบ ไม่มีใครบอกล่วงหน้า"


@pytest.fixture(scope="module")
def server(tmp_path_factory, chromium):
    """The demo with the public challenge's calls open."""
    server = open_challenge_server(tmp_path_factory, "citizenacct")
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield server
    server.kill()


def _context(chromium, locale, viewport, javascript=True):
    phone = viewport == PHONE
    context = chromium.new_context(locale=locale, viewport=viewport, java_script_enabled=javascript,
                                   has_touch=phone, is_mobile=phone)
    context.route("**" + AXE_PATH, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    return context, context.new_page()


def _mailed(server, address: str, kind: str, pattern: str) -> str:
    """The path of the link in the newest mail of this kind to this address (read from the server's outbox)."""
    with sqlite3.connect(server.instance / "govlab.sqlite3") as db:
        row = db.execute("SELECT text_body FROM outbox WHERE to_addr = ? AND kind = ? ORDER BY id DESC LIMIT 1",
                         (address, kind)).fetchone()
    assert row is not None, f"no {kind} mail to {address}"
    return re.search(r"https?://[^/\s]+(" + pattern + r"\S+)", row[0]).group(1)


def _send(page, text, contact=None):
    page.fill("#text", text)
    if contact is not None:
        page.fill("#contact", contact)
    page.check("#consent")
    page.click("form.contribute button[type=submit]")
    page.wait_for_selector("h1:has-text('ขอบคุณ')")


def _sign_in(page, url, email):
    page.goto(url + "/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("form button.btn-primary")
    page.wait_for_url(re.compile(r".*/me/contributions$"))


def _shot(page, name):
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_my_contributions_on_a_phone_in_thai(chromium, server):
    email = "somsri@example.org"
    context, page = _context(chromium, "th-TH", PHONE)
    page.goto(f"{server.url}/c/one-day-licence/idea")
    _send(page, EARLIER, contact=email)  # before having an account

    page.goto(f"{server.url}/c/one-day-licence")
    page.click("a:has-text('สร้างบัญชีประชาชน')")
    page.wait_for_selector("h1:has-text('สร้างบัญชีประชาชน')")
    assert page.locator("#org_id").count() == 0
    assert run_axe(page, server.url) == []
    page.fill("#email", email)
    page.fill("#name", "สมศรี มีสุข")
    page.fill("#password", PASSWORD)
    _shot(page, "citizen-register-th-phone")
    page.click("form.contribute button[type=submit]")
    page.wait_for_url("**/register/sent")
    page.goto(server.url + _mailed(server, email, "confirm", "/confirm/"))
    page.click("main form button")
    page.wait_for_url("**/login")
    _sign_in(page, server.url, email)
    assert page.locator("#none-yet").count() == 1  # the earlier idea is not linked by the address alone

    page.click("button:has-text('ส่งลิงก์ให้ฉัน')")
    page.wait_for_selector(".flash-success")
    page.goto(server.url + _mailed(server, email, "contribution_claim", "/me/contributions/claim/"))
    page.click("button:has-text('เพิ่มเข้าบัญชีของฉัน')")
    page.wait_for_url(re.compile(r".*/me/contributions$"))
    assert EARLIER in page.locator(".mine-list").inner_text()

    page.goto(f"{server.url}/c/one-day-licence/experience")
    assert page.input_value("#contact") == email  # prefilled for a signed-in citizen
    assert page.input_value("#name") == "สมศรี มีสุข"
    _send(page, LATER)
    page.click("a:has-text('ดูได้ที่ความเห็นของฉัน')")
    page.wait_for_url(re.compile(r".*/me/contributions$"))

    earlier_id = int(page.locator(".mine-list > li", has_text=EARLIER).get_attribute("data-contribution-id"))
    status, ack = http_json("POST", f"{server.url}/api/v1/projects/1/ops",
                            {"type": "contribution.approve", "data": {"id": earlier_id}}, server.bearer)
    assert status == 200, ack
    page.reload()
    item = page.locator(f"#contribution-{earlier_id}")
    assert item.locator(".status-now").get_attribute("data-status") == "published"
    assert item.locator(".history li").count() == 2  # received, then published
    assert run_axe(page, server.url) == []
    _shot(page, "citizen-mine-th-phone")

    download = page.request.get(f"{server.url}/me/contributions/data.json")
    document = json.loads(download.body())
    assert document["account"]["email"] == email and len(document["contributions"]) == 2

    later = page.locator(".mine-list > li", has_text=LATER)
    later.locator("summary").click()
    _shot(page, "citizen-mine-open-th-phone")
    later.locator("button:has-text('ลบข้อมูลของฉัน')").click()
    page.wait_for_selector(".flash-success")
    assert LATER not in page.locator("main").inner_text()
    context.close()


def test_my_contributions_without_javascript(chromium, server):
    context, page = _context(chromium, "th-TH", PHONE, javascript=False)
    email = "nojs@example.org"
    page.goto(f"{server.url}/citizen/register?from=one-day-licence")
    page.fill("#email", email)
    page.fill("#name", "ไม่มี สคริปต์")
    page.fill("#password", PASSWORD)
    page.click("form.contribute button[type=submit]")
    page.wait_for_url("**/register/sent")
    page.goto(server.url + _mailed(server, email, "confirm", "/confirm/"))
    page.click("main form button")
    _sign_in(page, server.url, email)
    page.goto(f"{server.url}/c/one-day-licence/idea")
    _send(page, "ขอให้มีตู้รับเอกสารหน้าสำนักงานเขตตอนเย็น")
    page.goto(f"{server.url}/me/contributions")
    page.locator(".mine-list summary").first.click()  # <details> opens without JavaScript
    page.check("#confirm-all")
    page.click("button:has-text('ลบความเห็นทั้งหมดของฉัน')")
    page.wait_for_selector(".flash-success")
    assert page.locator("#none-yet").count() == 1
    context.close()


@pytest.mark.parametrize("locale,viewport,name", [("en-US", DESKTOP, "en-desktop"), ("en-US", PHONE, "en-phone"),
                                                  ("th-TH", DESKTOP, "th-desktop")])
def test_my_contributions_screens(chromium, server, locale, viewport, name):
    email = f"screens-{name}@example.org"
    context, page = _context(chromium, locale, viewport)
    page.goto(f"{server.url}/citizen/register")
    page.fill("#email", email)
    page.fill("#name", "Somsak Jaidee")
    page.fill("#password", PASSWORD)
    _shot(page, f"citizen-register-{name}")
    page.click("form.contribute button[type=submit]")
    page.wait_for_url("**/register/sent")  # the mail is in the outbox once the registration has answered
    page.goto(server.url + _mailed(server, email, "confirm", "/confirm/"))
    page.click("main form button")
    _sign_in(page, server.url, email)
    page.goto(f"{server.url}/c/one-day-licence/idea")
    _send_any(page, f"A LINE reminder one week before the licence runs out would save a trip ({name}).")
    page.goto(f"{server.url}/me/contributions")
    assert run_axe(page, server.url) == []
    _shot(page, f"citizen-mine-{name}")
    context.close()


def _send_any(page, text):
    page.fill("#text", text)
    page.check("#consent")
    page.click("form.contribute button[type=submit]")
    page.wait_for_selector("a.btn-primary[href$='/me/contributions']")


@pytest.mark.parametrize("locale,viewport,name,query", [
    ("th-TH", PHONE, "th-phone", "ใบอนุญาต"), ("th-TH", DESKTOP, "th-desktop", "ใบอนุญาต"),
    ("en-US", PHONE, "en-phone", "LINE"), ("en-US", DESKTOP, "en-desktop", "licence")])
def test_card_search_screens(chromium, server, locale, viewport, name, query):
    context, page = _context(chromium, locale, viewport)
    page.goto(server.url + "/login")
    page.fill("#email", "member@govlab.test")
    page.fill("#password", "govlab-demo")
    page.click("form button.btn-primary")
    page.wait_for_url(re.compile(r".*/projects$"))
    page.goto(f"{server.url}/projects/1/board")
    page.click("a[href$='/projects/1/search']")
    page.fill("#card-q", query)
    page.click("form.card-search button")
    page.wait_for_selector(".search-hit")
    assert page.locator(".search-hit mark").count() >= 1
    assert run_axe(page, server.url) == []
    _shot(page, f"card-search-{name}")
    page.locator(".search-hit a.search-title").first.click()
    page.wait_for_selector("#board[data-ready=true] .card-target")  # the board opens on the found card
    context.close()
