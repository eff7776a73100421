"""The evidence pages in real browsers: a second browser sees the chain, the tracker and the timeline change
live; the decision form by keyboard; a chain link focuses its card on the board; axe; screenshots."""
from __future__ import annotations

import pytest

from tests.browser.evidence_seed import Api, seed_chain
from tests.browser.test_accessibility import AXE, AXE_PATH, run_axe
from tests.browser.test_board_flow import SCREENSHOTS, sign_in

PAGES = ("chain", "tracker", "portfolio", "timeline", "participation")


@pytest.fixture(scope="module")
def seeded(live_server):
    return seed_chain(live_server.url)


def open_page(chromium, live_server, email, path, locale="en-US", width=1400, height=1000):
    context = chromium.new_context(locale=locale, viewport={"width": width, "height": height})
    page = context.new_page()
    page.route("**" + AXE_PATH, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, live_server.url, email)
    page.goto(live_server.url + path)
    return context, page, errors


def paths(seeded) -> dict:
    pid = seeded["project_id"]
    return {"chain": f"/projects/{pid}/chain/{seeded['prototype']}", "tracker": f"/projects/{pid}/tracker",
            "portfolio": "/portfolio", "timeline": f"/projects/{pid}/timeline",
            "participation": f"/projects/{pid}/participation?period=all"}


def test_a_second_browser_sees_chain_tracker_and_timeline_change_live(chromium, live_server, seeded):
    where = paths(seeded)
    watchers = [open_page(chromium, live_server, "member@govlab.test", where[name])
                for name in ("chain", "tracker", "timeline")]
    chain, tracker, timeline = (watcher[1] for watcher in watchers)
    for page in (chain, tracker, timeline):
        page.wait_for_selector('#connection-status[data-state="online"]')
    facilitator = Api(live_server.url, "facilitator@govlab.test")
    pid = seeded["project_id"]
    # A test result recorded through the API shows on all three pages.
    facilitator.op(pid, "test.update", {"id": seeded["pilot"], "verdict": "validated",
                                        "result": "Walk-in path: 30 of 32 finished"})
    chain.wait_for_selector('[data-step="tests"] >> text="Walk-in path: 30 of 32 finished"', timeout=3000)
    timeline.wait_for_selector('.timeline-entry:first-child >> text=/recorded the verdict “Validated”/', timeout=3000)
    # A new insight linked into the chain shows in its column.
    insight = facilitator.card(pid, "empathize", "insight", "Elders ask their grandchildren to use LINE")
    facilitator.op(pid, "link.create", {"from": insight, "to": seeded["hmw"], "type": "frames"})
    chain.wait_for_selector('[data-step="framers"] >> text="Elders ask their grandchildren to use LINE"', timeout=3000)

    earlier = len([d for d in facilitator.call("GET", f"/projects/{pid}/decisions")["decisions"]
                   if d["prototype_id"] == seeded["prototype"]])
    # The facilitator records a decision in the browser, by keyboard, on the chain page.
    context, page, errors = open_page(chromium, live_server, "facilitator@govlab.test", where["chain"])
    page.wait_for_selector('#connection-status[data-state="online"]')
    page.focus('input[name="decision"][value="scale"]')
    page.keyboard.press("Space")
    page.focus("#rationale")
    page.keyboard.type("Both tests passed; roll it out to every district.")
    for test_id in (seeded["test"], seeded["pilot"]):
        page.focus(f'input[name="evidence"][value="{test_id}"]')
        page.keyboard.press("Space")
    page.focus('.decision-form button[type="submit"]')
    page.keyboard.press("Enter")
    page.wait_for_selector('.flash-success >> text="Decision recorded."')
    chain.wait_for_selector('.decision:first-child >> text="Both tests passed; roll it out to every district."',
                            timeout=3000)
    assert chain.locator(".decision.superseded").count() == earlier
    tracker.wait_for_selector('#status-title-scaled', timeout=3000)
    assert seeded["prototype_title"] in tracker.locator("#status-scaled").text_content()
    timeline.wait_for_selector('.timeline-entry:first-child >> text=/decided to scale/', timeout=3000)
    # The portfolio shows the new status.
    portfolio = chain.context.new_page()
    portfolio.goto(live_server.url + "/portfolio?status=scaled")
    assert seeded["prototype_title"] in portfolio.locator(".portfolio-table").text_content()
    context.close()
    for context, _page, errors_seen in watchers:
        context.close()
        assert errors_seen == [], errors_seen
    assert errors == [], errors


def test_a_chain_step_opens_its_card_on_the_board_focused(chromium, live_server, seeded):
    context, page, errors = open_page(chromium, live_server, "observer@govlab.test", paths(seeded)["chain"],
                                      width=390, height=844)
    page.locator('[data-step="ideas"] .chain-card-title').first.click()
    page.wait_for_url(f"**/board?card={seeded['idea']}")
    page.wait_for_function(f"() => document.activeElement?.dataset?.cardId === '{seeded['idea']}'")
    assert page.locator('.lane[data-stage="ideate"]').evaluate("el => el.classList.contains('active')")
    context.close()
    assert errors == [], errors


@pytest.mark.parametrize("locale,tag", [("en-US", "en"), ("th-TH", "th")])
@pytest.mark.parametrize("width,height,size", [(1400, 1000, "desktop"), (390, 844, "phone")])
def test_screenshots_and_axe(chromium, live_server, seeded, locale, tag, width, height, size):
    where = paths(seeded)
    context, page, errors = open_page(chromium, live_server, "facilitator@govlab.test", where["chain"], locale,
                                      width, height)
    problems = {}
    for name in PAGES:
        page.goto(live_server.url + where[name])
        if name in ("chain", "tracker", "timeline"):
            page.wait_for_selector('#connection-status[data-state="online"]')
        page.screenshot(path=str(SCREENSHOTS / f"evidence-{name}-{tag}-{size}.png"), full_page=True)
        found = run_axe(page, live_server.url)
        if found:
            problems[name] = found
    context.close()
    assert problems == {}, problems
    assert errors == [], errors
