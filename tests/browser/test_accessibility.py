"""axe-core on the board (cards of every colour, Thai and English), the members page and the sign-in page.

axe-core is vendored for the tests only (scripts/vendor.sh axe → tests/browser/vendor/axe.min.js). The
app's CSP allows scripts from 'self' only, so the test serves the file from the app's own origin with
`page.route` instead of inlining it.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.test_board_flow import sign_in
from tests.e2e.conftest import http_json, token

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
COLORS = ["yellow", "orange", "pink", "purple", "blue", "teal", "green", "grey"]
AXE_PATH = "/__tests__/axe.min.js"


def run_axe(page, base_url):
    """Serious and critical violations on the page, as readable lines."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=base_url + AXE_PATH)
    results = page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
    }""")
    return results


@pytest.fixture(scope="module")
def colourful_board(live_server):
    """Project 2 with a card of every colour in every lane, with bodies (so every text on a card shows)."""
    bearer = token(live_server, "facilitator@govlab.test")
    for index, color in enumerate(COLORS):
        for stage in ("empathize", "ideate", "prototype", "test"):
            status, card = http_json("POST", f"{live_server.url}/api/v1/projects/2/cards",
                                     {"stage": stage, "title": f"{color} card {index}", "color": color,
                                      "body": "ข้อความทดลอง / sample text"}, bearer)
            assert status == 201, card
    return 2


def new_page(chromium, live_server, locale, width=1366, height=900):
    context = chromium.new_context(locale=locale, viewport={"width": width, "height": height})
    page = context.new_page()
    page.route("**" + AXE_PATH, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    return context, page


@pytest.mark.parametrize("locale", ["en-US", "th-TH"])
def test_board_with_cards_of_every_colour_has_no_serious_violations(chromium, live_server, colourful_board, locale):
    context, page = new_page(chromium, live_server, locale)
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/projects/{colourful_board}/board")
    page.wait_for_selector("#board[data-ready=true]")
    colors = set(page.locator(".card").evaluate_all("els => els.map(e => e.dataset.color)"))
    assert colors >= set(COLORS)
    assert run_axe(page, live_server.url) == []
    # The open actions menu too.
    page.locator(".card").first.focus()
    page.keyboard.press("Shift+F10")
    page.wait_for_selector('#card-menu:not([hidden]) [role="menuitem"]:focus')
    assert run_axe(page, live_server.url) == []
    context.close()


def test_phone_board_has_no_serious_violations(chromium, live_server, colourful_board):
    context, page = new_page(chromium, live_server, "th-TH", 390, 844)
    sign_in(page, live_server.url, "member@govlab.test")
    page.goto(f"{live_server.url}/projects/{colourful_board}/board")
    page.wait_for_selector("#board[data-ready=true]")
    assert run_axe(page, live_server.url) == []
    context.close()


@pytest.mark.parametrize("locale", ["en-US", "th-TH"])
def test_members_page_has_no_serious_violations(chromium, live_server, locale):
    context, page = new_page(chromium, live_server, locale)
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/projects/2/members")
    assert run_axe(page, live_server.url) == []
    page.set_viewport_size({"width": 390, "height": 844})
    assert run_axe(page, live_server.url) == []
    context.close()


@pytest.mark.parametrize("locale", ["en-US", "th-TH"])
def test_login_page_has_no_serious_violations(chromium, live_server, locale):
    context, page = new_page(chromium, live_server, locale)
    page.goto(live_server.url + "/login")
    assert run_axe(page, live_server.url) == []
    context.close()


@pytest.mark.parametrize("locale, width, height", [("en-US", 1366, 900), ("th-TH", 390, 844)])
def test_a_flash_message_is_in_view_and_has_no_serious_violations(chromium, live_server, locale, width, height):
    """The flash list is announced (role=status on its container), stays a list for screen readers, and the
    page it lands on shows it (the profile's forms used to land on their section, far below the message)."""
    other, _page = new_page(chromium, live_server, locale, width, height)
    sign_in(_page, live_server.url, "member@govlab.test")  # a second browser, to be signed out from the first
    context, page = new_page(chromium, live_server, locale, width, height)
    sign_in(page, live_server.url, "member@govlab.test")
    page.goto(live_server.url + "/profile")
    page.locator('form[action$="/sessions/end-others"] button').click()
    page.wait_for_selector(".flash-success")
    assert page.locator('[role="status"] .flash-success').count() == 1
    assert page.evaluate("""() => {
        const box = document.querySelector('.flash-success').getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
    }""")
    assert run_axe(page, live_server.url) == []
    context.close()
    other.close()
