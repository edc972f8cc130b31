"""TikTok's login API for the contract tests, in its documented format (see INTEGRATIONS.md): the
token endpoint takes the codes `contract-code` and `contract-code-2` (and the client key/secret
`ck`/`cs`), and user info shows the code's account, so the contract run's seed can verify two of
a creator's accounts and the operations on their logins have real ones (one to forget, one to
change). Anything else is refused as TikTok refuses it.
usage: tiktok_provider.py PORT"""

import json
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# code → (access token, refresh token, the account)
LOGINS = {
    f"contract-code{suffix}": (f"act.contract{suffix}", f"rft.contract{suffix}",
                               {"open_id": f"open-contract{suffix}", "display_name": "Contract Creator",
                                "username": f"contract.tiktok{suffix.replace('-', '')}",
                                "follower_count": 4200, "video_count": 12})
    for suffix in ("", "-2")
}
BY_REFRESH = {refresh: code for code, (_, refresh, _) in LOGINS.items()}
BY_ACCESS = {access: user for access, _, user in LOGINS.values()}


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
            given = (form.get("code") or form.get("refresh_token") or [""])[0]
            code = given if given in LOGINS else BY_REFRESH.get(given)
            if form.get("client_key") != ["ck"] or form.get("client_secret") != ["cs"] or code is None:
                return self.answer(400, {"error": "invalid_grant", "error_description": "Authorization code is expired.", "log_id": "0"})
            access, refresh, user = LOGINS[code]
            return self.answer(200, {"access_token": access, "expires_in": 86400, "open_id": user["open_id"],
                                     "refresh_token": refresh, "refresh_expires_in": 31536000,
                                     "scope": "user.info.basic,user.info.profile,user.info.stats,video.list",
                                     "token_type": "Bearer"})
        if path == "/v2/video/list/" and self.authorized():
            return self.answer(200, {"data": {"videos": [], "cursor": 0, "has_more": False},
                                     "error": {"code": "ok", "message": "", "log_id": "2"}})
        return self.refuse()

    def do_GET(self):  # noqa: N802
        if urllib.parse.urlsplit(self.path).path == "/v2/user/info/" and self.authorized():
            user = BY_ACCESS[self.headers["authorization"].removeprefix("Bearer ")]
            return self.answer(200, {"data": {"user": user}, "error": {"code": "ok", "message": "", "log_id": "1"}})
        return self.refuse()

    def authorized(self):
        return (self.headers.get("authorization") or "").removeprefix("Bearer ") in BY_ACCESS

    def refuse(self):
        self.answer(401, {"error": {"code": "access_token_invalid",
                                    "message": "The access token is invalid or not found in the request.", "log_id": "9"}})

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), TikTok).serve_forever()
