#!/usr/bin/env python3
"""A Mailchimp for the benchmark: one audience ("bench") of MEMBERS members in Mailchimp's format
(`GET /3.0/lists`, `GET /3.0/lists/bench/members?count=&offset=`), made up as they are asked for:
member N is `member-N@list.example`, except that one in five is a network creator
(`creator-1-K@network.example`, what `rapport seed-network` makes with seed 1) and one in ten has
unsubscribed. Any key is accepted.

usage: bench_mailchimp.py PORT MEMBERS [CREATORS]
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

port, members = int(sys.argv[1]), int(sys.argv[2])
creators = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000


def member(n):
    email = f"creator-1-{(n * 7919) % creators}@network.example" if n % 5 == 0 else f"member-{n}@list.example"
    return {
        "id": f"{n:032x}", "email_address": email,
        "status": "unsubscribed" if n % 10 == 3 else "subscribed",
        "merge_fields": {"FNAME": "", "LNAME": ""}, "tags": [],
        "timestamp_signup": "", "timestamp_opt": "2025-03-02T10:12:00+00:00",
        "last_changed": "2026-01-05T08:00:00+00:00", "list_id": "bench",
    }


class Mailchimp(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 (http.server's name)
        url = urlparse(self.path)
        query = parse_qs(url.query)
        if url.path == "/3.0/lists":
            body = {"lists": [{"id": "bench", "name": "Bench audience",
                               "stats": {"member_count": members, "unsubscribe_count": 0}}],
                    "total_items": 1}
        elif url.path == "/3.0/lists/bench/members":
            offset = int(query.get("offset", ["0"])[0])
            count = int(query.get("count", ["10"])[0])
            if "since_last_changed" in query:
                page = []
            else:
                page = [member(n) for n in range(offset, min(offset + count, members))]
            body = {"members": page, "list_id": "bench", "total_items": 0 if "since_last_changed" in query else members}
        else:
            self.send_response(404)
            self.send_header("content-length", "0")
            self.end_headers()
            return
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", port), Mailchimp).serve_forever()
