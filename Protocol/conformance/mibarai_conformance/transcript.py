"""The annotated session transcript (vectors/federation/session.jsonl; format in ../README.md)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from . import log, wire


def describe_entry(data: bytes) -> dict[str, Any]:
    e = log.decode_entry(data)
    return {"origin": e.origin.hex(), "seq": e.seq, "kind": e.kind_name, "hash": e.hash.hex()}


def annotate(m: wire.Message) -> dict[str, Any]:
    """The decoded message as JSON: every field by name, entries as origin, seq, kind and hash."""
    f = m.fields
    heads = lambda hs: [{"member": h.member, "seq": h.seq} for h in hs]  # noqa: E731
    if m.name == "hello":
        return dict(f)
    if m.name in ("summary", "hinted_summary"):
        out: dict[str, Any] = {"root": f["root"].hex(), "total_entries": f["total_entries"]}
        if m.name == "hinted_summary":
            out["recent"] = heads(f["recent"])
        return out
    if m.name == "buckets":
        return {"digests": [f"{d:04x}" for d in f["digests"]]}
    if m.name == "want":
        return {"mask": f"{f['mask']:016x}", "heads": heads(f["heads"])}
    if m.name == "delta":
        return {"mask": f"{f['mask']:016x}", "behind": heads(f["behind"]), "entries": [describe_entry(e) for e in f["entries"]]}
    if m.name in ("entries", "equivocation"):
        return {"entries": [describe_entry(e) for e in f["entries"]]}
    if m.name == "peers":
        return {"peers": [{"node_id": n.hex(), "address": a} for n, a in f["peers"]]}
    if m.name == "error":
        return {"code": wire.ERRORS[f["code"]], "detail": f["detail"]}
    return {}


class Recorder:
    """Collects one line per frame after the TLS handshake."""

    def __init__(self) -> None:
        self.lines: list[dict[str, Any]] = []

    def frame(self, sender: str, data: bytes, m: wire.Message, note: str = "") -> None:
        line = {"from": sender, "message": m.name, "frame": data.hex(), "decoded": annotate(m)}
        if note:
            line["note"] = note
        self.lines.append(line)

    def write(self, path: Path, header: dict[str, Any]) -> None:
        with path.open("w", encoding="utf-8") as f:
            f.write(json.dumps(header, ensure_ascii=False) + "\n")
            for line in self.lines:
                f.write(json.dumps(line, ensure_ascii=False) + "\n")


def check_transcript(path: Path, expect: Callable[[bool, str], None]) -> int:
    """Decodes every frame and compares it with its annotation; returns the frames checked."""
    n = 0
    with path.open(encoding="utf-8") as f:
        rows = [json.loads(x) for x in f if x.strip()]
    expect("session" in rows[0], f"{path.name}:1 header")
    for i, row in enumerate(rows[1:], start=2):
        data = bytes.fromhex(row["frame"])
        m = wire.split_frame(data)
        where = f"{path.name}:{i} {row['message']}"
        expect(m.name == row["message"], where + " name")
        expect(annotate(m) == row["decoded"], where + " annotation")
        expect(wire.frame(m) == data, where + " re-encodes")
        expect(row["from"] in ("client", "node"), where + " direction")
        for data in m.fields.get("entries", []):
            expect(log.decode_entry(data).signature_valid(), where + " entry signature")
        n += 1
    return n
