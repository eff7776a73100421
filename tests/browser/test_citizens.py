"""A citizen on a phone, in Thai: QR link → idea → a facilitator promotes it live → status follows the chain.

Also: the form works with JavaScript off; axe on the public page, the form and the moderation queue;
screenshots (Thai/English, phone/desktop) under docs/screenshots/.
"""
from __future__ import annotations

import io
import re
import urllib.request
from pathlib import Path

import pytest

from tests.browser.test_accessibility import AXE, AXE_PATH, run_axe
from tests.browser.test_board_flow import sign_in
from tests.e2e.conftest import http_json, token
from tests.servers import make_server

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
IDEA = "อยากให้ยื่นขอใบอนุญาตผ่านไลน์ได้ ไม่ต้องเดินทางไปสำนักงานเขตหลายรอบ"


def open_challenge_server(tmp_path_factory, name: str):
    """The demo with the public challenge's calls open (no minimum fill time: that path has its own test)."""
    server = make_server(tmp_path_factory.mktemp(name), GOVLAB_CONTRIBUTION_MIN_SECONDS="0")
    server.with_demo()
    server.start()
    bearer = token(server, "facilitator@govlab.test")
    status, ack = http_json("POST", f"{server.url}/api/v1/projects/1/ops", {"type": "challenge.update", "data": {
        "slug": "one-day-licence", "idea_opens_on": "2020-01-01", "experience_opens_on": "2020-01-01"}}, bearer)
    assert status == 200, ack
    server.bearer = bearer
    return server


@pytest.fixture(scope="module")
def server(tmp_path_factory, chromium):
    """The demo with the public challenge's calls open."""
    server = open_challenge_server(tmp_path_factory, "citizens")
    yield server
    server.kill()


def _context(chromium, locale, viewport, javascript=True):
    context = chromium.new_context(locale=locale, viewport=viewport, java_script_enabled=javascript)
    context.route("**" + AXE_PATH, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    return context, context.new_page()


def _qr_url(server) -> str:
    """The address the page's QR code encodes (checked against the PNG the server hands out)."""
    import segno

    html = urllib.request.urlopen(f"{server.url}/c/1").read().decode()
    url = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
    expected = io.BytesIO()
    segno.make(url, error="m").save(expected, kind="png", scale=10, border=4)
    assert urllib.request.urlopen(f"{server.url}/c/one-day-licence/qr.png").read() == expected.getvalue()
    return url


def _send(page, text):
    page.fill("#text", text)
    page.select_option("#province", "10")
    page.select_option("#who", "business_owner")
    page.check("#consent")
    page.click("form.contribute button[type=submit]")
    page.wait_for_load_state()
    error = page.locator(".form-error")
    assert error.count() == 0, error.inner_text()
    page.wait_for_selector("h1:has-text('ขอบคุณ')")


def test_citizen_to_board_and_back(chromium, server):
    url = _qr_url(server)
    citizen_context, citizen = _context(chromium, "th-TH", PHONE)
    citizen.goto(url)
    assert citizen.locator("h1").inner_text().startswith("ขอใบอนุญาต")
    assert citizen.get_attribute('meta[property="og:title"]', "content")
    citizen.screenshot(path=str(SHOTS / "citizen-page-th-phone.png"), full_page=True)
    assert run_axe(citizen, server.url) == []
    citizen.click("a:has-text('เสนอความคิด')")
    citizen.wait_for_selector("#text")
    assert run_axe(citizen, server.url) == []
    citizen.screenshot(path=str(SHOTS / "citizen-form-th-phone.png"), full_page=True)
    _send(citizen, IDEA)
    citizen.screenshot(path=str(SHOTS / "citizen-thanks-th-phone.png"), full_page=True)
    status_url = citizen.locator("a.private-link").get_attribute("href")

    facilitator_context, board = _context(chromium, "en-US", DESKTOP)
    sign_in(board, server.url)
    board.goto(f"{server.url}/projects/1/board")
    board.wait_for_selector("#board[data-ready=true]")
    queue = facilitator_context.new_page()
    queue.goto(f"{server.url}/projects/1/contributions")
    assert run_axe(queue, server.url) == []
    queue.screenshot(path=str(SHOTS / "citizen-queue-en-desktop.png"), full_page=True)
    item = queue.locator(".queue-item", has_text=IDEA)
    item.locator("button:has-text('Approve and add to the board')").click()
    queue.wait_for_selector(".flashes")
    title = IDEA.splitlines()[0]
    board.locator(".card", has_text=title[:30]).first.wait_for()  # appeared live, without a reload

    citizen.goto(status_url)
    assert citizen.locator(".status-now").get_attribute("data-status") == "published"
    status, card = http_json("POST", f"{server.url}/api/v1/projects/1/cards",
                             {"stage": "prototype", "kind": "prototype", "title": "LINE licence form"}, server.bearer)
    assert status == 201, card
    idea_id = _idea_card(server, title)
    status, ack = http_json("POST", f"{server.url}/api/v1/projects/1/ops", {"type": "link.create", "data": {
        "from": card["id"], "to": idea_id, "type": "embodies"}}, server.bearer)
    assert status == 200, ack
    citizen.reload()
    assert citizen.locator(".status-now").get_attribute("data-status") == "in_prototype"
    assert "LINE licence form" in citizen.locator(".status-now").inner_text()
    citizen.screenshot(path=str(SHOTS / "citizen-status-th-phone.png"), full_page=True)
    citizen_context.close()
    facilitator_context.close()


def _idea_card(server, title) -> int:
    status, board = http_json("GET", f"{server.url}/api/v1/projects/1/board", None, server.bearer)
    assert status == 200, board
    cards = board["cards"] if "cards" in board else [c for lane in board["lanes"] for c in lane["cards"]]
    return next(card["id"] for card in cards if card["title"] == title)


def test_submission_works_without_javascript(chromium, server):
    context, page = _context(chromium, "th-TH", PHONE, javascript=False)
    page.goto(f"{server.url}/c/one-day-licence/experience")
    _send(page, "ไปสำนักงานเขตสามครั้งแล้วยังไม่ได้ใบอนุญาต เอกสารไม่ครบทุกครั้ง")
    assert page.locator("a.private-link").count() == 1
    context.close()


@pytest.mark.parametrize("locale,viewport,name", [("en-US", DESKTOP, "en-desktop"), ("en-US", PHONE, "en-phone"),
                                                  ("th-TH", DESKTOP, "th-desktop")])
def test_public_page_screens(chromium, server, locale, viewport, name):
    context, page = _context(chromium, locale, viewport)
    page.goto(f"{server.url}/c/one-day-licence")
    assert run_axe(page, server.url) == []
    page.screenshot(path=str(SHOTS / f"citizen-page-{name}.png"), full_page=True)
    page.goto(f"{server.url}/c/one-day-licence/idea")
    page.screenshot(path=str(SHOTS / f"citizen-form-{name}.png"), full_page=True)
    context.close()
