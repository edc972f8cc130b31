"""A real SMTP server on loopback for the mail tests (aiosmtpd).

usage: smtp_sink.py --port N --out FILE [--refuse K] [--reject]

Each accepted mail is appended to FILE as one JSON line {"from", "to", "data", "text"}: "data" is
the message as received, "text" its plain-text body and "headers" its headers (lower-case names),
decoded as a mail client shows them.
--refuse K answers the first K mails with 451 (try again later); --reject answers every mail with
550 (refused for good). Prints "ready" once it listens.
"""
import argparse
import email
import email.policy
import json
import signal
import threading

from aiosmtpd.controller import Controller


def plain_text(raw):
    message = email.message_from_bytes(raw, policy=email.policy.default)
    body = message.get_body(("plain",))
    return body.get_content() if body is not None else ""


def decoded_headers(raw):
    message = email.message_from_bytes(raw, policy=email.policy.default)
    return {name.lower(): str(value) for name, value in message.items()}


class Handler:
    def __init__(self, out, refuse, reject):
        self.out = out
        self.refuse = refuse
        self.reject = reject
        self.seen = 0

    async def handle_DATA(self, server, session, envelope):
        self.seen += 1
        if self.reject:
            return "550 5.1.1 mailbox unavailable"
        if self.seen <= self.refuse:
            return "451 4.3.0 try again later"
        with open(self.out, "a", encoding="utf-8") as f:
            f.write(json.dumps({
                "from": envelope.mail_from,
                "to": envelope.rcpt_tos,
                "data": envelope.content.decode("utf-8", "replace"),
                "text": plain_text(envelope.content),
                "headers": decoded_headers(envelope.content),
            }) + "\n")
        return "250 2.0.0 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--refuse", type=int, default=0)
    parser.add_argument("--reject", action="store_true")
    args = parser.parse_args()
    controller = Controller(Handler(args.out, args.refuse, args.reject), hostname="127.0.0.1", port=args.port)
    controller.start()
    print("ready", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
