"""The evidence read pages: chain and its decision form, tracker, portfolio, timeline, participation."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import event, select, update

from govlab.extensions import db
from govlab.models import Card, CardLink, Decision, Event, PrototypeDetails, TestDetails
from govlab.services import cards, details, projects
from tests.conftest import csrf_from, login
from tests.web.evidence_helpers import build_chain, vouch_in

ACTORS = ["facilitator", "member", "observer", "outsider", "admin", "anonymous"]
INSIDERS = ("facilitator", "member", "observer", "admin")


@pytest.fixture
def chained(world):
    """The world with a whole chain on each project."""
    for visibility in ("public", "private"):
        world[visibility]["chain"] = build_chain(world[visibility]["project"], world["users"]["facilitator"],
                                                 world["users"]["member"], title=f"{visibility} prototype")
    return world


def as_actor(client, world, actor):
    if actor != "anonymous":
        assert login(client, world["users"][actor]).status_code == 302
    return client


def page_paths(world, visibility):
    pid = world[visibility]["project"].id
    prototype = world[visibility]["chain"]["prototype"]
    return [f"/projects/{pid}/chain/{prototype}", f"/projects/{pid}/chain/{prototype}?fragment=1",
            f"/projects/{pid}/chains", f"/projects/{pid}/tracker", f"/projects/{pid}/tracker?fragment=1",
            f"/projects/{pid}/timeline", f"/projects/{pid}/timeline?after=0&fragment=1",
            f"/projects/{pid}/participation"]


# ---- permissions ---------------------------------------------------------------------------

@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("visibility", ["public", "private"])
def test_project_read_pages_follow_the_view_rule(client, chained, actor, visibility):
    as_actor(client, chained, actor)
    visible = visibility == "public" or actor in INSIDERS
    for path in page_paths(chained, visibility):
        response = client.get(path)
        assert response.status_code == (200 if visible else 404), path
        html = response.get_data(as_text=True)
        assert (f"{visibility} prototype" in html) is (visible and "participation" not in path), path


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("visibility", ["public", "private"])
def test_decision_form_shows_only_for_facilitators(client, chained, actor, visibility):
    as_actor(client, chained, actor)
    pid = chained[visibility]["project"].id
    response = client.get(f"/projects/{pid}/chain/{chained[visibility]['chain']['prototype']}")
    if visibility == "private" and actor not in INSIDERS:
        assert response.status_code == 404
        return
    assert ("Record a gate decision" in response.get_data(as_text=True)) is (actor in ("facilitator", "admin"))


@pytest.mark.parametrize("actor,expected", [("facilitator", 302), ("admin", 302), ("member", 403), ("observer", 403),
                                            ("outsider", 404), ("anonymous", 404)])
def test_decision_post_by_role_on_a_private_project(client, chained, actor, expected):
    as_actor(client, chained, actor)
    pid = chained["private"]["project"].id
    prototype = chained["private"]["chain"]["prototype"]
    token = csrf_from(client.get("/explore").get_data(as_text=True))
    before = db.session.scalar(select(Decision.id).order_by(Decision.id.desc()).limit(1))
    response = client.post(f"/projects/{pid}/chain/{prototype}/decisions",
                           data={"csrf_token": token, "decision": "drop", "rationale": f"by {actor}"})
    assert response.status_code == expected
    db.session.rollback()  # a fresh read: the requests wrote through their own sessions
    after = db.session.scalar(select(Decision.id).order_by(Decision.id.desc()).limit(1))
    assert (after != before) is (actor in ("facilitator", "admin"))


def test_decision_post_by_anonymous_on_a_public_project_asks_to_sign_in(client, chained):
    pid = chained["public"]["project"].id
    prototype = chained["public"]["chain"]["prototype"]
    token = csrf_from(client.get(f"/projects/{pid}/chain/{prototype}").get_data(as_text=True))
    response = client.post(f"/projects/{pid}/chain/{prototype}/decisions",
                           data={"csrf_token": token, "decision": "drop", "rationale": "anonymous"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    db.session.rollback()
    assert db.session.scalar(select(db.func.count(Decision.id)).where(Decision.rationale == "anonymous")) == 0


# ---- chain ---------------------------------------------------------------------------------

def test_chain_walks_the_links_and_marks_superseded_decisions(client, chained):
    as_actor(client, chained, "facilitator")
    made = chained["public"]["chain"]
    pid = chained["public"]["project"].id
    token = csrf_from(client.get(f"/projects/{pid}/chain/{made['prototype']}").get_data(as_text=True))
    response = client.post(f"/projects/{pid}/chain/{made['prototype']}/decisions",
                           data={"csrf_token": token, "decision": "scale", "rationale": "It works everywhere.",
                                 "evidence": [str(made["test1"]), str(made["test2"])]})
    assert response.status_code == 302 and response.headers["Location"].endswith("#decisions")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Decision recorded." in html
    for text in ("People trust the district office", "“I closed my shop for three days”",
                 "How might we licence a shop in one visit?", "Apply through LINE", "public prototype",
                 "Usability test with 5 shops", "Pilot at the district office", "Pilot in Lamphun"):
        assert text in html
    assert "An insight framing nothing" not in html  # not linked into this chain
    assert f'href="/projects/{pid}/board?card={made["insight"]}"' in html  # every step opens on the board
    decisions = html[html.index('id="decisions"'):]
    assert decisions.index("It works everywhere.") < decisions.index("Promising; fix the sign-up step.")
    assert decisions.count("Superseded") == 1 and "Current decision" in decisions
    assert "Scaled" in html  # the decision set the status
    db.session.rollback()
    assert db.session.get(PrototypeDetails, made["prototype"]).status == "scaled"


def test_chain_hides_deleted_cards_and_their_links(client, chained):
    made = chained["public"]["chain"]
    cards.delete_card(chained["users"]["member"], made["idea"])
    as_actor(client, chained, "observer")
    html = client.get(f"/projects/{chained['public']['project'].id}/chain/{made['prototype']}").get_data(as_text=True)
    assert "Apply through LINE" not in html
    assert "does not embody an idea yet" in html


@pytest.mark.parametrize("which", ["insight", "test1", "other_project", "deleted", "missing", "huge"])
def test_chain_of_anything_but_a_live_prototype_of_this_project_is_not_found(client, chained, which):
    as_actor(client, chained, "facilitator")
    pid = chained["public"]["project"].id
    card_id = {"insight": chained["public"]["chain"]["insight"], "test1": chained["public"]["chain"]["test1"],
               "other_project": chained["private"]["chain"]["prototype"], "deleted": None,
               "missing": 999999, "huge": 9999999999}[which]
    if which == "deleted":
        card_id = chained["public"]["chain"]["prototype"]
        cards.delete_card(chained["users"]["facilitator"], card_id)
    response = client.get(f"/projects/{pid}/chain/{card_id}")
    assert response.status_code == (422 if which == "huge" else 404)
    assert client.get(f"/api/v1/projects/{pid}/chain/{card_id}").status_code == (422 if which == "huge" else 404)


@pytest.mark.parametrize("data,field,message", [
    ({"rationale": "Why not"}, "decision", "Invalid value for decision"),
    ({"decision": "scale"}, "rationale", "The field rationale is required."),
    ({"decision": "iterate", "rationale": "Keep going"}, "evidence", "Choose at least one test"),
    ({"decision": "grow", "rationale": "Keep going"}, "decision", "Invalid value for decision"),
    ({"decision": "iterate", "rationale": "Keep going", "evidence": ["²"]}, "evidence", "digits 0-9"),
])
def test_decision_errors_show_next_to_the_field_and_keep_what_was_typed(client, chained, data, field, message):
    as_actor(client, chained, "facilitator")
    made = chained["public"]["chain"]
    pid = chained["public"]["project"].id
    token = csrf_from(client.get(f"/projects/{pid}/chain/{made['prototype']}").get_data(as_text=True))
    db.session.rollback()
    count = db.session.scalar(select(db.func.count(Decision.id)))
    response = client.post(f"/projects/{pid}/chain/{made['prototype']}/decisions", data={"csrf_token": token, **data})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    error = re.search(rf'<p class="field-error" id="{field}-error">([^<]*)</p>', html)
    assert error and message in error.group(1).replace("&#34;", '"'), html[html.index("Record a gate"):][:3000]
    if data.get("rationale"):
        assert f"{data['rationale']}</textarea>" in html
    if data.get("decision") in ("scale", "iterate"):
        assert f'value="{data["decision"]}" checked' in html
    db.session.rollback()
    assert db.session.scalar(select(db.func.count(Decision.id))) == count


def test_decision_on_a_test_of_another_prototype_is_refused(client, chained, factory):
    pid = chained["public"]["project"].id
    made = chained["public"]["chain"]
    other = factory.card(chained["public"]["project"], stage="test", title="Unlinked test", kind="test")
    as_actor(client, chained, "facilitator")
    token = csrf_from(client.get(f"/projects/{pid}/chain/{made['prototype']}").get_data(as_text=True))
    response = client.post(f"/projects/{pid}/chain/{made['prototype']}/decisions",
                           data={"csrf_token": token, "decision": "scale", "rationale": "Sure",
                                 "evidence": [str(other.id)]})
    assert response.status_code == 422
    assert "does not test this prototype" in response.get_data(as_text=True).replace("&#34;", '"')


def test_decision_needs_csrf_and_an_active_project(client, chained):
    pid = chained["public"]["project"].id
    prototype = chained["public"]["chain"]["prototype"]
    as_actor(client, chained, "facilitator")
    response = client.post(f"/projects/{pid}/chain/{prototype}/decisions", data={"decision": "drop", "rationale": "x"})
    assert response.status_code == 400
    projects.update_project(chained["users"]["facilitator"], pid, {"status": "archived"})
    html = client.get(f"/projects/{pid}/chain/{prototype}").get_data(as_text=True)
    assert "Record a gate decision" not in html and "archived and read-only" in html
    token = csrf_from(html)
    response = client.post(f"/projects/{pid}/chain/{prototype}/decisions",
                           data={"csrf_token": token, "decision": "drop", "rationale": "x"})
    assert response.status_code == 403


# ---- tracker -------------------------------------------------------------------------------

def _age_everything(project_id: int, days: int) -> None:
    """Move every timestamp of the project's cards, fields, links and decisions `days` into the past."""
    db.session.rollback()  # no stale read transaction in the way of the write
    past = datetime.now(timezone.utc) - timedelta(days=days)
    ids = select(Card.id).where(Card.project_id == project_id).scalar_subquery()
    db.session.execute(update(Card).where(Card.project_id == project_id).values(updated_at=past))
    db.session.execute(update(PrototypeDetails).where(PrototypeDetails.card_id.in_(ids)).values(updated_at=past))
    db.session.execute(update(TestDetails).where(TestDetails.card_id.in_(ids)).values(updated_at=past))
    db.session.execute(update(CardLink).where(CardLink.project_id == project_id).values(created_at=past))
    db.session.execute(update(Decision).where(Decision.project_id == project_id).values(created_at=past))
    db.session.commit()


