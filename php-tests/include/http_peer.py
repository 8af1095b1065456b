#!/usr/bin/python3
"""A threaded HTTP/1.1 test peer, independent of corust and PHP.

Prints "READY <port>" once listening on 127.0.0.1 (an ephemeral port).
  /sleep?ms=N       answers "slept N <path>" after N ms
  /redirect/N       302 to /redirect/N-1; /redirect/0 answers "redirected"
  /status/N         answers status N with body "status N"
  /echo             answers "<METHOD> <path> <body length> <content-type>"
  /bytes/N          answers N bytes of 'x'
Every answer has Content-Length and an X-Peer header; keep-alive is on.
"""
import sys
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self, status, body, headers=()):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Type", "text/plain")
        self.send_header("X-Peer", "python")
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def handle_any(self):
        url = urllib.parse.urlparse(self.path)
        query = urllib.parse.parse_qs(url.query)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = url.path.strip("/").split("/")
        if parts[0] == "sleep":
            ms = int(query.get("ms", ["100"])[0])
            time.sleep(ms / 1000)
            self.answer(200, f"slept {ms} {self.path}".encode())
        elif parts[0] == "redirect":
            n = int(parts[1]) if len(parts) > 1 else 0
            if n > 0:
                self.answer(302, b"", [("Location", f"/redirect/{n - 1}")])
            else:
                self.answer(200, b"redirected")
        elif parts[0] == "status":
            code = int(parts[1])
            self.answer(code, f"status {code}".encode())
        elif parts[0] == "echo":
            ctype = self.headers.get("Content-Type", "-")
            self.answer(200, f"{self.command} {self.path} {len(body)} {ctype}".encode())
        elif parts[0] == "bytes":
            self.answer(200, b"x" * int(parts[1]))
        else:
            self.answer(404, b"not found")

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = handle_any

    def log_message(self, *args):
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024


server = Server(("127.0.0.1", 0), Handler)
print("READY", server.server_address[1], flush=True)
server.serve_forever()
