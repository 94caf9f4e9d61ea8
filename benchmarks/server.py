"""gunicorn serving the site on a free loopback port, for as long as a `with` block lasts."""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ready(port, path):
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", path)
        status = connection.getresponse().status
        connection.close()
        return status == 200
    except OSError:
        return False


@contextlib.contextmanager
def gunicorn(workers=None, ready_path="/bench/bare", timeout=60):
    """Yield the port of a running gunicorn (sync workers, one per core by default)."""
    port = free_port()
    workers = workers or os.cpu_count() or 2
    command = [
        sys.executable, "-m", "gunicorn", "academy_site.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--worker-class", "sync",
        "--log-level", "warning", "--backlog", "2048",
    ]  # fmt: skip
    process = subprocess.Popen(command, env=os.environ.copy())  # noqa: S603 - our own server
    try:
        deadline = time.monotonic() + timeout
        while not _ready(port, ready_path):
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with status {process.returncode}")
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not answer in time")
            time.sleep(0.2)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
