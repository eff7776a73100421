"""Follow-me and anonymous mode in two real browsers: the facilitator leads, a participant's board follows,
steps away and comes back; with anonymous mode on, the participant's browser shows no author's name.
Screenshots (English and Thai, desktop and phone) go to docs/screenshots and /tmp/shots-anonfollow."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser.test_board_flow import SCREENSHOTS, sign_in

PROJECT = 2  # the demo's private project: facilitator Somsri, members Anan and Malee
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 900}
SHOTS = Path("/tmp/shots-anonfollow")
OTHERS = ("Somsri", "สมศรี", "Malee", "มาลี")  # names the member Anan must not see while anonymous (Somsri wrote cards)


def open_board(chromium, live_server, email, locale, viewport):
    context = chromium.new_context(locale=locale, viewport=viewport, has_touch=viewport is PHONE)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, live_server.url, email)
    page.goto(f"{live_server.url}/projects/{PROJECT}/board")
    page.wait_for_selector('#connection-status[data-state="online"]')
    return context, page, errors


def shoot(page, name, commit=False):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / name))
    if commit:
        shutil.copy(SHOTS / name, SCREENSHOTS / name)


def plan_workshop(page, title):
    page.click('[data-ws="plan"]')
    page.fill("#ws-plan-title", title)
    page.fill("#ws-a-instruction-1", "Look at the prototypes together.")
    page.click('[data-ws="create"]')
    page.wait_for_selector(f'#ws-title:has-text("{title}")')


def in_view(page, selector) -> bool:
    return page.evaluate("""(selector) => {
        const box = document.querySelector(selector)?.getBoundingClientRect();
        return Boolean(box) && box.width > 0 && box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth;
    }""", selector)


@pytest.fixture
def pair(chromium, live_server):
    """The facilitator on a desktop in English and the member Anan on a phone in Thai."""
    opened = [open_board(chromium, live_server, "facilitator@govlab.test", "en-US", DESKTOP),
              open_board(chromium, live_server, "member@govlab.test", "th-TH", PHONE)]
    yield opened[0][1], opened[1][1]
    for context, _page, errors in opened:
        context.close()
        assert errors == [], errors


def test_the_facilitator_leads_the_participant_steps_away_and_comes_back(pair):
    facilitator, phone = pair
    plan_workshop(facilitator, "Prototype walk-through")
    target = facilitator.locator('.lane-cards[data-stage="test"] .card').first
    card_id = target.get_attribute("data-card-id")
    target.click()
    facilitator.wait_for_selector(f'#ws-follow-target option[value="card:{card_id}"]', state="attached")
    facilitator.select_option("#ws-follow-target", f"card:{card_id}")
    facilitator.click('[data-ws="bring"]')
    followed = f'.card.follow-target[data-card-id="{card_id}"]'
    phone.wait_for_selector(followed)
    assert phone.get_attribute('.lane[data-stage="test"]', "class").split().count("active") == 1
    phone.wait_for_function(f"""() => {{
        const box = document.querySelector('{followed}').getBoundingClientRect();
        return box.top >= 0 && box.bottom <= innerHeight; }}""")
    assert "ผู้นำกิจกรรมพาทุกคนไปที่" in phone.text_content("#board-status")  # said to screen readers
    phone.wait_for_selector('.follow-pill [data-follow="stop"]')
    facilitator.wait_for_selector(followed)  # the facilitator sees where everyone is
    shoot(phone, "follow-me-phone-th.png", commit=True)
    shoot(facilitator, "follow-me-facilitator-en.png", commit=True)

    # the participant steps away: another lane's tab; the facilitator's next move no longer pulls them
    phone.click("#tab-empathize")
    phone.wait_for_selector('.follow-pill [data-follow="back"]')
    facilitator.select_option("#ws-follow-target", "stage:ideate")
    facilitator.click('[data-ws="bring"]')
    phone.wait_for_selector('.lane.follow-lane[data-stage="ideate"]', state="attached")
    assert "active" in phone.get_attribute('.lane[data-stage="empathize"]', "class")
    phone.wait_for_function("() => document.getElementById('board-status').textContent.includes('กลับไปหาผู้นำกิจกรรม')")
    shoot(phone, "follow-me-away-phone-th.png")

    # "Back to facilitator", by keyboard: the lane the facilitator is on now, the keyboard focus in it
    facilitator.locator(f'.card[data-card-id="{card_id}"]').click()
    facilitator.keyboard.press("f")  # F on a card leads everyone to it
    phone.wait_for_selector('.follow-pill:has-text("ผู้นำกิจกรรมอยู่ที่การ์ด")')
    phone.focus('.follow-pill [data-follow="back"]')
    phone.keyboard.press("Enter")
    phone.wait_for_selector('.follow-pill [data-follow="stop"]')
    assert "active" in phone.get_attribute('.lane[data-stage="test"]', "class")
    assert phone.evaluate("document.activeElement.dataset.cardId") == card_id
    assert in_view(phone, followed)

    # a late joiner (or a reload) lands on the focus too
    phone.reload()
    phone.wait_for_selector(followed)
    assert "active" in phone.get_attribute('.lane[data-stage="test"]', "class")
    facilitator.click('[data-ws="stop-leading"]')
    phone.wait_for_selector(".follow-pill", state="hidden")
    assert phone.locator(".follow-target").count() == 0


def test_anonymous_mode_hides_authors_in_the_participants_browser(chromium, live_server):
    opened = [open_board(chromium, live_server, "facilitator@govlab.test", "th-TH", PHONE),
              open_board(chromium, live_server, "member@govlab.test", "en-US", DESKTOP)]
    facilitator, member = opened[0][1], opened[1][1]
    try:
        assert any(name in member.text_content("#board") for name in OTHERS)  # names show before
        facilitator.click('[data-ws="anonymous"]')  # with the board's actions: no workshop needed
        member.wait_for_selector(".anon-banner:not([hidden])")
        member.wait_for_function("() => document.body.dataset.anonymous === 'true'")
        member.fill("#add-empathize", "Anan's own idea")
        member.press("#add-empathize", "Enter")
        own = member.locator('.card:has-text("Anan\'s own idea") .card-meta')
        own.wait_for()
        # The ack names the author of one's own card (demo cards already say "You", so wait on this one).
        member.wait_for_function("""() => [...document.querySelectorAll('.card:not(.pending)')].some((card) =>
            card.textContent.includes("Anan's own idea") && card.querySelector('.card-meta')?.textContent === 'You')""")
        text = member.text_content("#board") + member.text_content("#presence") + member.text_content(".live-bar")
        assert not any(name in text for name in OTHERS), text
        assert "You" in own.text_content()
        first = member.locator(".card").first
        first.click()
        first.press("Enter")
        member.wait_for_selector("#card-dialog[open] #cd-composer:not([hidden])")  # the thread has loaded
        assert not any(name in member.text_content("#card-dialog") for name in OTHERS)
        member.keyboard.press("Escape")
        facilitator.wait_for_function("""() => [...document.querySelectorAll('.card-meta')]
            .some((m) => m.textContent.includes('Anan'))""")  # facilitators still see authors
        shoot(member, "anonymous-member-en.png", commit=True)
        shoot(facilitator, "anonymous-facilitator-phone-th.png", commit=True)

        facilitator.on("dialog", lambda dialog: dialog.accept())
        facilitator.click('[data-ws="anonymous"][data-on="true"]')
        member.wait_for_selector(".anon-banner", state="hidden")
        member.wait_for_function(f"""() => {list(OTHERS)!r}.some((name) =>
            document.getElementById('board').textContent.includes(name))""")  # turning it off shows them again
    finally:
        for context, _page, errors in opened:
            context.close()
            assert errors == [], errors
