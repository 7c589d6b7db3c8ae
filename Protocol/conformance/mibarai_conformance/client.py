"""A gossip session over mutual TLS 1.3 (membership.md "Transport"; federation.md sections 7-9)."""
from __future__ import annotations

import socket
import ssl
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import log, wire
from .transcript import Recorder

MY_VERSIONS = (1, 2)


class ProtocolViolation(Exception):
    """The node did something the spec does not allow; the session ends."""


@dataclass
class Stats:
    accepted_from_peer: int = 0
    refused: dict[str, int] = field(default_factory=dict)
    pushed: int = 0  # entries received in `entries` the client did not ask for
    sent_entries: int = 0
    exchanges: int = 0
    in_sync: bool = False
    peers_answered: int = 0  # get_peers of the node this client answered
    errors: list[str] = field(default_factory=list)


def tls_context(root_pem: Path, cert_pem: Path, key_pem: Path, check_name: bool) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    ctx.maximum_version = ssl.TLSVersion.TLSv1_3
    ctx.load_verify_locations(cafile=str(root_pem))
    ctx.load_cert_chain(certfile=str(cert_pem), keyfile=str(key_pem))
    ctx.check_hostname = check_name
    ctx.verify_mode = ssl.CERT_REQUIRED
    return ctx


def peer_node_id(sock: ssl.SSLSocket) -> bytes | None:
    cert = sock.getpeercert() or {}
    for kind, value in cert.get("subjectAltName", ()):
        if kind == "URI" and isinstance(value, str) and value.startswith("urn:mibarai:node:"):
            return bytes.fromhex(value.rsplit(":", 1)[1])
    return None


