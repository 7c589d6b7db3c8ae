"""Signed per-origin logs: entries, bodies, verification and version vectors (federation.md 2-6)."""
from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from typing import Any, Iterable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .wire import MAX_ENTRY_BYTES, Malformed, Reader, TooLarge, u8, u64, varint

SIGNING_CONTEXT = b"mibarai/log-entry/v1\x00"
HEADER_BYTES = 78
SIGNATURE_BYTES = 64

KINDS = {1: "publish", 2: "status", 3: "withdraw", 4: "review_answer", 5: "sealed_message", 6: "usage", 64: "admit", 65: "epoch_key",
         66: "revoke", 67: "suppress", 68: "lift", 69: "review_request", 70: "policy", 71: "quota"}
MEMBER_KINDS = {1, 2, 3, 4, 5, 6}
OPERATOR_KINDS = {64, 65, 66, 67, 68, 69, 70, 71}
# The protocol version that defined each kind (section 13): never sent on a connection that agreed on less.
KIND_SINCE = {1: 1, 2: 1, 3: 1, 4: 3, 5: 4, 6: 5, 64: 1, 65: 1, 66: 1, 67: 3, 68: 3, 69: 3, 70: 5, 71: 5}
SUPPRESSION_REASONS = {1: "impersonation"}
REQUEST_KINDS = {1: "disclosure", 2: "correction", 3: "stop-use"}
ANSWERS = {1: "kept", 2: "corrected", 3: "withdrawn"}
# Policy settings (section 13, version 5): code -> name; a code not here is kept and ignored.
POLICY_SETTINGS = {1: "replicas", 2: "lookup_daily_quota", 3: "lookup_burst"}
REPLICAS = {1: "all", 2: "hubs"}
DEFAULT_REPLICAS = "all"
# Settings 2 and 3 (section 4, "Lookup quotas"): identities per day (all hubs) and per minute (one
# hub); any u64 is valid, 0 is no limit.
DEFAULT_LOOKUP_DAILY_QUOTA = 50_000
DEFAULT_LOOKUP_BURST = 20_000
QUOTA_BODY_BYTES = 48  # member (32) || daily u64 || burst u64
MAX_USAGE_MEMBERS = 1024
MAX_DAY = 2_932_896  # 9999-12-31
ROLES = {1: "shop", 2: "hub"}
REASONS = {1: "key_compromise", 2: "left_federation", 3: "misbehaviour", 255: "unspecified"}
CATEGORIES = {1: "non-payment", 2: "cod-refusal", 3: "chargeback", 4: "malicious-complaint", 5: "fraudulent-order", 99: "other"}
STATUSES = {1: "open", 2: "paid", 3: "settled", 4: "withdrawn", 5: "disputed"}
TOKEN_TYPES = {1: "phone", 2: "email", 3: "name_address", 4: "kana_address", 5: "address"}

# Refusal codes of section 5.
REFUSALS = {"malformed": 1, "too_large": 2, "unknown_origin": 3, "revoked_origin": 4, "equivocating_origin": 5,
            "bad_signature": 6, "gap": 7, "replay": 8, "equivocation": 9, "wrong_kind": 10, "invalid_body": 11}
PEER_FAULTS = {"malformed", "too_large", "bad_signature"}



def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


class Refused(Exception):
    """An entry refused with a section-5 code."""

    def __init__(self, name: str, detail: str = "") -> None:
        super().__init__(f"{name}: {detail}" if detail else name)
        self.name = name
        self.code = REFUSALS[name]


@dataclass(frozen=True)
class Entry:
    """A decoded entry; `data` is every byte as received (never re-encoded)."""
    data: bytes
    version: int
    kind: int
    origin: bytes
    seq: int
    previous: bytes
    body: bytes
    signature: bytes

    @property
    def hash(self) -> bytes:
        return sha256(self.data)

    @property
    def kind_name(self) -> str:
        return KINDS.get(self.kind, f"unknown({self.kind})")

    def signature_valid(self) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.origin).verify(self.signature, SIGNING_CONTEXT + self.data[:-SIGNATURE_BYTES])
            return True
        except (InvalidSignature, ValueError):
            return False


