"""Affinity themes in three browsers during a workshop: the facilitator asks for suggested themes, renames one
and accepts it, dismisses one, accepts one as it is — each shown live in every browser — then a member groups
cards by keyboard (T, a new theme) and by dragging, a theme is renamed and deleted, and the summary lists the
themes. Screenshots in Thai and English, phone and desktop, for the docs."""
from __future__ import annotations

import pytest

from tests.browser.test_accessibility import AXE, AXE_PATH, run_axe
from tests.browser.test_board_flow import SCREENSHOTS
from tests.browser.test_workshop_flow import open_board

QUEUE = ["Queue numbers are confusing", "The queue display is too small", "Long queue at the pharmacy"]
PARKING = ["Parking fees are too high", "Not enough parking near the entrance"]
PARKING_TH = ["ที่จอดรถไม่พอ วนหาที่จอดนาน", "ที่จอดรถสำหรับผู้พิการถูกจอดขวาง"]
IDEATE = '.lane-cards[data-stage="ideate"]'


@pytest.fixture
def room(chromium, live_server):
    opened = [open_board(chromium, live_server, "facilitator@govlab.test"),
              open_board(chromium, live_server, "member@govlab.test", locale="th-TH"),
              open_board(chromium, live_server, "ngo@govlab.test", locale="th-TH", viewport={"width": 390, "height": 844})]
    yield [page for _context, page, _errors in opened]
    for context, _page, errors in opened:
        context.close()
        assert errors == [], errors


def add_cards(page, titles):
    for title in titles:
        page.fill("#add-ideate", title)
        page.press("#add-ideate", "Enter")
        page.wait_for_selector(f'{IDEATE} .card:not(.pending) .card-title:has-text("{title}")')


def theme(page, name):
    return page.locator(f'{IDEATE} .theme[data-theme-id]', has=page.locator(".theme-name", has_text=name))


