"""Two browsers: A mentions B in a comment; B's bell rises live without a reload, and the notification opens
the card with the comment in view. Plus the screenshots of the bell and the thread (Thai and English,
phone and desktop)."""
from __future__ import annotations

import re

import pytest

from tests.browser.test_accessibility import AXE, AXE_PATH, run_axe
from tests.browser.test_board_flow import SCREENSHOTS, sign_in
from tests.e2e.conftest import http_json, token

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 900}


def browser(chromium, live_server, email, locale="en-US", viewport=DESKTOP):
    context = chromium.new_context(locale=locale, viewport=viewport)
    page = context.new_page()
    page.route("**" + AXE_PATH, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, live_server.url, email)
    return context, page, errors


def open_card(page, base_url, title_part, project_id=2):
    page.goto(f"{base_url}/projects/{project_id}/board")
    page.wait_for_selector('#connection-status[data-state="online"]')
    card = page.locator(".card", has_text=title_part).first
    card.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#card-dialog[open] #cd-composer:not([hidden])")


def bell_count(page) -> int:
    element = page.locator("#bell-count")
    return int(element.get_attribute("data-count") or 0)


def test_a_mention_rings_the_other_browsers_bell_live_and_opens_the_comment(chromium, live_server):
    a_context, a, a_errors = browser(chromium, live_server, "member@govlab.test")
    b_context, b, b_errors = browser(chromium, live_server, "facilitator@govlab.test")
    try:
        before = bell_count(b)  # B stays on "My projects": its bell has its own socket
        open_card(a, live_server.url, "")
        a.click("#cd-comment-body")
        a.keyboard.type("@ศรี")
        option = a.locator("#card-dialog .mention-options [role=option]", has_text="สมศรี")
        option.wait_for()
        assert a.get_attribute("#cd-comment-body", "aria-activedescendant")
        a.keyboard.press("Enter")
        assert a.input_value("#cd-comment-body").startswith("@สมศรี ใจดี (Somsri) ")
        a.keyboard.type("please check the queue numbers")
        a.keyboard.press("Control+Enter")
        comment = a.locator("#cd-comment-list .comment", has_text="please check the queue numbers")
        comment.wait_for()
        assert comment.locator(".mention").text_content() == "@สมศรี ใจดี (Somsri)"

        b.wait_for_function(f"() => Number(document.querySelector('#bell-count').dataset.count) > {before}",
                            timeout=5000)
        assert b.locator("#bell-count").is_visible()
        assert b.url.endswith("/projects")  # no reload happened: still the same page
        b.click("#bell")
        b.wait_for_url(re.compile(r".*/notifications$"))
        newest = b.locator(".notification.unread").first
        assert "mentioned you" in newest.text_content()
        newest.locator("button").click()
        b.wait_for_url(re.compile(r".*/projects/2/board\?card=\d+&comment=\d+$"))
        target = b.locator("#cd-comment-list .comment-target")
        target.wait_for()
        assert "please check the queue numbers" in target.text_content()
        assert target.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
        assert b.evaluate("document.activeElement.classList.contains('comment-target')")
        assert bell_count(b) == before  # opened: read
    finally:
        a_context.close()
        b_context.close()
    assert a_errors == [] and b_errors == []


def test_enter_pressed_before_the_search_answers_picks_from_what_was_typed(chromium, live_server):
    """The list still shows the answer for "@" (everyone) while "ศรี" is typed; Enter at once must pick
    the one person "@ศรี" names, not the first of the earlier list."""
    context, page, errors = browser(chromium, live_server, "ngo@govlab.test")
    try:
        open_card(page, live_server.url, "")
        page.click("#cd-comment-body")
        page.keyboard.type("@")
        options = page.locator("#card-dialog .mention-options [role=option]")
        options.first.wait_for()
        assert options.count() > 1 and "สมศรี" not in options.first.text_content()
        page.keyboard.type("ศรี")
        page.keyboard.press("Enter")  # before the debounced search for "ศรี" has answered
        assert page.input_value("#cd-comment-body") == "@สมศรี ใจดี (Somsri) "
        page.keyboard.type("@ศรีxyz")  # nobody: the earlier list hides instead of offering someone else
        page.keyboard.press("Enter")
        assert page.input_value("#cd-comment-body") == "@สมศรี ใจดี (Somsri) @ศรีxyz\n"
    finally:
        context.close()
    assert errors == []


