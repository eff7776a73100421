"""Playwright with Debian's Chromium; skipped with a reason when Chromium is missing (never under CI=true)."""
from __future__ import annotations

import os
import shutil

import pytest

from tests.servers import make_server

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def chromium():
    """A headless Chromium browser."""
    executable = shutil.which("chromium")
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but Debian's chromium is not installed (apt-get install -y chromium)")
        pytest.skip("chromium is not installed: browser tests skipped (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """A real eventlet server with the demo data."""
    server = make_server(tmp_path_factory.mktemp("browser"))
    server.with_demo()
    server.start()
    yield server
    server.kill()
