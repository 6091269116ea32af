#!/usr/bin/env python3
"""A real SMTP server for the email tests (aiosmtpd), or a decoder of .eml files.

    smtp_server.py serve PORT DIR   listen on 127.0.0.1:PORT; print "ready" once it accepts
                                    connections; write each message to DIR as N.eml (the
                                    raw bytes received) and N.json (envelope and decoded
                                    headers and body); run until killed
    smtp_server.py decode FILE      print FILE's decoded headers and body as JSON

Decoding uses Python's email package, a parser independent of the one that wrote the
message, so the tests check what a mail client would show.
"""

import email
import email.policy
import json
import os
import sys
import threading


def decode(raw: bytes) -> dict:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    # "body" is the plain-text part (the whole message when it has one part), "html" the
    # HTML alternative, if any.
    text = msg.get_body(preferencelist=("plain",)) or msg
    html = msg.get_body(preferencelist=("html",))
    return {
        "from": str(msg["From"]),
        "to": str(msg["To"]),
        "reply_to": str(msg["Reply-To"]),
        "subject": str(msg["Subject"]),
        "date": str(msg["Date"]),
        "message_id": str(msg["Message-ID"]),
        "content_type": msg.get_content_type(),
        "charset": text.get_content_charset(),
        "body": text.get_content().replace("\r\n", "\n"),
        "html": html.get_content().replace("\r\n", "\n") if html else None,
    }


class Keeper:
    """Writes every message it receives to a folder."""

    def __init__(self, folder: str):
        self.folder = folder
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            n = self.count
        raw = envelope.original_content or envelope.content
        record = decode(raw)
        record["mail_from"] = envelope.mail_from
        record["rcpt_tos"] = list(envelope.rcpt_tos)
        base = os.path.join(self.folder, f"{n:04}")
        with open(base + ".eml", "wb") as f:
            f.write(raw)
        # Written last and renamed into place: a test that sees N.json sees the whole message.
        with open(base + ".tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.replace(base + ".tmp", base + ".json")
        return "250 Message accepted for delivery"


def serve(port: int, folder: str) -> None:
    from aiosmtpd.controller import Controller

    os.makedirs(folder, exist_ok=True)
    controller = Controller(Keeper(folder), hostname="127.0.0.1", port=port)
    controller.start()  # returns once the server answers a probe connection
    print("ready", flush=True)
    threading.Event().wait()


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "serve":
        serve(int(sys.argv[2]), sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "decode":
        with open(sys.argv[2], "rb") as f:
            print(json.dumps(decode(f.read()), ensure_ascii=False))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