@pytest.mark.parametrize("locale", ["en", "th"])
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_screenshots_of_the_bell_and_the_thread(chromium, live_server, locale, device):
    viewport = DESKTOP if device == "desktop" else PHONE
    writer_context, writer, _ = browser(chromium, live_server, "ngo@govlab.test")
    context, page, errors = browser(chromium, live_server, "facilitator@govlab.test",
                                    "th-TH" if locale == "th" else "en-US", viewport)
    try:
        open_card(writer, live_server.url, "")
        words = "ช่วยดูตัวเลขคิวด้วยค่ะ" if locale == "th" else "Could you check the queue numbers?"
        writer.click("#cd-comment-body")
        writer.keyboard.type("@ศรี")
        writer.locator("#card-dialog .mention-options [role=option][aria-selected=true]", has_text="สมศรี").wait_for()
        writer.keyboard.press("Enter")
        writer.keyboard.type(words)
        posted = writer.locator("#cd-comment-list .comment", has_text=words)
        before = posted.count()  # the other parameters' runs posted the same words on this card
        writer.keyboard.press("Control+Enter")
        writer.wait_for_function(f"() => [...document.querySelectorAll('#cd-comment-list .comment')]"
                                 f".filter((c) => c.textContent.includes({words!r})).length > {before}")
        page.goto(f"{live_server.url}/notifications")
        page.wait_for_selector("#bell-count:not([hidden])")
        page.screenshot(path=str(SCREENSHOTS / f"notifications-bell-{locale}-{device}.png"))
        assert run_axe(page, live_server.url) == []
        page.locator(".notification.unread button").first.click()
        page.locator("#cd-comment-list .comment-target").wait_for()
        first = page.locator("#cd-comment-list .comment").first
        first.locator(".comment-actions button").first.click()  # reply, to show the composer's state
        page.keyboard.type("ขอบคุณค่ะ จะดูให้" if locale == "th" else "Thanks, on it")
        page.locator("#cd-comments").scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / f"comments-thread-{locale}-{device}.png"))
        page.keyboard.type(" @ศรี")
        page.locator("#card-dialog .mention-options [role=option]").first.wait_for()  # the list, for axe
        assert run_axe(page, live_server.url) == []  # the thread, the composer and the open member list
    finally:
        writer_context.close()
        context.close()
    assert errors == []


@pytest.mark.parametrize("path", ["/notifications", "/projects/2/board"])
def test_a_notification_made_between_the_render_and_the_sockets_connect_reaches_the_bell(chromium, live_server, path):
    """The push for it goes to a room the page's socket has not joined yet: the page must ask on connect.
    (Last in the file: its notifications stay unread and would show in the screenshots above.)
    The mention is made while the browser fetches the Socket.IO client, so before any socket of the page."""
    writer, reader = token(live_server, "ngo@govlab.test"), token(live_server, "facilitator@govlab.test")
    status, found = http_json("GET", f"{live_server.url}/api/v1/projects/2/mentionable?q=%E0%B8%A8%E0%B8%A3%E0%B8%B5", None, writer)
    assert status == 200 and len(found["members"]) == 1, found
    somsri = found["members"][0]
    status, board = http_json("GET", f"{live_server.url}/api/v1/projects/2/board", None, writer)
    assert status == 200, board
    card_id = board["cards"][0]["id"]
    status, listed = http_json("GET", f"{live_server.url}/api/v1/notifications?limit=1", None, reader)
    assert status == 200
    unread_before = listed["unread"]
    context, page, errors = browser(chromium, live_server, "facilitator@govlab.test")
    mentioned = []

    def mention_then_serve(route):
        if not mentioned:
            text = f"@{somsri['name']}"
            status, ack = http_json("POST", f"{live_server.url}/api/v1/projects/2/ops",
                                    {"type": "comment.create", "data": {"card_id": card_id, "body": f"{text} before the socket",
                                                                         "mentions": [{"user_id": somsri["id"], "text": text}]}},
                                    writer)
            mentioned.append((status, ack))
        route.continue_()

    try:
        page.route("**/vendor/socket.io.js*", mention_then_serve)
        page.goto(live_server.url + path)
        page.wait_for_function(f"() => Number(document.querySelector('#bell-count').dataset.count) === {unread_before + 1}",
                               timeout=10000)
        assert mentioned and mentioned[0][0] == 200, mentioned
        assert page.locator("#bell-count").is_visible()
        assert page.locator("#bell-count").text_content() == str(unread_before + 1)
    finally:
        context.close()
    assert errors == []