def stalled_section(html: str) -> str:
    return html[html.index('id="stalled-title"'):html.index('id="overdue-title"')]


def test_tracker_groups_by_status_and_finds_stalled_and_overdue(client, chained, factory):
    project = chained["public"]["project"]
    made = chained["public"]["chain"]
    member = chained["users"]["member"]
    late = factory.card(project, stage="prototype", kind="prototype", title="Late prototype")
    details.update_prototype(member, project.id, {"id": late.id, "due_date": "2020-01-01", "next_step": "Call the mayor"})
    done = factory.card(project, stage="prototype", kind="prototype", title="Done prototype")
    details.update_prototype(member, project.id, {"id": done.id, "due_date": "2020-01-01", "status": "scaled"})
    as_actor(client, chained, "observer")
    html = client.get(f"/projects/{project.id}/tracker").get_data(as_text=True)
    overdue = html[html.index('id="overdue-title"'):html.index('id="status-')]
    assert "Late prototype" in overdue and "Call the mayor" in overdue and "Done prototype" not in overdue
    assert "No prototype has been idle" in stalled_section(html)
    iterating = html[html.index('id="status-title-iterating"'):]
    assert "public prototype" in iterating.split("</section>")[0]
    assert "Iterate" in iterating.split("</section>")[0] and "Validated" in iterating.split("</section>")[0]

    _age_everything(project.id, 15)  # past the default 14 days
    html = client.get(f"/projects/{project.id}/tracker").get_data(as_text=True)
    stalled = stalled_section(html)
    assert "public prototype" in stalled and "Late prototype" in stalled and "Done prototype" not in stalled
    # A new test result on one of its tests is activity: the prototype is no longer stalled.
    details.update_test(member, project.id, {"id": made["test2"], "learnings": "Bring a printer"})
    stalled = stalled_section(client.get(f"/projects/{project.id}/tracker").get_data(as_text=True))
    assert "public prototype" not in stalled and "Late prototype" in stalled
    # The project's own setting decides how many idle days make a prototype stalled.
    projects.update_project(chained["users"]["facilitator"], project.id, {"stall_days": 30})
    assert "Late prototype" not in stalled_section(client.get(f"/projects/{project.id}/tracker").get_data(as_text=True))


