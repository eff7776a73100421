"""An open board's prototype-owner menu follows affiliations without a reload: when a member's affiliation is
removed, the organisation only they vouched for drops out the next time a prototype opens."""
from __future__ import annotations

import subprocess
import sys

from tests.browser.test_board_flow import sign_in

REMOVE = ("from govlab import create_app\nfrom govlab.models import User\nfrom govlab.services import affiliations\n"
          "import sys\napp = create_app()\nwith app.app_context():\n"
          "    admin = User.query.filter_by(email='admin@govlab.test').one()\n"
          "    person = User.query.filter_by(email=sys.argv[1]).one()\n"
          "    affiliations.remove_member(admin, person.id)\n")
FOUNDATION = "Community Friends Foundation"  # the demo's civil-society organisation: only ngo@ belongs to it


def _owners(page) -> list[str]:
    return page.locator("#pf-owner option").all_text_contents()


def _open_prototype(page) -> None:
    page.locator('.card[data-kind="prototype"]').first.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#cd-prototype:not([hidden])")


def test_an_open_board_drops_an_owner_whose_affiliation_was_removed(chromium, live_server):
    context = chromium.new_context(locale="en-US", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/projects/1/board")
    page.wait_for_selector('#connection-status[data-state="online"]')
    _open_prototype(page)
    page.wait_for_function("name => [...document.querySelectorAll('#pf-owner option')]"
                           ".some(o => o.textContent.includes(name))", arg=FOUNDATION)
    selected = page.locator("#pf-owner").input_value()
    page.keyboard.press("Escape")
    page.wait_for_selector("#card-dialog", state="hidden")

    subprocess.run([sys.executable, "-c", REMOVE, "ngo@govlab.test"], env=live_server.env, check=True,
                   capture_output=True, timeout=120)
    _open_prototype(page)
    page.wait_for_function("name => ![...document.querySelectorAll('#pf-owner option')]"
                           ".some(o => o.textContent.includes(name))", arg=FOUNDATION, timeout=5000)
    assert "Public Sector Innovation Office" in " ".join(_owners(page))  # still vouched for
    assert page.locator("#pf-owner").input_value() == selected  # the prototype's own owner stays chosen
    assert page.url.endswith("/projects/1/board")  # no reload
    context.close()
    assert errors == []
