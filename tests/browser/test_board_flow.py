"""The flows people do on the board, in a real browser against a real server."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
LANES = ["empathize", "ideate", "prototype", "test"]


def sign_in(page, base_url, email="facilitator@govlab.test"):
    page.goto(base_url + "/login")
    page.fill("#email", email)
    page.fill("#password", "govlab-demo")
    page.click("form button.btn-primary")
    page.wait_for_url(re.compile(r".*/projects$"))


def card_action(page, card, label, tap=False):
    """Open a card's actions menu with its menu button and choose `label`."""
    button = card.locator(".card-menu-button")
    button.tap() if tap else button.click()
    item = page.locator('#card-menu [role="menuitem"]', has_text=label)
    item.tap() if tap else item.click()


def lane_titles(page, lane):
    return page.locator(f'.lane-cards[data-stage="{lane}"] .card-title').all_text_contents()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(locale="en-US", viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], errors


def test_create_project_add_cards_move_by_keyboard_and_reload(page, live_server):
    base = live_server.url
    sign_in(page, base)
    page.click("text=New project")
    page.fill("#title", "Queue-free hospital visits")
    page.fill("#hmw", "How might we let patients skip the queue?")
    page.click("form button.btn-primary")
    page.wait_for_selector("#board[data-ready=true]")
    for lane in LANES:
        page.fill(f"#add-{lane}", f"{lane} card")
        page.press(f"#add-{lane}", "Enter")
        page.wait_for_selector(f'.lane-cards[data-stage="{lane}"] .card:not(.pending) >> text="{lane} card"')
    # Keyboard: focus the ideate card, Alt+ArrowRight moves it to Prototype.
    card = page.locator('.lane-cards[data-stage="ideate"] .card', has_text="ideate card")
    card.focus()
    page.keyboard.press("Alt+ArrowRight")
    page.wait_for_selector('.lane-cards[data-stage="prototype"] .card:not(.pending) >> text="ideate card"')
    page.wait_for_function("() => document.querySelector('#board-status').textContent.startsWith('Moved to Prototype')")
    # Alt+ArrowUp puts it above the prototype card.
    page.locator('.lane-cards[data-stage="prototype"] .card', has_text="ideate card").focus()
    page.keyboard.press("Alt+ArrowUp")
    page.wait_for_function("""() => {
        const titles = [...document.querySelectorAll('.lane-cards[data-stage="prototype"] .card-title')];
        return titles.length === 2 && titles[0].textContent === 'ideate card'
            && !document.querySelector('.card.pending');
    }""")
    page.reload()
    page.wait_for_selector("#board[data-ready=true]")
    assert lane_titles(page, "empathize") == ["empathize card"]
    assert lane_titles(page, "ideate") == []
    assert lane_titles(page, "prototype") == ["ideate card", "prototype card"]
    assert lane_titles(page, "test") == ["test card"]
    kinds = page.locator('.lane-cards[data-stage="prototype"] .card').evaluate_all("els => els.map(e => e.dataset.kind)")
    assert kinds == ["prototype", "prototype"]  # the idea became a prototype when it moved


def test_edit_delete_and_restore(page, live_server):
    base = live_server.url
    sign_in(page, base)
    page.goto(base + "/projects/1/board")
    page.wait_for_selector("#board[data-ready=true]")
    first = page.locator('.lane-cards[data-stage="ideate"] .card').first
    card_action(page, first, "Edit")
    page.fill("#cd-title", "Edited in the browser")  # waits until the live text document is there
    page.select_option("#cd-color", "teal")
    page.click("#card-dialog button[value=done]")
    page.wait_for_selector('.card[data-color="teal"]:not(.pending) >> text="Edited in the browser"')
    page.on("dialog", lambda dialog: dialog.accept())
    card_action(page, page.locator(".card", has_text="Edited in the browser"), "Delete")
    page.wait_for_selector('text="Edited in the browser"', state="detached")  # at once: the page deletes optimistically
    # The server's ack: leaving the page before it would drop the queued delete.
    page.wait_for_function("() => document.getElementById('board-status').textContent === 'Card deleted.'")
    page.goto(base + "/projects/1/board?deleted=1")
    page.wait_for_selector("#board[data-ready=true]")
    card_action(page, page.locator(".card.deleted", has_text="Edited in the browser"), "Restore")
    page.wait_for_selector('.card:not(.deleted) >> text="Edited in the browser"')


