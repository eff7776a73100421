"""govlab.serving's limits: connections within the descriptor limit, the header deadline, the backlog."""
from __future__ import annotations

import resource

from govlab import serving


def test_max_connections_stays_within_the_descriptors(monkeypatch):
    monkeypatch.delenv("GOVLAB_MAX_CONNECTIONS", raising=False)
    assert serving.max_connections(100_000) == 20_000
    assert serving.max_connections(20_000) == 20_000 - serving.FD_RESERVE
    assert serving.max_connections(20_000, fds_per_connection=2) == (20_000 - serving.FD_RESERVE) // 2
    monkeypatch.setenv("GOVLAB_MAX_CONNECTIONS", "5000")
    assert serving.max_connections(20_000) == 5000
    for bad in ("x", "0", "-3"):
        monkeypatch.setenv("GOVLAB_MAX_CONNECTIONS", bad)
        assert serving.max_connections(100_000) == 20_000


def test_header_timeout_setting(monkeypatch):
    monkeypatch.delenv("GOVLAB_HEADER_TIMEOUT", raising=False)
    assert serving.header_timeout() == 15.0
    monkeypatch.setenv("GOVLAB_HEADER_TIMEOUT", "1.5")
    assert serving.header_timeout() == 1.5
    for bad in ("x", "0", "-1", "nan", "99999"):
        monkeypatch.setenv("GOVLAB_HEADER_TIMEOUT", bad)
        assert serving.header_timeout() == 15.0


def test_backlog_and_fd_limit():
    assert 128 <= serving.backlog() <= serving.MAX_BACKLOG
    soft = serving.raise_fd_limit()
    assert soft == resource.getrlimit(resource.RLIMIT_NOFILE)[0] or soft == 1 << 20


def test_the_response_writer_sends_everything_even_when_the_socket_takes_it_in_pieces():
    """eventlet's green `send` takes what the socket buffer has room for; the writer must go on until all is sent."""
    import eventlet
    from eventlet.green import socket as green_socket

    server_side, client_side = green_socket.socketpair()
    payload = bytes(range(256)) * 8192  # 2 MiB: far more than a socket buffer holds
    received = bytearray()

    def read_slowly():
        while len(received) < 3 * len(payload):
            received.extend(client_side.recv(65536))

    reader = eventlet.spawn(read_slowly)
    writer = serving.SocketWriter(server_side)
    assert writer.write(payload) == len(payload)
    writer.writelines([payload[:100], payload[100:]])
    writer.writelines([payload])
    writer.flush()
    with eventlet.Timeout(10, AssertionError(f"only {len(received)} of {3 * len(payload)} bytes arrived")):
        reader.wait()
    assert bytes(received) == payload * 3
    writer.close()
    assert writer.closed
    server_side.close()
    client_side.close()


def test_unmasking_in_c_gives_what_eventlet_gives_byte_by_byte(monkeypatch):
    """Every length around the mask's period, every offset into it, a mask as a list or as bytes."""
    import random

    from eventlet.websocket import RFC6455WebSocket

    eventlets_own = RFC6455WebSocket.__dict__["_apply_mask"].__func__
    monkeypatch.setattr(RFC6455WebSocket, "_apply_mask", RFC6455WebSocket.__dict__["_apply_mask"])
    assert serving.use_fast_unmasking()
    assert RFC6455WebSocket._apply_mask is serving.apply_mask
    rng = random.Random(6455)
    for length in (0, 1, 2, 3, 4, 5, 7, 8, 9, 300, 4099):
        data = bytes(rng.randrange(256) for _ in range(length))
        mask = [rng.randrange(256) for _ in range(4)]
        for offset in range(6):
            expected = eventlets_own(data, mask, offset=offset)
            assert serving.apply_mask(data, mask, offset=offset) == expected
            assert serving.apply_mask(data, bytes(mask), length=length, offset=offset) == expected
            assert serving.apply_mask(bytearray(data), mask, offset=offset) == expected
    assert serving.apply_mask(b"\x00\x00\x00\x00\x00", b"\x01\x02\x03\x04", length=3) == b"\x01\x02\x03"


def test_unmasking_is_left_alone_when_eventlet_has_no_such_method(monkeypatch):
    from eventlet.websocket import RFC6455WebSocket

    monkeypatch.delattr(RFC6455WebSocket, "_apply_mask")
    assert serving.use_fast_unmasking() is False
    assert not hasattr(RFC6455WebSocket, "_apply_mask")


def _nodelay_app(socket_of):
    """A WSGI app that answers whether its connection has TCP_NODELAY set."""
    import socket

    def app(environ, start_response):
        value = socket_of(environ).getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        body = b"nodelay=%d" % (1 if value else 0)
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
        return [body]

    return app


def _get(sock) -> bytes:
    sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    response = b""
    while chunk := sock.recv(4096):
        response += chunk
    return response


def test_eventlet_connections_send_each_frame_at_once():
    """Without TCP_NODELAY the kernel holds a small frame back until the last one is acknowledged (Nagle)."""
    import eventlet
    import eventlet.wsgi
    from eventlet.green import socket as green_socket

    listener = eventlet.listen(("127.0.0.1", 0))
    app = _nodelay_app(lambda environ: environ["eventlet.input"].get_socket())
    server = eventlet.spawn(eventlet.wsgi.server, listener, app, protocol=serving.eventlet_protocol(5.0), log_output=False)
    try:
        client = green_socket.create_connection(listener.getsockname())
        with eventlet.Timeout(10):
            assert _get(client).endswith(b"nodelay=1")
        client.close()
    finally:
        server.kill()
        listener.close()


def test_gevent_connections_send_each_frame_at_once():
    """The same under gevent (simple-websocket writes through a dup() of this socket, which shares it)."""
    import gevent
    from gevent import pywsgi
    from gevent import socket as gevent_socket

    def socket_of(environ):
        return environ["wsgi.input"].rfile.raw._sock

    server = pywsgi.WSGIServer(("127.0.0.1", 0), _nodelay_app(socket_of), handler_class=serving.gevent_handler(5.0),
                               log=None)
    server.start()
    try:
        def fetch():
            client = gevent_socket.create_connection(("127.0.0.1", server.server_port))
            try:
                return _get(client)
            finally:
                client.close()

        assert gevent.spawn(fetch).get(timeout=10).endswith(b"nodelay=1")
    finally:
        server.stop()


def test_no_delay_leaves_a_socket_that_is_not_tcp_alone():
    import socket

    left, right = socket.socketpair()
    serving.no_delay(left)  # a Unix socket has no TCP options: nothing raised, and it still carries data
    left.sendall(b"frame")
    assert right.recv(16) == b"frame"
    left.close()
    right.close()
