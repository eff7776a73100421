"""Issue #8's acceptance flow in one run: a facilitator builds insight → HMW → idea → prototype → test by
keyboard on the board, records the test result, then a gate decision by keyboard on the chain page; a second
browser (a member) watches the board, the chain, the tracker and the timeline change live, and the portfolio
shows the prototype's new status."""
from __future__ import annotations

from tests.browser.test_evidence_board import (add_card_by_keyboard, bearer, card_dialog_closed,  # noqa: F401
                                               card_el, link_by_keyboard, new_project, open_board, wait_counts)

PAGES_TIMEOUT = 5000  # live pages refresh a fragment after a 250 ms debounce; a loaded CI machine needs slack


def test_a_chain_built_by_keyboard_is_seen_live_everywhere(chromium, live_server, bearer):
    pid = new_project(live_server, bearer, "Licence in one visit")
    fac_context, fac, fac_errors = open_board(chromium, live_server, pid, "facilitator@govlab.test")
    mem_context, board, mem_errors = open_board(chromium, live_server, pid, "member@govlab.test")
    try:
        insight = add_card_by_keyboard(fac, "empathize", "Shops lose a day per office visit")
        hmw = add_card_by_keyboard(fac, "empathize", "HMW grant a licence in one visit")
        card_el(fac, hmw).focus()
        fac.keyboard.press("Enter")
        fac.wait_for_selector("#card-dialog[open]")
        fac.locator("#cd-kind").select_option("hmw")
        fac.wait_for_selector(f'.card[data-card-id="{hmw}"][data-kind="hmw"]:not(.pending)')
        fac.keyboard.press("Escape")
        card_dialog_closed(fac)
        idea = add_card_by_keyboard(fac, "ideate", "One-stop counter")
        prototype = add_card_by_keyboard(fac, "prototype", "Counter mock-up")
        test = add_card_by_keyboard(fac, "test", "Try the counter with 5 shops")

        link_by_keyboard(fac, insight, "one visit", expect_type="frames:forward")
        wait_counts(board, hmw, 1, 0)
        link_by_keyboard(fac, hmw, "one-stop", expect_type="answers:reversed")
        wait_counts(board, hmw, 1, 1)
        link_by_keyboard(fac, idea, "mock-up", expect_type="embodies:reversed")
        wait_counts(board, idea, 1, 1)
        link_by_keyboard(fac, prototype, "5 shops", expect_type="tests:reversed")
        wait_counts(board, prototype, 1, 1)

        # The member opens the chain, the tracker and the timeline beside the board.
        views = {}
        for name, path in (("chain", f"/projects/{pid}/chain/{prototype}"), ("tracker", f"/projects/{pid}/tracker"),
                           ("timeline", f"/projects/{pid}/timeline")):
            page = mem_context.new_page()
            page.on("pageerror", lambda error: mem_errors.append(str(error)))
            page.goto(live_server.url + path)
            page.wait_for_selector('#connection-status[data-state="online"]')
            views[name] = page
        assert "Shops lose a day per office visit" in views["chain"].locator('[data-step="framers"]').text_content()

        # The test result, by keyboard in the card dialog.
        card_el(fac, test).focus()
        fac.keyboard.press("Enter")
        fac.wait_for_selector("#cd-test:not([hidden])")
        fac.locator("#tf-result").focus()
        fac.keyboard.type("5 of 5 shops left with a licence")
        fac.locator("#tf-verdict").select_option("validated")
        fac.locator("#cd-test [data-save-fields]").focus()
        fac.keyboard.press("Enter")
        fac.wait_for_selector("#cd-test .fields-status:text('Details saved.')")
        fac.keyboard.press("Escape")
        card_dialog_closed(fac)
        board.wait_for_selector(f'.card[data-card-id="{test}"] .verdict-badge[data-verdict="validated"]')
        views["chain"].wait_for_selector('[data-step="tests"] >> text="5 of 5 shops left with a licence"',
                                         timeout=PAGES_TIMEOUT)
        views["timeline"].wait_for_selector('.timeline-entry:first-child >> text=/recorded the verdict “Validated”/',
                                            timeout=PAGES_TIMEOUT)

        # The gate decision, by keyboard on the chain page.
        decide = fac_context.new_page()
        decide.on("pageerror", lambda error: fac_errors.append(str(error)))
        decide.goto(f"{live_server.url}/projects/{pid}/chain/{prototype}")
        decide.focus('input[name="decision"][value="scale"]')
        decide.keyboard.press("Space")
        decide.focus("#rationale")
        decide.keyboard.type("All five shops got their licence in one visit.")
        decide.focus(f'input[name="evidence"][value="{test}"]')
        decide.keyboard.press("Space")
        decide.focus('.decision-form button[type="submit"]')
        decide.keyboard.press("Enter")
        decide.wait_for_selector('.flash-success >> text="Decision recorded."')

        board.wait_for_selector(f'.card[data-card-id="{prototype}"] .status-badge[data-status="scaled"]')
        views["chain"].wait_for_selector('.decision:first-child >> text="All five shops got their licence in one visit."',
                                         timeout=PAGES_TIMEOUT)
        views["tracker"].wait_for_selector("#status-title-scaled", timeout=PAGES_TIMEOUT)
        assert "Counter mock-up" in views["tracker"].locator("#status-scaled").text_content()
        views["timeline"].wait_for_selector('.timeline-entry:first-child >> text=/decided to scale/',
                                            timeout=PAGES_TIMEOUT)
        portfolio = mem_context.new_page()
        portfolio.goto(f"{live_server.url}/portfolio?status=scaled")
        assert "Counter mock-up" in portfolio.locator(".portfolio-table").text_content()
    finally:
        fac_context.close()
        mem_context.close()
    assert fac_errors == [] and mem_errors == [], (fac_errors, mem_errors)
