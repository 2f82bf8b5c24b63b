"""An OpenAI-compatible chat-completions server on 127.0.0.1, answering from a script.

`ChatOpenAI` pointed at it speaks real HTTP and JSON: tool schemas go out, tool calls come back
as the API would send them. The handler is a function of the request body that returns a
response body, an HTTP status to fail with, or `HANG` to hold the connection open.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

HANG = "hang"
Reply = dict[str, Any] | int | str


def completion(content: str | None = None, tool_calls: list[dict[str, Any]] | None = None) -> dict:
    """A chat.completion body: text, or tool calls as (name, args) dicts."""
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if tool_calls:
        message["tool_calls"] = [
            {
                "id": f"call_{i}",
                "type": "function",
                "function": {"name": c["name"], "arguments": json.dumps(c["args"])},
            }
            for i, c in enumerate(tool_calls, start=1)
        ]
    return {
        "id": "chatcmpl-stub",
        "object": "chat.completion",
        "created": 0,
        "model": "any-model",
        "choices": [
            {
                "index": 0,
                "message": message,
                "finish_reason": "tool_calls" if tool_calls else "stop",
            }
        ],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }


@dataclass
class Stub:
    url: str
    handler: Callable[[dict[str, Any]], Reply]
    requests: list[dict[str, Any]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)


@contextmanager
def openai_stub(handler: Callable[[dict[str, Any]], Reply]) -> Iterator[Stub]:
    """Serve `handler` at http://127.0.0.1:<free port>/v1 for the duration of the block."""
    stub = Stub(url="", handler=handler)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            stub.requests.append(body)
            reply = stub.handler(body)
            if reply == HANG:
                stub.release.wait(30)
                return
            status, payload = (
                (reply, {"error": {"message": "stub failure"}})
                if isinstance(reply, int)
                else (200, reply)
            )
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:  # quiet test output
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    stub.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        yield stub
    finally:
        stub.release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)