@pytest.mark.parametrize("value,ok", [("30", True), ("", True), ("²", False), ("0", False), ("366", False),
                                      ("99999999999999999999", False), ("7.5", False)])
def test_stall_days_in_project_settings(client, chained, value, ok):
    project = chained["public"]["project"]
    as_actor(client, chained, "facilitator")
    page = client.get(f"/projects/{project.id}/settings").get_data(as_text=True)
    assert 'name="stall_days" type="text" value="14"' in page or 'value="14"' in page
    response = client.post(f"/projects/{project.id}/settings", data={
        "csrf_token": csrf_from(page), "title": "public project", "hmw": "", "visibility": "public",
        "status": "active", "stage": "empathize", "org_id": "", "stall_days": value})
    db.session.rollback()
    db.session.expire_all()
    assert (response.status_code == 302) is ok, response.get_data(as_text=True)[:500]
    assert project.stall_days == (30 if value == "30" else 14)
    if not ok:
        assert 'id="stall_days-error"' in response.get_data(as_text=True)


# ---- portfolio -----------------------------------------------------------------------------

def test_portfolio_is_for_signed_in_users_and_shows_only_visible_projects(client, chained):
    assert client.get("/portfolio").status_code == 302
    as_actor(client, chained, "outsider")
    html = client.get("/portfolio").get_data(as_text=True)
    assert "public prototype" in html and "private prototype" not in html
    api = client.get("/api/v1/portfolio").get_json()
    assert [row["title"] for row in api["prototypes"]] == ["public prototype"]


