"""Two browsers on one board: live updates within a second, merged typing, offline edits delivered once."""
from __future__ import annotations

import re

import pytest

from tests.browser.test_board_flow import SCREENSHOTS, card_action, sign_in


def open_board(chromium, live_server, email, project_id=2):
    context = chromium.new_context(locale="en-US", viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, live_server.url, email)
    page.goto(f"{live_server.url}/projects/{project_id}/board")
    page.wait_for_selector('#connection-status[data-state="online"]')
    return context, page, errors


@pytest.fixture
def pair(chromium, live_server):
    first = open_board(chromium, live_server, "facilitator@govlab.test")
    second = open_board(chromium, live_server, "member@govlab.test")
    yield first[1], second[1]
    for context, _page, errors in (first, second):
        context.close()
        assert errors == [], errors


def test_create_move_and_type_show_in_the_other_browser_within_a_second(pair):
    a, b = pair
    a.fill("#add-ideate", "Seen live")
    a.press("#add-ideate", "Enter")
    b.wait_for_selector('.lane-cards[data-stage="ideate"] >> text="Seen live"', timeout=1000)
    a.wait_for_selector('.card:not(.pending) >> text="Seen live"')  # the ack has replaced the draft
    a.locator(".card:not(.pending)", has_text="Seen live").focus()
    a.keyboard.press("Alt+ArrowRight")
    b.wait_for_selector('.lane-cards[data-stage="prototype"] >> text="Seen live"', timeout=1000)
    # A's move is optimistic: its card stays pending (and refuses the editor) until A's own ack.
    a.wait_for_selector('.lane-cards[data-stage="prototype"] .card:not(.pending) >> text="Seen live"')
    card_action(a, a.locator(".card", has_text="Seen live"), "Edit")
    a.click("#cd-body")
    a.wait_for_selector("#cd-body:not([readonly])")
    a.keyboard.type("typed live")
    b.wait_for_selector('.card-body >> text="typed live"', timeout=1500)
    b.wait_for_selector('.card-editing >> text=/Somsri/', timeout=1500)  # presence: who edits the card
    b.screenshot(path=str(SCREENSHOTS / "board-live.png"))
    a.click("#card-dialog button[value=done]")


def test_two_browsers_typing_in_one_card_keep_both_texts(pair):
    a, b = pair
    title = a.locator('.lane-cards[data-stage="empathize"] .card-title').first.text_content()
    for page in (a, b):
        card_action(page, page.locator(".card", has_text=title).first, "Edit")
        page.wait_for_selector("#cd-body:not([readonly])")
        page.click("#cd-body")
    a.keyboard.press("Control+End")
    b.keyboard.press("Control+Home")
    for index in range(3):  # interleave the two typists
        a.keyboard.type(f" A{index}", delay=15)
        b.keyboard.type(f"B{index} ", delay=15)
    expected_parts = [f" A{i}" for i in range(3)] + [f"B{i} " for i in range(3)]
    for page in (a, b):
        page.wait_for_function("""parts => {
            const value = document.querySelector('#cd-body').value;
            return parts.every(part => value.includes(part));
        }""", arg=expected_parts, timeout=5000)
    a.wait_for_timeout(500)
    assert a.input_value("#cd-body") == b.input_value("#cd-body")
    a.click("#card-dialog button[value=done]")
    b.click("#card-dialog button[value=done]")


def test_offline_edits_are_delivered_once_after_reconnect(pair, live_server):
    a, b = pair
    b.context.set_offline(True)
    b.wait_for_selector('#connection-status[data-state="offline"]')
    b.fill("#add-test", "Written offline")
    b.press("#add-test", "Enter")
    b.wait_for_selector('.card.pending >> text="Written offline"')
    status = b.locator("#connection-status").text_content()
    assert re.search(r"1", status), status
    b.context.set_offline(False)
    b.wait_for_selector('#connection-status[data-state="online"]')
    b.wait_for_selector('.card:not(.pending) >> text="Written offline"')
    a.wait_for_selector('.lane-cards[data-stage="test"] >> text="Written offline"')
    a.reload()
    a.wait_for_selector('#connection-status[data-state="online"]')
    assert a.locator('.card-title', has_text="Written offline").count() == 1


def test_a_removed_member_is_told_at_once_and_refused_when_coming_back(chromium, live_server):
    from tests.e2e.conftest import http_json, invite_and_accept, token

    facilitator = token(live_server, "facilitator@govlab.test")
    members_url = f"{live_server.url}/api/v1/projects/2/members"
    _, listing = http_json("GET", members_url, token=facilitator)
    ngo = next(m["user"]["id"] for m in listing["members"] if m["user"].get("email") == "ngo@govlab.test")

    def remove() -> None:
        assert http_json("DELETE", f"{members_url}/{ngo}", token=facilitator)[0] == 204

    def add_back() -> None:
        invite_and_accept(live_server, facilitator, 2, "ngo@govlab.test")  # the way people join now

    # Online: the removal reaches the open board at once.
    context, page, errors = open_board(chromium, live_server, "ngo@govlab.test")
    remove()
    page.wait_for_selector('#connection-status[data-state="revoked"]', timeout=2000)
    assert "no longer have access" in page.locator("#connection-status").text_content()
    assert page.locator(".lane-add").first.is_hidden()  # read-only from now on
    assert page.locator(".card .card-menu-button").count() == 0
    context.close()
    add_back()
    # Offline while removed: on coming back the join is refused, and the board says why (not "offline").
    context, page, more_errors = open_board(chromium, live_server, "ngo@govlab.test")
    context.set_offline(True)
    page.wait_for_selector('#connection-status[data-state="offline"]')
    remove()
    context.set_offline(False)
    page.wait_for_selector('#connection-status[data-state="revoked"]', timeout=5000)
    page.screenshot(path=str(SCREENSHOTS / "board-revoked.png"))
    context.close()
    add_back()
    assert errors == [] and more_errors == [], errors + more_errors
