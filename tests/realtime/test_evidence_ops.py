"""The evidence chain's ops over the socket: acks, live broadcast, refusals and group commits."""


def chain_cards(factory, project):
    return {kind: factory.card(project, stage=stage, kind=kind, title=f"A {kind}")
            for kind, stage in (("idea", "ideate"), ("prototype", "prototype"), ("test", "test"))}


def test_each_step_of_a_chain_is_acknowledged_and_broadcast(world, sockets, factory):
    project = world["public"]["project"]
    pid = project.id
    made = chain_cards(factory, project)
    facilitator = sockets(world["users"]["facilitator"])
    watcher = sockets()  # an anonymous citizen watching the public board
    facilitator.join(pid)
    seq = watcher.join(pid)["seq"]
    steps = [
        ("link.create", {"from": made["prototype"].id, "to": made["idea"].id, "type": "embodies"}, "link"),
        ("link.create", {"from": made["test"].id, "to": made["prototype"].id, "type": "tests"}, "link"),
        ("prototype.update", {"id": made["prototype"].id, "fidelity": "paper", "due_date": "2026-12-31"}, "card"),
        ("test.update", {"id": made["test"].id, "verdict": "validated", "participants_count": 5}, "card"),
    ]
    for index, (op_type, data, result) in enumerate(steps):
        ack = facilitator.op(pid, op_type, data, f"step-{index}")
        assert ack["ok"] and ack["seq"] == seq + index + 1 and ack[result], ack
    decided = facilitator.op(pid, "gate.decide", {"prototype_id": made["prototype"].id, "decision": "scale",
                                                  "rationale": "ผ่านทุกเกณฑ์", "evidence": [made["test"].id]}, "gate")
    assert decided["ok"] and decided["decision"]["decision"] == "scale", decided
    events = watcher.ops(count=5)
    assert [e["type"] for e in events] == ["link.create", "link.create", "prototype.update", "test.update",
                                           "gate.decide"]
    assert events[-1]["payload"]["card"]["prototype"]["status"] == "scaled"
    assert events[3]["payload"]["card"]["test"]["verdict"] == "validated"
    board = watcher.join(pid)["board"]
    assert {(link["from"], link["to"]) for link in board["links"]} == {
        (made["prototype"].id, made["idea"].id), (made["test"].id, made["prototype"].id)}
    again = facilitator.op(pid, "gate.decide", {"prototype_id": made["prototype"].id, "decision": "scale",
                                                "rationale": "ผ่านทุกเกณฑ์", "evidence": [made["test"].id]}, "gate")
    assert again["duplicate"] and again["seq"] == decided["seq"]  # a retried decision is recorded once


def test_refused_ops_answer_clearly_and_broadcast_nothing(world, sockets, factory):
    project = world["private"]["project"]
    pid = project.id
    made = chain_cards(factory, project)
    member = sockets(world["users"]["member"])
    observer = sockets(world["users"]["observer"])
    watcher = sockets(world["users"]["facilitator"])
    member.join(pid)
    observer.join(pid)
    watcher.join(pid)
    refused = [
        (member, "link.create", {"from": made["idea"].id, "to": made["test"].id, "type": "tests"}, "validation_error"),
        (member, "link.create", {"from": made["idea"].id, "to": made["idea"].id, "type": "relates"},
         "validation_error"),
        (member, "gate.decide", {"prototype_id": made["prototype"].id, "decision": "drop", "rationale": "No."},
         "forbidden"),
        (observer, "link.create", {"from": made["test"].id, "to": made["prototype"].id, "type": "tests"},
         "forbidden"),
        (observer, "test.update", {"id": made["test"].id, "verdict": "validated"}, "forbidden"),
        (member, "prototype.update", {"id": made["test"].id, "status": "testing"}, "validation_error"),
        (member, "link.delete", {"id": 999_999}, "not_found"),
    ]
    for index, (sock, op_type, data, code) in enumerate(refused):
        ack = sock.op(pid, op_type, data, f"bad-{index}")
        assert not ack["ok"] and ack["error"]["code"] == code, (op_type, ack)
    ok = member.op(pid, "link.create", {"from": made["test"].id, "to": made["prototype"].id, "type": "tests"}, "ok")
    assert ok["ok"]
    assert [e["type"] for e in watcher.ops(count=1)] == ["link.create"]  # only the accepted op went out


def test_a_bad_op_does_not_spoil_its_group(app, world, factory):
    """In one group commit, a duplicate link and a decision by a member are refused; the rest commits."""
    from govlab.services import gates, links
    from govlab.services.access import ActorRef
    from govlab.services.batch import Job, run_batch
    from govlab.services.details import update_test

    from sqlalchemy import select

    from govlab.extensions import db
    from govlab.models import Project

    project = world["public"]["project"]
    pid = project.id
    made = chain_cards(factory, project)
    member = ActorRef.of(world["users"]["member"])
    start = db.session.scalar(select(Project.last_seq).where(Project.id == pid))
    embodies = {"from": made["prototype"].id, "to": made["idea"].id, "type": "embodies"}
    jobs = [Job(member, pid, op_id, run, card_id) for op_id, run, card_id in (
        ("a", lambda: links.create_link(member, pid, embodies), None),
        ("b", lambda: links.create_link(member, pid, embodies), None),
        ("c", lambda: gates.decide(member, pid, {"prototype_id": made["prototype"].id, "decision": "drop",
                                                 "rationale": "No."}), None),
        ("d", lambda: update_test(member, pid, {"id": made["test"].id, "learnings": "ภาษาง่ายขึ้นช่วยได้"}),
         made["test"].id))]
    jobs[0].result_kind = jobs[1].result_kind = "link"
    jobs[2].result_kind = "decision"
    run_batch(jobs)
    created, duplicate, decision, learned = jobs
    assert created.ack["ok"] and created.ack["link"]["type"] == "embodies" and created.ack["seq"] == start + 1
    assert duplicate.error.code == "conflict"
    assert decision.error.code == "forbidden"
    assert learned.ack["seq"] == start + 2 and learned.ack["card"]["test"]["learnings"] == "ภาษาง่ายขึ้นช่วยได้"
