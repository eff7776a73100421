"""The pages around mail in a real browser: check your inbox, unconfirmed sign-in, forgot and reset password,
the admin outbox. Screenshots in Thai and English, phone and desktop (docs/screenshots/)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.test_board_flow import sign_in

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SIZES = [("en-US", 1366, 900, "desktop"), ("th-TH", 1366, 900, "desktop"),
         ("en-US", 390, 844, "phone"), ("th-TH", 390, 844, "phone")]


def _reset_link(server, email: str) -> str:
    """A one-time reset link from `govlab user reset-password`, on this server's address."""
    env = {**server.env, "GOVLAB_BASE_URL": server.url}
    result = subprocess.run([sys.executable, "-m", "govlab", "user", "reset-password", email], env=env,
                            capture_output=True, text=True, timeout=120, check=True)
    return result.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize("locale,width,height,size", SIZES)
def test_mail_pages(chromium, live_server, locale, width, height, size):
    phone = size == "phone"
    context = chromium.new_context(locale=locale, viewport={"width": width, "height": height},
                                   has_touch=phone, is_mobile=phone)
    page = context.new_page()
    lang = locale[:2]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    email = f"new-{lang}-{size}@example.org"

    page.goto(live_server.url + "/register")
    page.fill("#name", "มาลี ทดสอบ" if lang == "th" else "Malee Test")
    page.fill("#email", email)
    page.fill("#password", "a long and unusual phrase 7")
    page.click("form button.btn-primary")
    page.wait_for_url("**/register/sent")
    assert page.locator("html").get_attribute("lang") == lang
    assert email in page.locator("main").inner_text()
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(SCREENSHOTS / f"check-inbox-{lang}-{size}.png"))

    page.goto(live_server.url + "/login")
    page.fill("#email", email)
    page.fill("#password", "a long and unusual phrase 7")
    page.click("form button.btn-primary")
    page.wait_for_selector("form.resend button")
    page.screenshot(path=str(SCREENSHOTS / f"login-unconfirmed-{lang}-{size}.png"))

    page.click("text=" + ("ลืมรหัสผ่าน?" if lang == "th" else "Forgot your password?"))
    page.wait_for_url("**/password/forgot")
    page.fill("#email", "member@govlab.test")
    page.screenshot(path=str(SCREENSHOTS / f"forgot-{lang}-{size}.png"))
    page.click("form button.btn-primary")
    page.wait_for_url("**/password/forgot/sent")
    page.screenshot(path=str(SCREENSHOTS / f"forgot-sent-{lang}-{size}.png"))

    page.goto(_reset_link(live_server, "observer@govlab.test"))
    page.fill("#new", "short")
    page.click("form button.btn-primary")
    page.wait_for_selector(".field-error")
    page.screenshot(path=str(SCREENSHOTS / f"reset-{lang}-{size}.png"))

    sign_in(page, live_server.url, "admin@govlab.test")
    page.goto(live_server.url + "/admin/outbox")
    assert "member@govlab.test" in page.locator("main").inner_text()
    page.screenshot(path=str(SCREENSHOTS / f"outbox-{lang}-{size}.png"), full_page=True)
    context.close()