class Session:
    """One connection, this client as the initiator of its exchanges; it also answers what a node
    may send it unasked (`get_peers`, `summary`, `want`, pushed `entries`)."""

    def __init__(self, sock: ssl.SSLSocket, state: log.Log, peer: bytes, recorder: Recorder | None = None,
                 listen_address: str = "", versions: tuple[int, int] = MY_VERSIONS) -> None:
        self.sock = sock
        self.versions = versions
        self.state = state
        self.peer = peer
        self.recorder = recorder
        self.listen_address = listen_address
        self.buffer = b""
        self.version: int | None = None
        self.peer_max_bytes = wire.MAX_MESSAGE_BYTES
        self.peer_max_entries = wire.MAX_ENTRIES
        self.stats = Stats()
        self.known_peers: dict[bytes, str] = {}
        self.awaiting: str | None = None  # "summary" or "want" while an exchange this client opened is open
        self.want_mask = 0
        self.last_answer: str | None = None
        self.last_delta_full = False
        self.closed = False

    # Frames.
    def send(self, m: wire.Message, note: str = "") -> None:
        data = wire.frame(m)
        self.sock.sendall(data)
        if self.recorder:
            self.recorder.frame("client", data, m, note)

    def receive(self, deadline: float) -> wire.Message | None:
        while True:
            if len(self.buffer) >= 4:
                length = int.from_bytes(self.buffer[:4], "big")
                if length == 0 or length > wire.MAX_MESSAGE_BYTES:
                    raise ProtocolViolation(f"frame length {length}")
                if len(self.buffer) >= 4 + length:
                    data, self.buffer = self.buffer[:4 + length], self.buffer[4 + length:]
                    m = wire.decode_body(data[4:])
                    if self.recorder:
                        self.recorder.frame("node", data, m)
                    return m
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            self.sock.settimeout(min(remaining, 1.0))
            try:
                chunk = self.sock.recv(65536)
            except (socket.timeout, TimeoutError):
                continue
            except ssl.SSLWantReadError:
                continue
            if not chunk:
                self.closed = True
                return None
            self.buffer += chunk

    # Hello (section 8).
    def hello(self, deadline: float) -> int:
        self.send(wire.Message("hello", {"min_version": self.versions[0], "max_version": self.versions[1],
                                         "max_message_bytes": wire.MAX_MESSAGE_BYTES, "max_entries": wire.MAX_ENTRIES,
                                         "listen_address": self.listen_address}))
        m = self.receive(deadline)
        if m is None:
            raise ProtocolViolation("no hello from the node")
        if m.name != "hello":
            raise ProtocolViolation(f"{m.name} before hello")
        low, high = max(m.fields["min_version"], self.versions[0]), min(m.fields["max_version"], self.versions[1])
        if low > high:
            self.send(wire.Message("error", {"code": 1, "detail": self.versions[1]}))
            raise ProtocolViolation("no common protocol version")
        self.version = high
        self.peer_max_bytes = min(m.fields["max_message_bytes"], wire.MAX_MESSAGE_BYTES)
        self.peer_max_entries = max(1, min(m.fields["max_entries"], wire.MAX_ENTRIES))
        if m.fields["listen_address"]:
            self.known_peers[self.peer] = m.fields["listen_address"]
        return high

    # What this client holds.
    def digests(self) -> list[int]:
        return log.bucket_digests(self.state.vector())

    def numbered(self, heads: dict[bytes, int]) -> list[wire.Head]:
        out = [wire.Head(n, s) for o, s in heads.items() if s > 0 and (n := self.state.member_number(o)) is not None]
        return sorted(out, key=lambda h: h.member)

    def fitting(self, entries: list[bytes], reserve: int) -> list[bytes]:
        budget, out = self.peer_max_bytes - reserve, []
        for e in entries[:self.peer_max_entries]:
            budget -= 4 + len(e)
            if budget < 0:
                break
            out.append(e)
        return out

    # Storing (section 5).
    def store(self, entries: list[bytes]) -> int:
        accepted = 0
        for data in entries:
            try:
                self.state.append(data)
                accepted += 1
            except log.Refused as r:
                self.stats.refused[r.name] = self.stats.refused.get(r.name, 0) + 1
                if r.name in log.PEER_FAULTS:
                    self.send(wire.Message("error", {"code": 6, "detail": r.code}))
                    raise ProtocolViolation(f"the node sent an entry refused as {r.name}") from r
        self.stats.accepted_from_peer += accepted
        return accepted

    # Handling any message after hello.
    def handle(self, m: wire.Message) -> None:
        f = m.fields
        if m.name == "hello":
            return
        if m.name in ("summary", "hinted_summary"):
            if m.name == "hinted_summary" and (self.version or 1) < 2:
                self.send(wire.Message("error", {"code": 5, "detail": 0}))
                return
            digests = self.digests()
            if f["root"] == log.root_digest(digests):
                self.send(wire.Message("in_sync", {}))
            else:
                self.send(wire.Message("buckets", {"digests": log.short_digests(digests)}))
        elif m.name == "want":
            theirs: dict[bytes, int] = {}
            behind: list[wire.Head] = []
            mine = self.state.vector()
            for h in f["heads"]:
                o = self.state.member_by_number(h.member)
                if o is not None and f["mask"] >> log.bucket(o) & 1:
                    theirs[o] = h.seq
                    if mine.get(o, 0) < h.seq:
                        behind.append(wire.Head(h.member, mine.get(o, 0)))
            entries = self.fitting(self.state.missing_from(theirs, f["mask"], self.peer_max_entries, self.version or 1), 32 + 20 * len(behind))
            self.send(wire.Message("delta", {"mask": f["mask"], "behind": behind, "entries": entries}))
            self.stats.sent_entries += len(entries)
        elif m.name == "buckets":
            if self.awaiting != "summary":
                return
            mine = log.short_digests(self.digests())
            mask = sum(1 << i for i in range(64) if mine[i] != f["digests"][i]) or (1 << 64) - 1
            heads = {o: s for o, s in self.state.vector().items() if mask >> log.bucket(o) & 1}
            self.awaiting, self.want_mask = "want", mask
            self.send(wire.Message("want", {"mask": mask, "heads": self.numbered(heads)}))
        elif m.name == "delta":
            answers = (self.awaiting == "want" and f["mask"] == self.want_mask) or \
                      (self.awaiting == "summary" and (self.version or 1) >= 2 and f["mask"] != 0)
            if f["entries"]:
                self.store(f["entries"])
            if not answers:
                return
            size = sum(4 + len(e) for e in f["entries"])
            self.last_delta_full = len(f["entries"]) >= wire.MAX_ENTRIES or size > wire.MAX_MESSAGE_BYTES - wire.MAX_ENTRY_BYTES - 64
            theirs = {o: s for o, s in self.state.vector().items() if f["mask"] >> log.bucket(o) & 1}
            for h in f["behind"]:
                o = self.state.member_by_number(h.member)
                if o is not None:
                    theirs[o] = h.seq
            back = self.fitting(self.state.missing_from(theirs, f["mask"], self.peer_max_entries, self.version or 1), 16)
            if back:
                self.send(wire.Message("entries", {"entries": back}))
                self.stats.sent_entries += len(back)
            self.awaiting, self.last_answer = None, "delta"
        elif m.name == "in_sync":
            if self.awaiting == "summary":
                self.awaiting, self.last_answer = None, "in_sync"
        elif m.name == "entries":
            self.stats.pushed += len(f["entries"])
            self.store(f["entries"])
        elif m.name == "get_peers":
            sample = [(n, a) for n, a in self.known_peers.items() if n != self.peer and a][:wire.MAX_PEERS]
            self.send(wire.Message("peers", {"peers": sample}))
            self.stats.peers_answered += 1
        elif m.name == "peers":
            for node, address in f["peers"]:
                if address and node not in self.known_peers:
                    self.known_peers[node] = address
        elif m.name == "equivocation":
            for data in f["entries"]:
                try:
                    self.state.append(data)
                except log.Refused:
                    pass
        elif m.name == "error":
            self.stats.errors.append(f"{wire.ERRORS[f['code']]}/{f['detail']}")
            self.awaiting = None
            if f["code"] in (1, 2, 3, 6, 7):
                raise ProtocolViolation(f"the node sent error {wire.ERRORS[f['code']]}")

    def pump_until(self, done: Callable[[], bool], deadline: float) -> bool:
        """Handles incoming messages until `done()` or the deadline; returns done()."""
        while not done():
            m = self.receive(deadline)
            if m is None:
                return done()
            self.handle(m)
        return True

    def exchange(self, deadline: float) -> str | None:
        """One exchange this client opens (section 9; version 2 opens with a hinted summary naming no
        recent heads). Returns the answer that ended it: 'in_sync' or 'delta'."""
        digests = self.digests()
        total = sum(self.state.vector().values())
        root = log.root_digest(digests)
        self.awaiting, self.last_answer = "summary", None
        if (self.version or 1) >= 2:
            self.send(wire.Message("hinted_summary", {"root": root, "total_entries": total, "recent": []}))
        else:
            self.send(wire.Message("summary", {"root": root, "total_entries": total}))
        self.stats.exchanges += 1
        self.pump_until(lambda: self.awaiting is None, deadline)
        return self.last_answer

    def sync(self, deadline: float, pause: float = 0.2) -> bool:
        """Exchanges until the node answers in_sync (its vector equals this client's), pulling again
        at once after a full delta, or the deadline passes."""
        while time.monotonic() < deadline:
            answer = self.exchange(deadline)
            if answer == "in_sync":
                self.stats.in_sync = True
                return True
            if answer == "delta" and self.last_delta_full:
                continue
            self.pump_until(lambda: False, min(deadline, time.monotonic() + pause))
        return False

    def get_peers(self, deadline: float) -> list[tuple[bytes, str]] | None:
        got: list[list[tuple[bytes, str]]] = []
        original = self.handle

        def handle(m: wire.Message) -> None:
            if m.name == "peers":
                got.append(m.fields["peers"])
            original(m)
        self.handle = handle  # type: ignore[method-assign]
        try:
            self.send(wire.Message("get_peers", {}))
            self.pump_until(lambda: bool(got), deadline)
        finally:
            self.handle = original  # type: ignore[method-assign]
        return got[0] if got else None


def connect(host: str, port: int, ctx: ssl.SSLContext, server_name: str | None, timeout: float = 10) -> ssl.SSLSocket:
    raw = socket.create_connection((host, port), timeout=timeout)
    return ctx.wrap_socket(raw, server_hostname=server_name)
