"""TikTok's login API for the contract tests, in its documented format (see INTEGRATIONS.md): the
token endpoint takes the one code `contract-code` (and the client key/secret `ck`/`cs`), and user
info shows one account, so the contract run's seed can verify a creator's account and the
operations on its login have a real one. Anything else is refused as TikTok refuses it.
usage: tiktok_provider.py PORT"""

import json
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CODE, TOKEN = "contract-code", "act.contract"
USER = {"open_id": "open-contract", "display_name": "Contract Creator", "username": "contract.tiktok",
        "follower_count": 4200, "video_count": 12}


class TikTok(BaseHTTPRequestHandler):
    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json; charset=UTF-8")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):  # noqa: N802 (http.server's name)
        length = int(self.headers.get("content-length") or 0)
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        path = urllib.parse.urlsplit(self.path).path
        if path == "/v2/oauth/token/":
            if form.get("client_key") != ["ck"] or form.get("client_secret") != ["cs"] or \
                    form.get("code", form.get("refresh_token")) not in ([CODE], ["rft.contract"]):
                return self.answer(400, {"error": "invalid_grant", "error_description": "Authorization code is expired.", "log_id": "0"})
            return self.answer(200, {"access_token": TOKEN, "expires_in": 86400, "open_id": USER["open_id"],
                                     "refresh_token": "rft.contract", "refresh_expires_in": 31536000,
                                     "scope": "user.info.basic,user.info.profile,user.info.stats,video.list",
                                     "token_type": "Bearer"})
        if path == "/v2/video/list/" and self.authorized():
            return self.answer(200, {"data": {"videos": [], "cursor": 0, "has_more": False},
                                     "error": {"code": "ok", "message": "", "log_id": "2"}})
        return self.refuse()

    def do_GET(self):  # noqa: N802
        if urllib.parse.urlsplit(self.path).path == "/v2/user/info/" and self.authorized():
            return self.answer(200, {"data": {"user": USER}, "error": {"code": "ok", "message": "", "log_id": "1"}})
        return self.refuse()

    def authorized(self):
        return self.headers.get("authorization") == f"Bearer {TOKEN}"

    def refuse(self):
        self.answer(401, {"error": {"code": "access_token_invalid",
                                    "message": "The access token is invalid or not found in the request.", "log_id": "9"}})

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), TikTok).serve_forever()
