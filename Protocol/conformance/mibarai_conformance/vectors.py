"""Checks every vector file of Protocol/vectors/ this client can check."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Iterator

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from . import blinding, log, messages, sealing, wire
from .transcript import check_transcript


def lines(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


class Checker:
    def __init__(self) -> None:
        self.failures: list[str] = []
        self.checked: dict[str, int] = {}

    def expect(self, ok: bool, where: str) -> None:
        if not ok:
            self.failures.append(where)

    def run(self, name: str, check: Callable[[], int]) -> None:
        try:
            self.checked[name] = check()
        except Exception as e:  # a vector that cannot even be read is a failure
            self.failures.append(f"{name}: {type(e).__name__}: {e}")


def seed_node(b: int) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(bytes([b]) * 32).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def check_all(protocol: Path) -> Checker:
    c = Checker()
    v = protocol / "vectors"
    fed = v / "federation"

    def blinding_file() -> int:
        n = 0
        for i, d in enumerate(lines(v / "blinding.jsonl")):
            c.expect(blinding.TOKEN_TYPES[d["type"]] == d["type_code"], f"blinding.jsonl:{i + 1} type code")
            got = blinding.token(bytes.fromhex(d["key"]), d["epoch"], d["type_code"], d["values"])
            c.expect(got.hex() == d["token"], f"blinding.jsonl:{i + 1} token")
            n += 1
        return n

    def identity_file() -> int:
        n = 0
        for i, d in enumerate(lines(v / "identity_tokens.jsonl")):
            got = blinding.identity_tokens(bytes.fromhex(d["key"]), d["epoch"], d["identity"])
            c.expect([(t, x.hex()) for t, x in got] == [(t["type"], t["token"]) for t in d["tokens"]], f"identity_tokens.jsonl:{i + 1}")
            n += 1
        return n

    def entries_file() -> int:
        n = 0
        boxes = {seed_node(0x01): X25519PrivateKey.from_private_bytes(b"\x11" * 32),
                 seed_node(0x02): X25519PrivateKey.from_private_bytes(b"\x12" * 32)}
        for i, d in enumerate(lines(fed / "entries.jsonl")):
            where = f"entries.jsonl:{i + 1} ({d['kind']})"
            e = log.decode_entry(bytes.fromhex(d["entry"]))
            c.expect(e.kind == d["kind_code"] and e.kind_name == d["kind"], where + " kind")
            c.expect(e.origin.hex() == d["origin"] and e.seq == d["seq"] and e.previous.hex() == d["previous"], where + " header")
            c.expect(e.body.hex() == d["body"] and e.signature.hex() == d["signature"], where + " body/signature")
            c.expect(e.hash.hex() == d["hash"], where + " hash")
            c.expect(e.signature_valid(), where + " signature verifies")
            fields = log.decode_body(e.kind, e.body)
            want = {k: x for k, x in d["fields"].items() if not k.endswith("_for_check")}
            c.expect(fields == want, where + " fields")
            if e.kind == 65 and "key_for_check" in d["fields"]:
                for member, key in boxes.items():
                    opened = sealing.open_epoch_key(fields, e.origin, member, key)
                    c.expect(opened is not None and opened.hex() == d["fields"]["key_for_check"], where + " box opens")
            if e.kind == 67 and "values_for_check" in d["fields"]:
                # Each token is the one blinding.md makes from the canonical values with the epoch's key.
                key = bytes.fromhex(d["fields"]["key_for_check"])
                codes = {name: code for code, name in log.TOKEN_TYPES.items()}
                for t, values in zip(fields["tokens"], d["fields"]["values_for_check"]):
                    made = blinding.token(key, t["epoch"], codes[t["type"]], values)
                    c.expect(made.hex() == t["value"], where + f" {t['type']} token from its values")
            n += 1
        return n

    def sealed_file() -> int:
        n = 0
        for i, d in enumerate(lines(fed / "sealed_messages.jsonl")):
            where = f"sealed_messages.jsonl:{i + 1}"
            e = log.decode_entry(bytes.fromhex(d["entry"]))
            c.expect(e.kind == 5 and e.kind_name == d["kind"] and e.hash.hex() == d["hash"] and e.signature_valid(), where + " entry")
            fields = log.decode_body(e.kind, e.body)
            c.expect(fields == {k: x for k, x in d["fields"].items() if not k.endswith("_for_check")}, where + " fields")
            key = X25519PrivateKey.from_private_bytes(bytes.fromhex(d["fields"]["recipient_key_for_check"]))
            opened = messages.open_message(fields, e.origin, bytes.fromhex(fields["to"]), key)
            c.expect(opened is not None and opened[0].hex() == d["fields"]["plaintext_for_check"], where + " opens")
            c.expect(opened is not None and opened[1] == d["fields"]["message_for_check"], where + " message")
            c.expect(messages.open_message(fields, e.origin, e.origin, key) is None, where + " not for its sender")
            n += 1
        return n

    def chain_file(name: str = "chain.jsonl") -> int:
        steps = list(lines(fed / name))
        state = log.Log(bytes.fromhex(steps[0]["operator"]))
        for i, s in enumerate(steps):
            try:
                state.append(bytes.fromhex(s["entry"]))
                verdict = "accepted"
            except log.Refused as r:
                verdict = r.name
            c.expect(verdict == s["expect"], f"{name}:{i + 1} {s['step']}: got {verdict}, want {s['expect']}")
            if "replicas_after" in s:  # chain_policy.jsonl (version 5): the policy the log holds
                c.expect(state.replicas == s["replicas_after"],
                         f"{name}:{i + 1} {s['step']}: replicas {state.replicas}, want {s['replicas_after']}")
            if "quota_after" in s:  # chain_quota.jsonl (version 5): the per-member quotas the log holds
                got = {m.hex(): {"daily": d, "burst": b} for m, (d, b) in state.quotas.items()}
                c.expect(got == s["quota_after"], f"{name}:{i + 1} {s['step']}: quotas {got}, want {s['quota_after']}")
        return len(steps)

    def vectors_file() -> int:
        n = 0
        for i, d in enumerate(lines(fed / "version_vectors.jsonl")):
            heads = {bytes.fromhex(h["origin"]): h["seq"] for h in d["heads"]}
            c.expect(log.encode_vector(heads).hex() == d["encoding"], f"version_vectors.jsonl:{i + 1} encoding")
            digests = log.bucket_digests(heads)
            c.expect([x.to_bytes(8, "big").hex() for x in digests] == d["bucket_digests"], f"version_vectors.jsonl:{i + 1} buckets")
            c.expect(log.root_digest(digests).hex() == d["root"], f"version_vectors.jsonl:{i + 1} root")
            n += 1
        return n

    def publication_file() -> int:
        n = 0
        for i, d in enumerate(lines(fed / "publication_ids.jsonl")):
            got = log.publication_id(bytes.fromhex(d["report_id"]), d["epoch"], d.get("revision", 0))
            c.expect(got.hex() == d["publication_id"], f"publication_ids.jsonl:{i + 1}")
            n += 1
        return n

    def exchange_file(name: str) -> Callable[[], int]:
        def check() -> int:
            entries = [log.decode_entry(bytes.fromhex(d["entry"])) for d in lines(fed / "entries.jsonl")]
            operator = entries[0].origin
            ds = list(lines(fed / name))
            states = {}
            for d in ds:
                if "node" in d:
                    s = log.Log(operator)
                    want = {bytes.fromhex(h["origin"]): h["seq"] for h in d["heads"]}
                    for e in entries:
                        if e.seq <= want.get(e.origin, 0):
                            s.append(e.data)
                    states[d["node"]] = s
            n = 0
            for i, d in enumerate(ds):
                if "frame" not in d:
                    continue
                where = f"{name}:{i + 1} {d['message']}"
                m = wire.split_frame(bytes.fromhex(d["frame"]))
                c.expect(m.name == d["message"], where + " name")
                c.expect(wire.frame(m).hex() == d["frame"], where + " re-encodes")
                sender = states[d["from"]]
                digests = log.bucket_digests(sender.vector())
                if m.name in ("summary", "hinted_summary"):
                    c.expect(m.fields["root"] == log.root_digest(digests), where + " root")
                    c.expect(m.fields["total_entries"] == sum(sender.vector().values()), where + " total")
                if m.name == "buckets":
                    c.expect(m.fields["digests"] == log.short_digests(digests), where + " short digests")
                if m.name in ("delta", "entries"):
                    receiver = states["Y" if d["from"] == "X" else "X"]
                    for data in m.fields["entries"]:
                        c.expect(any(e.data == data for e in entries), where + " entry from entries.jsonl")
                        receiver.append(data)
                n += 1
            return n
        return check

    c.run("blinding.jsonl", blinding_file)
    c.run("identity_tokens.jsonl", identity_file)
    c.run("federation/entries.jsonl", entries_file)
    c.run("federation/sealed_messages.jsonl", sealed_file)
    c.run("federation/chain.jsonl", chain_file)
    c.run("federation/chain_reviews.jsonl", lambda: chain_file("chain_reviews.jsonl"))
    c.run("federation/chain_messages.jsonl", lambda: chain_file("chain_messages.jsonl"))
    c.run("federation/chain_policy.jsonl", lambda: chain_file("chain_policy.jsonl"))
    c.run("federation/chain_quota.jsonl", lambda: chain_file("chain_quota.jsonl"))
    c.run("federation/version_vectors.jsonl", vectors_file)
    c.run("federation/publication_ids.jsonl", publication_file)
    c.run("federation/exchange.jsonl", exchange_file("exchange.jsonl"))
    c.run("federation/exchange_v2.jsonl", exchange_file("exchange_v2.jsonl"))
    session = fed / "session.jsonl"
    if session.exists():
        c.run("federation/session.jsonl", lambda: check_transcript(session, c.expect))
    return c
