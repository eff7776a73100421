"""Facilitator tools during a workshop, in two browsers: a dot vote on cards chosen on the board (by
keyboard and pointer) reaches a participant's ballot live; locking one lane shows the participant why
and freezes its add form and cards while the other lanes and the facilitator go on. axe-core on the
board during a workshop, the projector and the summary; screenshots for the docs."""
from __future__ import annotations

import pytest

from tests.browser.test_accessibility import new_page, run_axe
from tests.browser.test_board_flow import SCREENSHOTS, sign_in
from tests.e2e.conftest import http_json, token

PROJECT = 2  # the demo's private project: facilitator Somsri, members Anan (member@) and Malee (ngo@)
AGENDA = [{"stage": "ideate", "kind": "discuss", "duration": 600, "instruction": "Add your ideas, one per card."},
          {"stage": "ideate", "kind": "vote", "duration": 120, "instruction": "Give your dots to the best ideas."}]


def op(server, bearer, kind, data):
    status, body = http_json("POST", f"{server.url}/api/v1/projects/{PROJECT}/ops", {"type": kind, "data": data}, bearer)
    assert status == 200, body
    return body


@pytest.fixture(scope="module")
def workshop(live_server):
    """A running workshop on project 2, with a few more idea cards to choose from."""
    bearer = token(live_server, "facilitator@govlab.test")
    for title in ("Mobile registration van", "วันลงทะเบียนที่วัด", "Pre-filled forms by SMS"):
        status, card = http_json("POST", f"{live_server.url}/api/v1/projects/{PROJECT}/cards",
                                 {"stage": "ideate", "title": title}, bearer)
        assert status == 201, card
    created = op(live_server, bearer, "workshop.create", {"title": "Allowance sprint", "agenda": AGENDA})
    op(live_server, bearer, "workshop.start", {"id": created["workshop"]["id"]})
    return {"bearer": bearer, "id": created["workshop"]["id"]}


def open_board(chromium, live_server, email, locale="en-US", width=1400, height=900, init_script=None):
    context, page = new_page(chromium, live_server, locale, width, height)
    if init_script:
        page.add_init_script(init_script)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, live_server.url, email)
    page.goto(f"{live_server.url}/projects/{PROJECT}/board")
    page.wait_for_selector('#connection-status[data-state="online"]')
    page.wait_for_selector('#ws-timer[data-state="running"]')
    return context, page, errors


@pytest.fixture
def pair(chromium, live_server, workshop):
    """The facilitator on a desktop (English) and a participant on a phone (Thai)."""
    opened = [open_board(chromium, live_server, "facilitator@govlab.test"),
              open_board(chromium, live_server, "member@govlab.test", "th-TH", 390, 844)]
    yield opened[0][1], opened[1][1]
    for context, _page, errors in opened:
        context.close()
        assert errors == [], errors


def card_id(page, title):
    return int(page.locator(".card", has_text=title).first.get_attribute("data-card-id"))


