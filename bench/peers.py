#!/usr/bin/env python3
"""Measures what peers cost a build: a small handbook built with no peers, with 20 peers
answering from local servers (each a handbook.json of 200 pages, a health.json and a
summary.json), the same again with the kept copies (answered 304), and with 20 peers
that accept the connection and never answer (the build waits `[community] timeout`).

    python3 bench/peers.py --bin target/release/opsbook
    python3 bench/peers.py --bin target/release/opsbook --peers 20 --runs 5 --timeout 3

Prints the median wall time of each case and the difference to the build without peers.
Servers listen on 127.0.0.1 only. Not a test: run by hand, outside `cargo test`;
bench/README.md records its figures. Standard library only.
"""

import argparse
import http.server
import json
import shutil
import socket
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path


def peer_files(n, pages):
    """The three files of peer `n`."""
    handbook = {
        "format": 1,
        "title": f"Provider {n}",
        "pages": [{"url": "/", "path": "", "source": "content/_index.md", "title": "Home", "kind": "page"}]
        + [
            {
                "path": f"runbooks/r{i}/",
                "source": f"content/runbooks/r{i}.md",
                "title": f"Runbook {i}",
                "kind": "runbook",
                "tags": [f"t{i % 10}"],
                "fields": {"service": f"s{i % 7}"},
                "anchors": ["steps", "rollback"],
                "aliases": [],
            }
            for i in range(pages)
        ],
    }
    health = {"version": 1, "measured_at": "2026-11-15T12:00:00Z", "components": [{"id": "api", "level": "green"}]}
    summary = {
        "page": {"updated_at": "2026-11-15T12:00:00Z"},
        "components": [{"id": "api", "name": "API", "status": "operational"}],
        "incidents": [],
        "scheduled_maintenances": [],
    }
    return {
        "/handbook.json": json.dumps(handbook).encode(),
        "/status/health.json": json.dumps(health).encode(),
        "/status/api/v2/summary.json": json.dumps(summary).encode(),
    }


def answering_server(files):
    """A server of `files` with ETags; its URL."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = files.get(self.path)
            if body is None:
                self.send_response(404)
                self.end_headers()
                return
            tag = f'"{len(body)}"'
            if self.headers.get("If-None-Match") == tag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("ETag", tag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def silent_server():
    """A server that accepts connections and never answers; its URL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held = []

    def accept():
        while True:
            connection, _ = listener.accept()
            held.append(connection)

    threading.Thread(target=accept, daemon=True).start()
    return f"http://127.0.0.1:{listener.getsockname()[1]}/"


def handbook(folder, urls, timeout):
    """A handbook of 50 pages whose peers are `urls`, each page linking to a peer."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "content").mkdir(parents=True)
    book = f'[handbook]\ntitle = "Bench"\n\n[community]\ntimeout = "{timeout}s"\n'
    for n, url in enumerate(urls):
        book += f'\n[[peers]]\nname = "p{n}"\nurl = "{url}"\n'
    (folder / "book.toml").write_text(book)
    (folder / "content" / "_index.md").write_text("# Bench\n")
    for i in range(50):
        link = f"[peer](p{i % len(urls)}:runbooks/r{i}.md#steps)" if urls else ""
        (folder / "content" / f"page{i}.md").write_text(f"# Page {i}\n\nText {link}.\n")


def timed(binary, folder, runs, keep_copies):
    """The median wall time of `runs` builds."""
    times = []
    for _ in range(runs):
        if not keep_copies:
            for leftover in folder.glob(".public.opsbook-peers"):
                shutil.rmtree(leftover)
        start = time.perf_counter()
        subprocess.run([binary, "build", "--quiet"], cwd=folder, check=True, env={"SOURCE_DATE_EPOCH": "1794744000", "PATH": "/usr/bin:/bin"})
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default="target/release/opsbook")
    parser.add_argument("--peers", type=int, default=20)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=int, default=3)
    args = parser.parse_args()
    binary = str(Path(args.bin).resolve())
    work = Path(tempfile.mkdtemp(prefix="opsbook-peers-"))
    answering = [answering_server(peer_files(n, args.pages)) for n in range(args.peers)]
    silent = [silent_server() for _ in range(args.peers)]
    cases = [
        ("no peers", [], False),
        (f"{args.peers} answering peers, no copies", answering, False),
        (f"{args.peers} answering peers, copies (304)", answering, True),
        (f"{args.peers} peers that never answer", silent, False),
    ]
    base = None
    for name, urls, keep in cases:
        folder = work / name.replace(" ", "-").replace(",", "").replace("(", "").replace(")", "")
        handbook(folder, urls, args.timeout)
        if keep:
            timed(binary, folder, 1, True)
        median = timed(binary, folder, args.runs, keep)
        base = median if base is None else base
        print(f"{name:45} {median:7.3f} s   +{median - base:6.3f} s")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