def decode_entry(data: bytes) -> Entry:
    """Section 3; raises Refused('malformed' or 'too_large')."""
    if len(data) > MAX_ENTRY_BYTES:
        raise Refused("too_large")
    try:
        r = Reader(data)
        version, kind, origin, seq, previous = r.u8(), r.u8(), r.raw(32), r.u64(), r.raw(32)
        body = r.raw(r.u32())
        signature = r.raw(SIGNATURE_BYTES)
        r.end()
    except Malformed as e:
        raise Refused("malformed", str(e)) from e
    if version != 1:
        raise Refused("malformed", "entry format version")
    if seq == 0 or (seq == 1 and previous != bytes(32)):
        raise Refused("malformed", "seq or previous")
    if kind not in KINDS:
        raise Refused("malformed", "unknown kind")
    return Entry(bytes(data), version, kind, origin, seq, previous, body, signature)


def day_to_iso(days: int) -> str:
    return (datetime.date(1970, 1, 1) + datetime.timedelta(days=days)).isoformat()


def decode_body(kind: int, body: bytes) -> dict[str, Any]:
    """Section 4: a body as named fields; raises Malformed if it does not decode or is out of range."""
    r = Reader(body)
    f: dict[str, Any] = {}
    if kind == 1:
        f["id"], f["epoch"], category = r.raw(16).hex(), r.u32(), r.u8()
        f["amount_yen"], year, month, status, expires = r.u64(), r.u16(), r.u8(), r.u8(), r.u32()
        count = r.u8()
        tokens = [(r.u8(), r.raw(16)) for _ in range(count)]
        if category not in CATEGORIES or status not in STATUSES or status == 4:
            raise Malformed("category or status code")
        if f["amount_yen"] > 1_000_000_000 or not 1900 <= year <= 9999 or not 1 <= month <= 12 or expires > 2_932_896:
            raise Malformed("out of range")
        if not 1 <= count <= 32 or len(set(tokens)) != count or any(t not in TOKEN_TYPES for t, _ in tokens):
            raise Malformed("tokens")
        f.update(category=CATEGORIES[category], month=f"{year:04d}-{month:02d}", status=STATUSES[status],
                 expires_on=day_to_iso(expires), tokens=[{"type": TOKEN_TYPES[t], "value": v.hex()} for t, v in tokens])
    elif kind == 2:
        f["id"], status = r.raw(16).hex(), r.u8()
        if status not in STATUSES or status == 4:
            raise Malformed("status code")
        f["status"] = STATUSES[status]
    elif kind == 3:
        f["id"] = r.raw(16).hex()
    elif kind == 64:
        f["member"], f["sealing_key"], role = r.raw(32).hex(), r.raw(32).hex(), r.u8()
        f["name"], f["region"] = r.str8(), r.str8()
        if role not in ROLES or not 1 <= len(f["name"].encode()) <= 64 or len(f["region"].encode()) > 32:
            raise Malformed("role, name or region")
        f["role"] = ROLES[role]
    elif kind == 65:
        f["epoch"], count = r.u32(), r.u16()
        boxes = [{"member": r.raw(32).hex(), "enc": r.raw(32).hex(), "ciphertext": r.raw(48).hex()} for _ in range(count)]
        if not 1 <= count <= 512 or any(a["member"] >= b["member"] for a, b in zip(boxes, boxes[1:])):
            raise Malformed("boxes: count or order")
        f["boxes"] = boxes
    elif kind == 66:
        f["member"], reason, f["last_valid_seq"] = r.raw(32).hex(), r.u8(), r.u64()
        if reason not in REASONS:
            raise Malformed("revocation reason")
        f["reason"] = REASONS[reason]
    elif kind == 67:
        f["id"], reason, count = r.raw(16).hex(), r.u8(), r.u8()
        tokens = [(r.u32(), r.u8(), r.raw(16)) for _ in range(count)]
        if reason not in SUPPRESSION_REASONS:
            raise Malformed("suppression reason")
        if not 1 <= count <= 64 or any(t not in TOKEN_TYPES for _, t, _ in tokens):
            raise Malformed("suppressed tokens: count or type")
        if any(a >= b for a, b in zip(tokens, tokens[1:])):
            raise Malformed("suppressed tokens not strictly ascending")
        f["reason"] = SUPPRESSION_REASONS[reason]
        f["tokens"] = [{"epoch": e, "type": TOKEN_TYPES[t], "value": v.hex()} for e, t, v in tokens]
    elif kind == 68:
        f["id"] = r.raw(16).hex()
    elif kind == 69:
        f["id"], request_kind, deadline, count = r.raw(16).hex(), r.u8(), r.u32(), r.u8()
        records = [(r.raw(32), r.raw(16)) for _ in range(count)]
        if request_kind not in REQUEST_KINDS or deadline > 2_932_896:
            raise Malformed("request kind or deadline")
        if not 1 <= count <= 64 or any(a >= b for a, b in zip(records, records[1:])):
            raise Malformed("records: count or order")
        f.update(kind=REQUEST_KINDS[request_kind], deadline=day_to_iso(deadline),
                 records=[{"origin": o.hex(), "publication": p.hex()} for o, p in records])
    elif kind == 4:
        f["request"], f["publication"], answer = r.raw(16).hex(), r.raw(16).hex(), r.u8()
        f["reason"] = r.str8()
        if answer not in ANSWERS or len(f["reason"].encode()) > 200 or (answer == 1) != (f["reason"] != ""):
            raise Malformed("answer or reason")
        f["answer"] = ANSWERS[answer]
    elif kind == 5:
        f["id"], f["to"], f["enc"] = r.raw(16).hex(), r.raw(32).hex(), r.raw(32).hex()
        length = r.u16()
        if not (272 <= length <= 4112 and (length - 16) % 256 == 0):
            raise Malformed("ciphertext length")
        f["ciphertext"] = r.raw(length).hex()
    elif kind == 70:
        count = r.u8()
        settings = [(r.u8(), r.u64()) for _ in range(count)]
        if not 1 <= count <= 32:
            raise Malformed("settings: count")
        if any(code == 0 for code, _ in settings):
            raise Malformed("setting code 0 is reserved")
        if any(a[0] >= b[0] for a, b in zip(settings, settings[1:])):
            raise Malformed("settings not strictly ascending by code")
        known = dict(settings)
        if 1 in known and known[1] not in REPLICAS:
            raise Malformed("replicas value")
        # Settings 2 and 3 take any u64: nothing to refuse.
        # Every setting as signed, unknown codes included; `replicas` is what a receiver takes from it.
        f["settings"] = [{"code": code, "value": value} for code, value in settings]
        f["replicas"] = REPLICAS[known[1]] if 1 in known else DEFAULT_REPLICAS
    elif kind == 71:
        if len(body) != QUOTA_BODY_BYTES:
            raise Malformed(f"quota body of {len(body)} bytes")
        f["member"], f["daily"], f["burst"] = r.raw(32).hex(), r.u64(), r.u64()
    elif kind == 6:
        day, count = r.u32(), r.u16()
        counts = [(r.raw(32), r.u64()) for _ in range(count)]
        if day > MAX_DAY:
            raise Malformed("usage day")
        if not 1 <= count <= MAX_USAGE_MEMBERS or any(a[0] >= b[0] for a, b in zip(counts, counts[1:])):
            raise Malformed("usage: count or order")
        f["day"] = day_to_iso(day)
        f["usage"] = [{"member": m.hex(), "identities": n} for m, n in counts]
    r.end()
    return f


