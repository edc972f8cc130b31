"""A provider (Mailchimp, Klaviyo, YouTube) that refuses every key, for the contract tests: the server then
answers a schema-valid key with 422 `provider_key_refused` rather than trying the internet. One
YouTube key is accepted (`contract-youtube-key`, channels found: none) and one Mailchimp key
(`contract-mailchimp-key-us1`: three audiences with one member each), so the run's seed can give the team
a YouTube key and a list that syncs, for the operations on them.
usage: refusing_provider.py PORT"""

import base64
import json
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ACCEPTED_YOUTUBE_KEY = "contract-youtube-key"
NO_CHANNELS = json.dumps({"kind": "youtube#channelListResponse", "items": []}).encode()
ACCEPTED_MAILCHIMP = "Basic " + base64.b64encode(b"rapport:contract-mailchimp-key-us1").decode()
MAILCHIMP = {
    "/3.0/lists": {"lists": [{"id": list_id, "name": f"Seed list {list_id}",
                              "stats": {"member_count": 1, "unsubscribe_count": 0}}
                             for list_id in ("seedlist", "seedlist2", "seedlist3")], "total_items": 3},
    **{f"/3.0/lists/{list_id}/members": {"members": [{"email_address": "seed.ada@creators.example",
                                                      "status": "subscribed"}], "total_items": 1}
       for list_id in ("seedlist", "seedlist2", "seedlist3")},
}

REFUSAL = json.dumps({
    "type": "https://mailchimp.com/developer/marketing/docs/errors/",
    "title": "API Key Invalid", "status": 401,
    "detail": "Your API key may be invalid, or you've attempted to access the wrong datacenter.",
    "errors": [{"status": 401, "code": "not_authenticated", "detail": "Missing or invalid private key."}],
}).encode()


class Refuse(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        url = urllib.parse.urlsplit(self.path)
        accepted = None
        if url.path.endswith("/youtube/v3/channels") and \
                urllib.parse.parse_qs(url.query).get("key") == [ACCEPTED_YOUTUBE_KEY]:
            accepted = NO_CHANNELS
        elif self.headers.get("authorization") == ACCEPTED_MAILCHIMP and url.path in MAILCHIMP:
            accepted = json.dumps(MAILCHIMP[url.path]).encode()
        if accepted is not None:
            self.send_response(200)
            self.send_header("content-type", "application/json; charset=UTF-8")
            self.send_header("content-length", str(len(accepted)))
            self.end_headers()
            self.wfile.write(accepted)
            return
        self.send_response(401)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(REFUSAL)))
        self.end_headers()
        self.wfile.write(REFUSAL)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Refuse).serve_forever()
