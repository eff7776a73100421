"""Start real `govlab run` server processes for end-to-end and browser tests."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path


def free_port() -> int:
    """An unused TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running server process and how to reach it."""

    instance: Path
    port: int
    env: dict
    process: subprocess.Popen | None = None
    log: Path = field(init=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        """Run another `govlab` command against the same database."""
        return subprocess.run([sys.executable, "-m", "govlab", *args], env=self.env, capture_output=True,
                              text=True, timeout=120, check=True)

    def with_demo(self) -> "Server":
        """Give this server a migrated database with the demo in it, as `govlab db upgrade` and `govlab demo`
        would. On SQLite the database is built once per test process and copied: the two commands cost
        ~10 s of CPU per server, and the browser suites start one server per module."""
        if "GOVLAB_DATABASE_URL" in self.env:
            self.cli("db", "upgrade")
            self.cli("demo")
            return self
        template = _demo_template()
        for name in ("govlab.sqlite3", "govlab.sqlite3-wal"):
            if (template / name).exists():
                shutil.copyfile(template / name, self.instance / name)
        return self

    def start(self) -> "Server":
        """Launch `govlab run` and wait for /healthz."""
        self.log = self.instance / f"server-{self.port}.log"
        handle = self.log.open("ab")
        self.process = subprocess.Popen([sys.executable, "-m", "govlab", "run", "--port", str(self.port)],
                                        env=self.env, stdin=subprocess.DEVNULL, stdout=handle,
                                        stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"server did not start: {self.log.read_text()[-3000:]}")

    def kill(self, sig: int = signal.SIGTERM) -> None:
        """Stop the process (SIGKILL for crash tests)."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def make_server(instance: Path, async_mode: str = "eventlet", port: int | None = None, **env: str) -> Server:
    """A server configured on its own SQLite file (or GOVLAB_DATABASE_URL given in env)."""
    instance.mkdir(parents=True, exist_ok=True)
    full_env = {**os.environ, "GOVLAB_INSTANCE_PATH": str(instance), "GOVLAB_ASYNC_MODE": async_mode,
                "GOVLAB_SECRET_KEY": "e2e-secret", "GOVLAB_DEFAULT_LOCALE": "en", "GOVLAB_RATELIMIT": "off",
                "PYTHONUNBUFFERED": "1"}
    full_env.pop("GOVLAB_DATABASE_URL", None)
    full_env.pop("GOVLAB_REDIS_URL", None)
    full_env.update(env)
    return Server(instance=instance, port=port or free_port(), env=full_env)


_DEMO_TEMPLATE: list[Path] = []


def _demo_template() -> Path:
    """A folder holding a migrated SQLite database with the demo, made once per test process and removed when
    it exits (closed: nothing holds it open while it is copied)."""
    if not _DEMO_TEMPLATE:
        import atexit
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="govlab-demo-template-"))
        atexit.register(shutil.rmtree, folder, True)
        builder = make_server(folder)
        builder.cli("db", "upgrade")
        builder.cli("demo")
        _DEMO_TEMPLATE.append(folder)
    return _DEMO_TEMPLATE[0]
