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

# name, path (relative to the server; {invitation_id}, {escalation_id} and {portal_url} are
# filled in), CSS selector that proves the page is drawn, viewport, buttons to click first
# (each click waits for the selector that follows it).
PAGES = [
    (
        "call_queue",
        "/odoo/action-hr_recruitment_invitation.hr_invitation_action_all",
        ".o_list_renderer .o_data_row",
        DESKTOP,
        (),
    ),
    (
        "invitation_form",
        "/odoo/action-hr_recruitment_invitation.hr_invitation_action_all/{invitation_id}",
        ".o_form_view .o_field_widget[name='next_call_window']",
        DESKTOP,
        (),
    ),
    (
        "call_script",
        "/odoo/action-hr_recruitment_invitation.hr_invitation_action_all/{invitation_id}",
        ".modal .o_form_view",
        DESKTOP,
        ((".o_form_statusbar button[name='action_start_call']", ".modal .o_form_view"),),
    ),
    (
        "concern_checklist",
        "/odoo/action-hr_recruitment_invitation.hr_invitation_action_all/{invitation_id}",
        ".modal .o_form_view",
        DESKTOP,
        (
            (
                ".o_form_statusbar button[name='action_start_call']",
                ".modal button[name='action_next_step']",
            ),
            (
                ".modal button[name='action_next_step']",
                ".modal button[name='action_previous_step']",
            ),
            (
                ".modal button[name='action_next_step']",
                ".modal button[name='action_previous_step']",
            ),
            (
                ".modal button[name='action_next_step']",
                ".modal button[name='action_previous_step']",
            ),
            (
                ".modal button[name='action_next_step']",
                ".modal button[name='action_previous_step']",
            ),
        ),
    ),
    (
        "escalation",
        "/odoo/action-hr_recruitment_invitation.hr_invitation_escalation_action/{escalation_id}",
        ".o_form_view .o_field_widget[name='reason']",
        DESKTOP,
        (),
    ),
    (
        "funnel",
        "/odoo/action-hr_recruitment_invitation.hr_invitation_funnel_report_action",
        ".o_graph_renderer canvas",
        DESKTOP,
        (),
    ),
    (
        "success_by_window",
        "/odoo/action-hr_recruitment_invitation.hr_invitation_report_action",
        ".o_graph_renderer canvas",
        DESKTOP,
        (),
    ),
    (
        "settings",
        "/odoo/action-hr_recruitment.action_hr_recruitment_configuration",
        "#invitation_evening_setting",
        DESKTOP,
        (),
    ),
    (
        "lead_time",
        "/odoo/action-hr_recruitment_invitation.hr_invitation_interview_report_action",
        ".o_graph_renderer canvas",
        DESKTOP,
        (),
    ),
    (
        "interviewer_load",
        "/odoo/action-hr_recruitment_invitation.hr_invitation_interview_load_action",
        ".o_pivot table",
        DESKTOP,
        (),
    ),
    ("portal_phone", "{portal_url}", "main form, main .container", PHONE, ()),
    ("portal_video_phone", "{video_portal_url}", "main .o_interview_join", PHONE, ()),
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
                # Chromium 111+ refuses DevTools websockets from other origins (403) without it.
                f"--remote-allow-origins=http://127.0.0.1:{self.port}",
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

    def wait_for(self, selector, timeout=30):
        deadline = time.time() + timeout
        while not self.evaluate(f"!!document.querySelector({json.dumps(selector)})"):
            if time.time() > deadline:
                raise RuntimeError(f"{selector} never appeared")
            time.sleep(0.3)
        time.sleep(0.8)  # let animations and late widgets settle

    def shoot(self, url, selector, viewport, path, clicks=()):
        width, height, mobile = viewport
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=mobile,
        )
        self.send("Page.navigate", url=url)
        for button, then in clicks:
            self.wait_for(button)
            self.evaluate(f"document.querySelector({json.dumps(button)}).click()")
            self.wait_for(then)
        self.wait_for(selector)
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

    def call(model, method, *call_args, **kwargs):
        result, _cookie = json_rpc(
            args.url,
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(call_args), "kwargs": kwargs},
            cookie=f"session_id={session}",
        )
        return result

    calling = call("hr.invitation", "search", [("state", "=", "calling")], limit=1)
    escalations = call("hr.invitation.escalation", "search", [], limit=1)
    ahead = [("state", "in", ("scheduled", "confirmed"))]
    # Wang Wei, from Shanghai, at the San Francisco office: the venue's time and theirs.
    on_site = call(
        "hr.invitation.interview",
        "search",
        [*ahead, ("interview_format", "=", "on_site"), ("candidate_tz", "=", "Asia/Shanghai")],
        limit=1,
    )
    video = call(
        "hr.invitation.interview", "search", [*ahead, ("interview_format", "=", "video")], limit=1
    )
    values = {
        "invitation_id": (calling or [0])[0],
        "escalation_id": (escalations or [0])[0],
        "portal_url": on_site and call("hr.invitation.interview", "get_portal_url", on_site),
        "video_portal_url": video and call("hr.invitation.interview", "get_portal_url", video),
    }
    browser = Browser()
    try:
        browser.send("Network.enable")
        browser.send("Network.setCookie", name="session_id", value=session, url=args.url)
        for name, path, selector, viewport, clicks in PAGES:
            url = args.url + path.format(**values)
            if viewport is PHONE:  # the candidate's pages are seen without a session
                browser.send("Network.clearBrowserCookies")
            if any("action_start_call" in button for button, _then in clicks):
                # A call left running by the shot before opens where it stopped: discard it.
                for call_id in call("hr.invitation.call", "search", [("ended_at", "=", False)]):
                    call("hr.invitation.call", "action_discard_call", [call_id])
            try:
                browser.shoot(url, selector, viewport, out / f"{name}.png", clicks)
            except RuntimeError as error:
                print(f"{name}: FAILED ({error})")
                continue
            print(f"{name}: {out / (name + '.png')}")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
