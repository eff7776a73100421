"""Engine.IO's WebSocket writer as a green thread that runs only while the socket has packets queued.

For each WebSocket Engine.IO starts a writer task that waits on the socket's queue for as long as the
connection lasts. Under eventlet a waiting green thread keeps its slice of the C stack and its own frame
stack on the heap: about 8 KiB for every idle watcher (10,000 watchers of a public board: 80 MB that only
wait). Most of what a board sends never touches the queue (realtime/direct_writes.py writes room frames
straight out), so the wait is almost all of the writer's life.

Here the writer's task is replaced by `OnDemandWriter`: the socket's queue (a `WakingQueue`) starts one green
thread when a packet arrives and nothing is writing; that thread sends whatever is queued, through Engine.IO's
own `Socket.poll` and the same WebSocket `send`, and ends when the queue is empty. The packets, their order,
the end of the connection (`None` in the queue), and the close when a send fails are Engine.IO's. The task is
recognised by the writer closure Engine.IO defines in `Socket._websocket_handler`; with another Engine.IO
nothing is changed.
"""
from __future__ import annotations

import logging

log = logging.getLogger(__name__)
WRITER_QUALNAME = "Socket._websocket_handler.<locals>.writer"


class OnDemandWriter:
    """Sends a WebSocket's queued packets from a green thread started only while there are some."""

    __slots__ = ("socket", "ws", "spawn", "running", "finished", "_done")

    def __init__(self, socket, ws, spawn) -> None:
        self.socket, self.ws, self.spawn = socket, ws, spawn
        self.running = False  # a green thread is sending, or is about to
        self.finished = False  # ended (`None` dequeued, a send failed) or replaced: nothing more is sent
        self._done = None  # an eventlet Event, made only if someone waits in join() before the end

    def wake(self) -> None:
        """Start sending (called by the queue after each put): at most one green thread per socket."""
        if not self.running and not self.finished:
            self.running = True
            self.spawn(self._send_queued)

    def _send_queued(self) -> None:
        """Send everything queued; stop when the queue is empty, or end the WebSocket as Engine.IO's writer
        does when the connection ends or a send fails."""
        socket, ws = self.socket, self.ws
        try:
            # Nothing yields between the emptiness check and Socket.poll's first get, and only this green
            # thread takes from the queue, so poll never waits here.
            while not self.finished and socket.queue.qsize():
                packets = socket.poll()
                if not packets:  # `None` was queued: the connection is ending
                    break
                for pkt in packets:
                    ws.send(pkt.encode())
            else:
                return  # the queue is empty (no yield since: a later put wakes a new thread), or replaced
        except BaseException:  # noqa: BLE001 — Engine.IO's writer ends on any error of a send, the same way
            log.debug("WebSocket send failed for %s", getattr(socket, "sid", "?"), exc_info=True)
        finally:
            self.running = False
        self.end()

    def end(self) -> None:
        """Close the WebSocket and stop sending for good (once); let join() return."""
        if self.finished:
            return
        self.finished = True  # nothing more is sent, and a second end() (join's deadline) does nothing
        try:
            self.ws.close()
        except OSError:  # already gone: eventlet's close tolerates most of it, and nothing is left to do
            pass
        finally:
            self.replaced()

    def replaced(self) -> None:
        """Stop sending for good without closing the WebSocket: another handler's writer took over the queue
        (a client that upgraded the same session twice), or the end is under way. Breaks the socket ↔ writer
        cycle, so a closed session is freed without the cyclic collector."""
        self.finished = True
        queue = getattr(self.socket, "queue", None)
        if queue is not None and queue.writer is self:
            queue.writer = None
        self.socket = self.ws = None
        if self._done is not None:
            self._done.send()

    def join(self) -> None:
        """Wait until the connection's end has been sent (Engine.IO joins its writer before closing), at most
        as long as Engine.IO's writer waited for a packet; then end it here."""
        if self.finished:
            return
        import eventlet
        import eventlet.event

        server = self.socket.server
        if self._done is None:
            self._done = eventlet.event.Event()
        with eventlet.Timeout(server.ping_interval + server.ping_timeout, False):
            self._done.wait()
        self.end()


def waking_queue_class():
    """eventlet's Queue, telling the socket's OnDemandWriter (once there is one) after each put."""
    from eventlet.queue import Queue

    class WakingQueue(Queue):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.writer = None  # set when the socket's WebSocket writer would have started

        def put(self, item, block=True, timeout=None) -> None:
            super().put(item, block, timeout)
            if self.writer is not None:
                self.writer.wake()

    return WakingQueue


def writer_closure_values(target) -> dict | None:
    """The `self` (Engine.IO socket) and `ws` that Engine.IO's writer closure sends with, or None when
    `target` is not that writer."""
    if getattr(target, "__qualname__", "") != WRITER_QUALNAME or not getattr(target, "__closure__", None):
        return None
    values = dict(zip(target.__code__.co_freevars, (cell.cell_contents for cell in target.__closure__)))
    return values if {"self", "ws"} <= values.keys() else None


def use_on_demand_writers(eio_server) -> bool:
    """Make `eio_server` (eventlet) write each WebSocket's queued packets from a green thread started on
    demand instead of a writer waiting for the connection's life; return whether it could (another async
    mode or Engine.IO: nothing is changed)."""
    from engineio.socket import Socket

    if eio_server.async_mode != "eventlet" or "poll" not in Socket.__dict__:
        log.info("Engine.IO keeps a writer green thread per WebSocket (async mode %s)", eio_server.async_mode)
        return False
    import eventlet

    queue_class = waking_queue_class()
    start_task = eio_server.start_background_task

    def create_queue(*args, **kwargs):
        return queue_class(*args, **kwargs)

    def start_background_task(target, *args, **kwargs):
        values = None if args or kwargs else writer_closure_values(target)
        socket = values and values["self"]
        if socket is None or not isinstance(socket.queue, queue_class):
            return start_task(target, *args, **kwargs)
        writer = OnDemandWriter(socket, values["ws"], eventlet.spawn_n)
        if socket.queue.writer is not None:  # the same session upgraded twice: the later WebSocket sends
            socket.queue.writer.replaced()
        socket.queue.writer = writer
        if socket.queue.qsize():  # queued before the upgrade finished
            writer.wake()
        return writer

    eio_server.create_queue = create_queue
    eio_server.start_background_task = start_background_task
    return True
