"""A stand-in Elasticsearch node on loopback that records the search bodies it receives.

No cluster runs on the build machines. This one speaks just enough of the protocol for
Wagtail's elasticsearch9 backend to send a real search over HTTP and read real hits back: the
tests can then check what the portal asks the cluster, and what it does with the answer.
"""

import contextlib
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def down_cluster_url():
    """An ELASTICSEARCH_URL on a loopback port where nothing listens: a cluster that is down.

    The port is one the system just handed out and took back, so no server holds it.
    """
    with contextlib.closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class StubCluster:
    """Answers every `_search` with the hits `answer(body)` returns (a list of page ids)."""

    def __init__(self, answer):
        self.answer = answer
        self.searches = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self):
        host, port = self._server.server_address
        return f"http://{host}:{port}"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._server.shutdown()
        self._server.server_close()

    def _handler(self):
        cluster = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet test output
                pass

            def _reply(self, payload):
                data = json.dumps(payload).encode()
                self.send_response(200)
                # The client refuses a server that does not say it is Elasticsearch.
                self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                if "/_search" in self.path:
                    cluster.searches.append(body)
                    ids = cluster.answer(body)
                    hits = [{"_id": str(pk), "_score": 1.0, "fields": {"pk": [pk]}} for pk in ids]
                    self._reply({"hits": {"total": {"value": len(hits)}, "hits": hits}})
                elif "/_count" in self.path:
                    self._reply({"count": len(cluster.answer(body))})
                else:
                    self._reply({})

            do_GET = do_POST
            do_PUT = do_POST
            do_DELETE = do_POST

        return Handler


def filters_in(body):
    """Every term(s) and range filter in a search body, as {field: value}."""
    found = {}

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("term", "terms", "range") and isinstance(value, dict):
                    found.update(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(body)
    return found
