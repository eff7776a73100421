"""The evidence chain on the board, in real browsers: a facilitator links insight → HMW → idea → prototype
→ test by keyboard with the "Link to…" picker and records prototype and test fields; a member sees each
count, field and verdict arrive live; observers read everything and change nothing; screenshots."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.test_board_flow import sign_in
from tests.e2e.conftest import http_json, invite_and_accept, token

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 900}


@pytest.fixture(scope="module")
def bearer(live_server):
    return token(live_server, "facilitator@govlab.test")


def new_project(live_server, bearer, title):
    """A private project with a member and an observer besides the facilitator."""
    status, project = http_json("POST", f"{live_server.url}/api/v1/projects",
                                {"title": title, "visibility": "private", "stage": "prototype"}, bearer)
    assert status == 201, project
    for email, role in (("member@govlab.test", "member"), ("observer@govlab.test", "observer")):
        invite_and_accept(live_server, bearer, project["id"], email, role)  # the way people join
    return project["id"]


def api_card(live_server, bearer, pid, stage, title, **fields):
    status, card = http_json("POST", f"{live_server.url}/api/v1/projects/{pid}/cards",
                             {"stage": stage, "title": title, **fields}, bearer)
    assert status == 201, card
    return card


def api_op(live_server, bearer, pid, op_type, data):
    status, body = http_json("POST", f"{live_server.url}/api/v1/projects/{pid}/ops", {"type": op_type, "data": data},
                             bearer)
    assert status == 200 and body.get("ok", True), body
    return body


def api_link(live_server, bearer, pid, source, target, link_type):
    status, body = http_json("POST", f"{live_server.url}/api/v1/projects/{pid}/links",
                             {"from": source, "to": target, "type": link_type}, bearer)
    assert status == 201, body
    return body


def open_board(chromium, live_server, pid, email, locale="en-US", viewport=DESKTOP):
    context = chromium.new_context(locale=locale, viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(10000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, live_server.url, email)
    page.goto(f"{live_server.url}/projects/{pid}/board")
    page.wait_for_selector('#connection-status[data-state="online"]')
    return context, page, errors


def card_el(page, card_id):
    return page.locator(f'.card[data-card-id="{card_id}"]')


def card_id_by_title(page, title):
    return int(page.locator(".card:not(.pending)", has=page.locator(".card-title", has_text=title))
               .first.get_attribute("data-card-id"))


def add_card_by_keyboard(page, lane, title):
    page.locator(f"#add-{lane}").focus()
    page.keyboard.type(title)
    page.keyboard.press("Enter")
    page.wait_for_selector(f'.lane-cards[data-stage="{lane}"] .card:not(.pending) >> text="{title}"')
    return card_id_by_title(page, title)


def link_by_keyboard(page, from_id, search, expect_type=None, refused=False):
    """Focus a card, L opens the picker, type part of the other title, (check the preset type), Enter; then, as
    a person would before the next step, wait until the link is made: the picker closes once the server's
    ack is back (other browsers may see the link before that) and focus is on the card again. A `refused`
    link leaves the picker open with its reason."""
    card_el(page, from_id).focus()
    page.keyboard.press("l")
    page.wait_for_selector("#link-dialog[open]")
    assert page.evaluate("document.activeElement.id") == "link-search"
    page.keyboard.type(search)
    # The list filters as one types: wait until the chosen option is one the search matches (a loaded machine
    # may still show the unfiltered list's first option for a moment).
    page.wait_for_function("""search => {
        const chosen = document.querySelector('#link-options [role="option"][aria-selected="true"]');
        return chosen && chosen.textContent.toLowerCase().includes(search.toLowerCase());
    }""", arg=search)
    if expect_type:
        assert page.locator("#link-type").input_value() == expect_type
    page.keyboard.press("Enter")
    if not refused:
        link_dialog_closed(page, from_id)


def link_dialog_closed(page, card_id):
    """The picker closed after its link was made, and focus is back on the card it was opened from."""
    page.wait_for_selector("#link-dialog", state="hidden")
    wait_focus(page, card_id)


def card_dialog_closed(page):
    """The card dialog closed and its close handling (focus back on the board) has run."""
    page.wait_for_function("() => !document.getElementById('card-dialog').open && govlabBoard.editor.openCardId === null")


def wait_focus(page, card_id):
    page.wait_for_function("id => document.activeElement?.dataset?.cardId === String(id)", arg=card_id)


def counts(page, card_id):
    badge = card_el(page, card_id).locator(".link-counts")
    if badge.count() == 0:
        return (0, 0, 0)
    return tuple(int(badge.get_attribute(f"data-{key}")) for key in ("up", "down", "related"))


def wait_counts(page, card_id, up, down, related=0):
    selector = (f'.card[data-card-id="{card_id}"] .link-counts[data-up="{up}"][data-down="{down}"]'
                f'[data-related="{related}"]')
    if (up, down, related) == (0, 0, 0):
        page.wait_for_selector(f'.card[data-card-id="{card_id}"]:not(:has(.link-counts))')
    else:
        page.wait_for_selector(selector)


def test_facilitator_builds_a_chain_by_keyboard_and_a_member_sees_it_live(chromium, live_server, bearer):
    pid = new_project(live_server, bearer, "Chain by keyboard")
    fac_context, fac, fac_errors = open_board(chromium, live_server, pid, "facilitator@govlab.test")
    mem_context, mem, mem_errors = open_board(chromium, live_server, pid, "member@govlab.test")
    fac.on("dialog", lambda dialog: dialog.accept())  # the delete confirmation
    try:
        insight = add_card_by_keyboard(fac, "empathize", "Shops lose a day per office visit")
        hmw = add_card_by_keyboard(fac, "empathize", "HMW cut the visits to one")
        # The second card becomes a "How might we": Enter opens it, Tab reaches the kind select.
        card_el(fac, hmw).focus()
        fac.keyboard.press("Enter")
        fac.wait_for_selector("#card-dialog[open]")
        fac.locator("#cd-kind").focus()
        fac.locator("#cd-kind").select_option("hmw")
        fac.wait_for_selector(f'.card[data-card-id="{hmw}"][data-kind="hmw"]:not(.pending)')
        fac.keyboard.press("Escape")
        card_dialog_closed(fac)
        idea = add_card_by_keyboard(fac, "ideate", "One-stop counter")
        prototype = add_card_by_keyboard(fac, "prototype", "Counter mock-up")
        test = add_card_by_keyboard(fac, "test", "Try the counter with 5 shops")
        mem.wait_for_selector(f'.card[data-card-id="{test}"]')

        # insight —frames→ HMW (picked from the insight: the meaningful type is preset).
        link_by_keyboard(fac, insight, "hmw cut", expect_type="frames:forward")
        assert "frames" in fac.locator("#board-status").text_content()
        wait_counts(mem, insight, 0, 1)
        wait_counts(mem, hmw, 1, 0)
        # Picking an idea from the HMW swaps the ends: idea —answers→ HMW.
        link_by_keyboard(fac, hmw, "one-stop", expect_type="answers:reversed")
        wait_counts(mem, hmw, 1, 1)
        link_by_keyboard(fac, idea, "mock-up", expect_type="embodies:reversed")
        wait_counts(mem, idea, 1, 1)
        # From the prototype, the test is found by part of its title, the list walked with the arrows.
        card_el(fac, prototype).focus()
        fac.keyboard.press("l")
        fac.wait_for_selector("#link-dialog[open]")
        fac.keyboard.type("counter")
        options = fac.locator('#link-options [role="option"]')
        assert options.count() >= 2
        while fac.locator('#link-options [aria-selected="true"]').get_attribute("data-card-id") != str(test):
            fac.keyboard.press("ArrowDown")
        assert fac.locator("#link-type").input_value() == "tests:reversed"
        assert fac.locator("#link-search").get_attribute("aria-activedescendant") == f"link-option-{test}"
        fac.keyboard.press("Enter")
        link_dialog_closed(fac, prototype)
        wait_counts(mem, prototype, 1, 1)
        wait_counts(mem, test, 1, 0)
        wait_counts(fac, test, 1, 0)

        # Bad input: the same pair again is refused, and the dialog says why.
        link_by_keyboard(fac, insight, "hmw cut", refused=True)
        fac.wait_for_selector("#link-status:text('already linked')")
        assert fac.locator("#link-dialog").evaluate("dialog => dialog.open")
        fac.keyboard.press("Escape")
        assert counts(fac, insight) == (0, 1, 0)

        # Test fields by keyboard: verdict validated; the member sees method and verdict on the card.
        card_el(fac, test).focus()
        fac.keyboard.press("Enter")
        fac.wait_for_selector("#cd-test:not([hidden])")
        fac.locator("#tf-hypothesis").focus()
        fac.keyboard.type("One visit is enough for most shops")
        fac.locator("#tf-method").select_option("usability")
        fac.locator("#tf-count").focus()
        fac.keyboard.type("5")
        fac.locator("#tf-who").focus()
        fac.keyboard.type("Noodle shops in Chiang Mai")
        fac.locator("#tf-result").focus()
        fac.keyboard.type("4 of 5 finished in one visit")
        fac.locator("#tf-verdict").select_option("validated")
        fac.locator("#cd-test [data-save-fields]").focus()
        fac.keyboard.press("Enter")
        fac.wait_for_selector("#cd-test .fields-status:text('Details saved.')")
        mem.wait_for_selector(f'.card[data-card-id="{test}"] .verdict-badge[data-verdict="validated"]:text("Validated")')
        assert card_el(mem, test).locator(".fact-method").text_content() == "Usability test"
        # Its linked prototype is listed in the dialog under "tests"; Enter on it goes to that card.
        link = fac.locator('#cd-links-list .link-group[data-type="tests"][data-way="out"] .link-card')
        assert "Counter mock-up" in link.text_content() and "Prototype in Prototype" in link.text_content()
        link.focus()
        fac.keyboard.press("Enter")
        fac.wait_for_selector("#card-dialog", state="hidden")
        wait_focus(fac, prototype)

        # Prototype fields: status, fidelity, organisation, a past due date (overdue), the next step.
        fac.keyboard.press("Enter")
        fac.wait_for_selector("#cd-prototype:not([hidden])")
        fac.locator("#pf-fidelity").select_option("clickable")
        fac.locator("#pf-status").select_option("testing")
        fac.locator("#pf-owner").select_option(index=1)
        fac.locator("#pf-due").fill("2024-01-15")
        fac.locator("#pf-next").focus()
        fac.keyboard.type("Book the district office for a pilot")
        fac.locator("#cd-prototype [data-save-fields]").focus()
        fac.keyboard.press("Enter")
        fac.wait_for_selector("#cd-prototype .fields-status:text('Details saved.')")
        fac.keyboard.press("Escape")
        card_dialog_closed(fac)
        face = card_el(mem, prototype)
        mem.wait_for_selector(f'.card[data-card-id="{prototype}"] .status-badge[data-status="testing"]:text("Testing")')
        assert face.locator(".fact-fidelity").text_content() == "Clickable"
        assert face.locator('.fact-due[data-overdue="true"]').text_content() == "Overdue: due 15 Jan 2024"

        # The member opens the prototype: fields filled, links grouped by type, remove buttons offered.
        card_el(mem, prototype).focus()
        mem.keyboard.press("Enter")
        mem.wait_for_selector("#cd-prototype:not([hidden])")
        assert mem.locator("#pf-status").input_value() == "testing"
        assert mem.locator("#pf-next").input_value() == "Book the district office for a pilot"
        groups = mem.locator("#cd-links-list .link-group-title").all_text_contents()
        assert groups == ["embodies", "tested by"]
        assert mem.locator("#cd-chain-link").get_attribute("href") == f"/projects/{pid}/chain/{prototype}"
        assert mem.locator("#cd-links-list .link-remove").count() == 2
        # A live change of the open card's fields shows in the member's form.
        api_op(live_server, bearer, pid, "prototype.update", {"id": prototype, "status": "iterating"})
        mem.wait_for_selector("#cd-prototype .fields-status:text('Someone else just changed')")
        assert mem.locator("#pf-status").input_value() == "iterating"
        # The member removes the "tested by" link; both browsers' counts follow.
        mem.locator('#cd-links-list .link-group[data-way="in"] .link-remove').click()
        mem.wait_for_selector("#cd-links-status:text('Link removed.')")
        wait_counts(fac, prototype, 1, 0)
        wait_counts(fac, test, 0, 0)
        mem.keyboard.press("Escape")
        card_dialog_closed(mem)

        # Deleting a card hides its links; restoring it (the event carries them) shows them again.
        card_el(fac, idea).focus()
        fac.keyboard.press("Delete")
        wait_counts(mem, hmw, 1, 0)
        wait_counts(mem, prototype, 0, 0)
        status, _body = http_json("POST", f"{live_server.url}/api/v1/cards/{idea}/restore", {}, bearer)
        assert status == 200
        wait_counts(mem, hmw, 1, 1)
        wait_counts(mem, prototype, 1, 0)
        wait_counts(mem, idea, 1, 1)
    finally:
        fac_context.close()
        mem_context.close()
    assert fac_errors == [] and mem_errors == [], (fac_errors, mem_errors)


def test_a_version_conflict_on_fields_says_so_and_reloads_the_values(chromium, live_server, bearer):
    pid = new_project(live_server, bearer, "Fields conflict")
    prototype = api_card(live_server, bearer, pid, "prototype", "Kiosk")["id"]
    context, page, errors = open_board(chromium, live_server, pid, "member@govlab.test")
    try:
        card_el(page, prototype).focus()
        page.keyboard.press("Enter")
        page.locator("#pf-next").fill("Print the forms")  # typing: the form keeps it when others change the card
        api_op(live_server, bearer, pid, "prototype.update", {"id": prototype, "next_step": "Ask the mayor"})
        page.wait_for_selector(f'.card[data-card-id="{prototype}"][data-version="2"]')
        assert page.locator("#pf-next").input_value() == "Print the forms"
        page.locator("#cd-prototype [data-save-fields]").click()
        page.wait_for_selector("#cd-prototype .fields-status:text('Someone else changed these details meanwhile')")
        assert page.locator("#pf-next").input_value() == "Ask the mayor"
        # A number of participants that is not a whole number is refused before it is sent.
        test = api_card(live_server, bearer, pid, "test", "Kiosk test")["id"]
        page.keyboard.press("Escape")
        card_dialog_closed(page)
        card_el(page, test).focus()
        page.keyboard.press("Enter")
        page.locator("#tf-count").fill("-3")
        page.locator("#cd-test [data-save-fields]").click()
        page.wait_for_selector("#cd-test .fields-status:text('whole number')")
        assert page.locator("#tf-count").get_attribute("aria-invalid") == "true"
        assert page.locator(f'.card[data-card-id="{test}"]').get_attribute("data-version") == "1"
    finally:
        context.close()
    assert errors == [], errors


@pytest.fixture(scope="module")
def chain(live_server, bearer):
    """A small chain built through the API, in Thai and English."""
    pid = new_project(live_server, bearer, "ลงทะเบียนผู้สูงอายุ · Elderly sign-up")
    card = lambda stage, title, **extra: api_card(live_server, bearer, pid, stage, title, **extra)["id"]  # noqa: E731
    ids = {
        "insight": card("empathize", "ผู้สูงอายุไม่อยากเดินทางไกล · Elders avoid long trips", kind="insight"),
        "hmw": card("empathize", "เราจะลงทะเบียนที่บ้านได้อย่างไร · HMW register at home", kind="hmw"),
        "idea": card("ideate", "อาสาสมัครพาลงทะเบียน · Volunteers help sign up"),
        "prototype": card("prototype", "แบบฟอร์มบนแท็บเล็ต · Tablet form"),
        "test": card("test", "ทดสอบกับ 8 ครอบครัว · Test with 8 families"),
        "test2": card("test", "แบบสำรวจ อสม. · Survey of health volunteers"),
    }
    api_link(live_server, bearer, pid, ids["insight"], ids["hmw"], "frames")
    api_link(live_server, bearer, pid, ids["idea"], ids["hmw"], "answers")
    api_link(live_server, bearer, pid, ids["prototype"], ids["idea"], "embodies")
    api_link(live_server, bearer, pid, ids["test"], ids["prototype"], "tests")
    api_link(live_server, bearer, pid, ids["test2"], ids["prototype"], "tests")
    api_op(live_server, bearer, pid, "prototype.update", {"id": ids["prototype"], "fidelity": "clickable",
                                                          "status": "testing", "owner_org_id": 1,
                                                          "next_step": "นำร่องที่เขตบางรัก · Pilot in Bang Rak",
                                                          "due_date": "2024-03-01"})
    api_op(live_server, bearer, pid, "test.update", {"id": ids["test"], "method": "usability", "participants_count": 8,
                                                     "participants_who": "ครอบครัวในชุมชน", "verdict": "validated",
                                                     "hypothesis": "ลงทะเบียนเองได้ใน 10 นาที", "result": "7 จาก 8"})
    api_op(live_server, bearer, pid, "test.update", {"id": ids["test2"], "method": "survey", "verdict": "inconclusive"})
    api_op(live_server, bearer, pid, "gate.decide", {"prototype_id": ids["prototype"], "decision": "iterate",
                                                     "rationale": "ใช้ได้ แต่ตัวอักษรเล็กไป · Works, but the text is too small",
                                                     "evidence": [ids["test"]]})
    return pid, ids


def test_observer_reads_links_and_fields_but_changes_nothing(chromium, live_server, chain):
    pid, ids = chain
    context, page, errors = open_board(chromium, live_server, pid, "observer@govlab.test")
    try:
        assert counts(page, ids["prototype"]) == (1, 2, 0)
        assert page.locator(".card-menu-button").count() == 0
        card_el(page, ids["prototype"]).focus()
        page.keyboard.press("l")  # no picker for observers
        assert not page.locator("#link-dialog").evaluate("dialog => dialog.open")
        page.keyboard.press("Enter")
        page.wait_for_selector("#card-dialog[open]")
        assert page.locator("#card-dialog-title").text_content() == "Card details"
        assert page.locator("#cd-title").evaluate("el => el.readOnly")
        assert page.locator("#cd-link-to").is_hidden() and page.locator("#cd-delete").is_hidden()
        assert page.locator("#cd-links-list .link-remove").count() == 0
        assert page.locator("#cd-links-list .link-card").count() == 3
        assert all(page.locator("#cd-prototype [data-field]").evaluate_all("els => els.map(el => el.disabled)"))
        assert page.locator("#cd-prototype [data-save-fields]").is_hidden()
        page.wait_for_selector("#cd-decision:not([hidden])")
        assert page.locator("#cd-decision-label").text_content() == "Iterate"
    finally:
        context.close()
    assert errors == [], errors


def test_picker_finds_thai_titles_and_offers_only_accepted_types(chromium, live_server, chain):
    pid, ids = chain
    context, page, errors = open_board(chromium, live_server, pid, "member@govlab.test", locale="th-TH")
    try:
        card_el(page, ids["insight"]).focus()
        page.keyboard.press("l")
        page.keyboard.type("ลงทะเบียนที่บ้าน")
        titles = page.locator('#link-options [role="option"] .link-option-title').all_text_contents()
        assert titles == ["เราจะลงทะเบียนที่บ้านได้อย่างไร · HMW register at home"]
        assert page.locator('#link-options [aria-selected="true"] .link-option-linked').count() == 1
        # From an insight, a test card can only be related (the server refuses anything else).
        page.locator("#link-search").fill("FAMILIES")  # case does not matter
        page.wait_for_selector(f'#link-options [role="option"][data-card-id="{ids["test"]}"]')
        assert page.locator("#link-type option").evaluate_all("els => els.map(el => el.value)") == ["relates:forward"]
        page.locator("#link-search").fill("ไม่มีการ์ดชื่อนี้")
        assert page.locator('#link-options [role="option"]').count() == 0
        page.keyboard.press("Enter")
        page.wait_for_selector("#link-status:not(:empty)")
        assert page.locator("#link-dialog").evaluate("dialog => dialog.open")
    finally:
        context.close()
    assert errors == [], errors


@pytest.mark.parametrize("locale,lang", [("en-US", "en"), ("th-TH", "th")])
@pytest.mark.parametrize("size,viewport", [("desktop", DESKTOP), ("phone", PHONE)])
def test_screenshots(chromium, live_server, chain, locale, lang, size, viewport):
    pid, ids = chain
    context, page, errors = open_board(chromium, live_server, pid, "facilitator@govlab.test", locale, viewport)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = f"evidence-board-{{}}-{lang}-{size}.png"
    try:
        if size == "phone":
            page.locator('.lane-tabs [data-stage="test"]').click()
        page.wait_for_selector(f'.card[data-card-id="{ids["test"]}"] .verdict-badge')
        page.screenshot(path=str(SCREENSHOTS / name.format("board")), full_page=size == "desktop")
        page.evaluate("id => govlabBoard.revealCard(id)", ids["prototype"])  # its lane shows on phones
        page.keyboard.press("Enter")
        page.wait_for_selector("#cd-decision:not([hidden])")
        page.locator("#cd-prototype").scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / name.format("prototype-dialog")))
        page.locator("#cd-links").scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / name.format("prototype-links")))
        page.keyboard.press("Escape")
        card_dialog_closed(page)
        wait_focus(page, ids["prototype"])
        page.evaluate("id => govlabBoard.revealCard(id)", ids["test"])
        page.keyboard.press("Enter")
        page.wait_for_selector("#cd-test:not([hidden])")
        page.locator("#cd-test").scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / name.format("test-dialog")))
        page.keyboard.press("Escape")
        card_dialog_closed(page)
        wait_focus(page, ids["test"])
        page.evaluate("id => govlabBoard.revealCard(id)", ids["idea"])
        wait_focus(page, ids["idea"])
        page.keyboard.press("l")
        page.keyboard.type("·")
        page.keyboard.press("ArrowDown")
        page.screenshot(path=str(SCREENSHOTS / name.format("picker")))
        assert re.search(r"\S", page.locator("#link-match-count").text_content())
    finally:
        context.close()
    assert errors == [], errors


@pytest.mark.parametrize("locale", ["en-US", "th-TH"])
def test_badges_dialogs_and_picker_have_no_serious_axe_violations(chromium, live_server, chain, locale):
    from tests.browser.test_accessibility import new_page, run_axe

    pid, ids = chain
    context, page = new_page(chromium, live_server, locale)
    try:
        sign_in(page, live_server.url)
        page.goto(f"{live_server.url}/projects/{pid}/board")
        page.wait_for_selector("#board[data-ready=true]")
        page.wait_for_selector(".verdict-badge")
        assert run_axe(page, live_server.url) == []
        for card in ("prototype", "test"):
            card_el(page, ids[card]).focus()
            page.keyboard.press("Enter")
            page.wait_for_selector(f"#cd-{card}:not([hidden])")
            page.wait_for_selector("#cd-links-list .link-card")
            assert run_axe(page, live_server.url) == [], card
            page.keyboard.press("Escape")
            card_dialog_closed(page)
            wait_focus(page, ids[card])
        page.keyboard.press("l")
        page.wait_for_selector('#link-options [aria-selected="true"]')
        assert run_axe(page, live_server.url) == []
    finally:
        context.close()