def test_move_menu_works_by_touch_on_a_phone(chromium, live_server):
    context = chromium.new_context(locale="th-TH", viewport={"width": 390, "height": 844}, has_touch=True,
                                   is_mobile=True)
    page = context.new_page()
    sign_in(page, live_server.url, "member@govlab.test")
    page.goto(live_server.url + "/projects/1/board")
    page.wait_for_selector("#board[data-ready=true]")
    assert page.locator('.lane[data-stage="ideate"]').is_hidden()  # one lane at a time
    page.locator('.lane-tabs [data-stage="ideate"]').tap()
    assert page.locator('.lane[data-stage="ideate"]').is_visible()
    card = page.locator('.lane-cards[data-stage="ideate"] .card').first
    title = card.locator(".card-title").text_content()
    card_action(page, card, "ย้าย", tap=True)
    page.locator("#move-options button", has_text="ทดสอบ").tap()
    page.wait_for_selector(f'.lane-cards[data-stage="test"] .card:not(.pending) >> text="{title}"')
    assert page.locator('.lane[data-stage="test"]').is_visible()
    context.close()


@pytest.fixture(scope="module")
def crowded_board(live_server):
    """Project 2 with 30 more ideas: the Ideate lane scrolls on every screen."""
    from tests.e2e.conftest import http_json, token

    bearer = token(live_server, "facilitator@govlab.test")
    colors = ["yellow", "orange", "pink", "purple", "blue", "teal", "green", "grey"]
    for index in range(30):
        status, card = http_json("POST", f"{live_server.url}/api/v1/projects/2/cards",
                                 {"stage": "ideate", "title": f"Idea {index + 1}: รับสมัครผ่าน LINE OA",
                                  "color": colors[index % len(colors)]}, bearer)
        assert status == 201, card
    return 2


@pytest.mark.parametrize("locale,width,height,size", [
    ("en-US", 1366, 900, "desktop"), ("th-TH", 1366, 900, "desktop"),
    ("en-US", 390, 844, "phone"), ("th-TH", 390, 844, "phone")])
def test_screenshots(chromium, live_server, crowded_board, locale, width, height, size):
    """The board with a scrolling lane, an open card menu, the card dialog and the members page."""
    phone = size == "phone"
    context = chromium.new_context(locale=locale, viewport={"width": width, "height": height},
                                   has_touch=phone, is_mobile=phone)
    page = context.new_page()
    lang = locale[:2]
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/projects/{crowded_board}/board")
    page.wait_for_selector("#board[data-ready=true]")
    assert page.locator("html").get_attribute("lang") == lang
    page.evaluate("document.fonts.ready")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    if phone:
        page.locator('.lane-tabs [data-stage="ideate"]').tap()
    page.locator('.lane-cards[data-stage="ideate"]').evaluate("list => { list.scrollTop = 400; }")
    page.screenshot(path=str(SCREENSHOTS / f"board-{lang}-{size}.png"))
    if phone:  # scrolled down: the lane fills the screen under the tabs, its cards scroll inside it
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.screenshot(path=str(SCREENSHOTS / f"board-{lang}-{size}-scrolled.png"))
    card = page.locator('.lane-cards[data-stage="ideate"] .card').nth(5)
    card.scroll_into_view_if_needed()
    if phone:
        card.locator(".card-menu-button").tap()
    else:
        card.focus()
        page.keyboard.press("Shift+F10")
        page.keyboard.press("ArrowDown")
    page.wait_for_selector("#card-menu:not([hidden])")
    page.screenshot(path=str(SCREENSHOTS / f"card-menu-{lang}-{size}.png"))
    page.keyboard.press("Escape") if not phone else page.locator("#card-menu [role=menuitem]").first.tap()
    if not phone:
        page.keyboard.press("Enter")
    page.wait_for_selector("#cd-body:not([readonly])")
    page.screenshot(path=str(SCREENSHOTS / f"card-dialog-{lang}-{size}.png"))
    page.click("#card-dialog button[value=done]")
    page.goto(f"{live_server.url}/projects/{crowded_board}/members")
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(SCREENSHOTS / f"members-{lang}-{size}.png"), full_page=True)
    context.close()
