"""A person closes their own account from the profile page, on a phone in Thai and on a desktop in English:
a wrong password is a clear error, the ticked box closes it, and the address can sign in no more."""
from __future__ import annotations

import re

import pytest

from tests.browser.test_accessibility import AXE, AXE_PATH, run_axe
from tests.browser.test_board_flow import SCREENSHOTS

PASSWORD = "a long citizen passphrase"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


@pytest.mark.parametrize("locale,viewport,device", [("th-TH", PHONE, "phone"), ("en-US", DESKTOP, "desktop")])
def test_a_citizen_closes_the_account(chromium, live_server, locale, viewport, device):
    language = locale[:2]
    email = f"citizen-{language}@example.org"
    live_server.cli("user", "create", "--email", email, "--name", "สมชาย รักดี", "--password", PASSWORD)
    context = chromium.new_context(locale=locale, viewport=viewport, is_mobile=device == "phone",
                                   has_touch=device == "phone")
    page = context.new_page()
    page.route("**" + AXE_PATH, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    base = live_server.url
    page.goto(base + "/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("form button.btn-primary")
    page.wait_for_url(re.compile(r".*/(projects|me/contributions)$"))
    page.goto(base + "/profile#close-account")
    section = page.locator("#close-account")
    section.scroll_into_view_if_needed()
    close = "ปิดบัญชีของฉัน" if language == "th" else "Close my account"
    page.fill("#close-password", "not my password")
    page.check("#close-confirm")
    section.get_by_role("button", name=close).click()
    page.wait_for_selector("#close-account .field-error")
    page.locator("#close-account").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / f"account-close-error-{language}-{device}.png"))
    assert run_axe(page, base) == []
    page.fill("#close-password", PASSWORD)
    page.check("#close-confirm")
    page.locator("#close-account").get_by_role("button", name=close).click()
    page.wait_for_url(re.compile(r".*/$"))
    page.wait_for_selector(".flash-success")
    page.screenshot(path=str(SCREENSHOTS / f"account-closed-{language}-{device}.png"))
    page.goto(base + "/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("form button.btn-primary")
    page.wait_for_selector(".form-error, .flash-error, .field-error")
    assert "/login" in page.url
    context.close()
    assert errors == []
