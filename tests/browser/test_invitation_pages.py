"""Invitations in a real browser: a facilitator invites an address with no account; following the mailed link a
new person (phone, Thai) creates the account and lands on the board. Screenshots of the invitation page and the
members page, Thai and English, phone and desktop (docs/screenshots/)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.test_accessibility import AXE, AXE_PATH, run_axe
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
    page.wait_for_selector(".flash-success")  # the page after the invitation (the bell's status is on every page)
    assert email in page.locator("main").inner_text()
    page.locator("section.invitations").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / f"invitations-members-{lang}-{size}.png"), full_page=True)
    withdraw = page.locator("section.invitations button[name=revoke]").first
    # A speech-input user says what they see: the accessible name holds the visible word (WCAG 2.5.3).
    assert withdraw.inner_text().strip() in withdraw.get_attribute("aria-label")
    page.route("**" + AXE_PATH, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    assert run_axe(page, live_server.url) == []
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


def _sign_in_as(page, base_url: str, email: str, password: str) -> None:
    page.goto(base_url + "/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("form button.btn-primary")
    page.wait_for_url(re.compile(r".*/me/contributions$"))  # no organisation, no project, nothing waiting


@pytest.mark.parametrize("locale,width,height,size", SIZES)
def test_an_existing_person_accepts_from_the_bell(chromium, live_server, locale, width, height, size):
    """Someone with an account watches a public board; a facilitator invites them to it and to a private project;
    their bell rises live, the notification opens "Invitations for you", they accept one and decline the other."""
    phone = size == "phone"
    lang = locale[:2]
    email, password = f"existing-{lang}-{size}@example.org", "a long and unusual phrase 7"
    name = "ประยุทธ์ มีบัญชี" if lang == "th" else "Pat Existing"
    live_server.cli("user", "create", "--email", email, "--name", name, "--password", password)
    errors: list[str] = []

    invitee_context = chromium.new_context(locale=locale, viewport={"width": width, "height": height},
                                           has_touch=phone, is_mobile=phone)
    invitee = invitee_context.new_page()
    invitee.route("**" + AXE_PATH, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    invitee.on("pageerror", lambda error: errors.append(str(error)))
    _sign_in_as(invitee, live_server.url, email, password)
    invitee.goto(live_server.url + "/projects/1/board")  # a public board: they watch it, read-only
    invitee.wait_for_selector('#connection-status[data-state="online"]')
    assert invitee.locator("#bell-count").get_attribute("data-count") == "0"
    assert invitee.locator(".nav-invitations").count() == 0

    facilitator_context = chromium.new_context(locale=locale, viewport={"width": width, "height": height})
    facilitator = facilitator_context.new_page()
    sign_in(facilitator, live_server.url)
    for project_id, role in ((2, "observer"), (1, "member")):
        facilitator.goto(f"{live_server.url}/projects/{project_id}/members")
        facilitator.fill("#email", email.upper())  # any case: the same address
        facilitator.select_option("#role", role)
        facilitator.click("form[novalidate] button.btn-primary")
        facilitator.wait_for_selector(".flash")

    invitee.wait_for_function("() => Number(document.querySelector('#bell-count').dataset.count) === 2", timeout=10000)
    assert invitee.url.endswith("/projects/1/board")  # no reload: the board's socket brought the count
    invitee.click("#bell")
    invitee.wait_for_url(re.compile(r".*/notifications$"))
    newest = invitee.locator(".notification.unread").first
    assert "ขอใบอนุญาต" in newest.text_content()  # project 1, the newest invitation
    newest.locator("button").click()
    invitee.wait_for_url(re.compile(r".*/invitations\?invitation=\d+#invitation-\d+$"))
    assert invitee.locator(".nav-invitations").is_visible() or phone
    items = invitee.locator(".invitation-item")
    assert items.count() == 2
    asked = invitee.locator(".invitation-item.invitation-asked")
    assert asked.count() == 1 and "ขอใบอนุญาต" in asked.text_content()
    assert "สมศรี" in asked.text_content()  # who invited
    invitee.evaluate("document.fonts.ready")
    invitee.evaluate("window.scrollTo(0, 0)")
    invitee.screenshot(path=str(SCREENSHOTS / f"invitations-for-you-{lang}-{size}.png"), full_page=True)
    assert run_axe(invitee, live_server.url) == []

    asked.locator("form[action$='/accept'] button").click()
    invitee.wait_for_url(re.compile(r".*/projects/1/board$"))
    invitee.wait_for_selector(".flash-success")
    assert invitee.locator("#bell-count").get_attribute("data-count") == "1"  # the accepted one is read
    invitee.goto(live_server.url + "/invitations")
    remaining = invitee.locator(".invitation-item")
    assert remaining.count() == 1 and "ลงทะเบียนเบี้ยยังชีพ" in remaining.text_content()
    declined_id = remaining.get_attribute("id").removeprefix("invitation-")
    remaining.locator("form[action$='/decline'] button").click()
    invitee.wait_for_selector(".flash-success")
    assert invitee.locator(".invitation-item").count() == 0 and invitee.locator(".nav-invitations").count() == 0
    invitee.goto(f"{live_server.url}/invitations?invitation={declined_id}")  # as its notification leads
    assert invitee.locator("#invitation-notice").is_visible()
    assert invitee.locator("form[action$='/accept']").count() == 0
    if size == "phone":
        invitee.screenshot(path=f"/tmp/shots-invnotify/invitations-declined-notice-{lang}-{size}.png", full_page=True)

    facilitator.goto(f"{live_server.url}/projects/2/members")
    row = facilitator.locator("section.invitations tr", has_text=email)
    assert row.locator(".badge-archived").count() == 1  # declined, with its date
    facilitator.goto(f"{live_server.url}/projects/1/members")
    assert name in facilitator.locator("main").inner_text()
    facilitator_context.close()
    invitee_context.close()
    assert errors == []
