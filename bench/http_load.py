"""Load a real Odoo HTTP server with concurrent clients; read each request's server time.

The server is Odoo's own threaded server (``python3 -m odoo --workers=0``), or its prefork
server (``--workers=N``, production mode), on the benchmark's database, on loopback. Odoo logs
every request on the ``werkzeug`` logger, and its PerfFilter (odoo/netsvc.py) ends the line with
the request's query count, SQL seconds and other seconds: the server's own figures, without the
client or the network.
"""

import http.client
import re
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# ... "GET /path?query HTTP/1.1" 200 - <queries> <SQL seconds> <other seconds>
ACCESS_LINE = re.compile(
    r'"GET (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d{3}) \S+ '
    r"(?P<queries>\d+) (?P<sql>\d+\.\d+) (?P<other>\d+\.\d+)\s*$"
)
START_TIMEOUT = 120  # seconds for the server to load the registry and answer


@dataclass
class Hit:
    """One request, as the server logged it."""

    path: str
    status: int
    queries: int
    seconds: float  # server time: SQL + the rest


@dataclass
class Server:
    host: str
    port: int
    log_path: Path

    def log_size(self):
        return self.log_path.stat().st_size

    def hits_since(self, offset, expected, timeout=10):
        """The requests logged after byte ``offset``; waits until ``expected`` are there."""
        deadline = time.monotonic() + timeout
        while True:
            with self.log_path.open(encoding="utf-8", errors="replace") as log:
                log.seek(offset)
                hits = [hit for line in log if (hit := parse_access_line(line))]
            if len(hits) >= expected or time.monotonic() > deadline:
                return hits
            time.sleep(0.2)


def parse_access_line(line):
    match = ACCESS_LINE.search(line)
    if not match:
        return None
    return Hit(
        match["path"],
        int(match["status"]),
        int(match["queries"]),
        float(match["sql"]) + float(match["other"]),
    )


@contextmanager
def odoo_server(database, addons_path, workers=0):
    """An Odoo HTTP server on ``database``, no cron, stopped afterwards: threaded (one process)
    when ``workers`` is 0, else Odoo's prefork server with that many worker processes."""
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="bench_http_") as folder:
        log_path = Path(folder, "odoo.log")
        command = [
            sys.executable,
            "-m",
            "odoo",
            f"--database={database}",
            f"--db-filter=^{re.escape(database)}$",
            f"--addons-path={addons_path}",
            "--http-interface=127.0.0.1",
            f"--http-port={port}",
            f"--workers={workers}",
            "--max-cron-threads=0",
            "--log-level=warn",
            "--log-handler=werkzeug:INFO",
            f"--logfile={log_path}",
        ]
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
        )
        try:
            server = Server("127.0.0.1", port, log_path)
            _wait_until_up(server, process)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(server, process):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the Odoo server stopped: {_log_tail(server)}")
        try:
            if get(server, "/web/health")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the Odoo server did not answer in {START_TIMEOUT} s: {_log_tail(server)}")


def _log_tail(server, lines=20):
    try:
        return "\n".join(server.log_path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def get(server, path):
    """GET ``path`` on a new connection, as a browser following a link; (status, seconds)."""
    start = time.perf_counter()
    connection = http.client.HTTPConnection(server.host, server.port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - start
    finally:
        connection.close()


def fire(server, paths, clients):
    """GET every path of ``paths`` from ``clients`` concurrent clients; [(status, seconds)]."""
    with ThreadPoolExecutor(max_workers=clients) as pool:
        return list(pool.map(lambda path: get(server, path), paths))
