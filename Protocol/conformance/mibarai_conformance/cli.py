"""`python3 -m mibarai_conformance COMMAND` (see ../README.md)."""
from __future__ import annotations

import argparse
import datetime
import json
import sys
import time
from pathlib import Path
from typing import Any

from . import blinding, client, log, membership, sealing
from .transcript import Recorder

PROTOCOL = Path(__file__).resolve().parent.parent.parent


def emit(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, sort_keys=True), flush=True)


def cmd_request(a: argparse.Namespace) -> int:
    d = Path(a.dir)
    keys = membership.Keys.generate(int(a.seed, 16) if a.seed else None)
    keys.save(d)
    request = membership.join_request(keys, a.name)
    Path(a.output).write_text(json.dumps(request, indent=1) + "\n", encoding="utf-8")
    (d / "name").write_text(a.name)
    emit({"node_id": keys.node_id.hex(), "sealing_key": keys.sealing_public.hex(), "request": a.output})
    return 0


def load_joined(d: Path) -> tuple[membership.Keys, membership.Joined]:
    keys = membership.Keys.load(d)
    bundle = json.loads((d / "bundle.json").read_text(encoding="utf-8"))
    return keys, membership.read_bundle(bundle, keys)


def cmd_join(a: argparse.Namespace) -> int:
    d = Path(a.dir)
    keys = membership.Keys.load(d)
    bundle = json.loads(Path(a.bundle).read_text(encoding="utf-8"))
    try:
        joined = membership.read_bundle(bundle, keys)
    except (membership.BundleRefused, log.Refused) as e:
        print(f"join bundle refused: {e}", file=sys.stderr)
        return 65
    (d / "bundle.json").write_text(json.dumps(bundle), encoding="utf-8")
    (d / "root.pem").write_text(bundle["root"], encoding="utf-8")
    (d / "node.pem").write_text(bundle["certificate"], encoding="utf-8")
    emit({"federation": joined.federation, "operator_key": joined.operator.hex(), "member_number": joined.member_number,
          "operator_log_entries": joined.log.verified, "epochs": sorted(joined.epoch_keys),
          "root_fingerprint": membership.fingerprint(joined.root)})
    return 0


def epoch_keys(state: log.Log, keys: membership.Keys) -> dict[int, bytes]:
    out = {}
    for body in state.sealed:
        k = sealing.open_epoch_key(body, state.operator, keys.node_id, keys.sealing)
        if k is not None:
            out[body["epoch"]] = k
    return out


def match(state: log.Log, keys_by_epoch: dict[int, bytes], identity: dict[str, Any], today: str) -> list[dict[str, Any]]:
    """The live, unexpired records holding any token of the identity under an epoch key this client holds."""
    ours: dict[tuple[int, str, bytes], str] = {}
    for epoch, key in keys_by_epoch.items():
        for t, value in blinding.identity_tokens(key, epoch, identity):
            ours[(epoch, t, value)] = t
    out = []
    for (origin, pub), r in sorted(state.records.items()):
        if r.status == "withdrawn" or r.expires_on < today:
            continue
        types = {t for t, v in r.tokens if (r.epoch, t, v) in ours}
        if types:
            member = state.members.get(origin)
            out.append({"origin": origin.hex(), "origin_name": member.name if member else None, "publication_id": pub,
                        "epoch": r.epoch, "types": sorted(types), "strength": blinding.strength(types),
                        "status": r.status, "category": r.category, "amount_yen": r.amount_yen})
    return out


