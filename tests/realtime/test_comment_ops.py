"""Comments over the socket, and the bell's unread count pushed to each person's own room."""


def test_the_bell_count_is_pushed_live_to_every_socket_of_the_person(world, sockets):
    project, card = world["private"]["project"], world["private"]["card"]
    users = world["users"]
    on_board, elsewhere = sockets(users["member"]), sockets(users["member"])
    other = sockets(users["observer"])
    on_board.join(project.id)
    author = sockets(users["facilitator"])
    author.join(project.id)
    ack = author.op(project.id, "comment.create", {"card_id": card.id, "body": "@Member look",
                                                   "mentions": [{"user_id": users["member"].id,
                                                                 "text": "@Member"}]}, "c-1")
    assert ack["ok"] and ack["comment"]["body"] == "@Member look"
    assert on_board.wait_for("notifications") == {"unread": 1}
    assert elsewhere.wait_for("notifications") == {"unread": 1}
    assert [e["type"] for e in on_board.ops()] == ["comment.create"]
    other.drain()
    assert not [p for p in other.inbox if p["name"] == "notifications"]  # the observer was not told


def test_refused_comment_ops_answer_clearly_and_store_nothing(world, sockets):
    project, card = world["private"]["project"], world["private"]["card"]
    other_card = world["public"]["card"]
    member = sockets(world["users"]["member"])
    member.join(project.id)
    seq = member.join(project.id)["seq"]
    cases = [({"card_id": other_card.id, "body": "wrong board"}, "validation_error"),
             ({"card_id": card.id, "body": "x" * 5001}, "validation_error"),
             ({"card_id": card.id, "body": "nul\x00"}, "validation_error"),
             ({"card_id": card.id, "body": "deep", "mentions": [{"user_id": 1, "text": "@nobody"}]}, "validation_error"),
             ({"card_id": card.id, "body": "@x", "mentions": [{"user_id": 2**40, "text": "@x"}]}, "validation_error")]
    for index, (data, code) in enumerate(cases):
        ack = member.op(project.id, "comment.create", data, f"bad-{index}")
        assert ack["ok"] is False and ack["error"]["code"] == code, ack
    assert member.join(project.id)["seq"] == seq


def test_a_board_with_comments_joins_with_their_counts(world, sockets):
    project, card = world["private"]["project"], world["private"]["card"]
    writer = sockets(world["users"]["member"])
    writer.join(project.id)
    assert writer.op(project.id, "comment.create", {"card_id": card.id, "body": "count me"}, "c-9")["ok"]
    joined = sockets(world["users"]["observer"]).join(project.id)  # the snapshot is encoded for the socket
    assert joined["ok"] and joined["board"]["comment_counts"] == {str(card.id): 1}
