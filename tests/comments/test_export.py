"""Comments and the open project file: their Events travel in the Event log and an import accepts them."""
from govlab.services import comments, transfer


def test_a_project_with_comments_exports_and_imports(world):
    project, card = world["private"]["project"], world["private"]["card"]
    users = world["users"]
    top = comments.create_comment(users["facilitator"], project.id, {"card_id": card.id, "body": "Export me"})
    comments.create_comment(users["member"], project.id, {"card_id": card.id, "body": "Reply", "parent_id": top.id})
    comments.hide_comment(users["facilitator"], project.id, {"id": top.id})
    exported = transfer.export_project(users["facilitator"], project.id)
    assert [e["type"] for e in exported["events"]][-3:] == ["comment.create", "comment.create", "comment.hide"]
    import orjson
    copy, _warnings = transfer.import_project(users["outsider"], orjson.dumps(exported))
    again = transfer.export_project(users["outsider"], copy.id)
    kinds = [e["type"] for e in again["events"]]
    assert kinds == [e["type"] for e in exported["events"]]
    created = next(e for e in again["events"] if e["type"] == "comment.create")
    assert created["payload"]["comment"]["author_id"] is None  # accounts do not travel
