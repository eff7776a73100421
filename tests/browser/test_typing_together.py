"""Two people typing at the same place in one card: each one's words stay together (finding 9)."""
from __future__ import annotations

import random
import time

from tests.browser.test_live_collab import open_board
from tests.e2e.conftest import http_json, token

FIRST = "from member."
SECOND = "from facilitator."


def open_card(page, card_id):
    """Open the card's editor from the keyboard and put the caret at the end of its body."""
    page.wait_for_selector(f'.card[data-card-id="{card_id}"]')
    page.locator(f'.card[data-card-id="{card_id}"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#cd-body:not([readonly])")
    page.click("#cd-body")
    page.keyboard.press("Control+End")


def wait_for_server(live_server, bearer, card_id, parts, timeout=10.0):
    """The card's body as the server has it, once it holds every part (or the last one seen)."""
    deadline = time.monotonic() + timeout
    body = ""
    while time.monotonic() < deadline:
        status, card = http_json("GET", f"{live_server.url}/api/v1/cards/{card_id}", token=bearer)
        assert status == 200, card
        body = card["body"]
        if all(part in body for part in parts) or len(body) >= len("Notes: ") + len(FIRST) + len(SECOND):
            return body
        time.sleep(0.1)
    return body


def test_two_people_typing_at_the_same_place_keep_their_sentences_whole(chromium, live_server):
    bearer = token(live_server, "facilitator@govlab.test")
    status, card = http_json("POST", f"{live_server.url}/api/v1/projects/2/cards",
                             {"stage": "ideate", "title": "Typing together", "body": "Notes: "}, bearer)
    assert status == 201, card
    opened = [open_board(chromium, live_server, email) for email in ("member@govlab.test", "facilitator@govlab.test")]
    (_, a, _), (_, b, _) = opened
    try:
        for page in (a, b):
            open_card(page, card["id"])
        rng = random.Random(9)
        # Both type at the end of "Notes: " at the same time, one character each in turn, a few ms apart:
        # each sees the other's letters land at the caret's index while their own are still on the way.
        for index in range(max(len(FIRST), len(SECOND))):
            if index < len(FIRST):
                a.keyboard.type(FIRST[index])
            if index < len(SECOND):
                b.keyboard.type(SECOND[index])
            a.wait_for_timeout(rng.randint(5, 40))
        parts = [FIRST, SECOND]
        server = wait_for_server(live_server, bearer, card["id"], parts)
        for page in (a, b):
            page.wait_for_function("""expected => document.querySelector('#cd-body').value === expected""",
                                   arg=server, timeout=5000)
        assert FIRST in server and SECOND in server, server
        assert server in ("Notes: " + FIRST + SECOND, "Notes: " + SECOND + FIRST), server
        for page in (a, b):
            assert page.input_value("#cd-body") == server
            page.click("#card-dialog button[value=done]")
    finally:
        for context, _page, errors in opened:
            context.close()
            assert errors == [], errors
