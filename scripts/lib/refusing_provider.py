"""A provider (Mailchimp, Klaviyo, YouTube) that refuses every key, for the contract tests: the server then
answers a schema-valid key with 422 `provider_key_refused` rather than trying the internet.
usage: refusing_provider.py PORT"""

import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REFUSAL = json.dumps({
    "type": "https://mailchimp.com/developer/marketing/docs/errors/",
    "title": "API Key Invalid", "status": 401,
    "detail": "Your API key may be invalid, or you've attempted to access the wrong datacenter.",
    "errors": [{"status": 401, "code": "not_authenticated", "detail": "Missing or invalid private key."}],
}).encode()


class Refuse(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        self.send_response(401)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(REFUSAL)))
        self.end_headers()
        self.wfile.write(REFUSAL)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Refuse).serve_forever()