@pytest.mark.parametrize("actor,sees_private", [("member", True), ("observer", True), ("admin", True),
                                                ("outsider", False)])
def test_portfolio_rows_per_actor(client, chained, actor, sees_private):
    as_actor(client, chained, actor)
    html = client.get("/portfolio").get_data(as_text=True)
    assert ("private prototype" in html) is sees_private
    assert 'href="/projects/%d/chain/%d"' % (chained["public"]["project"].id, chained["public"]["chain"]["prototype"]) in html


def test_portfolio_filters_sorting_and_counts(client, chained, factory):
    org = factory.org(sector="civil_society", name_en="Friends Foundation", name_th="มูลนิธิเพื่อน")
    project = chained["public"]["project"]
    extra = factory.card(project, stage="prototype", kind="prototype", title="เอกสารกระดาษ")
    vouch_in(project.id, org)
    details.update_prototype(chained["users"]["member"], project.id, {"id": extra.id, "owner_org_id": org.id,
                                                                      "status": "building"})
    as_actor(client, chained, "member")
    html = client.get(f"/portfolio?organisation={org.id}").get_data(as_text=True)
    table = html[html.index("<table"):]
    assert "เอกสารกระดาษ" in table and "public prototype" not in table
    table = client.get("/portfolio?sector=civil_society").get_data(as_text=True)
    assert "เอกสารกระดาษ" in table[table.index("<table"):]
    html = client.get("/portfolio?status=iterating&stage=empathize&stalled=no").get_data(as_text=True)
    table = html[html.index("<table"):]
    assert "public prototype" in table and "private prototype" in table and "เอกสารกระดาษ" not in table
    assert "2 of 3 prototypes shown." in html
    html = client.get("/portfolio?stalled=yes").get_data(as_text=True)
    assert "No prototype matches these filters." in html
    html = client.get("/portfolio?sort=title&dir=asc").get_data(as_text=True)
    assert 'aria-sort="ascending"' in html
    rows = re.findall(r'data-prototype-id="(\d+)"', html)
    assert rows == [str(chained["private"]["chain"]["prototype"]), str(chained["public"]["chain"]["prototype"]),
                    str(extra.id)]  # "private…" < "public…" < Thai
    html = client.get("/portfolio?sort=title&dir=desc").get_data(as_text=True)
    assert 'aria-sort="descending"' in html and re.findall(r'data-prototype-id="(\d+)"', html)[0] == str(extra.id)
    api = client.get("/api/v1/portfolio?sort=status").get_json()
    assert api["counts"]["status"] == {"building": 1, "iterating": 2}
    assert api["counts"]["verdict"] == {"inconclusive": 2, "none": 1}


