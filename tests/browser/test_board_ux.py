"""The board by keyboard and on small screens: one tab stop per card with an actions menu, lanes that
scroll on their own, a move that says when it changes a card's kind, and what the client does with the
server's `revoked`, `seq` and `lane.respace` frames."""
from __future__ import annotations

import pytest

from tests.browser.test_board_flow import sign_in
from tests.e2e.conftest import http_json, token

BOARD = 2


def new_card(live_server, bearer, stage, title, **fields):
    status, card = http_json("POST", f"{live_server.url}/api/v1/projects/{BOARD}/cards",
                             {"stage": stage, "title": title, **fields}, bearer)
    assert status == 201, card
    return card


@pytest.fixture(scope="module")
def bearer(live_server):
    return token(live_server, "facilitator@govlab.test")


@pytest.fixture(scope="module")
def long_lane(live_server, bearer):
    """35 cards in Ideate: a lane much taller than any screen."""
    for index in range(35):
        new_card(live_server, bearer, "ideate", f"Idea number {index + 1}")


def open_board(chromium, live_server, locale="en-US", width=1366, height=900, email="facilitator@govlab.test",
               **options):
    context = chromium.new_context(locale=locale, viewport={"width": width, "height": height}, **options)
    page = context.new_page()
    page.set_default_timeout(10000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, live_server.url, email)
    page.goto(f"{live_server.url}/projects/{BOARD}/board")
    page.wait_for_selector('#connection-status[data-state="online"]')
    return context, page, errors


@pytest.fixture
def board_page(chromium, live_server):
    context, page, errors = open_board(chromium, live_server)
    yield page
    context.close()
    assert errors == [], errors


def focused(page):
    return page.evaluate("""() => {
        const el = document.activeElement;
        return {card: el.closest('.card')?.dataset.cardId ?? null, role: el.getAttribute('role'),
                text: el.textContent.trim(), isCard: el.classList.contains('card')};
    }""")


def test_each_card_is_one_tab_stop_and_its_menu_works_by_keyboard(board_page):
    page = board_page
    cards = page.locator('.lane-cards[data-stage="empathize"] .card')
    # Nothing inside a card is a tab stop of its own.
    inner = cards.first.evaluate("card => [...card.querySelectorAll('a, button, input, select, textarea, [tabindex]')]"
                                 ".filter(el => el.tabIndex >= 0).length")
    assert inner == 0
    first_id = cards.nth(0).get_attribute("data-card-id")
    second_id = cards.nth(1).get_attribute("data-card-id")
    cards.first.focus()
    page.keyboard.press("Tab")
    assert focused(page) == {"card": second_id, "role": None, "text": focused(page)["text"], "isCard": True}
    # "." opens the menu on the first item; arrows, Home and End rove; Escape returns to the card.
    cards.first.focus()
    page.keyboard.press(".")
    menu = page.locator("#card-menu")
    assert menu.is_visible()
    assert cards.first.locator(".card-menu-button").get_attribute("aria-expanded") == "true"
    assert focused(page)["role"] == "menuitem" and focused(page)["text"] == "Edit"
    page.keyboard.press("ArrowDown")
    assert focused(page)["text"] == "Move…"
    page.keyboard.press("End")
    assert focused(page)["text"] == "Delete"
    page.keyboard.press("ArrowDown")
    assert focused(page)["text"] == "Edit"  # wraps around
    page.keyboard.press("ArrowUp")
    assert focused(page)["text"] == "Delete"
    page.keyboard.press("Home")
    assert focused(page)["text"] == "Edit"
    tab_stops = menu.evaluate("m => [...m.querySelectorAll('[role=menuitem]')].map(i => i.tabIndex)")
    assert tab_stops == [0, -1, -1, -1, -1]  # roving tab index (Edit, Move…, Move to theme…, Link to…, Delete)
    page.keyboard.press("Escape")
    assert menu.is_hidden()
    assert focused(page) == {"card": first_id, "role": None, "text": focused(page)["text"], "isCard": True}
    # Shift+F10 opens it too; "Move…" opens the move menu, and cancelling it comes back to the card.
    page.keyboard.press("Shift+F10")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_selector("#move-dialog[open]")
    page.keyboard.press("Escape")
    page.wait_for_selector("#move-dialog", state="hidden")
    # The dialog's "close" event (which returns focus) is queued after it hides, so await the focus.
    page.wait_for_function("id => document.activeElement?.matches(`.card[data-card-id='${id}']`)", arg=first_id)
    assert focused(page)["card"] == first_id and focused(page)["isCard"]
    # The pointer way: the menu button toggles the menu.
    cards.first.locator(".card-menu-button").click()
    assert menu.is_visible()
    cards.first.locator(".card-menu-button").click()
    assert menu.is_hidden()
    assert "full stop" in page.locator("#kbd-help").text_content()


