"""A short workshop in three browsers: plan, start, one timer on every screen, silent brainstorm, reveal,
dot vote and its ranking live everywhere, a suggested theme accepted live everywhere, lock, projector view and summary. Screenshots for the docs."""
from __future__ import annotations

import re

import pytest

from tests.browser.test_board_flow import SCREENSHOTS, sign_in

PROJECT = 2  # the demo's private project: facilitator Somsri, members Anan and Malee
SECRET = "Queue numbers are confusing"


def open_board(chromium, live_server, email, locale="en-US", viewport=None):
    context = chromium.new_context(locale=locale, viewport=viewport or {"width": 1400, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, live_server.url, email)
    page.goto(f"{live_server.url}/projects/{PROJECT}/board")
    page.wait_for_selector('#connection-status[data-state="online"]')
    return context, page, errors


@pytest.fixture
def room(chromium, live_server):
    opened = [open_board(chromium, live_server, "facilitator@govlab.test"),
              open_board(chromium, live_server, "member@govlab.test"),
              open_board(chromium, live_server, "ngo@govlab.test", locale="th-TH", viewport={"width": 390, "height": 844})]
    yield [page for _context, page, _errors in opened]
    for context, _page, errors in opened:
        context.close()
        assert errors == [], errors


def seconds(text: str) -> int:
    minutes, secs = text.strip().split(":")[-2:]
    return int(minutes) * 60 + int(secs)


def test_a_short_workshop_in_three_browsers(room, live_server):
    facilitator, member, phone = room
    facilitator.click('[data-ws="plan"]')
    facilitator.fill("#ws-plan-title", "Clinic queue sprint")
    facilitator.select_option("#ws-a-kind-1", "silent_brainstorm")
    facilitator.fill("#ws-a-instruction-1", "Write the pain points you saw, one per card.")
    facilitator.click("text=Add an activity")
    facilitator.select_option("#ws-a-kind-2", "vote")
    facilitator.fill("#ws-a-minutes-2", "2")
    facilitator.fill("#ws-a-instruction-2", "Give your dots to the pains that matter most.")
    facilitator.click('[data-ws="create"]')
    facilitator.click('[data-ws="start"]')
    for page in room:
        page.wait_for_selector('#ws-instruction:has-text("Write the pain points")')
        page.wait_for_selector('#ws-timer[data-state="running"]')
    shown = [seconds(page.text_content("#ws-timer")) for page in room]
    assert max(shown) - min(shown) <= 1, shown  # the same timer on every screen
    assert 280 <= shown[0] <= 300

    # silent brainstorm: the member's card is a hidden note; the phone sees only a count
    member.fill("#add-empathize", SECRET)
    member.press("#add-empathize", "Enter")
    member.wait_for_selector(f'.ws-note:has-text("{SECRET}")')
    facilitator.wait_for_selector(f'.ws-note:has-text("{SECRET}")')
    phone.wait_for_selector(".ws-counts li")
    assert SECRET not in phone.content()
    phone.screenshot(path=str(SCREENSHOTS / "workshop-silent-phone-th.png"), full_page=False)
    facilitator.screenshot(path=str(SCREENSHOTS / "workshop-facilitator-en.png"), full_page=False)

    facilitator.click('[data-ws="reveal"]')
    for page in room:
        page.wait_for_selector(f'.lane-cards[data-stage="empathize"] .card-title:has-text("{SECRET}")')

    # a dot vote with a budget of 2 on the empathy lane, results hidden until it closes
    facilitator.click('[data-ws="skip"]')
    facilitator.select_option("#ws-vote-stage", "empathize")
    facilitator.fill("#ws-vote-budget", "2")
    facilitator.click('[data-ws="open-vote"]')
    for page in (member, phone):
        item = page.locator(f'[data-ballot-card]:has-text("{SECRET}")')
        item.locator("button", has_text="+").click()
        page.wait_for_selector(f'[data-ballot-card]:has-text("{SECRET}") .ws-dots:has-text("●")')
    member.screenshot(path=str(SCREENSHOTS / "workshop-vote-en.png"), full_page=False)
    facilitator.click('[data-ws="close-vote"]')
    for page in room:
        first = page.locator(".ws-results li").first
        first.wait_for()
        assert SECRET in first.text_content() and "2" in first.text_content()
    phone.screenshot(path=str(SCREENSHOTS / "workshop-results-phone-th.png"), full_page=False)

    # affinity themes: two more cards about queue numbers; the facilitator accepts the suggested theme
    for title in ("Queue numbers skip around", "The queue numbers screen is too small"):
        member.fill("#add-empathize", title)
        member.press("#add-empathize", "Enter")
        facilitator.wait_for_selector(f'.lane-cards[data-stage="empathize"] .card-title:has-text("{title}")')
    facilitator.click('[data-themes="suggest"]')
    facilitator.select_option("#theme-suggest-stage", "empathize")
    facilitator.click('[data-themes="ask"]')
    suggestion = facilitator.locator(".theme-suggestion", has_text=SECRET)
    suggestion.wait_for()
    suggestion.locator('[data-themes="accept"]').click()
    for page in room:
        page.locator('.lane-cards[data-stage="empathize"] .theme[data-theme-id] .card-title',
                     has_text=SECRET).wait_for(state="attached")
    facilitator.click('[data-themes="close"]')
    theme_name = facilitator.locator('.lane-cards[data-stage="empathize"] .theme[data-theme-id]',
                                     has=facilitator.locator(".card-title", has_text=SECRET)).locator(".theme-name")
    theme_name = theme_name.text_content().strip()

    # lock: the member's add boxes stop and say why
    facilitator.click('[data-ws="lock"]')
    member.wait_for_selector(".ws-lock:not([hidden])")
    assert member.evaluate("document.body.dataset.boardLocked") == "true"

    projector = facilitator.context.new_page()
    projector.set_viewport_size({"width": 1280, "height": 720})
    projector.goto(f"{live_server.url}/projects/{PROJECT}/workshop/projector")
    projector.wait_for_selector('#pj-timer[data-state="running"]')
    projector.wait_for_selector("#pj-results:not([hidden])")
    assert abs(seconds(projector.text_content("#pj-timer")) - seconds(facilitator.text_content("#ws-timer"))) <= 1
    projector.screenshot(path=str(SCREENSHOTS / "workshop-projector-en.png"))
    projector.goto(f"{live_server.url}/projects/{PROJECT}/workshop/summary")
    projector.wait_for_selector("h1:has-text('Clinic queue sprint')")
    assert SECRET in projector.content()
    projector.locator(".ws-theme", has_text=theme_name).wait_for()  # the accepted theme is in the summary
    projector.screenshot(path=str(SCREENSHOTS / "workshop-summary-en.png"), full_page=True)
    facilitator.click('[data-ws="lock"]')  # unlock again
    member.wait_for_selector(".ws-lock[hidden]", state="attached")
    assert re.search(r"\d+:\d\d", member.text_content("#ws-timer"))