@pytest.mark.parametrize("query", ["status=asleep", "sector=government", "stalled=maybe", "sort=password",
                                   "organisation=%C2%B2", "organisation=99999999999", "dir=up", "stage=build"])
def test_portfolio_bad_filters_are_clear_errors(client, chained, query):
    as_actor(client, chained, "member")
    response = client.get(f"/portfolio?{query}")
    assert response.status_code == 422
    assert 'class="form-error" role="alert"' in response.get_data(as_text=True)
    api = client.get(f"/api/v1/portfolio?{query}")
    assert api.status_code == 422 and api.get_json()["error"]["code"] == "validation_error"


def test_portfolio_reads_a_few_hundred_prototypes_in_a_few_queries(client, world, factory):
    facilitator = world["users"]["facilitator"]
    org = factory.org()
    for index in range(12):
        project = factory.project(facilitator, visibility="public", title=f"Project {index}")
        vouch_in(project.id, org)
        for number in range(25):
            card = factory.card(project, stage="prototype", kind="prototype", title=f"P{index}-{number}")
            if number % 5 == 0:
                details.update_prototype(facilitator, project.id, {"id": card.id, "owner_org_id": org.id})
    as_actor(client, world, "outsider")
    statements = []
    engine = db.engine

    def count(*_args):
        statements.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get("/portfolio")
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200
    assert response.get_data(as_text=True).count("data-prototype-id=") == 300
    assert len(statements) <= 15, len(statements)


# ---- timeline ------------------------------------------------------------------------------

