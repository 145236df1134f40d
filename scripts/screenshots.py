#!/usr/bin/env python3
"""Take the README and Apps page screenshots from a running Odoo with the demo data.

Drives headless Chromium over the DevTools protocol (websocket-client), logged in as admin:

    scripts/run.sh &                       # Odoo with demo data on :8069
    python3 scripts/screenshots.py         # writes static/description/screenshots/*.png
"""

import argparse
import base64
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import websocket

HERE = Path(__file__).resolve().parent.parent
DESKTOP = (1440, 900, False)
PHONE = (390, 844, True)

# name, path (relative to the server), CSS selector that proves the page is drawn, viewport
PAGES = [
    (
        "call_queue",
        "/odoo/action-hr_recruitment_invitation.hr_invitation_action",
        ".o_list_renderer .o_data_row",
        DESKTOP,
    ),
    (
        "call_queue_kanban",
        "/odoo/action-hr_recruitment_invitation.hr_invitation_action_all?view_type=kanban",
        ".o_kanban_record",
        DESKTOP,
    ),
    (
        "invitation_form",
        "/odoo/action-hr_recruitment_invitation.hr_invitation_action_all/{invitation_id}",
        ".o_form_view .o_field_widget[name='next_call_window']",
        DESKTOP,
    ),
    (
        "invitation_settings",
        "/odoo/action-hr_recruitment.action_hr_recruitment_configuration",
        "#invitation_evening_setting",
        DESKTOP,
    ),
    (
        "analysis",
        "/odoo/action-hr_recruitment_invitation.hr_invitation_report_action",
        ".o_graph_renderer canvas",
        DESKTOP,
    ),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def json_rpc(base, path, params, cookie=None):
    request = urllib.request.Request(
        base + path,
        data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}).encode(),
        headers={"Content-Type": "application/json", **({"Cookie": cookie} if cookie else {})},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        body = json.loads(response.read())
        return body.get("result"), response.headers.get("Set-Cookie", "")


def login(base, db, user, password):
    _result, set_cookie = json_rpc(
        base, "/web/session/authenticate", {"db": db, "login": user, "password": password}
    )
    session = set_cookie.split("session_id=", 1)[1].split(";", 1)[0]
    return session


class Browser:
    def __init__(self):
        chromium = shutil.which("chromium") or shutil.which("google-chrome")
        self.port = free_port()
        self.profile = tempfile.mkdtemp(prefix="inv-shots-")
        self.process = subprocess.Popen(
            [
                chromium,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--remote-debugging-port={self.port}",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.ws = websocket.create_connection(self._page_ws_url(), timeout=60)
        self.next_id = 0

    def _page_ws_url(self):
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json", timeout=2) as r:
                    pages = [t for t in json.loads(r.read()) if t["type"] == "page"]
                    if pages:
                        return pages[0]["webSocketDebuggerUrl"]
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("Chromium did not start")

    def send(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def shoot(self, url, selector, viewport, path, timeout=30):
        width, height, mobile = viewport
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=mobile,
        )
        self.send("Page.navigate", url=url)
        deadline = time.time() + timeout
        while not self.evaluate(f"!!document.querySelector({json.dumps(selector)})"):
            if time.time() > deadline:
                raise RuntimeError(f"{url}: {selector} never appeared")
            time.sleep(0.3)
        time.sleep(1.0)  # let animations and late widgets settle
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self):
        self.ws.close()
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--db", default=os.environ.get("INVITATION_DB", "hr_invitation_demo"))
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--out", default=str(HERE / "static" / "description" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    session = login(args.url, args.db, args.login, args.password)
    invitation_id, _cookie = json_rpc(
        args.url,
        "/web/dataset/call_kw",
        {
            "model": "hr.invitation",
            "method": "search",
            "args": [[("state", "=", "calling")]],
            "kwargs": {"limit": 1},
        },
        cookie=f"session_id={session}",
    )
    browser = Browser()
    try:
        browser.send("Network.enable")
        browser.send("Network.setCookie", name="session_id", value=session, url=args.url)
        for name, path, selector, viewport in PAGES:
            url = args.url + path.format(invitation_id=(invitation_id or [0])[0])
            browser.shoot(url, selector, viewport, out / f"{name}.png")
            print(f"{name}: {out / (name + '.png')}")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