def test_a_vote_on_cards_chosen_on_the_board(pair, live_server, workshop):
    facilitator, member = pair
    first, second = card_id(facilitator, "Mobile registration van"), card_id(facilitator, "Pre-filled forms by SMS")
    assert facilitator.locator("[data-vote-pick]").count() == 0
    facilitator.click('[data-ws="choose"]')
    facilitator.wait_for_selector(f'[data-vote-pick="{first}"]')
    assert facilitator.get_attribute('[data-ws="choose"]', "aria-pressed") == "true"
    assert facilitator.is_disabled('[data-ws="open-chosen"]')  # nothing chosen yet
    assert facilitator.is_hidden('[data-ws="open-vote"]')  # the lane's vote waits while choosing
    # By keyboard: from the card, Tab reaches its checkbox and Space ticks it.
    facilitator.focus(f'.card[data-card-id="{first}"]')
    facilitator.keyboard.press("Tab")
    assert facilitator.evaluate("document.activeElement.dataset.votePick") == str(first)
    facilitator.keyboard.press("Space")
    assert facilitator.is_checked(f'[data-vote-pick="{first}"]')
    assert facilitator.text_content("#ws-choose-status") == "Cards chosen: 1"
    facilitator.click(f'[data-vote-pick="{second}"]')  # and with the pointer
    assert facilitator.text_content("#ws-choose-status") == "Cards chosen: 2"
    # Another participant's new card redraws the lane: the choice (and the focus) survive it.
    facilitator.focus(f'[data-vote-pick="{first}"]')
    op(live_server, token(live_server, "ngo@govlab.test"), "card.create", {"stage": "ideate", "title": "A late idea"})
    facilitator.wait_for_selector('.card-title:has-text("A late idea")')
    assert facilitator.is_checked(f'[data-vote-pick="{first}"]') and facilitator.is_checked(f'[data-vote-pick="{second}"]')
    assert facilitator.evaluate("document.activeElement.dataset.votePick") == str(first)
    facilitator.screenshot(path=str(SCREENSHOTS / "workshop-choose-en-desktop.png"))
    facilitator.fill("#ws-vote-budget", "2")
    facilitator.click('[data-ws="open-chosen"]')

    # The participant's ballot lists exactly the chosen cards, live.
    member.wait_for_selector("[data-ballot-card]")
    assert sorted(int(x) for x in member.locator("[data-ballot-card]").evaluate_all(
        "items => items.map(item => item.dataset.ballotCard)")) == sorted([first, second])
    facilitator.wait_for_selector("[data-vote-pick]", state="detached")  # choosing ended with the vote
    member.locator(f'[data-ballot-card="{second}"] button', has_text="+").click()
    member.wait_for_selector(f'[data-ballot-card="{second}"] .ws-dots:has-text("●")')
    member.screenshot(path=str(SCREENSHOTS / "workshop-ballot-th-phone.png"))
    facilitator.click('[data-ws="close-vote"]')
    top = member.locator(".ws-results li").first
    top.wait_for()
    assert "Pre-filled forms by SMS" in top.text_content()


def test_one_lane_locked_for_participants_only(pair, live_server, workshop):
    facilitator, member = pair
    member.click("#tab-ideate")
    idea = card_id(member, "Mobile registration van")
    assert member.locator("#lane-ideate .badge-locked").is_hidden()
    facilitator.click('[data-lane-lock="ideate"]')
    facilitator.wait_for_selector('[data-lane-lock="ideate"][aria-pressed="true"]')
    assert facilitator.get_attribute('[data-lane-lock="ideate"]', "aria-label") == "Unlock Ideate"

    # The participant sees why, and the lane's add form and cards are frozen.
    member.wait_for_selector("#lane-ideate .badge-locked:visible")
    assert member.is_visible("#lane-ideate .lane-locked-note")
    assert member.is_disabled("#add-ideate") and member.is_disabled('#lane-ideate .lane-add button[type="submit"]')
    assert member.get_attribute("#add-ideate", "aria-describedby") == "lane-locked-ideate"
    member.locator("#lane-ideate .lane-add").scroll_into_view_if_needed()
    member.screenshot(path=str(SCREENSHOTS / "workshop-lane-locked-th-phone.png"))
    card = member.locator(f'.card[data-card-id="{idea}"]')
    assert card.locator(".card-menu-button").count() == 0 and card.get_attribute("draggable") is None
    card.focus()
    member.keyboard.press("Enter")  # opens read-only
    member.wait_for_selector("#card-dialog[open]")
    assert member.evaluate("document.getElementById('cd-title').readOnly")
    assert member.is_hidden("#cd-delete")
    member.keyboard.press("Escape")
    # The server holds the rule: an op sent anyway is refused as locked.
    refused = member.evaluate("""() => govlabBoard.connection.send('card.create', {stage: 'ideate', title: 'sneaky'})
        .then(() => 'accepted', (error) => error.code)""")
    assert refused == "locked"
    # Other lanes go on, and so does the facilitator in the locked one.
    assert member.is_enabled("#add-empathize")
    facilitator.fill("#add-ideate", "Facilitator note while locked")
    facilitator.press("#add-ideate", "Enter")
    member.wait_for_selector('.card-title:has-text("Facilitator note while locked")')
    assert facilitator.locator("#lane-ideate .badge-locked").is_visible()

    facilitator.click('[data-lane-lock="ideate"]')
    member.wait_for_selector("#lane-ideate .badge-locked", state="hidden")
    assert member.is_enabled("#add-ideate") and member.get_attribute("#add-ideate", "aria-describedby") is None
    assert member.locator(f'.card[data-card-id="{idea}"] .card-menu-button').count() == 1