def test_timeline_tells_each_event_and_marks_deleted_cards(client, chained):
    made = chained["public"]["chain"]
    pid = chained["public"]["project"].id
    cards.delete_card(chained["users"]["member"], made["stray"])
    as_actor(client, chained, "anonymous")
    html = client.get(f"/projects/{pid}/timeline").get_data(as_text=True).replace("&#34;", '"')
    for sentence in ("Facilitator decided to iterate on “public prototype”",
                     "Member recorded the verdict “Validated” on the test “Usability test with 5 shops”",
                     "Member set the status of the prototype “public prototype” to Testing",
                     "Member linked “Apply through LINE” as answering “How might we licence a shop in one visit?”",
                     "Member added “An insight framing nothing” to Empathize",
                     "Member deleted “An insight framing nothing”",
                     "Facilitator added Member to the project as Member",
                     "Facilitator opened the project “public project”"):
        assert sentence in html, sentence
    assert "Promising; fix the sign-up step." in html  # the rationale shows with the decision
    assert "lane.respace" not in html
    stray = [entry for entry in html.split('<li class="timeline-entry"') if "An insight framing nothing" in entry]
    assert len(stray) == 2 and all("The card has since been deleted" in entry for entry in stray)


def test_timeline_in_thai_uses_whole_translated_sentences_and_buddhist_years(client, chained):
    client.post("/language", data={"locale": "th", "csrf_token": csrf_from(client.get("/explore").get_data(as_text=True))})
    html = client.get(f"/projects/{chained['public']['project'].id}/timeline").get_data(as_text=True)
    assert "ไทม์ไลน์" in html or "ลำดับเหตุการณ์" in html
    assert str(datetime.now(timezone.utc).year + 543) in html


def test_timeline_filters(client, chained, factory):
    project = chained["public"]["project"]
    org = factory.org(sector="academia", name_en="Chiang Mai University")
    scholar = factory.user("Scholar", org=org)
    factory.member(project, "member", scholar)
    cards.create_card(scholar, project.id, {"stage": "ideate", "title": "Scholar idea"})
    as_actor(client, chained, "member")
    base = f"/projects/{project.id}/timeline"

    def entries(query):
        html = client.get(f"{base}?{query}").get_data(as_text=True)
        return [entry for entry in html.split('<li class="timeline-entry"')[1:]]

    assert [e for e in entries(f"person={scholar.id}")] and all("Scholar" in e for e in entries(f"person={scholar.id}"))
    assert len(entries(f"organisation={org.id}")) == 1
    assert len(entries("sector=academia")) == 1 and "Scholar idea" in entries("sector=academia")[0]
    assert entries("sector=none") and all("Scholar idea" not in e for e in entries("sector=none"))
    assert all("decided to" in e for e in entries("type=gate.decide")) and len(entries("type=gate.decide")) == 1
    assert len(entries("type=link")) == 6
    ideate = entries("stage=ideate")
    assert ideate and all(("Apply through LINE" in e or "Scholar idea" in e) for e in ideate)


def test_timeline_pages_by_seq(client, chained, factory):
    project = chained["public"]["project"]
    for number in range(60):
        factory.card(project, stage="ideate", title=f"Idea {number}")
    as_actor(client, chained, "observer")
    html = client.get(f"/projects/{project.id}/timeline").get_data(as_text=True)
    seqs = [int(seq) for seq in re.findall(r'class="timeline-entry" data-seq="(\d+)"', html)]
    assert len(seqs) == 50 and seqs == sorted(seqs, reverse=True) and seqs[0] == project.last_seq
    older = re.search(r'href="([^"]*before=(\d+)[^"]*)" rel="?next', html) or re.search(r'rel="next" href="([^"]*before=(\d+)[^"]*)"', html)
    assert older and int(older.group(2)) == seqs[-1]
    html = client.get(older.group(1).replace("&amp;", "&")).get_data(as_text=True)
    more = [int(seq) for seq in re.findall(r'class="timeline-entry" data-seq="(\d+)"', html)]
    assert more and max(more) < seqs[-1] and "Newest" in html
    fragment = client.get(f"/projects/{project.id}/timeline?after={seqs[3]}&fragment=1").get_data(as_text=True)
    assert [int(s) for s in re.findall(r'data-seq="(\d+)"', fragment)] == seqs[:3]
    assert "<html" not in fragment