def cmd_gossip(a: argparse.Namespace) -> int:
    d = Path(a.dir)
    keys, joined = load_joined(d)
    state = joined.log
    from_bundle = state.verified
    name, _, address = a.peer.rpartition("@")
    host, _, port = address.rpartition(":")
    expected = state.member_named(name) if name else None
    if name and expected is None:
        print(f"the operator's log admits no member named {name}", file=sys.stderr)
        return 65
    ctx = client.tls_context(d / "root.pem", d / "node.pem", d / "tls.key", check_name=bool(name))
    recorder = Recorder() if a.transcript else None
    deadline = time.monotonic() + a.timeout
    report: dict[str, Any] = {"entries_verified_from_bundle": from_bundle}
    sock = client.connect(host, int(port), ctx, name.lower() if name else None)
    try:
        peer = client.peer_node_id(sock)
        if peer is None or (expected is not None and peer != expected):
            print("the node's certificate names another member", file=sys.stderr)
            return 65
        session = client.Session(sock, state, peer, recorder, versions=(1, a.max_version))
        report["version"] = session.hello(deadline)
        report["in_sync"] = session.sync(deadline)
        peers = session.get_peers(deadline)
        report["peers"] = None if peers is None else [{"node_id": n.hex(), "address": addr} for n, addr in peers]
        if a.wait_push or a.wait_get_peers:
            pushed_before = session.stats.pushed
            if a.after_sync:
                import subprocess
                subprocess.run(a.after_sync, shell=True, check=True, stdout=subprocess.DEVNULL)
            session.pump_until(lambda: (not a.wait_push or session.stats.pushed > pushed_before)
                               and (not a.wait_get_peers or session.stats.peers_answered > 0), deadline)
            if a.wait_push and session.stats.pushed > pushed_before:
                # What the push brought is now in this client's log: one more exchange ends in sync.
                session.sync(deadline)
        s = session.stats
        report.update(exchanges=s.exchanges, entries_accepted_from_node=s.accepted_from_peer, entries_refused=s.refused,
                      entries_sent=s.sent_entries, pushed_entries=s.pushed, get_peers_answered=s.peers_answered, errors=s.errors)
    except client.ProtocolViolation as e:
        report["violation"] = str(e)
    finally:
        try:
            sock.close()
        except OSError:
            pass
    report["entries_verified"] = state.verified
    report["origins"] = [{"origin": o.hex(), "member": state.member_number(o), "head": len(es),
                          "name": "operator" if o == state.operator else state.members[o].name}
                         for o, es in sorted(state.entries.items())]
    keys_by_epoch = epoch_keys(state, keys)
    report["epochs"] = sorted(keys_by_epoch)
    report["records"] = len(state.records)
    report["live_records"] = sum(1 for r in state.records.values() if r.status != "withdrawn")
    if a.identities:
        today = a.today or datetime.date.today().isoformat()
        report["matches"] = {}
        for item in json.loads(Path(a.identities).read_text(encoding="utf-8")):
            identity = item["canonical"] if "canonical" in item else blinding.canonical_identity(item["raw"])
            report["matches"][item["label"]] = match(state, keys_by_epoch, identity, today)
    if recorder:
        recorder.write(Path(a.transcript), {"session": 1, "operator": state.operator.hex(), "client": keys.node_id.hex(),
                                            "node": report.get("peer_node_id", peer.hex() if peer else ""), "version": report.get("version")})
    emit(report)
    return 1 if "violation" in report else 0


def cmd_vectors(a: argparse.Namespace) -> int:
    from .vectors import check_all
    c = check_all(Path(a.protocol))
    emit({"checked": c.checked, "failures": c.failures})
    return 1 if c.failures or not c.checked else 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="mibarai_conformance", description="An independent Mibarai protocol client.")
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("request", help="make keys and a join request (membership.md, step 1)")
    r.add_argument("--dir", required=True)
    r.add_argument("--name", required=True)
    r.add_argument("--output", required=True)
    r.add_argument("--seed", help="one hex byte: fixed keys (transcripts only)")
    r.set_defaults(run=cmd_request)
    j = sub.add_parser("join", help="check a join bundle and keep it (membership.md, step 3)")
    j.add_argument("bundle")
    j.add_argument("--dir", required=True)
    j.set_defaults(run=cmd_join)
    g = sub.add_parser("gossip", help="one session with a node: hello, exchanges, get_peers; then match")
    g.add_argument("--dir", required=True)
    g.add_argument("--peer", required=True, help="name@host:port (the name is checked against the certificate)")
    g.add_argument("--identities", help="JSON list of {label, canonical|raw}")
    g.add_argument("--today", help="YYYY-MM-DD: records expired before it do not match")
    g.add_argument("--timeout", type=float, default=30)
    g.add_argument("--max-version", type=int, choices=(1, 2), default=2, help="the highest protocol version to offer")
    g.add_argument("--transcript", help="write the session's frames here")
    g.add_argument("--wait-push", action="store_true", help="after syncing, wait for the node to push entries")
    g.add_argument("--wait-get-peers", action="store_true", help="after syncing, wait for the node's get_peers")
    g.add_argument("--after-sync", help="shell command to run once in sync (e.g. one that makes the node push)")
    g.set_defaults(run=cmd_gossip)
    v = sub.add_parser("vectors", help="check Protocol/vectors/")
    v.add_argument("--protocol", default=str(PROTOCOL))
    v.set_defaults(run=cmd_vectors)
    rec = sub.add_parser("record-session", help="write vectors/federation/session.jsonl against real mibarai processes")
    rec.add_argument("--mibarai", required=True, help="the mibarai binary")
    rec.add_argument("--output", default=str(PROTOCOL / "vectors" / "federation" / "session.jsonl"))
    rec.set_defaults(run=lambda a: __import__(__package__ + ".record", fromlist=["record"]).record(a.mibarai, Path(a.output)))
    a = p.parse_args(argv)
    return a.run(a)
