"""Sealed messages (federation.md section 4, "Sealed messages", version 4): opening one addressed to
this member and decoding its plaintext (a contact request or answer) into named fields."""
from __future__ import annotations

from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from . import log, sealing
from .wire import Malformed, Reader

INFO = b"mibarai/sealed-message/v1"
MESSAGE_KINDS = {1: "contact_request", 2: "contact_answer"}
CONTACT_ANSWERS = {1: "shares", 2: "declines"}
STAGES = {1: "inquiry", 2: "reminder", 3: "firm_notice", 4: "formal_demand", 5: "legal_action", 6: "police_report"}
BLOCK, MAX_PLAINTEXT, MAX_DAY = 256, 4096, 2_932_896


def _has_control(s: str, line_feed_allowed: bool) -> bool:
    """federation.md, "Sealed messages": C0 (a line feed only in `text`), DEL, C1, bidi formatting."""
    for ch in s:
        c = ord(ch)
        if c == 0x0A:
            if not line_feed_allowed:
                return True
        elif c <= 0x1F or 0x7F <= c <= 0x9F or 0x202A <= c <= 0x202E or 0x2066 <= c <= 0x2069:
            return True
    return False


def _str16(r: Reader) -> str:
    raw = r.raw(r.u16())
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Malformed("bad UTF-8") from e


def decode_plaintext(data: bytes) -> dict[str, Any]:
    """A padded plaintext as named fields; raises Malformed where the spec says the recipient ignores it."""
    if len(data) % BLOCK or not 0 < len(data) <= MAX_PLAINTEXT:
        raise Malformed("plaintext size")
    r = Reader(data)
    kind = r.u8()
    if kind not in MESSAGE_KINDS:
        raise Malformed("unknown message kind")
    m: dict[str, Any] = {"kind": MESSAGE_KINDS[kind]}
    if kind == 1:
        m["report_id"] = r.raw(16).hex()
        m["shop"], m["contact"], m["text"] = r.str8(), r.str8(), _str16(r)
        if not (1 <= len(m["shop"].encode()) <= 64 and 1 <= len(m["contact"].encode()) <= 128):
            raise Malformed("shop or contact length")
    else:
        m["in_reply_to"] = r.raw(16).hex()
        answer = r.u8()
        if answer not in CONTACT_ANSWERS:
            raise Malformed("answer")
        m["answer"] = CONTACT_ANSWERS[answer]
        m["shop"], m["contact"], m["text"] = r.str8(), r.str8(), _str16(r)
        least = 1 if answer == 1 else 0
        if not (least <= len(m["shop"].encode()) <= 64 and least <= len(m["contact"].encode()) <= 128):
            raise Malformed("shop or contact length")
        count = r.u8()
        if count > 8 or (answer == 2 and count):
            raise Malformed("damage count")
        m["damage"] = []
        for _ in range(count):
            d: dict[str, Any] = {"report_id": r.raw(16).hex()}
            category = r.u8()
            if category not in log.CATEGORIES:
                raise Malformed("category")
            d["category"], d["amount_yen"], d["paid_yen"], incident = log.CATEGORIES[category], r.u64(), r.u64(), r.u32()
            steps = [(r.u8(), r.u32()) for _ in range(r.u8())]
            if d["amount_yen"] > 1_000_000_000 or d["paid_yen"] > d["amount_yen"] or incident > MAX_DAY:
                raise Malformed("amount or day")
            if any(s not in STAGES or day > MAX_DAY for s, day in steps) or any(a[0] >= b[0] for a, b in zip(steps, steps[1:])):
                raise Malformed("steps")
            d["incident"] = log.day_to_iso(incident)
            d["steps"] = [{"stage": STAGES[s], "day": log.day_to_iso(day)} for s, day in steps]
            m["damage"].append(d)
    if len(m["text"].encode()) > 1000:
        raise Malformed("text length")
    if _has_control(m["shop"], False) or _has_control(m["contact"], False) or _has_control(m["text"], True):
        raise Malformed("a control character")
    rest = r.raw(r.remaining)
    if any(rest) or len(rest) >= BLOCK:
        raise Malformed("padding")
    return m


def open_message(fields: dict[str, Any], sender: bytes, me: bytes, key: X25519PrivateKey) -> tuple[bytes, dict[str, Any] | None] | None:
    """(plaintext, message) of a `sealed_message` body (decoded fields) addressed to `me`: message is
    None when the plaintext does not decode; None altogether when it is not for `me` or does not open."""
    if bytes.fromhex(fields["to"]) != me:
        return None
    aad = sender + bytes.fromhex(fields["id"]) + me
    try:
        plain = sealing.open_base(key, bytes.fromhex(fields["enc"]), INFO, aad, bytes.fromhex(fields["ciphertext"]))
    except (InvalidTag, ValueError):
        return None
    try:
        return plain, decode_plaintext(plain)
    except Malformed:
        return plain, None