@pytest.mark.parametrize("locale", ["en-US", "th-TH"])
def test_workshop_pages_have_no_serious_violations(chromium, live_server, workshop, locale):
    op(live_server, workshop["bearer"], "board.lock", {"stages": ["prototype"]})
    try:
        check_workshop_pages(chromium, live_server, locale)
    finally:  # the next tests (and the other locale) expect open lanes, even when this one fails
        op(live_server, workshop["bearer"], "board.lock", {})


def check_workshop_pages(chromium, live_server, locale):
    short = locale[:2]
    context, page = new_page(chromium, live_server, locale)
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/projects/{PROJECT}/board")
    page.wait_for_selector('#ws-timer[data-state="running"]')
    page.wait_for_selector('#lane-prototype .badge-locked:visible')
    assert run_axe(page, live_server.url) == []
    page.screenshot(path=str(SCREENSHOTS / f"workshop-board-{short}-desktop.png"))
    page.click('[data-ws="choose"]')
    page.wait_for_selector("[data-vote-pick]")
    assert run_axe(page, live_server.url) == []
    page.goto(f"{live_server.url}/projects/{PROJECT}/workshop/projector")
    page.wait_for_selector('#pj-timer[data-state="running"]')
    assert run_axe(page, live_server.url) == []
    if short == "th":
        page.set_viewport_size({"width": 1280, "height": 720})
        page.screenshot(path=str(SCREENSHOTS / "workshop-projector-th.png"))
    page.goto(f"{live_server.url}/projects/{PROJECT}/workshop/summary")
    assert run_axe(page, live_server.url) == []
    context.close()

    phone, participant = new_page(chromium, live_server, locale, 390, 844)
    sign_in(participant, live_server.url, "ngo@govlab.test")
    participant.goto(f"{live_server.url}/projects/{PROJECT}/board")
    participant.wait_for_selector('#ws-timer[data-state="running"]')
    participant.click("#tab-prototype")
    participant.wait_for_selector("#lane-prototype .lane-locked-note:visible")
    assert run_axe(participant, live_server.url) == []
    participant.screenshot(path=str(SCREENSHOTS / f"workshop-participant-{short}-phone.png"))
    phone.close()


def test_a_latecomer_sees_who_is_editing_without_anyone_announcing_again(chromium, live_server, workshop):
    """The join ack lists who is on the board: nobody re-announces for newcomers any more (bench/workshop)."""
    # The board's 20-second presence keep-alive is not a re-announcement: the test stops it (its timer id is
    # noted as the page sets it), so that only an announcement made for the newcomer could be counted.
    keep_alive = """(() => { const setInterval = window.setInterval;
        window.setInterval = (callback, ms, ...args) => { const id = setInterval(callback, ms, ...args);
            if (ms === 20000) window.presenceKeepAlive = id; return id; }; })();"""
    context, editor, errors = open_board(chromium, live_server, "ngo@govlab.test", init_script=keep_alive)
    assert editor.evaluate("typeof window.presenceKeepAlive") == "number"
    editor.evaluate("clearInterval(window.presenceKeepAlive)")
    card = card_id(editor, "Mobile registration van")
    editor.dblclick(f'.card[data-card-id="{card}"] .card-title')
    editor.wait_for_selector("#card-dialog[open]")
    sent = editor.evaluate("""() => {
        window.presenceSent = 0;
        const socket = govlabBoard.connection.socket, emit = socket.emit.bind(socket);
        socket.emit = (event, ...args) => { if (event === 'presence') window.presenceSent += 1; return emit(event, ...args); };
        return window.presenceSent;
    }""")
    late_context, late, late_errors = open_board(chromium, live_server, "member@govlab.test")
    late.wait_for_selector(f'.card[data-card-id="{card}"] .card-editing:has-text("Malee")')
    assert editor.evaluate("window.presenceSent") == sent  # the editor said nothing for the newcomer
    for ctx, page_errors in ((context, errors), (late_context, late_errors)):
        ctx.close()
        assert page_errors == [], page_errors
