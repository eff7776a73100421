"""A guest joins a workshop from a phone with the code on the projector, and their card appears live on the
facilitator's board. Screenshots: the join pages on a phone (Thai and English), the projector with the code
and its QR, the facilitators' code page."""
from __future__ import annotations

import re

import pytest

from tests.browser.test_accessibility import AXE, AXE_PATH, run_axe
from tests.browser.test_board_flow import SCREENSHOTS, sign_in

PROJECT = 2  # the demo's private project: facilitator Somsri
PHONE = {"width": 390, "height": 844}
CARD = "ไม่มีที่นั่งรอหน้าคลินิก"


@pytest.fixture
def facilitator(chromium, live_server):
    context = chromium.new_context(locale="en-US", viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.route("**" + AXE_PATH, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, live_server.url, "facilitator@govlab.test")
    yield page
    context.close()
    assert errors == [], errors


def _plan_workshop(page, base):
    page.goto(f"{base}/projects/{PROJECT}/board")
    page.wait_for_selector('#connection-status[data-state="online"]')
    page.click('[data-ws="plan"]')
    page.fill("#ws-plan-title", "Clinic queue sprint")
    page.fill("#ws-a-instruction-1", "Write the pain points you saw, one per card.")
    page.click('[data-ws="create"]')
    page.wait_for_selector('#ws-title:has-text("Clinic queue sprint")')


def test_a_guest_joins_by_code_on_a_phone_and_adds_a_card_the_facilitator_sees_live(chromium, live_server,
                                                                                   facilitator):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    _plan_workshop(facilitator, base)
    facilitator.click("text=Guests join by code")
    facilitator.wait_for_url(re.compile(r".*/workshop/guests$"))
    facilitator.click("text=Make the code")
    code = facilitator.text_content(".join-big-code").strip()
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", code), code
    facilitator.wait_for_function("() => document.querySelector('.join-qr').naturalWidth > 0")
    facilitator.screenshot(path=str(SCREENSHOTS / "guest-codes-en-desktop.png"), full_page=True)
    facilitator.reload()  # without the flash message (base.html's <ul role="status"> is an axe finding of its own)
    assert run_axe(facilitator, base) == []

    projector = facilitator.context.new_page()
    projector.set_viewport_size({"width": 1280, "height": 720})
    projector.goto(f"{base}/projects/{PROJECT}/workshop/projector")
    projector.wait_for_selector(f'#pj-join-code:has-text("{code}")')
    projector.wait_for_function("() => document.getElementById('pj-join-qr').naturalWidth > 0")
    projector.wait_for_selector('#pj-title:has-text("Clinic queue sprint")')
    projector.wait_for_selector('#pj-timer:not(:has-text("--"))')
    projector.screenshot(path=str(SCREENSHOTS / "guest-projector-en-desktop.png"))

    facilitator.goto(f"{base}/projects/{PROJECT}/board")
    facilitator.wait_for_selector('#connection-status[data-state="online"]')

    english = chromium.new_context(locale="en-US", viewport=PHONE, is_mobile=True, has_touch=True)
    page = english.new_page()
    page.goto(f"{base}/join")
    page.screenshot(path=str(SCREENSHOTS / "guest-join-en-phone.png"))
    page.fill("#join-code", "ABCD-EFG0")  # a zero, which no code has
    page.locator("form.join-code-form button").tap()
    page.wait_for_selector("#join-code-error")
    assert page.get_attribute("#join-code", "aria-invalid") == "true"
    page.screenshot(path=str(SCREENSHOTS / "guest-join-error-en-phone.png"))
    english.close()

    phone_context = chromium.new_context(locale="th-TH", viewport=PHONE, is_mobile=True, has_touch=True)
    phone = phone_context.new_page()
    phone.route("**" + AXE_PATH, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    errors = []
    phone.on("pageerror", lambda error: errors.append(str(error)))
    phone.goto(f"{base}/join")
    assert phone.get_attribute("html", "lang") == "th"
    assert run_axe(phone, base) == []
    phone.fill("#join-code", code.lower().replace("-", " "))  # as typed on a phone: lower case, a space
    phone.screenshot(path=str(SCREENSHOTS / "guest-join-th-phone.png"))
    phone.locator("form.join-code-form button").tap()
    phone.wait_for_selector("#name")
    phone.fill("#name", "นก (Nok)")
    phone.fill("#organisation", "สภาเด็กและเยาวชนตำบล")
    phone.select_option("#sector", "civil_society")
    phone.screenshot(path=str(SCREENSHOTS / "guest-join-form-th-phone.png"))
    assert run_axe(phone, base) == []
    phone.locator("form.join-form button[type=submit]").tap()
    phone.wait_for_url(re.compile(rf".*/projects/{PROJECT}/board$"))
    phone.wait_for_selector('#connection-status[data-state="online"]')
    assert phone.locator(".user-menu .badge-guest").count() == 1
    phone.fill("#add-empathize", CARD)
    phone.press("#add-empathize", "Enter")
    facilitator.wait_for_selector(f'.lane-cards[data-stage="empathize"] .card-title:has-text("{CARD}")')
    facilitator.wait_for_selector('#presence .presence-chip[data-guest="true"]:has-text("Nok")')
    phone.wait_for_selector(f'.lane-cards[data-stage="empathize"] .card-title:has-text("{CARD}")')
    phone.screenshot(path=str(SCREENSHOTS / "guest-board-th-phone.png"))
    phone.evaluate("window.scrollTo(0, 0)")
    phone.screenshot(path=str(SCREENSHOTS / "guest-board-top-th-phone.png"))
    facilitator.locator(f'.card-title:has-text("{CARD}")').scroll_into_view_if_needed()
    facilitator.screenshot(path=str(SCREENSHOTS / "guest-board-facilitator-en-desktop.png"))

    phone.goto(f"{base}/projects/1/board")  # the demo's public project: not for this guest
    assert "404" in phone.title() or phone.locator("h1").count() >= 1
    assert CARD not in phone.content()
    response = phone.request.get(f"{base}/api/v1/projects/1")
    assert response.status == 404

    # The workshop runs over: the facilitator gives the code an hour more, and the guest stays in.
    facilitator.goto(f"{base}/projects/{PROJECT}/workshop/guests")
    row = facilitator.locator(".join-codes tbody tr", has_text=code)
    until_before = row.locator("td").nth(3).text_content()
    row.locator("select[name=minutes]").select_option("60")
    row.get_by_role("button", name=f"Extend the code {code}").click()
    facilitator.wait_for_selector(f'.flash-success:has-text("{code}")')
    assert facilitator.locator(".join-codes tbody tr", has_text=code).locator("td").nth(3).text_content() \
        != until_before
    facilitator.screenshot(path=str(SCREENSHOTS / "guest-codes-extended-en-desktop.png"), full_page=True)
    phone.goto(f"{base}/projects/{PROJECT}/board")  # still a guest of the workshop
    phone.wait_for_selector('#connection-status[data-state="online"]')
    phone_context.close()
    assert errors == [], errors

    thai = chromium.new_context(locale="th-TH", viewport=PHONE, is_mobile=True, has_touch=True)
    codes_page = thai.new_page()
    codes_page.route("**" + AXE_PATH, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    sign_in(codes_page, base, "facilitator@govlab.test")
    codes_page.goto(f"{base}/projects/{PROJECT}/workshop/guests")
    extend = codes_page.locator(".join-codes tbody tr", has_text=code).get_by_role("button",
                                                                                name=f"ขยายเวลารหัส {code}")
    extend.scroll_into_view_if_needed()
    assert extend.is_visible()
    codes_page.screenshot(path=str(SCREENSHOTS / "guest-codes-th-phone.png"), full_page=True)
    assert run_axe(codes_page, base) == []
    thai.close()
