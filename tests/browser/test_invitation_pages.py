"""Invitations in a real browser: a facilitator invites an address with no account; following the mailed link a
new person (phone, Thai) creates the account and lands on the board. Screenshots of the invitation page and the
members page, Thai and English, phone and desktop (docs/screenshots/)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.test_board_flow import sign_in

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SIZES = [("en-US", 1366, 900, "desktop"), ("th-TH", 1366, 900, "desktop"),
         ("en-US", 390, 844, "phone"), ("th-TH", 390, 844, "phone")]
READ_LINK = ("from govlab import create_app\nfrom govlab.models import OutboxMail\nimport sys\n"
             "app = create_app()\nwith app.app_context():\n"
             "    mail = OutboxMail.query.filter_by(to_addr=sys.argv[1], kind='invitation')"
             ".order_by(OutboxMail.id.desc()).first()\n    print(mail.text_body)\n")


def _invitation_link(server, email: str) -> str:
    """The link in the newest invitation mail to this address (the server has no SMTP: mail waits in its outbox)."""
    result = subprocess.run([sys.executable, "-c", READ_LINK, email], env=server.env, capture_output=True,
                            text=True, timeout=120, check=True)
    return re.search(r"https?://\S+/invitations/\S+", result.stdout).group(0)


@pytest.mark.parametrize("locale,width,height,size", SIZES)
def test_a_new_person_accepts_an_invitation(chromium, live_server, locale, width, height, size):
    phone = size == "phone"
    lang = locale[:2]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    email = f"invited-{lang}-{size}@example.org"

    facilitator = chromium.new_context(locale=locale, viewport={"width": width, "height": height},
                                       has_touch=phone, is_mobile=phone)
    page = facilitator.new_page()
    sign_in(page, live_server.url)
    page.goto(live_server.url + "/projects/1/members")
    page.fill("#email", email)
    page.select_option("#role", "member")
    page.click("form[novalidate] button.btn-primary")
    page.wait_for_selector(".flash, [role=status], .alert", state="attached")
    assert email in page.locator("main").inner_text()
    page.locator("section.invitations").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / f"invitations-members-{lang}-{size}.png"), full_page=True)
    facilitator.close()

    newcomer = chromium.new_context(locale=locale, viewport={"width": width, "height": height},
                                    has_touch=phone, is_mobile=phone)
    page = newcomer.new_page()
    page.goto(_invitation_link(live_server, email).replace("http://127.0.0.1:5000", live_server.url))
    assert page.locator("html").get_attribute("lang") == lang
    assert email in page.locator("main").inner_text()
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(SCREENSHOTS / f"invitation-{lang}-{size}.png"), full_page=True)
    page.fill("#name", "มาลี ผู้ได้รับเชิญ" if lang == "th" else "Invited Person")
    page.fill("#password", "short")
    page.click("main form button.btn-primary")
    page.wait_for_selector(".field-error")
    page.fill("#password", "a long and unusual phrase 7")
    page.click("main form button.btn-primary")
    page.wait_for_url(re.compile(r".*/projects/1/board$"))
    assert page.locator(".board, main").first.is_visible()
    page.goto(live_server.url + "/projects/1/members")
    assert ("มาลี ผู้ได้รับเชิญ" if lang == "th" else "Invited Person") in page.locator("main").inner_text()
    newcomer.close()