@pytest.mark.parametrize("query", ["before=%C2%B2", "before=99999999999", "after=-1", "person=abc", "type=lane.respace",
                                   "sector=space", "stage=done", "organisation=0"])
def test_timeline_bad_inputs_are_clear_errors(client, chained, query):
    pid = chained["public"]["project"].id
    response = client.get(f"/projects/{pid}/timeline?{query}")
    assert response.status_code == 422
    assert 'class="form-error" role="alert"' in response.get_data(as_text=True)
    api = client.get(f"/api/v1/projects/{pid}/timeline?{query}")
    assert api.status_code == 422 and api.get_json()["error"]["code"] == "validation_error"


# ---- participation -------------------------------------------------------------------------

def test_participation_counts_by_sector_and_organisation(client, world, factory):
    gov = factory.org(sector="government", level="local", name_en="Tambon office")
    ngo = factory.org(sector="civil_society", name_en="Friends Foundation")
    lead = factory.user("Lead", org=gov)
    helper = factory.user("Helper", org=ngo)
    project = factory.project(lead, visibility="public")
    factory.member(project, "member", helper)
    build_chain(project, lead, helper)
    old = factory.card(project, author=helper, stage="ideate", title="Long ago")
    db.session.execute(update(Event).where(Event.project_id == project.id,
                                           Event.payload["card"]["id"].as_integer() == old.id)
                       .values(created_at=datetime.now(timezone.utc) - timedelta(days=40)))
    db.session.commit()
    html = client.get(f"/projects/{project.id}/participation?period=all").get_data(as_text=True)
    local = re.search(r'<tr><th scope="row">Government \(local\)</th>(.*?)</tr>', html).group(1)
    assert re.findall(r">(\d+)<", local) == ["0", "0", "0", "0", "1", "1"]  # the lead decided
    civil = re.search(r'<tr><th scope="row">Civil society</th>(.*?)</tr>', html).group(1)
    assert re.findall(r">(\d+)<", civil) == ["9", "1", "6", "2", "0", "18"]
    assert "Friends Foundation" in html and "Tambon office" in html
    recent = client.get(f"/projects/{project.id}/participation?period=30d").get_data(as_text=True)
    civil = re.search(r'<tr><th scope="row">Civil society</th>(.*?)</tr>', recent).group(1)
    assert re.findall(r">(\d+)<", civil)[0] == "8"  # the card made 40 days ago is outside the period
    today = datetime.now(timezone.utc).date()
    ranged = client.get(f"/projects/{project.id}/participation?from={today - timedelta(days=45)}"
                        f"&to={today - timedelta(days=35)}").get_data(as_text=True)
    civil = re.search(r'<tr><th scope="row">Civil society</th>(.*?)</tr>', ranged).group(1)
    assert re.findall(r">(\d+)<", civil) == ["1", "0", "0", "0", "0", "1"]


@pytest.mark.parametrize("query", ["period=1y", "from=2026-02-30", "from=๒๕๖๙-01-01", "to=yesterday",
                                   "from=2026-05-01&to=2026-04-01"])
def test_participation_bad_periods_are_clear_errors(client, chained, query):
    response = client.get(f"/projects/{chained['public']['project'].id}/participation?{query}")
    assert response.status_code == 422
    assert 'class="form-error" role="alert"' in response.get_data(as_text=True)


def test_board_links_to_the_project_pages(client, chained):
    as_actor(client, chained, "observer")
    html = client.get(f"/projects/{chained['public']['project'].id}/board").get_data(as_text=True)
    for label in ("Prototype tracker", "Timeline", "Participation"):
        assert label in html
    assert "js/card-focus.js" in html
    assert ">Portfolio</a>" in html