def test_a_move_that_changes_the_kind_says_so(board_page, live_server, bearer):
    page = board_page
    card = new_card(live_server, bearer, "empathize", "A pain point to move", kind="pain_point")
    page.wait_for_selector(f'.card[data-card-id="{card["id"]}"]')
    page.locator(f'.card[data-card-id="{card["id"]}"]').focus()
    page.keyboard.press("Alt+ArrowRight")
    page.wait_for_function("() => document.querySelector('#board-status').textContent.includes('Its kind is now')")
    status = page.locator("#board-status").text_content()
    assert status.startswith("Moved to Ideate, place ")
    assert "Its kind is now Idea; moving it back to Empathize restores Pain point." in status, status


def test_lanes_scroll_on_their_own_on_a_desktop(board_page, long_lane):
    page = board_page
    sizes = page.evaluate("""() => {
        const list = document.querySelector('.lane-cards[data-stage="ideate"]');
        const add = document.querySelector('#add-ideate').getBoundingClientRect();
        return {page: document.documentElement.scrollHeight, viewport: innerHeight,
                scroll: list.scrollHeight, client: list.clientHeight, addBottom: add.bottom};
    }""")
    assert sizes["page"] <= sizes["viewport"] + 1, sizes  # no 5,000 px page
    assert sizes["scroll"] > sizes["client"] + 500, sizes  # the lane scrolls instead
    assert sizes["addBottom"] <= sizes["viewport"], sizes  # the add box is on screen
    page.fill("#add-ideate", "Added at the bottom")
    page.press("#add-ideate", "Enter")
    page.wait_for_selector('.card:not(.pending) >> text="Added at the bottom"')
    # Scrolled to it, and still in view after the lane is redrawn by the card's own `ops` frame (which may
    # land between two reads: the geometry is read in one go, in the page, until it holds).
    page.wait_for_function("""() => {
        const lane = document.querySelector('.lane-cards[data-stage="ideate"]').getBoundingClientRect();
        const card = [...document.querySelectorAll('.card:not(.pending)')]
            .find(element => element.textContent.includes('Added at the bottom'));
        if (!card) return false;
        const box = card.getBoundingClientRect();
        return box.height > 0 && lane.top <= box.top && box.bottom <= lane.bottom + 1;
    }""", timeout=5000)


def test_the_visible_lane_scrolls_within_a_phone_screen(chromium, live_server, long_lane):
    context, page, errors = open_board(chromium, live_server, "th-TH", 390, 844, email="member@govlab.test",
                                       has_touch=True, is_mobile=True)
    page.locator('.lane-tabs [data-stage="ideate"]').tap()
    sizes = page.evaluate("""() => {
        const lane = document.querySelector('.lane[data-stage="ideate"]').getBoundingClientRect();
        const list = document.querySelector('.lane-cards[data-stage="ideate"]');
        return {page: document.documentElement.scrollHeight, viewport: innerHeight, lane: lane.height,
                scroll: list.scrollHeight, client: list.clientHeight};
    }""")
    assert sizes["lane"] <= sizes["viewport"], sizes
    assert sizes["scroll"] > sizes["client"] + 500, sizes
    assert sizes["page"] < 2 * sizes["viewport"], sizes
    page.locator("#add-ideate").scroll_into_view_if_needed()
    box = page.locator("#add-ideate").bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= sizes["viewport"]
    # The card menu by touch.
    card = page.locator('.lane-cards[data-stage="ideate"] .card').first
    card.scroll_into_view_if_needed()
    card.locator(".card-menu-button").tap()
    assert page.locator('#card-menu [role="menuitem"]').all_text_contents() == [
        "แก้ไข", "ย้าย…", "จัดเข้าธีม…", "เชื่อมโยงกับ…", "ลบ"]
    context.close()
    assert errors == [], errors


def fire(page, event, payload):
    """Hand `payload` to the page's socket handlers as if the server had sent `event`."""
    page.evaluate("""([event, payload]) => {
        for (const handler of window.govlabBoard.connection.socket.listeners(event)) handler(payload);
    }""", [event, payload])


def test_read_only_revocation_keeps_the_board_live_but_not_editable(board_page, live_server, bearer):
    page = board_page
    fire(page, "revoked", {"reason": "demoted", "project_id": BOARD, "read_only": True})
    notice = page.locator("#access-notice")
    assert notice.text_content() == ("You are now an observer of this board: you can read it but no longer change it.")
    assert page.locator(".card-menu-button").count() == 0
    assert page.locator(".lane-add").first.is_hidden()
    assert page.locator("#connection-status").text_content() == "Live · Read-only"
    new_card(live_server, bearer, "test", "Still seen live")  # the socket stays on the board
    page.wait_for_selector('.lane-cards[data-stage="test"] >> text="Still seen live"')