@dataclass
class Member:
    number: int
    sealing_key: bytes
    role: str
    name: str
    region: str


@dataclass
class Record:
    """A blinded record as the publishing member's log leaves it."""
    origin: bytes
    publication_id: str
    epoch: int
    category: str
    amount_yen: int
    month: str
    status: str
    expires_on: str
    tokens: list[tuple[str, bytes]]


@dataclass
class Log:
    """One node's view of every origin's log, checked per section 5 (entry by entry)."""
    operator: bytes
    entries: dict[bytes, list[Entry]] = field(default_factory=dict)
    members: dict[bytes, Member] = field(default_factory=dict)
    revoked: dict[bytes, int] = field(default_factory=dict)
    equivocating: set[bytes] = field(default_factory=set)
    proofs: list[tuple[Entry, Entry]] = field(default_factory=list)
    published: dict[bytes, dict[str, bool]] = field(default_factory=dict)  # origin -> publication id -> withdrawn
    records: dict[tuple[bytes, str], Record] = field(default_factory=dict)
    sealed: list[dict[str, Any]] = field(default_factory=list)  # epoch_key bodies, in order
    suppressions: dict[str, list[tuple[str, bytes]]] = field(default_factory=dict)  # in force: id -> (type, token)
    suppression_ids: set[str] = field(default_factory=set)  # every id a suppress used, lifted ones too
    review_requests: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> review_request fields
    review_answers: dict[tuple[bytes, str, str], str] = field(default_factory=dict)  # (origin, request, publication) -> answer
    sealed_messages: set[tuple[bytes, str]] = field(default_factory=set)  # (origin, message id)
    # The federation's policy (section 4, "Policy"): the operator's latest `policy` entry in full,
    # each setting it does not name at its default; before any, every setting at its default.
    policy: list[dict[str, int]] = field(default_factory=list)  # that entry's settings, unknown codes included
    replicas: str = DEFAULT_REPLICAS
    lookup_daily_quota: int = DEFAULT_LOOKUP_DAILY_QUOTA  # setting 2; 0 = no limit
    lookup_burst: int = DEFAULT_LOOKUP_BURST  # setting 3; 0 = no limit
    # The operator's latest `quota` per member (section 4, "Lookup quotas"): member -> (daily, burst),
    # instead of settings 2 and 3 whatever a later `policy` says.
    quotas: dict[bytes, tuple[int, int]] = field(default_factory=dict)
    # Hubs' `usage` entries: (hub, day, member) -> the highest count any of that hub's entries gave.
    usage: dict[tuple[bytes, str, bytes], int] = field(default_factory=dict)
    verified: int = 0

    def head(self, origin: bytes) -> int:
        return len(self.entries.get(origin, []))

    def append(self, data: bytes) -> Entry:
        """Checks and stores one entry, or raises Refused with the spec's code."""
        e = decode_entry(data)
        operator_kind = e.kind in OPERATOR_KINDS
        if operator_kind != (e.origin == self.operator):
            raise Refused("wrong_kind")
        if e.origin != self.operator and e.origin not in self.members:
            raise Refused("unknown_origin")
        if e.origin in self.equivocating:
            raise Refused("equivocating_origin")
        if e.origin in self.revoked and self.revoked[e.origin] < e.seq:
            raise Refused("revoked_origin")
        held = self.entries.get(e.origin, [])
        if e.seq <= len(held):
            if held[e.seq - 1].hash == e.hash:
                raise Refused("replay")
            if not e.signature_valid():
                raise Refused("bad_signature")
            self._equivocation(held[e.seq - 1], e)
        if e.seq != len(held) + 1:
            raise Refused("gap")
        if not e.signature_valid():
            raise Refused("bad_signature")
        if e.seq > 1 and e.previous != held[-1].hash:
            self._equivocation(held[-1], e)
        try:
            body = decode_body(e.kind, e.body)
        except Malformed as err:
            raise Refused("invalid_body", str(err)) from err
        self._apply(e, body)
        self.entries.setdefault(e.origin, []).append(e)
        self.verified += 1
        return e

    def _equivocation(self, held: Entry, conflicting: Entry) -> None:
        self.equivocating.add(conflicting.origin)
        self.proofs.append((held, conflicting))
        raise Refused("equivocation")

    def _apply(self, e: Entry, f: dict[str, Any]) -> None:
        """Step 10's rules, then the entry's effect (nothing changes if a rule fails)."""
        origin = e.origin
        if e.kind == 1:
            pubs = self.published.setdefault(origin, {})
            if f["id"] in pubs:
                raise Refused("invalid_body", "publication id published before")
            pubs[f["id"]] = False
            self.records[(origin, f["id"])] = Record(
                origin, f["id"], f["epoch"], f["category"], f["amount_yen"], f["month"], f["status"], f["expires_on"],
                [(t["type"], bytes.fromhex(t["value"])) for t in f["tokens"]])
        elif e.kind in (2, 3):
            pubs = self.published.get(origin, {})
            if pubs.get(f["id"], True):
                raise Refused("invalid_body", "names no live publication")
            record = self.records[(origin, f["id"])]
            if e.kind == 2:
                record.status = f["status"]
            else:
                pubs[f["id"]] = True
                record.status, record.tokens = "withdrawn", []
        elif e.kind == 64:
            member = bytes.fromhex(f["member"])
            if member == self.operator or member in self.revoked:
                raise Refused("invalid_body", "admits the operator or a revoked member")
            # Both keys are 32 bytes by the encoding; whether they are curve points is not checked
            # (federation.md, section 5: every node must reach the same verdict).
            number = self.members[member].number if member in self.members else e.seq
            self.members[member] = Member(number, bytes.fromhex(f["sealing_key"]), f["role"], f["name"], f["region"])
        elif e.kind == 65:
            for box in f["boxes"]:
                m = bytes.fromhex(box["member"])
                if m not in self.members or m in self.revoked:
                    raise Refused("invalid_body", "a box for no admitted, unrevoked member")
            self.sealed.append(f)
        elif e.kind == 66:
            m = bytes.fromhex(f["member"])
            if m not in self.members or m in self.revoked:
                raise Refused("invalid_body", "revokes no admitted, unrevoked member")
            self.revoked[m] = f["last_valid_seq"]
        elif e.kind == 67:
            if f["id"] in self.suppression_ids:
                raise Refused("invalid_body", "suppression id used before")
            if any(t["epoch"] not in {s["epoch"] for s in self.sealed} for t in f["tokens"]):
                raise Refused("invalid_body", "a token under an epoch never sealed")
            self.suppression_ids.add(f["id"])
            self.suppressions[f["id"]] = [(t["type"], bytes.fromhex(t["value"])) for t in f["tokens"]]
        elif e.kind == 68:
            if f["id"] not in self.suppressions:
                raise Refused("invalid_body", "lifts no suppression in force")
            del self.suppressions[f["id"]]
        elif e.kind == 69:
            if f["id"] in self.review_requests:
                raise Refused("invalid_body", "review request id used before")
            if any(bytes.fromhex(x["origin"]) not in self.members for x in f["records"]):
                raise Refused("invalid_body", "a record of no admitted member")
            self.review_requests[f["id"]] = f
        elif e.kind == 4:
            # Only the origin's own log is read: the request itself may not have arrived (section 5).
            key = (origin, f["request"], f["publication"])
            if key in self.review_answers:
                raise Refused("invalid_body", "answered before for this request and record")
            pubs = self.published.get(origin, {})
            if f["publication"] not in pubs:
                raise Refused("invalid_body", "names no publication of the origin")
            if pubs[f["publication"]] != (f["answer"] != "kept"):
                raise Refused("invalid_body", "kept needs the publication live; corrected and withdrawn need it withdrawn")
            self.review_answers[key] = f["answer"]
        elif e.kind == 5:
            # The recipient's admission is in another log: not checked (section 4, "Sealed messages").
            if bytes.fromhex(f["to"]) == origin:
                raise Refused("invalid_body", "a message to its own sender")
            if (origin, f["id"]) in self.sealed_messages:
                raise Refused("invalid_body", "message id used before by this origin")
            self.sealed_messages.add((origin, f["id"]))
        elif e.kind == 70:
            # No rule beyond the body's own (section 5): the latest policy replaces the previous one whole.
            self.policy = f["settings"]
            self.replicas = f["replicas"]
            named = {s["code"]: s["value"] for s in f["settings"]}
            self.lookup_daily_quota = named.get(2, DEFAULT_LOOKUP_DAILY_QUOTA)
            self.lookup_burst = named.get(3, DEFAULT_LOOKUP_BURST)
        elif e.kind == 71:
            # An admitted member, revoked or not (section 5); the latest quota for it wins.
            member = bytes.fromhex(f["member"])
            if member not in self.members:
                raise Refused("invalid_body", "a quota for no admitted member")
            self.quotas[member] = (f["daily"], f["burst"])
        elif e.kind == 6:
            # Only a hub (its latest `admit`'s role) signs one; the members it names are not checked.
            if self.members[origin].role != "hub":
                raise Refused("invalid_body", "a usage signed by a member that is not a hub")
            for u in f["usage"]:
                key = (origin, f["day"], bytes.fromhex(u["member"]))
                self.usage[key] = max(self.usage.get(key, 0), u["identities"])

    def quota(self, member: bytes) -> tuple[int, int]:
        """A member's lookup limits (daily, burst; 0 = no limit): its `quota`, else the policy's."""
        return self.quotas.get(member, (self.lookup_daily_quota, self.lookup_burst))

    # Member numbers (section 2).
    def member_number(self, origin: bytes) -> int | None:
        if origin == self.operator:
            return 0
        m = self.members.get(origin)
        return m.number if m else None

    def member_by_number(self, number: int) -> bytes | None:
        if number == 0:
            return self.operator
        for node, m in self.members.items():
            if m.number == number:
                return node
        return None

    def member_named(self, name: str) -> bytes | None:
        for node, m in self.members.items():
            if m.name == name:
                return node
        return None

    def vector(self) -> dict[bytes, int]:
        return {o: len(es) for o, es in self.entries.items() if es}

    def missing_from(self, theirs: dict[bytes, int], mask: int, limit: int, version: int = 3) -> list[bytes]:
        """Entries a peer with heads `theirs` lacks in the masked buckets: the operator's log first,
        each origin oldest first without gaps. To a peer that agreed on `version`, each origin's log
        stops before its first entry of a kind that version lacks (section 8)."""
        origins = sorted((o for o in self.entries if mask >> bucket(o) & 1), key=lambda o: (o != self.operator, o))
        out: list[bytes] = []
        for o in origins:
            for e in self.entries[o][theirs.get(o, 0):]:
                if KIND_SINCE[e.kind] > version:
                    break
                if len(out) >= limit:
                    return out
                out.append(e.data)
        return out


# Version vectors (section 6).
def bucket(origin: bytes) -> int:
    return origin[0] >> 2


def encode_vector(heads: dict[bytes, int]) -> bytes:
    items = sorted((o, s) for o, s in heads.items() if s > 0)
    return varint(len(items)) + b"".join(o + varint(s) for o, s in items)


def bucket_digests(heads: dict[bytes, int]) -> list[int]:
    out = []
    for i in range(64):
        part = {o: s for o, s in heads.items() if bucket(o) == i}
        d = sha256(b"mibarai/vv-bucket/v1\x00" + u8(i) + encode_vector(part))
        out.append(int.from_bytes(d[:8], "big"))
    return out


def root_digest(digests: Iterable[int]) -> bytes:
    return sha256(b"mibarai/vv-root/v1\x00" + b"".join(u64(d) for d in digests))[:16]


def short_digests(digests: list[int]) -> list[int]:
    return [d >> 48 for d in digests]


def publication_id(report_id: bytes, epoch: int, revision: int = 0) -> bytes:
    data = b"mibarai/publication-id/v1\x00" + report_id + epoch.to_bytes(4, "big")
    if revision:
        data += revision.to_bytes(4, "big")
    return sha256(data)[:16]
