"""How Debian's chromium is started, for the browser tests and `scripts/screenshots.py`:
plain constants, so the script needs no Django or test code to read them."""

import os

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Debian's chromium hangs on a closed network unless it is told not to phone home.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