def axe(page, live_server):
    """Serious and critical axe-core violations (the file served from the app's origin: the CSP allows 'self')."""
    page.route("**" + AXE_PATH, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    return run_axe(page, live_server.url)


def drag(page, source, target):
    """HTML5 drag and drop from `source` onto `target`, as the browser fires it."""
    data = page.evaluate_handle("() => new DataTransfer()")
    source.dispatch_event("dragstart", {"dataTransfer": data})
    target.dispatch_event("dragover", {"dataTransfer": data})
    target.dispatch_event("drop", {"dataTransfer": data})
    source.dispatch_event("dragend", {"dataTransfer": data})


def test_suggested_themes_accepted_live_in_three_browsers(room, live_server):
    facilitator, member, phone = room
    facilitator.click('[data-ws="plan"]')
    facilitator.fill("#ws-plan-title", "Clinic clustering")
    facilitator.select_option("#ws-a-stage-1", "ideate")
    facilitator.select_option("#ws-a-kind-1", "cluster")
    facilitator.fill("#ws-a-instruction-1", "Group the ideas by what they are about.")
    facilitator.click('[data-ws="create"]')
    facilitator.click('[data-ws="start"]')
    add_cards(facilitator, QUEUE + PARKING)
    add_cards(member, PARKING_TH)
    phone.click("#tab-ideate")
    phone.wait_for_selector(f'{IDEATE} .card-title:has-text("{PARKING_TH[1]}")')

    # Suggestions are the facilitator's alone.
    assert member.locator('[data-themes="suggest"]').count() == 0
    facilitator.click('[data-themes="suggest"]')
    facilitator.select_option("#theme-suggest-stage", "ideate")
    facilitator.click('[data-themes="ask"]')
    suggestions = facilitator.locator(".theme-suggestion")
    suggestions.first.wait_for()
    assert suggestions.count() == 3, facilitator.locator(".theme-suggestions").inner_text()
    queue = facilitator.locator(".theme-suggestion", has_text=QUEUE[0])
    assert queue.locator("input").input_value() == "queue"
    facilitator.screenshot(path=str(SCREENSHOTS / "themes-suggest-en-desktop.png"), full_page=False)
    assert axe(facilitator, live_server) == []

    # Renamed, then accepted: the theme and its three cards show in every browser.
    queue.locator("input").fill("Waiting in line")
    queue.locator('[data-themes="accept"]').click()
    for page in room:
        group = theme(page, "Waiting in line")
        group.wait_for(state="attached")
        for title in QUEUE:
            group.locator(".card-title", has_text=title).wait_for(state="attached")
    facilitator.locator(".theme-suggestion", has_text=PARKING_TH[0]).locator('[data-themes="dismiss"]').click()
    assert facilitator.locator(".theme-suggestion").count() == 1
    facilitator.locator(".theme-suggestion", has_text=PARKING[0]).locator('[data-themes="accept"]').click()
    for page in room:
        theme(page, "parking").locator(".card-title", has_text=PARKING[1]).wait_for(state="attached")
    facilitator.wait_for_selector(".theme-suggest-status:has-text('Theme “parking” created with 2 cards.')")
    assert facilitator.locator(".theme-suggestion").count() == 0

    # By keyboard: T on a card, a new theme's name, Enter.
    card = member.locator(f'{IDEATE} .card', has_text=PARKING_TH[0])
    card.focus()
    member.keyboard.press("t")
    member.wait_for_selector("#theme-picker[open]")
    member.keyboard.type("ที่จอดรถ")
    member.wait_for_selector('#theme-options [data-kind="new"][aria-selected="true"]')
    member.keyboard.press("Enter")
    for page in room:
        theme(page, "ที่จอดรถ").locator(".card-title", has_text=PARKING_TH[0]).wait_for(state="attached")
    assert member.evaluate("document.activeElement.dataset.cardId") == card.get_attribute("data-card-id")

    # By dragging a card onto the theme (the drag events themselves: a pointer drag in a scrolling lane
    # would start on whichever card the scroll brought under the pointer).
    drag(member, member.locator(f'{IDEATE} .card', has_text=PARKING_TH[1]), theme(member, "ที่จอดรถ").locator(".theme-head"))
    for page in room:
        theme(page, "ที่จอดรถ").locator(".card-title", has_text=PARKING_TH[1]).wait_for(state="attached")
    phone.locator(f"{IDEATE} .theme").first.scroll_into_view_if_needed()
    phone.screenshot(path=str(SCREENSHOTS / "themes-lane-th-phone.png"), full_page=False)
    member.screenshot(path=str(SCREENSHOTS / "themes-lane-th-desktop.png"), full_page=False)
    assert axe(member, live_server) == []  # lanes of groups, in Thai

    # The picker by the card menu takes a card out of its theme again.
    card = facilitator.locator(f'{IDEATE} .card', has_text=QUEUE[2])
    card.focus()
    facilitator.keyboard.press("Shift+F10")
    facilitator.locator('#card-menu [role="menuitem"]', has_text="Move to theme…").click()
    facilitator.wait_for_selector("#theme-picker[open]")
    facilitator.screenshot(path=str(SCREENSHOTS / "themes-picker-en-desktop.png"), full_page=False)
    assert axe(facilitator, live_server) == []
    facilitator.locator('#theme-options [data-kind="none"]').click()
    for page in room:
        page.locator(f'{IDEATE} .theme-free .card-title', has_text=QUEUE[2]).wait_for(state="attached")

    # Rename and delete from the theme's heading: live everywhere; the deleted theme's cards stay ungrouped.
    theme(facilitator, "parking").locator('[data-theme-action="rename"]').click()
    facilitator.fill("#theme-rename-name", "Parking (English)")
    facilitator.press("#theme-rename-name", "Enter")
    for page in room:
        theme(page, "Parking (English)").wait_for(state="attached")
    facilitator.once("dialog", lambda dialog: dialog.accept())
    theme(facilitator, "Parking (English)").locator('[data-theme-action="delete"]').click()
    for page in room:
        page.locator(f'{IDEATE} .theme-free .card-title', has_text=PARKING[0]).wait_for(state="attached")
        assert theme(page, "Parking (English)").count() == 0
    facilitator.click('[data-themes="close"]')
    assert facilitator.evaluate("document.activeElement.dataset.themes") == "suggest"  # focus back on the opener
    facilitator.locator(f"{IDEATE} .theme").first.scroll_into_view_if_needed()
    facilitator.screenshot(path=str(SCREENSHOTS / "themes-lane-en-desktop.png"), full_page=False)
    facilitator.set_viewport_size({"width": 390, "height": 844})
    facilitator.click("#tab-ideate")
    facilitator.locator(f"{IDEATE} .theme").first.scroll_into_view_if_needed()
    facilitator.screenshot(path=str(SCREENSHOTS / "themes-lane-en-phone.png"), full_page=False)

    summary = facilitator.context.new_page()
    summary.goto(f"{live_server.url}/projects/2/workshop/summary")
    summary.wait_for_selector("h1:has-text('Clinic clustering')")
    section = summary.locator(".ws-theme", has_text="Waiting in line")
    assert QUEUE[0] in section.inner_text() and "Cards: 2" in section.inner_text()
    assert "ที่จอดรถ" in summary.content()