def test_revocation_off_the_board_says_why(board_page):
    page = board_page
    fire(page, "revoked", {"reason": "private", "project_id": BOARD})
    page.wait_for_selector('#connection-status[data-state="revoked"]')
    assert "no longer have access" in page.locator("#connection-status").text_content()
    assert page.locator("#access-notice").text_content() == "This board was made private."
    assert page.locator(".card-menu-button").count() == 0
    # A revocation for another board is not ours.
    fire(page, "revoked", {"reason": "archived", "project_id": BOARD + 100})
    assert page.locator("#access-notice").text_content() == "This board was made private."


def test_a_seq_ahead_of_the_client_makes_it_resync(board_page, live_server, bearer):
    page = board_page
    # Stop listening to ops frames (as if they were lost on the way), then change the board. The server's
    # own `seq` heartbeat (every 5 s) would resync the page on its own: its handlers are set aside and
    # called by the test alone.
    page.evaluate("""() => { const socket = window.govlabBoard.connection.socket;
        window.seqHandlers = socket.listeners('seq'); socket.off('ops'); socket.off('seq'); }""")
    card = new_card(live_server, bearer, "prototype", "Missed while ops were lost")
    status, board = http_json("GET", f"{live_server.url}/api/v1/projects/{BOARD}/board", token=bearer)
    assert status == 200
    assert page.evaluate("() => window.govlabBoard.connection.lastSeq") < board["seq"]
    assert page.locator(f'.card[data-card-id="{card["id"]}"]').count() == 0
    page.evaluate("payload => window.seqHandlers.forEach((handler) => handler(payload))",
                  {"project_id": BOARD, "seq": board["seq"]})
    page.wait_for_selector(f'.card[data-card-id="{card["id"]}"]')
    assert page.evaluate("() => window.govlabBoard.connection.lastSeq") == board["seq"]


def test_lane_respace_reconciles_every_card_of_the_lane(board_page):
    page = board_page
    before = page.locator('.lane-cards[data-stage="empathize"] .card').evaluate_all(
        "els => els.map(e => Number(e.dataset.cardId))")
    assert len(before) >= 2
    # New evenly spaced keys in the reverse order, one version up (what a respace Event carries).
    page.evaluate("""ids => {
        const board = window.govlabBoard;
        const cards = ids.map((id, index) => ({...board.cards.get(id), version: board.cards.get(id).version + 1,
                                                position: 'a' + String(ids.length - index).padStart(3, '1')}));
        board.applyEvent({type: 'lane.respace', seq: 0, payload: {stage: 'empathize', cards}});
    }""", before)
    after = page.locator('.lane-cards[data-stage="empathize"] .card').evaluate_all(
        "els => els.map(e => Number(e.dataset.cardId))")
    assert after == list(reversed(before))


def test_a_new_card_never_shows_twice(board_page):
    """The room's copy of our new card can arrive before our ack: it replaces the pending card, no double."""
    titles = [f"Only once, card {letter}" for letter in "ABC"]
    board_page.evaluate("""(titles) => {
        window.__mostCopies = 0;
        const copies = (title) => [...document.querySelectorAll('#board .card-title')]
            .filter((node) => node.textContent === title).length;
        new MutationObserver(() => {
            for (const title of titles) window.__mostCopies = Math.max(window.__mostCopies, copies(title));
        }).observe(document.getElementById('board'), { childList: true, subtree: true, characterData: true });
    }""", titles)
    for title in titles:  # the room's copy and the ack race: try a few times
        board_page.fill("#add-test", title)
        board_page.press("#add-test", "Enter")
        board_page.wait_for_function("""(title) => [...document.querySelectorAll('#board .card:not(.pending) .card-title')]
            .some((node) => node.textContent === title)""", arg=title)
        board_page.wait_for_function("() => document.querySelectorAll('#board .card.pending').length === 0")
    assert board_page.evaluate("window.__mostCopies") == 1


def test_someone_elses_change_keeps_the_lane_scrolled_and_the_card_menu_open(board_page, live_server, bearer,
                                                                              long_lane):
    page = board_page
    lane = '.lane-cards[data-stage="ideate"]'
    page.evaluate(f"document.querySelector('{lane}').scrollTop = 600")
    card = page.locator(f"{lane} .card", has_text="Idea number 12")
    card.focus()
    page.keyboard.press("Shift+F10")
    page.wait_for_selector("#card-menu:not([hidden])")
    before = page.evaluate(f"document.querySelector('{lane}').scrollTop")
    new_card(live_server, bearer, "ideate", "An idea from another member")  # the lane is drawn again
    page.wait_for_selector(f'{lane} .card-title:text("An idea from another member")', state="attached")
    assert page.evaluate(f"document.querySelector('{lane}').scrollTop") == before
    assert page.locator("#card-menu").is_visible()  # a redrawn lane does not close the menu
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.closest('.card')?.textContent ?? ''").find("Idea number 12") >= 0
