"""Revoking sockets in every process: logout, a disabled account, a lost membership.

With GOVLAB_REDIS_URL the message goes over a Redis channel to every process; otherwise it is
handled here at once.
"""
from __future__ import annotations

import json
import logging
from typing import Callable

log = logging.getLogger(__name__)


class Control:
    """Publishes revocations and hands the ones it receives to `handler(message)`."""

    def __init__(self, socketio, redis_url: str | None, handler: Callable[[dict], None],
                 channel: str = "govlab:control") -> None:
        self.socketio = socketio
        self.channel = channel
        self.redis_url = redis_url
        self.handler = handler
        self._client = None
        self._listening = False

    def _redis(self):
        if self._client is None:
            import redis

            self._client = redis.Redis.from_url(self.redis_url)
        return self._client

    def publish(self, message: dict) -> None:
        """Send a control message to every process (this one included)."""
        if not self.redis_url:
            self.handler(message)
            return
        self.start()
        try:
            self._redis().publish(self.channel, json.dumps(message))
        except Exception:
            log.exception("control publish failed; applying locally only")
            self.handler(message)

    def start(self) -> None:
        """Listen to the channel in the background (once per process)."""
        if self.redis_url and not self._listening:
            self._listening = True
            self.socketio.start_background_task(self._listen)

    def _listen(self) -> None:
        while True:
            try:
                pubsub = self._redis().pubsub(ignore_subscribe_messages=True)
                pubsub.subscribe(self.channel)
                for item in pubsub.listen():
                    if item.get("type") == "message":
                        self.handler(json.loads(item["data"]))
            except Exception:
                log.exception("control channel lost; reconnecting")
                self.socketio.sleep(1)
