"""Verified affiliations in a real browser: two people claim an organisation from their profile; the site admin
works through the claims queue by keyboard (approve one, refuse the other with a reason); axe; screenshots."""
from __future__ import annotations

import pytest

from tests.browser.test_accessibility import AXE, AXE_PATH, run_axe
from tests.browser.test_board_flow import SCREENSHOTS, sign_in

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def claim_first_organisation(chromium, live_server, email):
    """The person picks the demo's innovation office in their profile (they belong elsewhere)."""
    context = chromium.new_context(locale="en-US")
    page = context.new_page()
    sign_in(page, live_server.url, email)
    page.goto(live_server.url + "/profile")
    office = next(option for option in page.locator("#org_id option").all()
                  if "Innovation" in (option.text_content() or ""))
    page.locator("#org_id").select_option(office.get_attribute("value"))
    page.locator("form[action$='/profile'] button.btn-primary").click()
    page.wait_for_selector("#org-claim .badge-unverified")
    context.close()


@pytest.fixture(scope="module")
def claims(chromium, live_server):
    for email in ("observer@govlab.test", "ngo@govlab.test"):
        claim_first_organisation(chromium, live_server, email)


def admin_page(chromium, live_server, locale="en-US", viewport=DESKTOP):
    context = chromium.new_context(locale=locale, viewport=viewport)
    page = context.new_page()
    page.route("**" + AXE_PATH, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    sign_in(page, live_server.url, "admin@govlab.test")
    page.goto(live_server.url + "/organisations/claims")
    return context, page


@pytest.mark.parametrize("locale,lang", [("en-US", "en"), ("th-TH", "th")])
@pytest.mark.parametrize("size,viewport", [("desktop", DESKTOP), ("phone", PHONE)])
def test_claims_queue_screenshots_and_axe(chromium, live_server, claims, locale, lang, size, viewport):
    context, page = admin_page(chromium, live_server, locale, viewport)
    try:
        assert page.locator("#claims tbody tr").count() == 2
        page.locator("#claims details.refuse summary").first.click()  # show the refusal form in the picture
        page.screenshot(path=str(SCREENSHOTS / f"claims-queue-{lang}-{size}.png"), full_page=True)
        serious = run_axe(page, live_server.url)
        assert serious == [], serious
    finally:
        context.close()


def test_the_admin_approves_and_refuses_by_keyboard(chromium, live_server, claims):
    context, page = admin_page(chromium, live_server)
    try:
        first = page.locator("#claims tbody tr").first
        name = first.locator("td").first.text_content()
        first.locator("button:text('Approve')").focus()
        page.keyboard.press("Enter")
        page.wait_for_selector(f".flash-success >> text=/{name.split(' ')[0]}.*verified member/")
        row = page.locator("#claims tbody tr").first
        row.locator("details.refuse summary").focus()
        page.keyboard.press("Enter")
        row.locator("select[name='reason']").select_option("cannot_confirm")
        row.locator("textarea[name='note']").focus()
        page.keyboard.type("โปรดติดต่อฝ่ายบุคคลเพื่อยืนยันตำแหน่ง")
        row.locator("button:text('Refuse the claim')").focus()
        page.keyboard.press("Enter")
        page.wait_for_selector(".flash-success >> text=/was refused/")
        assert "No claims are waiting." in page.locator("#claims").text_content()
        page.goto(live_server.url + "/organisations/1/people")
        assert page.locator("#verified").text_content().count(name.split(" ")[0]) == 1
        page.screenshot(path=str(SCREENSHOTS / "organisation-people-en-desktop.png"), full_page=True)
    finally:
        context.close()
