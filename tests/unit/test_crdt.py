"""Concurrent CRDT edits converge: random interleavings from several clients, on every client and the server."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govlab.domain.crdt import CardText
from govlab.domain.errors import ValidationError

edits = st.lists(
    st.tuples(st.integers(0, 2),                      # which client types
              st.sampled_from(["title", "body"]),
              st.sampled_from(["insert", "delete"]),
              st.integers(0, 1000),                    # where (wrapped to the text length)
              st.text(alphabet="abcกขค น้ำ😀", min_size=1, max_size=4),
              st.booleans()),                          # deliver everything pending right after?
    min_size=1, max_size=40)


@settings(max_examples=120, deadline=None)
@given(edits, st.randoms(use_true_random=False))
def test_random_interleavings_converge(operations, rnd):
    _, seed = CardText.seeded("Hello", "สวัสดี")
    server = CardText([seed])
    clients = [CardText([seed]) for _ in range(3)]
    outbox: list[list[bytes]] = [[] for _ in clients]  # updates each client has not yet sent
    inbox: list[list[bytes]] = [[] for _ in clients]   # server broadcasts each client has not yet applied
    typed = {"title": [], "body": []}

    def deliver(index: int) -> None:
        # Each connection is FIFO (one WebSocket; the server relays in seq order), so a client's own
        # updates keep their order; what varies is how clients' streams interleave.
        pending, outbox[index] = outbox[index], []
        for update in pending:
            server.apply(update)
            for other in range(len(clients)):
                if other != index:
                    inbox[other].append(update)

    def receive(index: int) -> None:
        pending, inbox[index] = inbox[index], []
        for update in pending:
            clients[index].apply(update)

    for who, field, action, where, chars, flush in operations:
        client = clients[who]
        text = client.fields[field]
        before = client.doc.get_state()
        current = str(text)
        # pycrdt counts UTF-8 bytes; edit at character boundaries, as an editor would.
        with client.doc.transaction():
            if action == "insert" or not current:
                index = where % (len(current) + 1)
                text.insert(len(current[:index].encode()), chars)
                typed[field].append(chars)
            else:
                index = where % len(current)
                start = len(current[:index].encode())
                del text[start:start + len(current[index].encode())]
        outbox[who].append(client.doc.get_update(before))
        if flush:
            deliver(who)
            receive(rnd.randrange(len(clients)))
    for index in range(len(clients)):
        deliver(index)
    for index in range(len(clients)):
        receive(index)
    final = server.values()
    assert all(client.values() == final for client in clients)


def test_two_people_typing_in_one_field_keep_both_texts():
    _, seed = CardText.seeded("", "")
    a, b, server = CardText([seed]), CardText([seed]), CardText([seed])
    sa, sb = a.doc.get_state(), b.doc.get_state()
    a.fields["body"].insert(0, "Somsri types this. ")
    b.fields["body"].insert(0, "Anan types that.")
    ua, ub = a.doc.get_update(sa), b.doc.get_update(sb)
    for doc in (a, b, server):
        doc.apply(ub if doc is a else ua) if doc is not server else (server.apply(ua), server.apply(ub))
    body = server.value("body")
    assert "Somsri types this. " in body and "Anan types that." in body
    assert a.value("body") == b.value("body") == body


def test_replace_is_a_mergeable_update():
    text, seed = CardText.seeded("Old น้ำ 😀", "")
    peer = CardText([seed])
    peer.apply(text.replace("title", "ใหม่ 😀 New"))
    assert peer.value("title") == "ใหม่ 😀 New"


@pytest.mark.parametrize("bad", [b"", b"\x01", b"garbage bytes here", "text"])
def test_malformed_updates_are_refused(bad):
    with pytest.raises(ValidationError):
        CardText().apply(bad)


def test_unknown_roots_are_refused():
    from pycrdt import Doc, Text

    other = Doc()
    other.get("evil", type=Text).insert(0, "x")
    with pytest.raises(ValidationError):
        CardText().apply(other.get_update())
